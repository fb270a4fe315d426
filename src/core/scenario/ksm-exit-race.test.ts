/**
 * Exact facts of the spec (../shared/model/ksm-exit-race.md, sections 5 and 6) and of the README
 * for scenarios/ksm-exit-race.yaml, and its counts with N processes against the independent
 * oracle of src/core/testing/oracle-ksm-scaled.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../engine.ts';
import { explore, type ExploreSummary } from '../explorer.ts';
import { replay } from '../replay.ts';
import { completeSchedule, defaultSchedule } from '../schedule.ts';
import {
  OUTCOMES,
  VARIANTS,
  oracleExplore,
  oracleReplay,
  type OracleParams,
} from '../testing/oracle-ksm-scaled.ts';
import { builtinLibrary } from './builtin.ts';
import type { CompiledScenario } from './compile.ts';

const ID = 'ksm-exit-race';
const VARIANT_IDS = builtinLibrary()
  .doc(ID)!
  .variants.list.map((v) => v.id);

/** The four initial states of spec 2.4: rmap_list empty or not, scan cursor at head or slot. */
const INITIAL_STATES = [
  { rmap_nonempty: false, cursor: 0 },
  { rmap_nonempty: true, cursor: 0 },
  { rmap_nonempty: false, cursor: 1 },
  { rmap_nonempty: true, cursor: 1 },
] as const;

function ksm(
  variant: string,
  init: { rmap_nonempty: boolean; cursor: number } = INITIAL_STATES[0],
  processes = 1,
): CompiledScenario {
  return builtinLibrary().instance(ID, { variant, processes, ...init });
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

/**
 * The e-mail's interleaving (spec 6): Liam Howlett's diagram of 8 March 2023 run to completion.
 * Task 1 takes its first three steps, task 2 runs to its end, then task 1 does. Each step with
 * the fields it changes, worked out from the spec's step table.
 */
const EMAIL: readonly (readonly [string, Readonly<Record<string, unknown>>])[] = [
  ['t1_lock_mmlist', {}],
  ['t1_set_cursor', { cursor: 1 }],
  ['t1_unlock_mmlist', {}],
  ['t2_mmput_dec', { mm_users: 0 }],
  ['t2_ksm_exit_test', {}],
  ['t2_lock_mmlist', {}],
  ['t2_lookup_slot', { k2: 'sync' }], // the slot is at the cursor: leave it to task 1
  ['t2_unlock_mmlist', { k2: 'unset' }],
  ['t2_mmap_write_lock', {}],
  ['t2_mmap_write_unlock', {}],
  ['t2_exit_read_lock', {}],
  ['t2_unmap_vmas', { pgtables: 'zapped' }],
  ['t2_exit_read_unlock', {}],
  ['t2_exit_write_lock', {}],
  ['t2_free_pgtables_vmas', { vma_freed: true, pgtables: 'freed' }],
  ['t2_mt_destroy', { mt_flags: 0, vmas_populated: false, nodes_freed: true }],
  ['t2_exit_write_unlock', {}],
  ['t2_mmdrop', { mm_count: 1 }],
  ['t1_mmap_read_lock', {}],
  ['t1_vma_first', { f_splat: true }],
  ['t1_remove_trailing', {}],
  ['t1_mmap_read_unlock', {}],
  ['t1_relock_mmlist', {}],
  ['t1_advance_cursor', { cursor: 0 }],
  ['t1_final_test_exit', {}],
  ['t1_unlink_slot', { slot_listed: 0 }],
  ['t1_unlock_mmlist_exit', {}],
  ['t1_free_slot', { slot_freed: true }],
  ['t1_clear_mergeable', { mmf_mergeable: false }],
  ['t1_mmdrop', { mm_count: 0, mm_freed: true }],
];
const EMAIL_SCHEDULE = EMAIL.map(([id]) => id);

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
      const [, changes] = EMAIL[i];
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

  it.each([
    ['b_early_check', 30, ['CLEAN']],
    ['d_early_plus_inloop', 30, ['CLEAN']],
    ['c_linked_list', 27, ['CLEAN']],
    ['e_ctl_no_exit_checks', 30, ['LOCKDEP_SPLAT']],
    ['f_ctl_exit_ignores_cursor', 31, ['USE_AFTER_FREE']],
  ] as const)('under %s has %i steps and ends %j', (variant, length, outcomes) => {
    const trace = emailTrace(variant);
    expect(trace.steps).toHaveLength(length);
    expect(trace.complete).toBe(true);
    expect(trace.outcomes).toEqual(outcomes);
  });

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
  const reachable: Record<string, string[]> = {
    a_vma_iter: ['LOCKDEP_SPLAT', 'CLEAN'],
    b_early_check: ['CLEAN'],
    c_linked_list: ['CLEAN'],
    d_early_plus_inloop: ['CLEAN'],
    e_ctl_no_exit_checks: ['LOCKDEP_SPLAT', 'TOUCH_AFTER_KSM_EXIT', 'CLEAN'],
    f_ctl_exit_ignores_cursor: ['USE_AFTER_FREE', 'TOUCH_AFTER_KSM_EXIT', 'CLEAN'],
  };

  it('names every variant of the document', () => {
    expect(Object.keys(reachable)).toEqual(VARIANT_IDS);
  });

  for (const init of INITIAL_STATES) {
    for (const variant of VARIANT_IDS) {
      it(`${variant} ${JSON.stringify(init)}`, () => {
        const s = summaryOf(ksm(variant, init));
        const got = Object.entries(s.schedulesWith)
          .filter(([, n]) => n > 0n)
          .map(([o]) => o);
        let want = reachable[variant];
        // The one exception the spec names: f with a non-empty rmap_list cannot touch.
        if (variant === 'f_ctl_exit_ignores_cursor' && init.rmap_nonempty) {
          want = want.filter((o) => o !== 'TOUCH_AFTER_KSM_EXIT');
        }
        expect(got.sort()).toEqual([...want].sort());
        // Every complete schedule ends in at least one outcome, and no outcome in more than all.
        const sum = Object.values(s.schedulesWith).reduce((x, y) => x + y, 0n);
        expect(sum >= s.completeSchedules).toBe(true);
        for (const n of Object.values(s.schedulesWith)) expect(n <= s.completeSchedules).toBe(true);
        // A witness exactly for the reachable bad outcomes.
        expect(Object.keys(s.shortestWitness).sort()).toEqual(
          want.filter((o) => o !== 'CLEAN').sort(),
        );
      });
    }
  }
});

describe('minimal witnesses (spec 5.1)', () => {
  const witnesses = (variant: string) => summaryOf(ksm(variant)).shortestWitness;
  const splat = [
    't1_lock_mmlist',
    't1_set_cursor',
    't1_unlock_mmlist',
    't2_mmput_dec',
    't2_ksm_exit_test',
    't2_lock_mmlist',
    't2_lookup_slot',
    't2_unlock_mmlist',
    't2_mmap_write_lock',
    't2_mmap_write_unlock',
    't2_exit_read_lock',
    't2_unmap_vmas',
    't2_exit_read_unlock',
    't2_exit_write_lock',
    't2_free_pgtables_vmas',
    't2_mt_destroy',
    't2_exit_write_unlock',
    't1_mmap_read_lock',
    't1_vma_first',
  ];
  const touchE = [
    't1_lock_mmlist',
    't1_set_cursor',
    't1_unlock_mmlist',
    't2_mmput_dec',
    't2_ksm_exit_test',
    't2_lock_mmlist',
    't2_lookup_slot',
    't2_unlock_mmlist',
    't2_mmap_write_lock',
    't2_mmap_write_unlock',
    't1_mmap_read_lock',
    't1_vma_first',
    't1_break_ksm',
  ];
  const uafF = [
    't1_lock_mmlist',
    't1_set_cursor',
    't1_unlock_mmlist',
    't1_mmap_read_lock',
    't2_mmput_dec',
    't1_early_test_exit',
    't2_ksm_exit_test',
    't2_lock_mmlist',
    't2_lookup_slot',
    't2_unlock_mmlist',
    't2_free_slot',
    't1_remove_trailing',
  ];
  const touchF = [
    't1_lock_mmlist',
    't1_set_cursor',
    't1_unlock_mmlist',
    't1_mmap_read_lock',
    't1_early_test_exit',
    't1_vma_first',
    't1_unmerge_test_exit',
    't2_mmput_dec',
    't2_ksm_exit_test',
    't2_lock_mmlist',
    't2_lookup_slot',
    't2_unlock_mmlist',
    't2_free_slot',
    't2_clear_mergeable',
    't2_mmdrop_slot',
    't1_break_ksm',
  ];

  it('a and e: LOCKDEP_SPLAT in 19 steps', () => {
    expect(splat).toHaveLength(19);
    expect(witnesses('a_vma_iter')).toEqual({ LOCKDEP_SPLAT: splat });
    expect(witnesses('e_ctl_no_exit_checks').LOCKDEP_SPLAT).toEqual(splat);
  });
  it('e: TOUCH_AFTER_KSM_EXIT in 13 steps', () => {
    expect(touchE).toHaveLength(13);
    expect(witnesses('e_ctl_no_exit_checks')).toEqual({
      LOCKDEP_SPLAT: splat,
      TOUCH_AFTER_KSM_EXIT: touchE,
    });
  });
  it('f: USE_AFTER_FREE in 12 steps and TOUCH_AFTER_KSM_EXIT in 16', () => {
    expect(uafF).toHaveLength(12);
    expect(touchF).toHaveLength(16);
    expect(witnesses('f_ctl_exit_ignores_cursor')).toEqual({
      USE_AFTER_FREE: uafF,
      TOUCH_AFTER_KSM_EXIT: touchF,
    });
  });
  it('b, c and d: no witness at all', () => {
    for (const v of ['b_early_check', 'c_linked_list', 'd_early_plus_inloop']) {
      expect(witnesses(v)).toEqual({});
    }
  });
  it('each witness replays and ends in its outcome', () => {
    const cases: [string, string, string[]][] = [
      ['a_vma_iter', 'LOCKDEP_SPLAT', splat],
      ['e_ctl_no_exit_checks', 'TOUCH_AFTER_KSM_EXIT', touchE],
      ['f_ctl_exit_ignores_cursor', 'USE_AFTER_FREE', uafF],
      ['f_ctl_exit_ignores_cursor', 'TOUCH_AFTER_KSM_EXIT', touchF],
    ];
    for (const [variant, outcome, ids] of cases) {
      const r = replay(ksm(variant), ids);
      if (!r.ok) throw new Error(r.problem.message);
      expect(r.trace.steps.at(-1)!.flagged).toContain(outcome);
      expect(r.trace.steps.at(-2)!.flagged).not.toContain(outcome);
    }
  });
});

describe('the README table: what `npm run explore` prints (default scenario)', () => {
  // variant, states, transitions, complete schedules, LOCKDEP_SPLAT, USE_AFTER_FREE,
  // TOUCH_AFTER_KSM_EXIT, CLEAN. "No variant can deadlock or leak."
  const table: [string, number, number, bigint, bigint, bigint, bigint, bigint][] = [
    ['a_vma_iter', 286, 496, 51_327_549n, 130n, 0n, 0n, 51_327_419n],
    ['b_early_check', 264, 464, 38_054_055n, 0n, 0n, 0n, 38_054_055n],
    ['c_linked_list', 217, 372, 7_377_351n, 0n, 0n, 0n, 7_377_351n],
    ['d_early_plus_inloop', 270, 475, 37_138_137n, 0n, 0n, 0n, 37_138_137n],
    ['e_ctl_no_exit_checks', 359, 625, 71_746_967n, 130n, 0n, 1_866_150n, 69_880_687n],
    ['f_ctl_exit_ignores_cursor', 507, 910, 173_399_551n, 0n, 173_352_452n, 94_380n, 47_099n],
  ];

  it('has a row for every variant', () => {
    expect(table.map((row) => row[0])).toEqual(VARIANT_IDS);
  });

  it.each(table)('%s', (variant, states, transitions, schedules, splat, uaf, touch, clean) => {
    const s = summaryOf(ksm(variant));
    expect(s.reachableStates).toBe(states);
    expect(s.transitions).toBe(transitions);
    expect(s.completeSchedules).toBe(schedules);
    expect(s.schedulesWith).toEqual({
      LOCKDEP_SPLAT: splat,
      USE_AFTER_FREE: uaf,
      TOUCH_AFTER_KSM_EXIT: touch,
      DEADLOCK: 0n,
      LEAK: 0n,
      CLEAN: clean,
    });
  });
});

describe('against the independent oracle (oracle-ksm-scaled.ts)', () => {
  it('has the oracle’s variants and outcomes', () => {
    expect(VARIANT_IDS).toEqual([...VARIANTS]);
    expect(ksm('a_vma_iter').outcomeNames).toEqual([...OUTCOMES]);
  });

  const cases = (processes: number) =>
    INITIAL_STATES.flatMap((init) =>
      VARIANTS.map((variant) => ({
        name: `${variant}, rmap_nonempty ${init.rmap_nonempty}, cursor ${init.cursor}`,
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
            rmapNonempty: init.rmap_nonempty,
            cursor: init.cursor,
          };
          const want = oracleExplore(p);
          const scenario = ksm(variant, init, processes);
          const got = summaryOf(scenario);
          expect(got.reachableStates).toBe(want.reachableStates);
          expect(got.transitions).toBe(want.transitions);
          expect(got.terminalStates).toBe(want.terminalStates);
          expect(got.completeSchedules).toBe(want.completeSchedules);
          expect(got.schedulesWith).toEqual(want.schedulesWith);
          expect(got.shortestWitness).toEqual(want.shortestWitness);
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
    const s = summaryOf(ksm('a_vma_iter', INITIAL_STATES[0], 3));
    expect(s.reachableStates).toBe(307_110);
    expect(s.transitions).toBe(1_078_871);
    expect(s.terminalStates).toBe(8);
    expect(s.completeSchedules).toBe(1024929205191101140481584978117222099573n);
    expect(s.schedulesWith).toEqual({
      LOCKDEP_SPLAT: 235975651661679487994007701472521289n,
      USE_AFTER_FREE: 0n,
      TOUCH_AFTER_KSM_EXIT: 0n,
      DEADLOCK: 0n,
      LEAK: 0n,
      CLEAN: 1024693229539439460993590970415749578284n,
    });
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
