/**
 * What a step reads and writes: exact sets for the e-mail's interleaving of ksm-exit-race
 * (spec ../shared/model/ksm-exit-race.md, sections 3 and 6), and properties on random feasible
 * schedules of the built-in scenarios and of random scenario documents: `runStep` lands where the
 * engine's `apply` does, its writes cover every change, its reads are all the step depends on
 * (changing any other field changes nothing the step computes), and both stay inside the static
 * sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { State, TaskId } from '../engine.ts';
import { replay } from '../replay.ts';
import { defaultSchedule } from '../schedule.ts';
import { checkProperty } from '../testing/check.ts';
import { builtinInstances, choiceWalk } from '../testing/instances.ts';
import { defaultSetting, paramInput, validDocArb } from '../testing/scenario-docs/index.ts';
import { runStep, staticAccess, type StaticAccess } from './access.ts';
import { builtinLibrary } from './builtin.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import type { ScenarioDoc } from './document.ts';

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('the e-mail interleaving of ksm-exit-race, variant a (spec 6)', () => {
  const scenario = builtinLibrary().instance('ksm-exit-race', { variant: 'a_vma_iter' });
  const r = replay(scenario, defaultSchedule(scenario));
  if (!r.ok) throw new Error(r.problem.message);
  const trace = r.trace;
  const runAt = (k: number) => runStep(scenario, trace.raw[k - 1], trace.steps[k - 1].task);

  it('t1_vma_first (step 20) reads the tree flags, the mm and the empty root, and splats', () => {
    expect(trace.steps[19].stepId).toBe('t1_vma_first');
    const run = runAt(20);
    // mt(): (mt_flags & LOCK_EXTERN) is 0, so `&&` stops before holds(); deref_mm reads
    // mm_freed; `vmas_populated && nodes_freed` stops at the false root, which the branch target
    // reads again (spec 3.1: empty tree → t1_remove_trailing).
    expect(run).toMatchObject({
      reads: ['mt_flags', 'mm_freed', 'vmas_populated'],
      writes: ['f_splat'],
      branchReads: ['vmas_populated'],
    });
  });

  it('t2_mt_destroy (step 16) reads the intact tree and clears root, nodes and flags', () => {
    expect(trace.steps[15].stepId).toBe('t2_mt_destroy');
    const run = runAt(16);
    // mt(t2) passes lockdep (0x301 and the write lock held) and finds live nodes.
    expect(sorted(run.reads)).toEqual(['mm_freed', 'mt_flags', 'nodes_freed', 'vmas_populated']);
    expect(sorted(run.writes)).toEqual(['mt_flags', 'nodes_freed', 'vmas_populated']);
    expect(run.branchReads).toEqual([]);
  });

  it('t2_unlock_mmlist (step 8) branches on k2, which then dies (a liveness reset)', () => {
    const run = runAt(8);
    expect(run).toMatchObject({ reads: ['k2'], writes: ['k2'], branchReads: ['k2'] });
  });

  it('static sets of t1_vma_first: every field mt(), deref_mm and deref_vma may touch', () => {
    const a = staticAccess(scenario, 't1_vma_first');
    expect(sorted(a.reads)).toEqual([
      'mm_freed',
      'mt_flags',
      'nodes_freed',
      'vma_freed',
      'vmas_populated',
    ]);
    expect(sorted(a.writes)).toEqual(['f_splat', 'f_uaf']);
    expect(a.resets).toEqual(['k2']);
  });

  it('a run-time index names every element of its field (2 processes)', () => {
    const two = builtinLibrary().instance('ksm-exit-race', { variant: 'a_vma_iter', processes: 2 });
    // list_move reads slot_listed[cursor]: the cursor is chosen at run time.
    const ids = [...two.steps.keys()].filter((id) =>
      staticAccess(two, id).reads.includes('cursor'),
    );
    expect(ids.length).toBeGreaterThan(0);
    const reads = new Set(ids.flatMap((id) => staticAccess(two, id).reads));
    expect(reads.has('slot_listed.1') && reads.has('slot_listed.2')).toBe(true);
  });
});

const INSTANCES = builtinInstances();

/**
 * The states and tasks of a random feasible schedule, to the end or the first model error; the
 * last entry is then the step the engine refuses (checked below).
 */
function randomWalk(
  scenario: CompiledScenario,
  choices: readonly number[],
): { s: State; task: TaskId }[] {
  const walk = choiceWalk(scenario, choices);
  return walk.refused ? [...walk.steps, walk.refused] : [...walk.steps];
}

const staticOf = new WeakMap<CompiledScenario, Map<string, StaticAccess>>();

/** `staticAccess`, once per step of an instance. */
function staticAt(scenario: CompiledScenario, id: string): StaticAccess {
  let m = staticOf.get(scenario);
  if (!m) staticOf.set(scenario, (m = new Map()));
  let a = m.get(id);
  if (!a) m.set(id, (a = staticAccess(scenario, id)));
  return a;
}

/** Checks every step of a random walk of `scenario`: what is wrong, in words (none: []). */
function checkWalk(scenario: CompiledScenario, choices: readonly number[]): string[] {
  const { fields } = scenario.lowered;
  const live = new Set(fields.filter((f) => f.live !== undefined).map((f) => f.slot));
  const wrong: string[] = [];
  for (const { s, task } of randomWalk(scenario, choices)) {
    let want: State;
    try {
      want = scenario.apply(s, task);
    } catch (e) {
      // A step the engine rejects (a model error) is rejected here too, with the same words.
      expect(() => runStep(scenario, s, task)).toThrow((e as Error).message);
      return wrong;
    }
    const run = runStep(scenario, s, task);
    const id = scenario.pcOf(s, task);
    expect(run.state, id).toEqual(want);

    const st = staticAt(scenario, id);
    for (const f of fields) {
      if (s[f.slot] !== want[f.slot] && !run.writes.includes(f.name))
        wrong.push(`${id} changed ${f.name} but does not write it`);
    }
    for (const f of run.reads)
      if (!st.reads.includes(f)) wrong.push(`${id}: ${f} read, not static`);
    for (const f of run.writes) {
      if (!st.writes.includes(f) && !st.resets.includes(f))
        wrong.push(`${id}: ${f} written, not static`);
    }
    for (const f of run.branchReads)
      if (!run.reads.includes(f)) wrong.push(`${id}: branch read ${f} is no read`);

    // Reads are complete: change one field the step did not read, and everything the step
    // computed stays the same. (Liveness resets read predicates that are not the step's reads.)
    const unread = fields.filter((f) => !run.reads.includes(f.name) && !live.has(f.slot));
    if (unread.length === 0) continue;
    const f = unread[choices[0] % unread.length];
    // One step up, or down where up leaves the field's range (the engine checks every field's
    // range after a step, read or not, so such a state is not one it can be in).
    let moved: State | undefined;
    let got: State | undefined;
    for (const d of [1, -1]) {
      const m = s.slice();
      m[f.slot] = s[f.slot] + d;
      try {
        got = scenario.apply(m, task);
        moved = m;
        break;
      } catch {
        continue;
      }
    }
    if (moved === undefined || got === undefined) continue;
    for (let i = 0; i < want.length; i++) {
      if (i !== f.slot && !live.has(i) && got[i] !== want[i])
        wrong.push(`${id}: ${f.name} unread, yet slot ${i} differs`);
    }
    if (!run.writes.includes(f.name) && got[f.slot] !== moved[f.slot])
      wrong.push(`${id}: ${f.name} unwritten, yet changed`);
  }
  return wrong;
}

const choicesArb = fc.array(fc.nat(), { minLength: 1, maxLength: 80, size: 'max' });

describe('runStep on random feasible schedules', () => {
  it('built-in scenarios: same state as the engine, writes ⊇ changes, reads complete', () => {
    checkProperty(
      'runStep = apply (built-in)',
      fc.property(fc.nat({ max: INSTANCES.length - 1 }), choicesArb, (i, choices) => {
        expect(checkWalk(INSTANCES[i], choices)).toEqual([]);
      }),
      300,
    );
  }, 30_000);

  it('random scenario documents: the same', () => {
    checkProperty(
      'runStep = apply (documents)',
      fc.property(validDocArb(), choicesArb, (d, choices) => {
        // `json` is the document as loaded (documents.test.ts checks that).
        const scenario = compileScenario(
          d.json as ScenarioDoc,
          paramInput(d.model, defaultSetting(d.model)),
        );
        expect(checkWalk(scenario, choices)).toEqual([]);
      }),
      150,
    );
  }, 60_000);
});
