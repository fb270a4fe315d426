import { describe, expect, it } from 'vitest';
import type { ScenarioInfo } from '../../core/index.ts';
import { api } from '../../worker/api.ts';
import { laneSpecs, lanesKey, legendLanes, legendLocks, lockHues, timelineNames } from './lanes.ts';

function simulate(scenario: string, params: Record<string, string | number | boolean>) {
  const info = api.describe({ scenario, params });
  const r = api.simulate({ scenario, params, tasks: info.defaultTasks, mode: 'repair' });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

describe('lanes from the instance description', () => {
  it('gives N processes N + 1 lanes, a family sharing one colour', () => {
    const r = simulate('ksm-exit-race', { processes: 4 });
    const lanes = laneSpecs(r.info, [r]);
    expect(lanes.map((l) => l.key)).toEqual(['1', '2.1', '2.2', '2.3', '2.4']);
    expect(lanes.map((l) => l.hue)).toEqual([0, 1, 1, 1, 1]);
    // Each process holds its own mm's lock; all share the list lock.
    expect(lanes[2].locks).toEqual(['ksm_mmlist_lock', 'mmap_lock.2']);
    expect(lanes[0].locks[0]).toBe('ksm_mmlist_lock');
  });

  it('columns every lock a task holds or waits for, in the document’s order', () => {
    const info = {
      lanes: [
        { id: 1, key: '1', name: 'A', ref: 'a' },
        { id: 2, key: '2', name: 'B', ref: 'b' },
      ],
      locks: [
        { name: 'q', base: 'q', kind: 'mutex', label: 'the q' },
        { name: 'p.1', base: 'p', index: 1, kind: 'rwsem', label: 'p->sem' },
        { name: 'p.2', base: 'p', index: 2, kind: 'rwsem', label: 'p->sem' },
      ],
      variants: [{ id: 'v', title: 'V — the one', description: '', features: {} }],
      variant: 'v',
    } as unknown as ScenarioInfo;
    const facts = {
      holds: [
        { task: 1, lock: 'p.2', mode: 'read' as const, from: 1, to: 2 },
        { task: 1, lock: 'q', mode: 'spin' as const, from: 3, to: null },
      ],
      blocked: [
        { task: 2, lock: 'q', from: 4, to: 4, heldBy: [1] },
        { task: 2, lock: null, from: 1, to: 1, heldBy: [] },
      ],
    };
    const lanes = laneSpecs(info, [{ facts }]);
    expect(lanes.map((l) => l.locks)).toEqual([['q', 'p.2'], ['q']]);
    expect(lanesKey(lanes)).toBe(lanesKey(laneSpecs(info, [{ facts }])));
    expect(lanesKey(lanes)).not.toBe(
      lanesKey(laneSpecs(info, [{ facts: { holds: [], blocked: [] } }])),
    );
    expect([...lockHues(info.locks)]).toEqual([
      ['q', 0],
      ['p.1', 1],
      ['p.2', 1],
    ]);
    const names = timelineNames(info);
    expect(names.lock('p.2')).toBe('p->sem.2');
    expect(names.lock('q')).toBe('the q');
    expect(names.task(2)).toBe('task 2');
    expect(names.waitTarget(null, 'a page')).toBe('a page');
    expect(legendLocks(info, lanes)).toEqual([
      { base: 'q', label: 'the q', hue: 0, hasModes: false },
      { base: 'p', label: 'p->sem', hue: 1, hasModes: true },
    ]);
    expect(legendLanes(lanes)).toEqual([
      { hue: 0, keys: ['1'] },
      { hue: 1, keys: ['2'] },
    ]);
  });

  it('names lanes by their keys and locks by their labels', () => {
    const r = simulate('ksm-exit-race', { processes: 2 });
    const names = timelineNames(r.info);
    expect(names.task(3)).toBe('task 2.2');
    expect(names.lock('mmap_lock.2')).toBe('mm->mmap_lock.2');
  });
});
