/**
 * Exact facts of the spec (sections 5 and 6) for the KSM exit race.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../explorer.ts';
import { replay } from '../replay.ts';
import { completeSchedule, policySchedule } from '../schedule.ts';
import { EMAIL_SCHEDULE } from './email.ts';
import { ksmScenario } from './scenario.ts';
import { DEFAULT_TOGGLES, type Toggles } from './state.ts';
import { VARIANT_IDS, type VariantId } from './variants.ts';

const ALL_TOGGLES: Toggles[] = [
  { rmapNonempty: false, cursorAtSlot: false },
  { rmapNonempty: true, cursorAtSlot: false },
  { rmapNonempty: false, cursorAtSlot: true },
  { rmapNonempty: true, cursorAtSlot: true },
];

function emailTrace(variant: VariantId) {
  const scenario = ksmScenario(variant, DEFAULT_TOGGLES);
  const r = replay(scenario, policySchedule(scenario, 3));
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace;
}

describe('the e-mail interleaving (spec 6)', () => {
  it('splats in variant a, and only splats', () => {
    const r = replay(ksmScenario('a_vma_iter', DEFAULT_TOGGLES), EMAIL_SCHEDULE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.trace.steps).toHaveLength(30);
    expect(r.trace.complete).toBe(true);
    expect(r.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
    // The splat is printed by t1_vma_first, step 20.
    const first = r.trace.steps.findIndex((s) => s.state.fSplat);
    expect(r.trace.steps[first].stepId).toBe('t1_vma_first');
    expect(first + 1).toBe(20);
  });

  it('is the e-mail policy applied to variant a', () => {
    expect(emailTrace('a_vma_iter').steps.map((s) => s.stepId)).toEqual(EMAIL_SCHEDULE);
  });

  it('shows "mm_users is 0, but mm_count is not" after t2_mmput_dec, and mm_count 1 at the walk', () => {
    const steps = emailTrace('a_vma_iter').steps;
    expect(steps[3].stepId).toBe('t2_mmput_dec');
    expect([steps[3].state.mmUsers, steps[3].state.mmCount]).toEqual([0, 2]);
    expect(steps[6].state.cursor).toBe('slot'); // t2_lookup_slot sees the slot at the cursor
    expect(steps[15].stepId).toBe('t2_mt_destroy');
    expect(steps[15].state.mtFlags).toBe(0);
    expect(steps[14].state.mtFlags).toBe(0x301);
    expect(steps[19].state.mmCount).toBe(1);
    expect(steps[19].state.mmFreed).toBe(false);
    expect(steps[29].state.mmFreed).toBe(true);
    expect(steps[29].state.slotFreed).toBe(true);
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
    expect(trace.outcomes).toEqual(outcomes);
  });

  it('under the fix, step 20 is the early check and jumps to remove_trailing', () => {
    for (const v of ['b_early_check', 'd_early_plus_inloop'] as const) {
      const ids = emailTrace(v).steps.map((s) => s.stepId);
      expect(ids[19]).toBe('t1_early_test_exit');
      expect(ids[20]).toBe('t1_remove_trailing');
    }
  });

  it('keeps its task choices across variants by the repair rule', () => {
    const a = emailTrace('a_vma_iter').steps.map((s) => s.task);
    const c = completeSchedule(ksmScenario('c_linked_list', DEFAULT_TOGGLES), a);
    // v6.0's exit_mmap has three steps fewer: task 2's last three turns no longer apply.
    expect(c.skipped.map((s) => s.position)).toEqual([15, 16, 17]);
    expect(c.tasks).toHaveLength(27);
  });
});

describe('verdicts (spec 5.1)', () => {
  const reachable: Record<VariantId, string[]> = {
    a_vma_iter: ['LOCKDEP_SPLAT', 'CLEAN'],
    b_early_check: ['CLEAN'],
    c_linked_list: ['CLEAN'],
    d_early_plus_inloop: ['CLEAN'],
    e_ctl_no_exit_checks: ['LOCKDEP_SPLAT', 'TOUCH_AFTER_KSM_EXIT', 'CLEAN'],
    f_ctl_exit_ignores_cursor: ['USE_AFTER_FREE', 'TOUCH_AFTER_KSM_EXIT', 'CLEAN'],
  };
  for (const toggles of ALL_TOGGLES) {
    for (const variant of VARIANT_IDS) {
      it(`${variant} ${JSON.stringify(toggles)}`, () => {
        const r = explore(ksmScenario(variant, toggles));
        if (!r.ok) throw new Error(r.problem.message);
        const got = Object.entries(r.exploration.summary.schedulesWith)
          .filter(([, n]) => n > 0n)
          .map(([o]) => o);
        let want = reachable[variant];
        // The one exception the spec names: f with a non-empty rmap_list cannot touch.
        if (variant === 'f_ctl_exit_ignores_cursor' && toggles.rmapNonempty) {
          want = want.filter((o) => o !== 'TOUCH_AFTER_KSM_EXIT');
        }
        expect(got.sort()).toEqual([...want].sort());
        const s = r.exploration.summary;
        const sum = Object.values(s.schedulesWith).reduce((x, y) => x + y, 0n);
        expect(sum >= s.completeSchedules).toBe(true);
      });
    }
  }
});

describe('minimal witnesses (spec 5.1)', () => {
  const witness = (variant: VariantId, outcome: string) => {
    const r = explore(ksmScenario(variant, DEFAULT_TOGGLES));
    if (!r.ok) throw new Error(r.problem.message);
    return r.exploration.summary.shortestWitness[outcome];
  };
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
  it('a and e: LOCKDEP_SPLAT in 19 steps', () => {
    expect(witness('a_vma_iter', 'LOCKDEP_SPLAT')).toEqual(splat);
    expect(witness('e_ctl_no_exit_checks', 'LOCKDEP_SPLAT')).toEqual(splat);
  });
  it('e: TOUCH_AFTER_KSM_EXIT in 13 steps', () => {
    expect(witness('e_ctl_no_exit_checks', 'TOUCH_AFTER_KSM_EXIT')).toEqual([
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
    ]);
  });
  it('f: USE_AFTER_FREE in 12 steps and TOUCH_AFTER_KSM_EXIT in 16', () => {
    expect(witness('f_ctl_exit_ignores_cursor', 'USE_AFTER_FREE')).toEqual([
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
    ]);
    expect(witness('f_ctl_exit_ignores_cursor', 'TOUCH_AFTER_KSM_EXIT')).toEqual([
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
    ]);
  });
});

describe('replay problems', () => {
  const scenario = ksmScenario('a_vma_iter', DEFAULT_TOGGLES);
  it('names a blocked acquisition and who holds the lock', () => {
    const r = replay(scenario, [1, 2, 2, 2]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ kind: 'blocked', position: 3 });
    expect(r.problem.message).toContain('ksm_mmlist_lock is held by task 1');
  });
  it('rejects an unknown step, a step out of order and a finished task', () => {
    const unknown = replay(scenario, ['t1_lock_mmlist', 't1_bogus']);
    expect(!unknown.ok && unknown.problem).toMatchObject({ kind: 'unknown-step', position: 1 });
    const order = replay(scenario, ['t1_set_cursor']);
    expect(!order.ok && order.problem).toMatchObject({ kind: 'out-of-order', position: 0 });
    const early = replay(ksmScenario('a_vma_iter', DEFAULT_TOGGLES), ['t1_early_test_exit']);
    expect(!early.ok && early.problem.kind).toBe('unknown-step');
    const done = replay(scenario, [...EMAIL_SCHEDULE, 't1_mmdrop']);
    expect(!done.ok && done.problem).toMatchObject({ kind: 'out-of-order', position: 30 });
    const doneTask = replay(scenario, [...emailTrace('a_vma_iter').steps.map((s) => s.task), 2]);
    expect(!doneTask.ok && doneTask.problem).toMatchObject({ kind: 'task-done', position: 30 });
    const noTask = replay(scenario, [3]);
    expect(!noTask.ok && noTask.problem.kind).toBe('unknown-task');
  });
});
