/**
 * Property tests over random scenario documents (src/core/testing/scenario-docs/):
 * valid ones load, compile for every variant and setting, and explore exactly like an
 * independent reference interpreter of the same model; invalid ones (one named mutation each)
 * are rejected with a problem placed on the mutated text. Known loader and compiler bugs are
 * kept as `it.fails` cases until they are fixed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore } from '../explorer.ts';
import { replay } from '../replay.ts';
import { checkProperty } from '../testing/check.ts';
import {
  allSettings,
  defaultSetting,
  evalConst,
  invalidDocArb,
  paramInput,
  Reference,
  referenceExplore,
  validDocArb,
  type GeneratedDoc,
  type InvalidDoc,
  type KnownBug,
  type ModelGen,
  type Setting,
} from '../testing/scenario-docs/index.ts';
import type { State } from '../engine.ts';
import { compileScenario, ModelError, type CompiledScenario } from './compile.ts';
import type { ScenarioDoc } from './document.ts';
import { formatProblems, parseScenarioText, type LoadResult, type PlacedProblem } from './load.ts';

const tally = new Map<string, number>();
const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);

function loadOk(d: { text: string }): ScenarioDoc {
  const r = parseScenarioText(d.text, 'gen.yaml');
  if (!r.ok) throw new Error(`a valid document does not load:\n${formatProblems(r.problems)}`);
  return r.doc;
}

/** The label a step should show in setting `s`: the first alternative whose `when` holds. */
function expectedLabel(
  m: ModelGen,
  s: Setting,
  label: ModelGen['tasks'][number]['steps'][number]['label'],
  bind: Record<string, number>,
): string {
  if (typeof label === 'string') return label;
  return label.find((alt) => alt.when === undefined || evalConst(m, s, alt.when, bind) !== 0)!.text;
}

/**
 * Every complete schedule of the compiled scenario, one by one (no deduplication), through the
 * engine's isEnabled / apply / finalMask only; undefined past `budget` schedules. Separates an
 * explorer bug (explorer ≠ this) from a compiler bug (this ≠ the reference).
 */
function engineSchedules(
  sc: CompiledScenario,
  budget: number,
): { schedules: bigint; with: Record<string, bigint> } | undefined {
  let schedules = 0;
  const w: Record<string, bigint> = Object.fromEntries(sc.outcomeNames.map((o) => [o, 0n]));
  const walk = (s: State): boolean => {
    let moved = false;
    for (const t of sc.tasks) {
      if (!sc.isEnabled(s, t.id)) continue;
      moved = true;
      if (!walk(sc.apply(s, t.id))) return false;
    }
    if (!moved) {
      if (++schedules > budget) return false;
      const mask = sc.finalMask(s);
      sc.outcomeNames.forEach((o, i) => {
        if (mask & (1 << i)) w[o]++;
      });
    }
    return true;
  };
  return walk(sc.initial) ? { schedules: BigInt(schedules), with: w } : undefined;
}

/** The compiled instance of setting `s` explores exactly like the reference interpreter. */
function sameAsReference(doc: ScenarioDoc, m: ModelGen, s: Setting): void {
  const scenario = compileScenario(doc, paramInput(m, s));
  const ref = new Reference(m, s);
  expect(scenario.tasks.map((t) => t.key)).toEqual(ref.insts.map((i) => i.key));
  for (const inst of ref.insts) {
    for (const st of inst.steps) {
      const def = scenario.steps.get(st.id);
      expect(def?.task, `step ${st.id}`).toBe(inst.ordinal + 1);
      const bind = inst.task.familyVar ? { [inst.task.familyVar]: inst.index } : {};
      expect(def?.label).toBe(expectedLabel(m, s, st.step.label, bind));
    }
  }
  expect(scenario.steps.size).toBe(ref.insts.reduce((a, i) => a + i.steps.length, 0));

  const reference = referenceExplore(ref);
  if (!reference.ok) {
    // Releasing a lock the task does not hold is a model error: exploring reports it.
    count('model error (deliberate)');
    let error: unknown;
    try {
      explore(scenario);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/releases .*, which task .* does not hold/);
    return;
  }
  const r = explore(scenario);
  if (!r.ok) throw new Error(r.problem.message);
  const got = r.exploration.summary;
  const want = reference.summary;
  const engine = engineSchedules(scenario, 20_000);
  if (engine) {
    expect(
      { schedules: got.completeSchedules, with: got.schedulesWith },
      'the explorer against every schedule of the compiled engine',
    ).toEqual(engine);
  }
  expect({
    states: got.reachableStates,
    transitions: got.transitions,
    terminals: got.terminalStates,
    schedules: got.completeSchedules,
    with: got.schedulesWith,
  }).toEqual({
    states: want.states,
    transitions: want.transitions,
    terminals: want.terminals,
    schedules: want.schedules,
    with: want.with,
  });
  if (want.enumerated) {
    count('counts checked by enumerating every schedule');
    expect(want.enumerated.schedules).toBe(Number(want.schedules));
    for (const [o, n] of Object.entries(want.enumerated.with)) expect(BigInt(n)).toBe(want.with[o]);
  } else count('counts checked by the memoised reference only');

  // Shortest witnesses: as short as the reference's, and replaying one reproduces its outcome.
  expect(Object.keys(got.shortestWitness).sort()).toEqual(Object.keys(want.witnessLength).sort());
  for (const [o, witness] of Object.entries(got.shortestWitness)) {
    count('witnesses replayed');
    expect(witness.length, `witness of ${o}`).toBe(want.witnessLength[o]);
    const t = replay(scenario, witness);
    if (!t.ok) throw new Error(`witness of ${o} does not replay: ${t.problem.message}`);
    const kind = m.outcomes.find((x) => x.name === o)!.kind;
    if (kind === 'flag') {
      const last = t.trace.steps[t.trace.steps.length - 1];
      expect(last ? last.flagged : t.trace.initialFlagged).toContain(o);
    } else {
      expect(t.trace.complete).toBe(true);
      expect(t.trace.outcomes).toContain(o);
    }
  }
}

function checkValid(d: GeneratedDoc): void {
  const doc = loadOk(d);
  expect(doc).toEqual(d.json);
  const m = d.model;
  for (const s of allSettings(m)) compileScenario(doc, paramInput(m, s));
  const settings = m.variants.map((v) => defaultSetting(m, v.id));
  if (m.nMax !== m.nDefault) settings.push({ ...defaultSetting(m), n: m.nMax });
  for (const s of settings) sameAsReference(doc, m, s);
  count('valid documents');
}

const matches = (p: PlacedProblem, d: InvalidDoc): boolean => {
  const e = d.expect;
  if (e.where !== undefined && p.where !== e.where) return false;
  return e.kind === 'point'
    ? p.line === e.pos.line && p.column === e.pos.col
    : p.line >= e.from && p.line <= e.to;
};

function checkInvalid(d: InvalidDoc): void {
  let r: LoadResult | undefined;
  expect(() => (r = parseScenarioText(d.text, 'bad.yaml'))).not.toThrow();
  if (!r || r.ok) throw new Error(`${d.mutation}: ${d.describe}, yet the document loads`);
  expect(r.problems.length).toBeGreaterThan(0);
  for (const p of r.problems) {
    expect(p.message.trim()).not.toBe('');
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
  }
  if (!r.problems.some((p) => matches(p, d))) {
    const e = d.expect;
    const want = e.kind === 'point' ? `${e.pos.line}:${e.pos.col}` : `a line in ${e.from}..${e.to}`;
    throw new Error(
      `${d.mutation}: ${d.describe}; expected a problem at ${want}` +
        `${e.where ? ` (at ${e.where})` : ''}, got:\n${formatProblems(r.problems)}`,
    );
  }
  count(`mutation ${d.mutation}`);
}

describe('random scenario documents', () => {
  it('valid documents load, compile for every variant and explore like the reference', () => {
    tally.clear();
    checkProperty('valid scenario documents', fc.property(validDocArb(), checkValid), 200);
    console.log(Object.fromEntries(tally));
  }, 60_000);

  it('invalid documents give a problem placed on the mutated text', () => {
    tally.clear();
    checkProperty('invalid scenario documents', fc.property(invalidDocArb(), checkInvalid), 500);
    console.log(Object.fromEntries(tally));
  }, 60_000);
});

/**
 * Each of these asserts the correct behaviour on the one kind of document that hits a bug, so it
 * fails today; when the bug is fixed, vitest reports the `it.fails` as failing: move its mutation
 * from BUG_MUTATIONS to FIXED_MUTATIONS (scenario-docs/mutations.ts) and delete the case.
 */
describe('known bugs (it.fails until fixed)', () => {
  const bugRuns = 15;
  const bugProperty = (bug: KnownBug) => () =>
    checkProperty(`known bug ${bug}`, fc.property(invalidDocArb({ bug }), checkInvalid), bugRuns);
  const timeout = 30_000;

  // sourceOffset() walks a double-quoted scalar one source character per value character, so
  // every escape (\n, \") before the error shifts the column one to the left.
  it.fails(
    'BUG escaped-string-offset: positions drift after an escape in a double-quoted string',
    bugProperty('escaped-string-offset'),
    timeout,
  );

  // "unexpected end of text" sits after the final newline of a `|` block; sourceOffset() walks
  // past that newline onto the next key's line.
  it.fails(
    'BUG end-of-block-next-line: an error at the end of a | block is placed on the next line',
    bugProperty('end-of-block-next-line'),
    timeout,
  );
});

/**
 * Compiler bugs the random documents found, now fixed. Each case is the smallest document that
 * hit its bug; the generator draws such models again (its option in DEFAULT_OPTIONS,
 * scenario-docs/draw.ts). The loader bugs field-bound-at-line-1, param-error-at-first-param and
 * flags-init-partial-group are fixed too: their mutations run with the others.
 */
describe('fixed compiler bugs', () => {
  // lower.ts's pcin with no codes: at(t, s) where every listed step was absent from the variant
  // (its `when` is false) crashed closures.ts (new Uint8Array(Math.max() + 1)), reported at 1:1.
  // DEFAULT_OPTIONS.atAbsentSteps.
  it('at-absent-steps: at() naming only steps the variant lacks compiles and explores', () => {
    const text = `format: 1
id: at-absent
version: 1
title: at() of an absent step
summary: t1_a exists only when n > 1.
parameters:
  - { name: n, type: int, min: 1, max: 2, default: 1, label: N }
variants:
  default: va
  list:
    - { id: va, title: A, description: D }
state:
  - { name: x, type: int, min: 0, max: 1, init: 0 }
tasks:
  - id: "1"
    ref: t1
    name: T
    steps:
      - { id: t1_a, when: "n > 1", label: A, explain: E, next: t1_b }
      - { id: t1_b, label: B, explain: E, do: "x = at(t1, t1_a) ? 1 : 0", next: done }
outcomes:
  - { name: CLEAN, builtin: clean, description: D }
`;
    const doc = loadOk({ text });
    const r = explore(compileScenario(doc));
    expect(r.ok && r.exploration.summary.completeSchedules).toBe(1n);
  });

  // docs/scenario-format.md 3.7: "Taking a lock the task already holds blocks it for good (a
  // self-deadlock). Locks are not recursive." compile.ts let a reader take its rwsem for reading
  // again (canAcquire for read only checked the writer). DEFAULT_OPTIONS.readTwice.
  it('rwsem-read-twice: a task that reads an rwsem blocks taking it for reading again', () => {
    const text = `format: 1
id: read-twice
version: 1
title: A reader takes its rwsem again
summary: Locks are not recursive.
variants:
  default: va
  list:
    - { id: va, title: A, description: D }
locks:
  - { name: sem, kind: rwsem }
tasks:
  - id: "1"
    ref: t1
    name: T
    steps:
      - { id: t1_a, label: A, explain: E, acquire: sem read, next: t1_b }
      - { id: t1_b, label: B, explain: E, acquire: sem read, next: done }
outcomes:
  - { name: DEADLOCK, bad: true, builtin: deadlock, description: D }
  - { name: CLEAN, builtin: clean, description: D }
`;
    const r = explore(compileScenario(loadOk({ text })));
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.exploration.summary.schedulesWith).toEqual({ DEADLOCK: 1n, CLEAN: 0n });
  });

  // compile.ts's taskFamilies.codesOf / done used the first member's steps (insts[0]) for every
  // member, so at(t1[2], s) tested member 2's pc against member 1's codes when `when` depends on
  // the family index. DEFAULT_OPTIONS.familyWhen.
  it("at-family-member: at(t[k], step) reads member k's own program points", () => {
    const text = `format: 1
id: at-family
version: 1
title: at() on a family member
summary: Member 2 has a step member 1 does not have.
parameters:
  - { name: n, type: int, min: 1, max: 2, default: 2, label: N }
variants:
  default: va
  list:
    - { id: va, title: A, description: D }
state:
  - { name: seen, type: bool, init: false }
tasks:
  - id: "1"
    ref: t1
    for: i in 1..n
    name: Family
    steps:
      - { id: t1_a, when: "i == 2", label: A, explain: E, next: t1_b }
      - { id: t1_b, label: B, explain: E, next: done }
  - id: "2"
    ref: t2
    name: Watcher
    steps:
      - { id: t2_a, label: W, explain: E, do: "seen = at(t1[2], t1_b)", next: done }
outcomes:
  - { name: SEEN, bad: true, flag: seen, description: t2 saw task 1.2 at t1_b }
  - { name: CLEAN, builtin: clean, description: D }
`;
    const doc = loadOk({ text });
    const r = explore(compileScenario(doc));
    if (!r.ok) throw new Error(r.problem.message);
    // Task 1.2 starts at t1_a: t2 can see it at t1_b only after t1_a has run.
    expect(r.exploration.summary.shortestWitness.SEEN).toEqual(['t1_a.2', 't2_a']);
  });
});
