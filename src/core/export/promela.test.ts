/**
 * The Promela export against Spin itself: for every built-in scenario, every variant and the
 * small parameter settings, Spin's `states, stored` must equal the explorer's reachable states
 * with no errors, and each outcome's assertion switch must report an error exactly when the
 * explorer finds that outcome in some complete schedule. A toy scenario covers what the
 * built-ins may not (a deadlock, final predicates, a flag that is cleared again, a mutex, an
 * rwsem taken for writing, a guard, a run-time index and branch, a short and a flags field).
 *
 * Needs spin and gcc (scripts/ensure-tools.sh installs them). Without them the suite fails; it
 * never skips. Compiling pan dominates the run time, so each model is compiled once per switch
 * setting and no more: the plain model with -O2 (the command the file header gives), the
 * assertion switches with -O0 (only whether an error is found matters there, and -O0 compiles
 * four times faster), the outcomes the explorer does not find all in one compile (see check()).
 * At most as many spin/gcc/pan pipelines run at once as there are CPUs.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explore, type ExploreSummary } from '../explorer.ts';
import { builtinLibrary } from '../scenario/builtin.ts';
import type { CompiledScenario } from '../scenario/compile.ts';
import type { ScenarioDoc } from '../scenario/document.ts';
import { createLibrary, type Library } from '../scenario/library.ts';
import { formatProblems, parseScenarioText } from '../scenario/load.ts';
import type { ParamInput } from '../scenario/params.ts';
import { exportPromela, promelaChecks } from './promela.ts';

const TIMEOUT = 600_000;
const PAN_FLAGS = ['-DSAFETY', '-DNOCLAIM', '-DNOREDUCE'];

interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

function run(cmd: string, args: readonly string[], cwd?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) {
        const e = error as NodeJS.ErrnoException;
        const what =
          e.code === 'ENOENT'
            ? `${cmd} is not installed (or not on PATH)`
            : `${cmd} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`;
        reject(new Error(what));
      } else resolve({ stdout, stderr });
    });
  });
}

/** At most `n` tasks at a time. */
function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
const pipelines = limiter(Math.max(1, availableParallelism()));

/** spin and gcc, checked once: a missing tool fails every test with the same message. */
const tools: Promise<void> = (async () => {
  try {
    await run('spin', ['-V']);
    await run('gcc', ['--version']);
  } catch (e) {
    throw new Error(
      `${(e as Error).message.split('\n')[0]}. The Promela export is checked against Spin: ` +
        'run `bash scripts/ensure-tools.sh` (it installs Debian\u2019s spin and gcc), then rerun.',
      { cause: e },
    );
  }
})();
tools.catch(() => {}); // reported by the tests that await it

interface PanResult {
  readonly stored: number;
  readonly errors: number;
  readonly output: string;
  /** Where spin and gcc ran (pan.h is there). */
  readonly dir: string;
}

let runs = 0;

/** Translates, compiles and runs one model in `dir`; `defines` go to spin's preprocessor. */
async function pan(
  dir: string,
  model: string,
  defines: readonly string[],
  opt: '-O2' | '-O0',
  spinFlags: readonly string[] = [],
): Promise<PanResult> {
  const sub = join(dir, `${runs++}`);
  await mkdir(sub, { recursive: true });
  await writeFile(join(sub, 'model.pml'), model);
  return pipelines(async () => {
    await run('spin', [...spinFlags, ...defines.map((d) => `-D${d}`), '-a', 'model.pml'], sub);
    await run('gcc', [opt, ...PAN_FLAGS, '-o', 'pan', 'pan.c'], sub);
    const { stdout } = await run('./pan', ['-m1000000', '-E'], sub);
    const stored = /(\d+) states, stored/.exec(stdout);
    const errors = /errors: (\d+)/.exec(stdout);
    if (!stored || !errors) throw new Error(`unexpected pan output:\n${stdout}`);
    return { stored: Number(stored[1]), errors: Number(errors[1]), output: stdout, dir: sub };
  });
}

interface Case {
  readonly lib: Library;
  readonly id: string;
  readonly variant: string;
  readonly params: ParamInput;
}

/**
 * The settings to check for a document: `processes` (when declared) from its minimum up to 2
 * with every other parameter at its default, and at the minimum each bool flipped and each other
 * enum word on its own. Integer parameters other than `processes` stay at their defaults.
 */
function settingsOf(doc: ScenarioDoc): ParamInput[] {
  const params = doc.parameters ?? [];
  const proc = params.find((p) => p.name === 'processes' && p.type === 'int');
  const lo = proc && typeof proc.min === 'number' ? proc.min : undefined;
  const hi = proc && typeof proc.max === 'number' ? Math.min(2, proc.max) : undefined;
  const base: ParamInput[] = [];
  if (lo !== undefined && hi !== undefined) {
    for (let n = lo; n <= hi; n++) base.push({ processes: n });
  } else base.push({});
  const low = base[0];
  const out = [...base];
  for (const p of params) {
    if (p.type === 'bool') out.push({ ...low, [p.name]: !p.default });
    if (p.type === 'enum') {
      for (const w of p.values ?? []) if (w !== p.default) out.push({ ...low, [p.name]: w });
    }
  }
  return out;
}

const casesOf = (lib: Library): Case[] =>
  lib.ids.flatMap((id) => {
    const doc = lib.doc(id)!;
    return settingsOf(doc).flatMap((params) =>
      doc.variants.list.map((v) => ({ lib, id, variant: v.id, params })),
    );
  });

const labelOf = (c: Case) =>
  `${c.id} ${c.variant}${Object.entries(c.params)
    .map(([k, v]) => ` ${k}=${String(v)}`)
    .join('')}`;

/** Agreement rows, printed as a table when the suite ends. */
const rows: { order: number; text: string }[] = [];
const started = performance.now();

/** Runs the plain model and every switch; checks and records the agreement. */
async function check(c: Case, order: number): Promise<void> {
  await tools;
  const scenario: CompiledScenario = c.lib.instance(c.id, { ...c.params, variant: c.variant });
  const r = explore(scenario);
  if (!r.ok) throw new Error(r.problem.message);
  const summary: ExploreSummary = r.exploration.summary;
  const model = exportPromela(scenario);
  const checks = promelaChecks(scenario);
  const dir = await mkdtemp(join(tmpdir(), 'interleave-spin-'));
  try {
    // An outcome the explorer finds gets a compile of its own: its switch must report an error.
    // The ones it does not find share one compile with all their switches on, which must report
    // none. That is the same verdict as one compile each: the checks only read the state (the
    // terminal check is a self-loop), so every setting explores the same states, and with no
    // error in the shared run no single assertion can fail anywhere. If the shared run does
    // fail, each switch is rerun alone to name the culprit.
    const found = checks.filter((ch) => (summary.schedulesWith[ch.outcome] ?? 0n) > 0n);
    const absent = checks.filter((ch) => !found.includes(ch));
    const [plain, shared, ...alone] = await Promise.all([
      pan(dir, model, [], '-O2'),
      absent.length
        ? pan(
            dir,
            model,
            absent.map((ch) => ch.switch),
            '-O0',
          )
        : undefined,
      ...found.map((ch) => pan(dir, model, [ch.switch], '-O0')),
    ]);
    const verdicts = await Promise.all(
      checks.map(async (ch) => {
        const ours = summary.schedulesWith[ch.outcome] ?? 0n;
        let res = found.includes(ch) ? alone[found.indexOf(ch)] : shared!;
        if (!found.includes(ch) && res.errors > 0) res = await pan(dir, model, [ch.switch], '-O0');
        return { ...ch, ours, fired: res.errors > 0, output: res.output };
      }),
    );
    rows.push({
      order,
      text:
        `| ${labelOf(c)} | ${summary.reachableStates} | ${plain.stored} | ${plain.errors} | ` +
        verdicts
          .map((v) => `${v.outcome} ${v.ours > 0n ? 'yes' : 'no'}/${v.fired ? 'fires' : 'silent'}`)
          .join(', ') +
        ' |',
    });
    expect(plain.errors, plain.output).toBe(0);
    expect(plain.stored, 'Spin states stored vs reachable states').toBe(summary.reachableStates);
    for (const v of verdicts) {
      expect(v.fired, `${v.switch}: explorer has ${v.ours} schedules\n${v.output}`).toBe(
        v.ours > 0n,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const TOY = `
format: 1
id: export-toy
version: 1
title: A toy for the Promela export
summary: Two tasks, a mutex, a spinlock and an rwsem, with every kind of outcome.
variants:
  default: abba
  features:
    inverted: Task 2 takes the two locks in the opposite order.
  list:
    - { id: abba, title: ABBA, description: Opposite lock order., features: { inverted: true } }
    - { id: ordered, title: Ordered, description: The same lock order., features: { inverted: false } }
constants: { BIT_A: 1, BIT_B: 6 }
locks:
  - { name: la, kind: mutex }
  - { name: lb, kind: spinlock }
  - { name: sem, kind: rwsem }
state:
  - { name: count, type: int, min: -2, max: 300, init: 0 }
  - { name: cell, for: i in 1..2, type: int, min: -3, max: 3, init: i }
  - { name: mode, type: enum, values: [idle, busy, over], init: idle }
  - { name: bits, type: flags, bits: { BIT_A: 1, BIT_B: 6 }, init: 0 }
  - { name: warn, type: bool, init: false }
  - { name: hit, type: bool, init: false }
  - { name: big, type: bool, init: false }
  - { name: glitch, type: bool, init: false }
  - { name: scratch, type: int, min: 0, max: 3, init: 0, live: "at(ta, a_use)" }
tasks:
  - id: "1"
    ref: ta
    name: Task 1
    steps:
      - { id: a_first, label: lock a, explain: Takes la., acquire: la, next: a_second }
      - id: a_second
        label: lock b
        explain: Takes lb and bumps the counter.
        acquire: lb
        do: |
          count += 150
          scratch = 2
          glitch = true
          if (count > 140) big = true
        next: a_use
      - id: a_use
        label: use
        explain: Picks a cell at run time.
        do: |
          glitch = false
          let k = count > 149 ? 2 : 1
          cell[k] = cell[k] - 4 + scratch
          if (cell[k] < 0) warn = true
          if (holds(la)) mode = busy
        next: "a_loop[count > 149 ? 2 : 1]"
      - id: a_loop
        for: j in 1..2
        label: loop
        explain: Ends the round.
        release: [lb, la]
        do: hit = cell[j] == 0
        next: done
  - id: "2"
    ref: tb
    name: Task 2
    may_stop_at: [b_park]
    steps:
      - id: b_read
        label: down_read
        explain: Reads under sem.
        acquire: sem read
        do: if (holds(sem, read)) bits |= BIT_A
        next: b_unread
      - { id: b_unread, label: up_read, explain: Drops sem., release: sem, next: b_first }
      - { id: b_first, when: inverted, label: lock b, explain: Takes lb first., acquire: lb, next: b_second }
      - { id: b_first, when: "!inverted", label: lock a, explain: Takes la first., acquire: la, next: b_second }
      - { id: b_second, when: inverted, label: lock a, explain: Then la., acquire: la, next: b_body }
      - { id: b_second, when: "!inverted", label: lock b, explain: Then lb., acquire: lb, next: b_body }
      - id: b_body
        label: body
        explain: Works under both locks.
        release: [la, lb]
        do: |
          count -= 1
          mode = over
        next: b_write
      - { id: b_write, label: down_write, explain: Writes under sem., acquire: sem write, do: "bits = bits | BIT_B", next: b_wunlock }
      - { id: b_wunlock, label: up_write, explain: Drops sem., release: sem, next: b_park }
      - { id: b_park, label: wait for hit, explain: Waits until task 1 hit zero., guard: hit, waits_for: a hit, next: b_clear }
      - { id: b_clear, label: clear, explain: Clears the warning., do: warn = false, next: done }
outcomes:
  - { name: DEADLOCK, bad: true, builtin: deadlock, description: Stuck. }
  - { name: WARN, bad: true, flag: warn, description: A warning is left set. }
  - { name: BIG, bad: true, flag: big, description: The counter went past 140. }
  - { name: HIT, bad: false, flag: hit, description: Task 1 hit zero. }
  - { name: TOTAL, bad: true, final: "finished && count == 149", description: Both tasks ran to the end. }
  - { name: GLITCH, bad: true, flag: glitch, description: Set for one step only and never at the end. }
  - { name: NEVER, bad: true, final: "finished && count == 7", description: Cannot happen. }
  - { name: CLEAN, builtin: clean, description: None of the above. }
`;

function toyLibrary(): Library {
  const r = parseScenarioText(TOY, 'export-toy.yaml');
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return createLibrary([r.doc]);
}

describe.concurrent('the Promela export agrees with Spin', () => {
  it('finds spin and gcc', async () => {
    await tools;
  });

  const builtin = casesOf(builtinLibrary());
  const toy = casesOf(toyLibrary());
  it('covers every built-in scenario and variant', () => {
    const lib = builtinLibrary();
    for (const id of lib.ids) {
      for (const v of lib.doc(id)!.variants.list) {
        expect(builtin.some((c) => c.id === id && c.variant === v.id)).toBe(true);
      }
    }
  });

  [...builtin, ...toy].forEach((c, i) => {
    it(labelOf(c), () => check(c, i), TIMEOUT);
  });

  it.each([
    ['ksm-exit-race', 'a_vma_iter', true],
    ['ksm-exit-race', 'b_early_check', false],
  ] as const)(
    'assertBad: %s %s fails iff a bad outcome is reachable (%s)',
    async (id, variant, bad) => {
      await tools;
      const lib = builtinLibrary();
      const scenario = lib.instance(id, { variant, processes: 1 });
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      const reachable = scenario.badOutcomes.some(
        (o) => (r.exploration.summary.schedulesWith[o] ?? 0n) > 0n,
      );
      expect(reachable).toBe(bad);
      const dir = await mkdtemp(join(tmpdir(), 'interleave-spin-'));
      try {
        const res = await pan(dir, exportPromela(scenario, { assertBad: true }), [], '-O0');
        expect(res.errors > 0, res.output).toBe(bad);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

describe('the exported model with visible scratch variables', () => {
  it(
    'has the same states (spin -o2 -DVISIBLE_SCRATCH, as multi-core pan needs)',
    async () => {
      await tools;
      const scenario = builtinLibrary().instance('ksm-exit-race', {
        variant: 'a_vma_iter',
        processes: 2,
      });
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      const dir = await mkdtemp(join(tmpdir(), 'interleave-spin-'));
      try {
        const res = await pan(dir, exportPromela(scenario), ['VISIBLE_SCRATCH'], '-O0', ['-o2']);
        expect(res.errors, res.output).toBe(0);
        // pan -DNCORE and -DBFS refuse a model with any hidden variable.
        expect(await readFile(join(res.dir, 'pan.h'), 'utf8')).not.toMatch(/hidden variable/);
        expect(res.stored).toBe(r.exploration.summary.reachableStates);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

describe('the exported text', () => {
  const lib = builtinLibrary();
  const scenario = lib.instance('ksm-exit-race', { variant: 'a_vma_iter', processes: 2 });
  const text = exportPromela(scenario);

  it('names the scenario, variant, parameters, and every step with its label', () => {
    expect(text).toContain(`Interleave scenario ${scenario.id}`);
    expect(text).toContain(`variant ${scenario.variant}`);
    expect(text).toContain('processes=2');
    for (const def of scenario.steps.values()) {
      const line = text.split('\n').find((l) => l.includes(`/* ${def.id} \u2014`));
      expect(line, def.id).toBeDefined();
      expect(line).toContain(def.label.replace(/\s+/g, ' '));
    }
  });

  it('documents every outcome switch in its header, and CHECK_BAD', () => {
    const header = text.slice(0, text.indexOf('*/'));
    for (const c of promelaChecks(scenario)) expect(header).toContain(`-D${c.switch}`);
    expect(header).toContain('-DCHECK_BAD');
  });

  it('is deterministic', () => {
    expect(exportPromela(scenario)).toBe(text);
  });
});

afterAll(() => {
  if (rows.length === 0) return;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const table = rows
    .sort((a, b) => a.order - b.order)
    .map((r) => r.text)
    .join('\n');
  console.log(
    `Promela export vs Spin (${rows.length} models, ${seconds} s)\n` +
      '| instance | explorer states | Spin states stored | Spin errors | outcome: explorer/switch |\n' +
      '|---|--:|--:|--:|---|\n' +
      table,
  );
});
