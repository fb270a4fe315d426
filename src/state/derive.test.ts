import { describe, expect, it } from 'vitest';
import { api, type Params } from '../worker/api.ts';
import {
  cannotRunReason,
  changedAt,
  divergenceOf,
  fateTurns,
  historyOf,
  isBadOutcome,
  locksAt,
  locksHeldAt,
  outcomeAt,
  stateAt,
  statusesAt,
  stepIdsOf,
  stepNumbersById,
  taskName,
  verdictOf,
} from './derive.ts';
import type { SimOk } from './store/index.ts';

/** The default schedule of an instance, run by the core. */
function run(scenario: string, params: Params = {}, tasks?: readonly number[]): SimOk {
  const info = api.describe({ scenario, params });
  const r = api.simulate({ scenario, params, tasks: tasks ?? info.defaultTasks, mode: 'repair' });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

describe('derive: the e-mail interleaving of ksm-exit-race', () => {
  const r = run('ksm-exit-race');

  it('reads the state, the changes and the locks at a cursor, by the core’s field names', () => {
    expect(stateAt(r, 0)).toBe(r.trace.initial);
    expect(stateAt(r, 4).mm_users).toBe(0);
    expect(changedAt(r, 4)).toEqual(new Set(['mm_users']));
    expect(changedAt(r, 16)).toEqual(new Set(['mt_flags', 'vmas_populated', 'nodes_freed']));
    expect(changedAt(r, 0).size).toBe(0);
    expect(changedAt(r, 31).size).toBe(0);
    expect(locksAt(r, 14)).toEqual([
      { lock: 'ksm_mmlist_lock', kind: 'spinlock', holders: [] },
      { lock: 'mmap_lock', kind: 'rwsem', holders: [{ task: 2, mode: 'write' }] },
    ]);
    // Out of range: clamped to the initial and the final state.
    expect(stateAt(r, -1)).toBe(stateAt(r, 0));
    expect(stateAt(r, 99)).toBe(stateAt(r, 30));
  });

  it('gives a counter’s value at every state, initial first', () => {
    const users = historyOf(r, 'mm_users');
    expect(users).toHaveLength(31);
    expect(users.slice(0, 5)).toEqual([1, 1, 1, 1, 0]);
    const count = historyOf(r, 'mm_count');
    expect([count[0], count[17], count[18], count[30]]).toEqual([2, 2, 1, 0]);
  });

  it('says the outcome so far, and the verdict at the end', () => {
    expect(outcomeAt(r, 0)).toEqual(['RUNNING']);
    expect(outcomeAt(r, 19)).toEqual(['RUNNING']);
    expect(outcomeAt(r, 20)).toEqual(['LOCKDEP_SPLAT']);
    expect(outcomeAt(r, 30)).toEqual(['LOCKDEP_SPLAT']);
    expect(verdictOf(r)).toEqual(['LOCKDEP_SPLAT']);
    expect(isBadOutcome(r, 'LOCKDEP_SPLAT')).toBe(true);
    expect(isBadOutcome(r, 'CLEAN')).toBe(false);
    expect(isBadOutcome(r, 'RUNNING')).toBe(false);
  });

  it('says why a task cannot run, in the scenario’s words', () => {
    expect(cannotRunReason(r, 14, 1)).toBe(
      'task 1 is waiting in mmap_read_lock(mm): mm->mmap_lock is held by task 2 (for writing)',
    );
    expect(cannotRunReason(r, 14, 2)).toBeNull();
    expect(cannotRunReason(r, 30, 2)).toBe('task 2 has finished');
    expect(cannotRunReason(r, 0, 7)).toBeNull();
    expect(statusesAt(r, 30).map((s) => s.kind)).toEqual(['done', 'done']);
  });

  it('finds the locks a task holds and where each step is', () => {
    expect(locksHeldAt(r, 2, 16)).toEqual([
      { task: 2, lock: 'mmap_lock', mode: 'write', from: 14, to: 17 },
    ]);
    expect(locksHeldAt(r, 2, 17)).toEqual([]);
    expect(stepIdsOf(r)[18]).toBe('t1_mmap_read_lock');
    expect(stepNumbersById(r).get('t1_mmap_read_lock')).toBe(19);
    expect(stepNumbersById(r).get('t1_vma_first')).toBe(20);
  });

  it('finds where two runs of the same task choices part', () => {
    const fix = run('ksm-exit-race', { variant: 'b_early_check' }, r.tasks);
    expect(divergenceOf(r, fix)).toBe(19);
    expect(divergenceOf(r, r)).toBeNull();
    expect(fateTurns(['open', 'open', 'doomed', 'doomed'])).toEqual({
      doomedFrom: 2,
      safeFrom: null,
    });
    expect(fateTurns(['open', 'safe'])).toEqual({ doomedFrom: null, safeFrom: 1 });
  });
});

describe('derive: instances with more tasks, and another scenario', () => {
  it('names the fields, locks and tasks of two processes as the instance does', () => {
    const r = run('ksm-exit-race', { processes: 2 });
    expect(stateAt(r, 0)['mm_users.2']).toBe(1);
    expect(changedAt(r, 4)).toEqual(new Set(['mm_users.1']));
    expect(changedAt(r, 19)).toEqual(new Set(['mm_users.2']));
    expect(historyOf(r, 'mm_users.2').slice(18, 20)).toEqual([1, 0]);
    expect(locksAt(r, 16).map((l) => l.lock)).toEqual([
      'ksm_mmlist_lock',
      'mmap_lock.1',
      'mmap_lock.2',
    ]);
    expect([1, 2, 3].map((t) => taskName(r, t))).toEqual(['task 1', 'task 2.1', 'task 2.2']);
    expect(cannotRunReason(r, r.trace.steps.length, 3)).toBe('task 2.2 has finished');
  });

  it('finds both tasks of the OOM deadlock blocked, each with a reason', () => {
    const r = run('ksm-oom-deadlock', { variant: 'a_mutex_in_ksm_exit' });
    const n = r.trace.steps.length;
    expect(n).toBe(10);
    expect(outcomeAt(r, n)).toEqual(['DEADLOCK']);
    expect(isBadOutcome(r, 'DEADLOCK')).toBe(true);
    expect(statusesAt(r, n).map((s) => s.kind)).toEqual(['blocked', 'blocked']);
    expect(cannotRunReason(r, n, 1)).toMatch(/free page/);
    expect(cannotRunReason(r, n, 2)).toMatch(/ksm_thread_mutex/);
    expect(stateAt(r, 0)).toMatchObject({ mm_users: 1, killed: false });
  });
});
