/**
 * The causal chain and race window: exact for the e-mail's interleaving of ksm-exit-race (spec
 * ../shared/model/ksm-exit-race.md, sections 3 and 6), what a deadlock gives (ksm-oom-deadlock),
 * and properties on random feasible schedules of the built-in scenarios and of random scenario
 * documents, checked against the trace's own states and against `runStep`'s reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  causalChain,
  formatChange,
  formatEdge,
  stepChanges,
  type CausalChain,
} from './causality.ts';
import type { TaskId } from './engine.ts';
import { explore } from './explorer.ts';
import { replay, type Trace } from './replay.ts';
import { runStep } from './scenario/access.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import { compileScenario, type CompiledScenario } from './scenario/compile.ts';
import type { ScenarioDoc } from './scenario/document.ts';
import { defaultSchedule } from './schedule.ts';
import { checkProperty } from './testing/check.ts';
import { builtinInstances, choiceWalk } from './testing/instances.ts';
import { defaultSetting, paramInput, validDocArb } from './testing/scenario-docs/index.ts';

function traceOf(scenario: CompiledScenario, schedule: readonly TaskId[] | readonly string[]) {
  const r = replay(scenario, schedule);
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace;
}

function defaultTrace(id: string, variant: string) {
  const scenario = builtinLibrary().instance(id, { variant });
  return { scenario, trace: traceOf(scenario, defaultSchedule(scenario)) };
}

describe('the e-mail interleaving of ksm-exit-race, variant a (spec 6)', () => {
  const { scenario, trace } = defaultTrace('ksm-exit-race', 'a_vma_iter');
  const id = (k: number) => trace.steps[k - 1].stepId;

  it('step 16 (__mt_destroy) changed the tree root, its nodes and its flags', () => {
    expect(id(16)).toBe('t2_mt_destroy');
    expect(stepChanges(trace, 16).map((c) => formatChange(scenario.doc, c))).toEqual([
      'mt_flags 0x301 → 0x0',
      'vmas_populated true → false',
      'nodes_freed false → true',
    ]);
    expect(stepChanges(trace, 5)).toEqual([]); // t2_ksm_exit_test only tests a bit
  });

  it('the splat at step 20 goes back to __mt_destroy at 16; the window is task 1, 3 → 20', () => {
    const chain = causalChain(scenario, trace, 'LOCKDEP_SPLAT')!;
    expect(chain.edges.map((e) => `${id(e.from)} → ${id(e.to)}`)).toEqual([
      't1_set_cursor → t1_unlock_mmlist',
      't1_set_cursor → t2_lookup_slot',
      't2_lookup_slot → t2_unlock_mmlist',
      't2_mt_destroy → t1_vma_first',
      't2_mt_destroy → t1_vma_first',
    ]);
    expect(chain).toEqual({
      outcome: 'LOCKDEP_SPLAT',
      step: 20,
      task: 1,
      edges: [
        // Task 1's loop test after spin_unlock (3.1) reads the cursor task 1 set: it enters the
        // loop and goes on to mmap_read_lock.
        { from: 2, to: 3, field: 'cursor', old: 0, new: 1 },
        // mm_slot_lookup() finds the slot at the cursor (2.3: "task 1 sets the cursor first"),
        // so task 2's decision is sync...
        { from: 2, to: 7, field: 'cursor', old: 0, new: 1 },
        // ...and the branch after spin_unlock takes the mmap_write_lock path (6: k2 = sync).
        { from: 7, to: 8, field: 'k2', old: 'unset', new: 'sync' },
        // The bug (6): __mt_destroy() sets mt->flags = 0; for_each_vma's mt() reads it, sees no
        // LOCK_EXTERN and splats.
        { from: 16, to: 20, field: 'mt_flags', old: 0x301, new: 0 },
        // And the walk finds the empty root (6: "t1_vma_first finds an empty tree").
        { from: 16, to: 20, field: 'vmas_populated', old: true, new: false },
      ],
      window: { task: 1, from: 3, to: 20 },
    });
    expect(formatEdge(scenario.doc, chain.edges[3])).toBe('mt_flags 0x301 → 0x0');
  });

  it('depth 1 keeps the firing step’s own reads and its task’s branch decisions', () => {
    const chain = causalChain(scenario, trace, 'LOCKDEP_SPLAT', { depth: 1 })!;
    expect(chain.edges.map((e) => `${e.from}→${e.to} ${e.field}`)).toEqual([
      '2→3 cursor',
      '16→20 mt_flags',
      '16→20 vmas_populated',
    ]);
    expect(chain.window).toEqual({ task: 1, from: 3, to: 20 });
  });

  it('with `initial`, reads of values no step changed come from 0', () => {
    const chain = causalChain(scenario, trace, 'LOCKDEP_SPLAT', { depth: 1, initial: true })!;
    // mt()'s deref_mm reads mm_freed, false from the start.
    expect(chain.edges).toContainEqual({
      from: 0,
      to: 20,
      field: 'mm_freed',
      old: false,
      new: false,
    });
  });

  it('no chain for an outcome that does not fire, nor in the fixed variant', () => {
    expect(causalChain(scenario, trace, 'USE_AFTER_FREE')).toBeUndefined();
    const fixed = defaultTrace('ksm-exit-race', 'b_early_check');
    expect(causalChain(fixed.scenario, fixed.trace, 'LOCKDEP_SPLAT')).toBeUndefined();
  });
});

describe('ksm-oom-deadlock', () => {
  it('a deadlock has no chain: no step fires it (its waits are timeline.ts’s blocked spans)', () => {
    for (const variant of ['a_mutex_in_ksm_exit', 'd_ksm_exit_in_mmput']) {
      const { scenario, trace } = defaultTrace('ksm-oom-deadlock', variant);
      expect(trace.outcomes).toEqual(['DEADLOCK']);
      expect(causalChain(scenario, trace, 'DEADLOCK')).toBeUndefined();
      for (const o of scenario.outcomeNames)
        expect(causalChain(scenario, trace, o)).toBeUndefined();
    }
  });

  it('each flag’s shortest witness fires at its last step, and the chain ends there', () => {
    let flags = 0;
    for (const v of builtinLibrary().doc('ksm-oom-deadlock')!.variants.list) {
      const scenario = builtinLibrary().instance('ksm-oom-deadlock', { variant: v.id });
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      for (const [o, witness] of Object.entries(r.exploration.summary.shortestWitness)) {
        const kind = scenario.lowered.outcomes.find((x) => x.name === o)!.kind;
        const chain = causalChain(scenario, traceOf(scenario, witness), o);
        if (kind !== 'flag') {
          expect(chain).toBeUndefined();
          continue;
        }
        flags++;
        expect(chain?.step).toBe(witness.length);
        expect(chain!.edges.length).toBeGreaterThan(0);
        expect(chain!.edges.some((e) => e.to === witness.length)).toBe(true);
      }
    }
    expect(flags).toBeGreaterThan(0);
  });
});

const INSTANCES = builtinInstances();

/** A feasible schedule picking among the enabled tasks by `choices`, to the end or a model error. */
function randomTrace(scenario: CompiledScenario, choices: readonly number[]): Trace {
  return traceOf(
    scenario,
    choiceWalk(scenario, choices).steps.map((st) => st.task),
  );
}

const tally = new Map<string, number>();
const count = (k: string, by = 1) => tally.set(k, (tally.get(k) ?? 0) + by);

/** What is wrong with the changes and chains of `trace`, in words (none: []). */
function checkTrace(scenario: CompiledScenario, trace: Trace, depth: number): string[] {
  const wrong: string[] = [];
  const n = trace.steps.length;
  const after = (k: number) => (k === 0 ? trace.initial : trace.steps[k - 1].state);
  const taskOf = (k: number) => trace.steps[k - 1].task;

  // stepChanges: exactly the fields whose value differs, with the values on either side.
  for (let k = 1; k <= n; k++) {
    const got = stepChanges(trace, k);
    const want = Object.keys(after(k))
      .filter((f) => after(k - 1)[f] !== after(k)[f])
      .map((field) => ({ field, from: after(k - 1)[field], to: after(k)[field] }));
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`step ${k}: changes`);
  }

  const reads = new Map<number, readonly string[]>();
  const readsAt = (k: number) => {
    if (!reads.has(k)) reads.set(k, runStep(scenario, trace.raw[k - 1], taskOf(k)).reads);
    return reads.get(k)!;
  };
  const firstFlag = new Map<string, number>();
  trace.steps.forEach((st, i) => {
    for (const o of st.flagged)
      if (!trace.initialFlagged.includes(o) && !firstFlag.has(o)) firstFlag.set(o, i + 1);
  });
  for (const info of scenario.lowered.outcomes) {
    const chain: CausalChain | undefined = causalChain(scenario, trace, info.name, { depth });
    const fired = info.kind === 'flag' ? firstFlag.get(info.name) : undefined;
    if (fired === undefined) {
      if (chain) wrong.push(`${info.name}: a chain, though no step fired it`);
      continue;
    }
    if (!chain || chain.step !== fired || chain.task !== taskOf(fired)) {
      wrong.push(`${info.name}: no chain at ${fired}`);
      continue;
    }
    count('chains');
    count('edges', chain.edges.length);
    if (chain.window) count('windows');
    const seen = new Set<string>();
    for (const e of chain.edges) {
      const at = `${info.name} ${e.from}→${e.to} ${e.field}`;
      if (seen.has(at)) wrong.push(`${at}: twice`);
      seen.add(at);
      if (!(e.from >= 1 && e.from < e.to && e.to <= fired)) wrong.push(`${at}: out of order`);
      if (e.new !== after(e.from)[e.field]) wrong.push(`${at}: new is not the value after`);
      if (e.old !== after(e.from - 1)[e.field]) wrong.push(`${at}: old is not the value before`);
      if (e.old === e.new) wrong.push(`${at}: no change`);
      // The writer is the last change the reader could see, and the reader did read it.
      for (let j = e.from + 1; j < e.to; j++)
        if (trace.steps[j - 1].changed.includes(e.field)) wrong.push(`${at}: ${j} changed it`);
      if (!readsAt(e.to).includes(e.field)) wrong.push(`${at}: not read`);
    }
    // Every field the firing step read that some earlier step changed has its edge.
    for (const f of readsAt(fired)) {
      const w = trace.steps.slice(0, fired - 1).some((st) => st.changed.includes(f));
      if (w && !chain.edges.some((e) => e.to === fired && e.field === f))
        wrong.push(`${info.name}: read of ${f} at ${fired} has no edge`);
    }
    const foreign = chain.edges.filter((e) => taskOf(e.from) !== chain.task).map((e) => e.from);
    const w = chain.window;
    if (foreign.length === 0) {
      if (w) wrong.push(`${info.name}: a window without another task's write`);
    } else if (!w) {
      wrong.push(`${info.name}: no window`);
    } else {
      const first = Math.min(...foreign);
      const lane = trace.steps.map((_, i) => i + 1).filter((k) => taskOf(k) === w.task);
      const last = lane.filter((k) => k < first).pop() ?? 0;
      if (w.task !== chain.task || w.to !== fired || w.from !== last)
        wrong.push(`${info.name}: window ${JSON.stringify(w)}`);
      if (w.from > 0 && taskOf(w.from) !== w.task) wrong.push(`${info.name}: window start lane`);
      if (taskOf(w.to) !== w.task) wrong.push(`${info.name}: window end lane`);
    }
  }
  return wrong;
}

describe('chains of every shortest witness of the built-in scenarios (1 process)', () => {
  it('hold the same properties: every flag fires there by construction', () => {
    tally.clear();
    for (const scenario of INSTANCES.filter((x) => x.params.processes !== 2)) {
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      for (const witness of Object.values(r.exploration.summary.shortestWitness)) {
        expect(checkTrace(scenario, traceOf(scenario, witness), 4)).toEqual([]);
      }
    }
    console.log(Object.fromEntries(tally));
    expect(tally.get('chains')).toBeGreaterThan(3);
  }, 30_000);
});

const choicesArb = fc.array(fc.nat(), { minLength: 1, maxLength: 80, size: 'max' });

describe('changes and chains of random feasible schedules', () => {
  it('built-in scenarios', () => {
    tally.clear();
    checkProperty(
      'causal chains (built-in)',
      fc.property(
        fc.nat({ max: INSTANCES.length - 1 }),
        choicesArb,
        fc.integer({ min: 1, max: 6 }),
        (i, choices, depth) => {
          const scenario = INSTANCES[i];
          expect(checkTrace(scenario, randomTrace(scenario, choices), depth)).toEqual([]);
        },
      ),
      300,
    );
    console.log(Object.fromEntries(tally));
  }, 30_000);

  it('random scenario documents', () => {
    tally.clear();
    checkProperty(
      'causal chains (documents)',
      fc.property(
        validDocArb(),
        choicesArb,
        fc.integer({ min: 1, max: 6 }),
        (d, choices, depth) => {
          // `json` is the document as loaded (documents.test.ts checks that).
          const scenario = compileScenario(
            d.json as ScenarioDoc,
            paramInput(d.model, defaultSetting(d.model)),
          );
          expect(checkTrace(scenario, randomTrace(scenario, choices), depth)).toEqual([]);
        },
      ),
      150,
    );
    console.log(Object.fromEntries(tally));
  }, 60_000);
});
