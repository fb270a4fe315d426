import { describe, expect, it } from 'vitest';
import type { LockMode, TaskStatus } from '../../core/index.ts';
import { api } from '../../worker/api.ts';
import { timelineNames } from './lanes.ts';
import { finalStatuses } from './step-marks.ts';
import { describeWaits, drawnEdges, edgeLabel, finalWaits } from './wait-for.ts';

function simulate(scenario: string, params: Record<string, string | number | boolean>) {
  const info = api.describe({ scenario, params });
  const r = api.simulate({ scenario, params, tasks: info.defaultTasks, mode: 'repair' });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

const blocked = (
  stepId: string,
  lock: string | null,
  heldBy: readonly { task: number; mode: LockMode }[],
  extra: Partial<Extract<TaskStatus, { kind: 'blocked' }>> = {},
): TaskStatus => ({ kind: 'blocked', stepId, lock, mode: 'spin', heldBy, ...extra });

describe('the wait-for graph of a final state', () => {
  it('is absent while a task can move, and when nobody waits', () => {
    expect(finalWaits([{ kind: 'runnable', stepId: 'a' }, blocked('b', 'L', [])])).toBeNull();
    expect(finalWaits([{ kind: 'done' }, { kind: 'done' }])).toBeNull();
  });

  it('finds the OOM deadlock of the mutex-in-__ksm_exit variant as a two-task cycle', () => {
    const r = simulate('ksm-oom-deadlock', { variant: r0Variant() });
    expect(r.trace.outcomes).toEqual(['DEADLOCK']);
    const w = finalWaits(finalStatuses(r));
    expect(w).not.toBeNull();
    const names = timelineNames(r.info);
    // Task 1 waits at its allocation for memory only task 2's exit frees; task 2 waits for the
    // mutex task 1 holds.
    expect(w!.cycle?.map((e) => [e.from, e.to, e.lock])).toEqual([
      [1, 2, null],
      [2, 1, 'ksm_thread_mutex'],
    ]);
    expect(w!.stranded).toEqual([]);
    expect(drawnEdges(w!)).toBe(w!.cycle);
    const text = describeWaits(w!, names, finalStatuses(r));
    expect(text).toMatch(
      /^Wait-for cycle: task 1 waits for .+, which only task 2 could still bring about; task 2 waits for ksm_thread_mutex held by task 1\.$/,
    );
    expect(edgeLabel(w!.cycle![1], names)).toBe('ksm_thread_mutex held by task 1');
  });

  it('has nothing to say about a run that ends cleanly', () => {
    const r = simulate('ksm-exit-race', { processes: 3 });
    expect(finalWaits(finalStatuses(r))).toBeNull();
  });

  it('finds a three-task cycle built by hand, whichever task it starts from', () => {
    // 1 waits for A (held by 2), 2 for B (held by 3), 3 for C (held by 1); 4 is done.
    const statuses: TaskStatus[] = [
      blocked('s1', 'A', [{ task: 2, mode: 'spin' }]),
      blocked('s2', 'B', [{ task: 3, mode: 'read' }], { mode: 'write' }),
      blocked('s3', 'C', [{ task: 1, mode: 'spin' }]),
      { kind: 'done' },
    ];
    const w = finalWaits(statuses)!;
    expect(w.cycle?.map((e) => [e.from, e.to, e.lock])).toEqual([
      [1, 2, 'A'],
      [2, 3, 'B'],
      [3, 1, 'C'],
    ]);
    // The same cycle found from the middle is reported from its smallest task.
    const rotated = finalWaits([
      blocked('s1', 'A', [{ task: 3, mode: 'spin' }]),
      blocked('s2', 'B', [{ task: 1, mode: 'spin' }]),
      blocked('s3', 'C', [{ task: 2, mode: 'spin' }]),
    ])!;
    expect(rotated.cycle?.map((e) => e.from)).toEqual([1, 3, 2]);
    const names = {
      task: (t: number) => `task ${t}`,
      lock: (l: string) => `&${l}`,
      waitTarget: (l: string | null, words?: string) => (l === null ? (words ?? '?') : `&${l}`),
      lockHue: () => 0,
    };
    expect(describeWaits(w, names, statuses)).toBe(
      'Wait-for cycle: task 1 waits for &A held by task 2; task 2 waits for &B (for writing) held by task 3 (for reading); task 3 waits for &C held by task 1.',
    );
  });

  it('takes the cycle through one of several readers, and knows a self-deadlock', () => {
    const w = finalWaits([
      blocked(
        's1',
        'R',
        [
          { task: 2, mode: 'read' },
          { task: 3, mode: 'read' },
        ],
        { mode: 'write' },
      ),
      { kind: 'done' },
      blocked('s3', 'Q', [{ task: 1, mode: 'spin' }]),
    ])!;
    expect(w.edges).toHaveLength(3);
    expect(w.cycle?.map((e) => [e.from, e.to])).toEqual([
      [1, 3],
      [3, 1],
    ]);
    const self = finalWaits([blocked('s1', 'M', [{ task: 1, mode: 'spin' }])])!;
    expect(self.cycle?.map((e) => [e.from, e.to])).toEqual([[1, 1]]);
  });

  it('says who is stranded when there is no cycle', () => {
    const statuses: TaskStatus[] = [
      blocked('s1', null, [], { waitsFor: 'a wake-up' }),
      { kind: 'done' },
      blocked('s3', 'L', [{ task: 2, mode: 'spin' }]),
    ];
    const w = finalWaits(statuses)!;
    expect(w.cycle).toBeNull();
    // Task 1's condition can only be changed by task 3 (2 is done); task 3 waits for a lock
    // that finished task 2 still holds.
    expect(w.edges.map((e) => [e.from, e.to])).toEqual([
      [1, 3],
      [3, 2],
    ]);
    expect(drawnEdges(w)).toBe(w.edges);
    const lonely = finalWaits([
      blocked('s1', null, [], { waitsFor: 'a wake-up' }),
      { kind: 'done' },
    ])!;
    expect(lonely.stranded).toEqual([1]);
    const names = timelineNamesFor(['1', '2']);
    expect(
      describeWaits(lonely, names, [
        blocked('s1', null, [], { waitsFor: 'a wake-up' }),
        { kind: 'done' },
      ]),
    ).toBe('No task can move: task 1 waits for a wake-up, which no task is left to bring about.');
  });
});

/** The variant of ksm-oom-deadlock before the fix, from the instance's own description. */
function r0Variant(): string {
  const info = api.describe({ scenario: 'ksm-oom-deadlock', params: {} });
  if (!info.fix) throw new Error('ksm-oom-deadlock declares no fix');
  return info.fix.bug;
}

function timelineNamesFor(keys: string[]) {
  return {
    task: (t: number) => `task ${keys[t - 1]}`,
    lock: (l: string) => l,
    waitTarget: (l: string | null, words?: string) => l ?? words ?? 'its condition',
    lockHue: () => 0,
  };
}
