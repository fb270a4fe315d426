/**
 * Exact facts of the spec (../shared/model/ksm-exit-race.md, sections 5 and 6) and of the README
 * for scenarios/ksm-exit-race.yaml (written once, in src/core/testing/spec-facts/ksm-exit-race.ts),
 * and its counts with N processes against the independent oracle of
 * src/core/testing/oracle-ksm-scaled.ts.
 */
import { describe, expect, it } from 'vitest';
import { applyTask, type Scenario, type TaskId } from '../engine.ts';
import { explore, type ExploreSummary } from '../explorer.ts';
import { replay } from '../replay.ts';
import { completeSchedule, defaultSchedule } from '../schedule.ts';
import { bruteForceCounts } from '../testing/brute-force.ts';
import {
  OUTCOMES,
  VARIANTS,
  oracleExplore,
  oracleReplay,
  type OracleParams,
} from '../testing/oracle-ksm-scaled.ts';
import * as spec from '../testing/spec-facts/ksm-exit-race.ts';
import { fieldsOf } from '../testing/summary-fields.ts';
import { builtinLibrary } from './builtin.ts';
import type { CompiledScenario } from './compile.ts';

const ID = 'ksm-exit-race';
const VARIANT_IDS = builtinLibrary()
  .doc(ID)!
  .variants.list.map((v) => v.id);

function ksm(
  variant: string,
  init: spec.InitialState = spec.INITIAL_STATES[0],
  processes = 1,
): CompiledScenario {
  return builtinLibrary().instance(ID, {
    variant,
    processes,
    rmap_nonempty: init.rmapNonempty,
    cursor: init.cursor,
  });
}

function summaryOf(scenario: Scenario): ExploreSummary {
  const r = explore(scenario);
  if (!r.ok) throw new Error(r.problem.message);
  return r.exploration.summary;
}

function emailTrace(variant: string) {
  const scenario = ksm(variant);
  const r = replay(scenario, defaultSchedule(scenario));
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace;
}

/** The e-mail's interleaving (spec 6), as a list of step ids. */
const EMAIL_SCHEDULE = spec.EMAIL.a_vma_iter.schedule;

/**
 * The fields each step of EMAIL_SCHEDULE changes, worked out from the spec's step table; the steps
 * not named here change none.
 */
const EMAIL_CHANGES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  t1_set_cursor: { cursor: 1 },
  t2_mmput_dec: { mm_users: 0 },
  t2_lookup_slot: { k2: 'sync' }, // the slot is at the cursor: leave it to task 1
  t2_unlock_mmlist: { k2: 'unset' },
  t2_unmap_vmas: { pgtables: 'zapped' },
  t2_free_pgtables_vmas: { vma_freed: true, pgtables: 'freed' },
  t2_mt_destroy: { mt_flags: 0, vmas_populated: false, nodes_freed: true },
  t2_mmdrop: { mm_count: 1 },
  t1_vma_first: { f_splat: true },
  t1_advance_cursor: { cursor: 0 },
  t1_unlink_slot: { slot_listed: 0 },
  t1_free_slot: { slot_freed: true },
  t1_clear_mergeable: { mmf_mergeable: false },
  t1_mmdrop: { mm_count: 0, mm_freed: true },
};

describe('the e-mail interleaving (spec 6)', () => {
  it('splats in variant a, and only splats', () => {
    const r = replay(ksm('a_vma_iter'), EMAIL_SCHEDULE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.trace.steps).toHaveLength(30);
    expect(r.trace.complete).toBe(true);
    expect(r.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
    // The splat is printed by t1_vma_first, step 20.
    const first = r.trace.steps.findIndex((s) => s.state.f_splat);
    expect(r.trace.steps[first].stepId).toBe('t1_vma_first');
    expect(first + 1).toBe(20);
    expect(r.trace.steps[first].flagged).toEqual(['LOCKDEP_SPLAT']);
    expect(r.trace.steps[first - 1].flagged).toEqual([]);
  });

  it('is the document’s default schedule applied to variant a, step by step', () => {
    const trace = emailTrace('a_vma_iter');
    expect(trace.steps.map((s) => s.stepId)).toEqual(EMAIL_SCHEDULE);
    expect(trace.steps.map((s) => s.task)).toEqual(EMAIL_SCHEDULE.map((id) => Number(id[1])));
    trace.steps.forEach((s, i) => {
      const changes = EMAIL_CHANGES[s.stepId] ?? {};
      expect({ step: i + 1, changed: [...s.changed].sort() }).toEqual({
        step: i + 1,
        changed: Object.keys(changes).sort(),
      });
      for (const [k, v] of Object.entries(changes)) expect(s.state[k]).toBe(v);
    });
  });

  it('shows "mm_users is 0, but mm_count is not" after t2_mmput_dec, and mm_count 1 at the walk', () => {
    const trace = emailTrace('a_vma_iter');
    const steps = trace.steps;
    expect(trace.initial).toMatchObject({
      mm_users: 1,
      mm_count: 2,
      cursor: 0,
      mt_flags: 0x301,
      pgtables: 'live',
    });
    expect(steps[3].stepId).toBe('t2_mmput_dec');
    expect([steps[3].state.mm_users, steps[3].state.mm_count]).toEqual([0, 2]);
    expect(steps[6].state.cursor).toBe(1); // t2_lookup_slot sees the slot at the cursor
    expect(steps[15].stepId).toBe('t2_mt_destroy');
    expect(steps[15].state.mt_flags).toBe(0);
    expect(steps[14].state.mt_flags).toBe(0x301);
    expect(steps[19].state.mm_count).toBe(1);
    expect(steps[19].state.mm_freed).toBe(false);
    expect(steps[29].state.mm_freed).toBe(true);
    expect(steps[29].state.slot_freed).toBe(true);
  });

  it.each(VARIANTS.map((variant) => [variant, spec.EMAIL[variant]] as const))(
    'under %s is the spec’s schedule for it, of its length and ending',
    (variant, { schedule, steps, outcomes }) => {
      const trace = emailTrace(variant);
      expect(trace.steps).toHaveLength(steps);
      expect(trace.steps.map((s) => s.stepId)).toEqual(schedule);
      expect(trace.complete).toBe(true);
      expect(trace.outcomes).toEqual(outcomes);
    },
  );

  it('under the fix, step 20 is the early check and jumps to remove_trailing', () => {
    for (const v of ['b_early_check', 'd_early_plus_inloop'] as const) {
      const ids = emailTrace(v).steps.map((s) => s.stepId);
      expect(ids.slice(0, 19)).toEqual(EMAIL_SCHEDULE.slice(0, 19));
      expect(ids[19]).toBe('t1_early_test_exit');
      expect(ids[20]).toBe('t1_remove_trailing');
    }
  });

  it('keeps its task choices across variants by the repair rule', () => {
    const a = emailTrace('a_vma_iter').steps.map((s) => s.task);
    const c = completeSchedule(ksm('c_linked_list'), a);
    // v6.0's exit_mmap has three steps fewer: task 2's last three turns no longer apply.
    expect(c.skipped.map((s) => s.position)).toEqual([15, 16, 17]);
    expect(c.tasks).toHaveLength(27);
    expect(c.appended).toBe(0);
  });
});

describe('verdicts (spec 5.1)', () => {
  it('names every variant of the document', () => {
    expect(Object.keys(spec.VERDICTS)).toEqual(VARIANT_IDS);
  });

  for (const init of spec.INITIAL_STATES) {
    for (const variant of VARIANTS) {
      it(`${variant}, ${init.name}`, () => {
        const s = summaryOf(ksm(variant, init));
        const got = Object.entries(s.schedulesWith)
          .filter(([, n]) => n > 0n)
          .map(([o]) => o);
        const want = spec.verdictsIn(variant, init.rmapNonempty);
        expect(got.sort()).toEqual([...want].sort());
        // A witness exactly for the reachable bad outcomes.
        expect(Object.keys(s.shortestWitness).sort()).toEqual(
          want.filter((o) => o !== 'CLEAN').sort(),
        );
      });
    }
  }
});

/**
 * The explorer's per-outcome counts against the brute force, which walks every schedule and
 * records the whole set of outcomes each one ends in. On instances small enough to walk: the state
 * after the default schedule's first 12 turns (at most ~31,000 schedules remain), and a state of
 * variant f from which every schedule ends in two outcomes at once.
 */
describe('outcome counts, schedule by schedule (brute force)', () => {
  function expectOutcomeSums(scenario: Scenario, prefix: readonly TaskId[]) {
    let from = scenario.initial;
    for (const t of prefix) from = applyTask(scenario, from, t);
    const brute = bruteForceCounts(scenario, from);
    const r = explore(scenario, { from });
    if (!r.ok) throw new Error(r.problem.message);
    const s = r.exploration.summary;
    const sets = Object.entries(brute.byOutcomes).map(([k, n]) => ({ outcomes: k.split('+'), n }));
    // Every complete schedule ends in at least one outcome (CLEAN included).
    expect(brute.byOutcomes['']).toBeUndefined();
    expect(s.completeSchedules).toBe(BigInt(brute.schedules));
    expect(s.completeSchedules).toBe(BigInt(sets.reduce((x, e) => x + e.n, 0)));
    for (const o of scenario.outcomeNames) {
      const n = sets.filter((e) => e.outcomes.includes(o)).reduce((x, e) => x + e.n, 0);
      expect({ o, n: s.schedulesWith[o] }).toEqual({ o, n: BigInt(n) });
    }
    // So the outcomes' sum counts each schedule once per outcome it ends in.
    const sum = Object.values(s.schedulesWith).reduce((x, y) => x + y, 0n);
    expect(sum).toBe(BigInt(sets.reduce((x, e) => x + e.outcomes.length * e.n, 0)));
    return brute;
  }

  for (const init of spec.INITIAL_STATES) {
    it.each(VARIANTS)(`%s, ${init.name}: after the default schedule's 12th turn`, (variant) => {
      const scenario = ksm(variant, init);
      expectOutcomeSums(scenario, defaultSchedule(scenario).slice(0, 12));
    });
  }

  it('f_ctl_exit_ignores_cursor: from a state where every schedule ends in two outcomes', () => {
    // Task 1 has run to t1_unmerge_test_exit and is about to break_ksm; task 2 has already freed
    // the mm_slot (t2_free_slot) and run on to t2_exit_read_lock.
    const brute = expectOutcomeSums(ksm('f_ctl_exit_ignores_cursor'), [
      ...Array<TaskId>(7).fill(1),
      ...Array<TaskId>(9).fill(2),
    ]);
    expect(Object.keys(brute.byOutcomes)).toEqual(['USE_AFTER_FREE+TOUCH_AFTER_KSM_EXIT']);
  });
});

describe('minimal witnesses (spec 5.1)', () => {
  it.each(spec.MINIMAL_WITNESS_LENGTHS)('%s, %s: %i steps', (variant, outcome, length) => {
    expect(spec.MINIMAL_WITNESSES[variant][outcome]).toHaveLength(length);
  });
  it.each(VARIANTS)('%s: exactly the spec’s witnesses', (variant) => {
    expect(summaryOf(ksm(variant)).shortestWitness).toEqual(spec.MINIMAL_WITNESSES[variant]);
  });
  it.each(spec.WITNESS_CASES)(
    '%s, %s: the witness replays and ends in it',
    (variant, outcome, ids) => {
      const r = replay(ksm(variant), ids);
      if (!r.ok) throw new Error(r.problem.message);
      expect(r.trace.steps.at(-1)!.flagged).toContain(outcome);
      expect(r.trace.steps.at(-2)!.flagged).not.toContain(outcome);
    },
  );
});

describe('the README table: what `npm run explore` prints (default scenario)', () => {
  it('has a row for every variant', () => {
    expect(Object.keys(spec.README_TABLE)).toEqual(VARIANT_IDS);
  });

  it.each(VARIANTS)('%s', (variant) => {
    const want = spec.README_TABLE[variant];
    expect(fieldsOf(summaryOf(ksm(variant)), Object.keys(want))).toEqual(want);
  });
});

describe('against the independent oracle (oracle-ksm-scaled.ts)', () => {
  it('has the oracle’s variants and outcomes', () => {
    expect(VARIANT_IDS).toEqual([...VARIANTS]);
    expect(ksm('a_vma_iter').outcomeNames).toEqual([...OUTCOMES]);
  });

  const cases = (processes: number) =>
    spec.INITIAL_STATES.flatMap((init) =>
      VARIANTS.map((variant) => ({
        name: `${variant}, rmap_nonempty ${init.rmapNonempty}, cursor ${init.cursor}`,
        variant,
        processes,
        init,
      })),
    );

  for (const processes of [1, 2]) {
    describe(`N = ${processes}`, () => {
      it.each(cases(processes))(
        '$name',
        ({ variant, init }) => {
          const p: OracleParams = {
            variant,
            processes,
            rmapNonempty: init.rmapNonempty,
            cursor: init.cursor,
          };
          const want = oracleExplore(p);
          const scenario = ksm(variant, init, processes);
          const got = summaryOf(scenario);
          expect(fieldsOf(got)).toEqual(fieldsOf(want));
          // The default schedule ends the same way in both models.
          const ids = replay(scenario, defaultSchedule(scenario));
          if (!ids.ok) throw new Error(ids.problem.message);
          const o = oracleReplay(
            p,
            ids.trace.steps.map((s) => s.stepId),
          );
          expect(o.complete).toBe(true);
          expect(ids.trace.complete).toBe(true);
          expect([...ids.trace.outcomes].sort()).toEqual([...o.outcomes].sort());
        },
        60_000,
      );
    });
  }

  it('N = 3, variant a: the oracle’s measured counts', () => {
    // Measured with oracleExplore (about 8 s, so not rerun here); see oracle-ksm-scaled.test.ts.
    const s = summaryOf(ksm('a_vma_iter', spec.INITIAL_STATES[0], 3));
    expect(fieldsOf(s, Object.keys(spec.N3_A))).toEqual(spec.N3_A);
  }, 120_000);
});

describe('replay problems', () => {
  const scenario = ksm('a_vma_iter');
  it('names a blocked acquisition and who holds the lock', () => {
    const r = replay(scenario, [1, 2, 2, 2]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ kind: 'blocked', position: 3 });
    expect(r.problem.message).toBe(
      'turn 4: task 2 is waiting in spin_lock(&ksm_mmlist_lock): ksm_mmlist_lock is held by task 1 (spinlock)',
    );
  });
  it('rejects an unknown step, a step out of order and a finished task', () => {
    const unknown = replay(scenario, ['t1_lock_mmlist', 't1_bogus']);
    expect(!unknown.ok && unknown.problem).toMatchObject({ kind: 'unknown-step', position: 1 });
    const order = replay(scenario, ['t1_set_cursor']);
    expect(!order.ok && order.problem).toMatchObject({ kind: 'out-of-order', position: 0 });
    // Variant a has no early check: the step does not exist there.
    const early = replay(scenario, [
      't1_lock_mmlist',
      't1_set_cursor',
      't1_unlock_mmlist',
      't1_mmap_read_lock',
      't1_early_test_exit',
    ]);
    expect(!early.ok && early.problem).toMatchObject({ kind: 'unknown-step', position: 4 });
    const done = replay(scenario, [...EMAIL_SCHEDULE, 't1_mmdrop']);
    expect(!done.ok && done.problem).toMatchObject({ kind: 'out-of-order', position: 30 });
    const doneTask = replay(scenario, [...emailTrace('a_vma_iter').steps.map((s) => s.task), 2]);
    expect(!doneTask.ok && doneTask.problem).toMatchObject({ kind: 'task-done', position: 30 });
    const noTask = replay(scenario, [3]);
    expect(!noTask.ok && noTask.problem.kind).toBe('unknown-task');
  });
});
