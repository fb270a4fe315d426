import { describe, expect, it } from 'vitest';
import { api } from '../../worker/api.ts';
import { divergenceOf } from '../derive.ts';
import { defaultComparison, linkViewOf } from './index.ts';
import { EMAIL_TASKS, loaded, settled } from '../testing/store.ts';

describe('comparison', () => {
  it('runs the same task choices under the second variant and finds the divergence', async () => {
    const store = await loaded();
    store.getState().actions.setCompare('b_early_check');
    await settled(store);
    const s = store.getState();
    expect(s.compare.variant).toBe('b_early_check');
    const other = s.compare.result!;
    expect(other.tasks).toEqual(EMAIL_TASKS);
    expect(other.info.variant).toBe('b_early_check');
    expect(other.trace.outcomes).toEqual(['CLEAN']);
    expect(divergenceOf(s.sim.result!, other)).toBe(19);
    expect(linkViewOf(s).compare).toBe('b_early_check');

    store.getState().actions.setCompare('e_ctl_no_exit_checks');
    await settled(store);
    expect(divergenceOf(store.getState().sim.result!, store.getState().compare.result!)).toBe(null);
    store.getState().actions.setCompare('c_linked_list');
    await settled(store);
    expect(divergenceOf(store.getState().sim.result!, store.getState().compare.result!)).toBe(10);
    store.getState().actions.setCompare(null);
    expect(store.getState().compare).toEqual({ variant: null, result: null });
    expect(linkViewOf(store.getState()).compare).toBeUndefined();
  });

  it('pairs the bug with the fix by default, in every scenario', () => {
    const ksm = api.describe({ scenario: 'ksm-exit-race', params: {} });
    expect(defaultComparison(ksm, 'a_vma_iter')).toBe('b_early_check');
    expect(defaultComparison(ksm, 'b_early_check')).toBe('a_vma_iter');
    expect(defaultComparison(ksm, 'c_linked_list')).toBe('b_early_check');
    const oom = api.describe({ scenario: 'ksm-oom-deadlock', params: {} });
    expect(defaultComparison(oom, 'a_mutex_in_ksm_exit')).toBe('b_exit_mmap_handshake');
    expect(defaultComparison(oom, 'b_exit_mmap_handshake')).toBe('a_mutex_in_ksm_exit');
    expect(defaultComparison({ ...oom, fix: undefined }, 'a_mutex_in_ksm_exit')).toBe(
      'b_exit_mmap_handshake',
    );
    expect(defaultComparison({ ...oom, fix: undefined }, 'b_exit_mmap_handshake')).toBe(
      'a_mutex_in_ksm_exit',
    );
  });

  it('never compares a variant with itself: switching to it pairs it with its default', async () => {
    const store = await loaded();
    store.getState().actions.setCompare('a_vma_iter');
    expect(store.getState().compare.variant).toBeNull();
    store.getState().actions.setCompare('b_early_check');
    await store.getState().actions.setVariant('b_early_check');
    await settled(store);
    expect(store.getState().compare.variant).toBe('a_vma_iter');
    expect(store.getState().compare.result?.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
  });

  it('keeps the comparison across a change of the schedule and of the parameters', async () => {
    const store = await loaded();
    store.getState().actions.setCompare('b_early_check');
    await settled(store);
    await store.getState().actions.moveEvent(18, 3);
    await settled(store);
    let s = store.getState();
    expect(s.compare.result!.tasks.slice(0, 5)).toEqual(s.scenario.tasks.slice(0, 5));
    await store.getState().actions.setParams({ processes: 2 });
    await settled(store);
    s = store.getState();
    expect(s.compare.variant).toBe('b_early_check');
    expect(s.compare.result!.info.lanes).toHaveLength(3);
    expect(s.compare.result!.tasks).toEqual(s.scenario.tasks);
  });

  it('drops a comparison the new scenario has no variant for', async () => {
    const store = await loaded();
    store.getState().actions.setCompare('b_early_check');
    await settled(store);
    await store.getState().actions.setScenario('ksm-oom-deadlock');
    await settled(store);
    expect(store.getState().compare).toEqual({ variant: null, result: null });
    store.getState().actions.setCompare('a_mutex_in_ksm_exit');
    await settled(store);
    const s = store.getState();
    expect(s.compare.result!.info.id).toBe('ksm-oom-deadlock');
    expect(s.compare.result!.trace.outcomes).toEqual(['DEADLOCK']);
  });
});
