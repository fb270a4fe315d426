import { describe, expect, it } from 'vitest';
import { builtinLibrary, explore, type ExploreSummary } from '../../core/index.ts';
import type { Params } from '../../worker/api.ts';
import { fateTurns, outcomeAt } from '../derive.ts';
import { directClient } from '../direct-client.ts';
import { ExploreCancelled, WorkerTimeout, type SimClient } from '../worker-client.ts';
import { paramsKey, tasksOfStepIds, type AppStore } from './index.ts';
import { KSM_VARIANTS, loaded, settled } from '../testing/store.ts';

async function explored(store: AppStore): Promise<void> {
  await store.getState().actions.startExplore();
  await settled(store);
  expect(store.getState().explore.status).toBe('done');
}

/** The core's own exploration of an instance, on this thread, uncached. */
function coreSummary(scenario: string, params: Params): ExploreSummary {
  const r = explore(builtinLibrary().instance(scenario, params));
  if (!r.ok) throw new Error(r.problem.message);
  return r.exploration.summary;
}

describe('exploration', () => {
  it('counts exactly what the core counts, for this variant and all six', async () => {
    const store = await loaded();
    await explored(store);
    const s = store.getState();
    const params = s.scenario.params;
    expect(s.explore.current!.variant).toBe('a_vma_iter');
    expect(s.explore.current!.summary).toEqual(
      coreSummary('ksm-exit-race', { ...params, variant: 'a_vma_iter' }),
    );
    expect(s.explore.all!.map((r) => r.variant)).toEqual(KSM_VARIANTS);
    for (const r of s.explore.all!) {
      expect(r.summary).toEqual(coreSummary('ksm-exit-race', { ...params, variant: r.variant }));
    }
    expect(s.explore.current!.summary.completeSchedules).toBe(51_327_549n);
    expect(s.explore.current!.summary.schedulesWith.LOCKDEP_SPLAT).toBe(130n);
    expect(s.explore.currentKey).toBe(paramsKey(s.scenario));
    expect(s.explore.allKey).toBe(paramsKey(s.scenario));
    expect(s.explore).toMatchObject({ isOn: true, progress: null, error: null });
  });

  it('shades the e-mail’s schedule: open through step 13, doomed from step 14', async () => {
    const store = await loaded();
    await explored(store);
    const s = store.getState();
    expect(s.explore.fatesFor).toBe(s.sim.result);
    const fates = s.explore.current!.fates;
    expect(fates).toHaveLength(31);
    expect(fates.slice(0, 14).every((f) => f === 'open')).toBe(true);
    expect(fates.slice(14).every((f) => f === 'doomed')).toBe(true);
    expect(fateTurns(fates)).toEqual({ doomedFrom: 14, safeFrom: null });
  });

  it('follows every schedule change with fresh fates, and keeps every variant’s counts', async () => {
    const store = await loaded();
    await explored(store);
    const all = store.getState().explore.all;
    await store.getState().actions.moveEvent(18, 3);
    await settled(store);
    let s = store.getState();
    expect(s.explore.fatesFor).toBe(s.sim.result);
    expect(s.explore.current!.fates).toHaveLength(s.sim.result!.trace.steps.length + 1);
    expect(s.explore.current!.fates.at(-1)).toBe('safe');
    await store.getState().actions.setVariant('b_early_check');
    await settled(store);
    s = store.getState();
    expect(s.explore.current!.variant).toBe('b_early_check');
    expect(s.explore.current!.fates.every((f) => f === 'safe')).toBe(true);
    // Same parameters: every variant's counts are still the ones explored.
    expect(s.explore.all).toBe(all);
  });

  it('explores two processes as the core explores that instance', async () => {
    const processes = 2;
    const store = await loaded();
    await explored(store);
    const before = store.getState().explore.allKey;
    await store.getState().actions.setParams({ processes });
    await settled(store);
    const s = store.getState();
    expect(s.explore.status).toBe('done');
    expect(s.explore.currentKey).toBe(paramsKey(s.scenario));
    expect(s.explore.allKey).toBe(paramsKey(s.scenario));
    expect(s.explore.allKey).not.toBe(before);
    const params = { ...s.scenario.params, processes };
    expect(params).toEqual({ processes: 2, rmap_nonempty: false, cursor: 0 });
    expect(s.explore.all!.map((r) => r.variant)).toEqual(KSM_VARIANTS);
    for (const r of s.explore.all!) {
      expect(r.summary).toEqual(coreSummary('ksm-exit-race', { processes, variant: r.variant }));
    }
    expect(s.explore.current!.summary).toEqual(s.explore.all![0].summary);
    expect(s.explore.current!.fates).toHaveLength(s.sim.result!.trace.steps.length + 1);
    expect(s.explore.fatesFor).toBe(s.sim.result);
  });

  it('explores another scenario, every variant of it', async () => {
    const store = await loaded();
    await explored(store);
    await store.getState().actions.setScenario('ksm-oom-deadlock');
    await settled(store);
    await store.getState().actions.setFix(false);
    await settled(store);
    const s = store.getState();
    expect(s.explore.current!.variant).toBe('a_mutex_in_ksm_exit');
    expect(s.explore.current!.summary).toEqual(
      coreSummary('ksm-oom-deadlock', { variant: 'a_mutex_in_ksm_exit' }),
    );
    expect(s.explore.current!.summary.schedulesWith.DEADLOCK).toBe(120n);
    expect(s.explore.all!.map((r) => r.variant)).toEqual(
      s.sim.result!.info.variants.map((v) => v.id),
    );
    for (const r of s.explore.all!) {
      expect(r.summary).toEqual(coreSummary('ksm-oom-deadlock', { variant: r.variant }));
    }
    expect(s.explore.allKey).toBe('ksm-oom-deadlock|exit=any,oom=waits');
    // The default schedule deadlocks whatever happens from some step on.
    expect(s.explore.current!.fates.at(-1)).toBe('doomed');
  });

  it('loads the shortest witness, completed, with the cursor on the outcome step', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    await explored(store);
    const witness = store.getState().explore.current!.summary.shortestWitness.LOCKDEP_SPLAT;
    expect(witness).toHaveLength(19);
    await actions.loadWitness('LOCKDEP_SPLAT');
    const s = store.getState();
    const r = s.sim.result!;
    expect(r.trace.steps.slice(0, 19).map((x) => x.stepId)).toEqual(witness);
    expect(r.trace.complete).toBe(true);
    expect(s.playback.cursor).toBe(19);
    expect(outcomeAt(r, 19)).toEqual(['LOCKDEP_SPLAT']);
    expect(outcomeAt(r, 18)).toEqual(['RUNNING']);
    expect(s.view.notice?.title).toBe(
      'The shortest LOCKDEP_SPLAT schedule: LOCKDEP_SPLAT at step 19',
    );
    expect(s.history.past.at(-1)?.label).toBe('load the shortest LOCKDEP_SPLAT schedule');
  });

  it('loads a witness of another scenario and instance', async () => {
    const store = await loaded();
    await store.getState().actions.setScenario('ksm-oom-deadlock');
    await store.getState().actions.setFix(false);
    await explored(store);
    const witness = store.getState().explore.current!.summary.shortestWitness.DEADLOCK;
    await store.getState().actions.loadWitness('DEADLOCK');
    const r = store.getState().sim.result!;
    expect(r.trace.steps.slice(0, witness.length).map((x) => x.stepId)).toEqual(witness);
    expect(r.trace.outcomes).toEqual(['DEADLOCK']);
    expect(store.getState().playback.cursor).toBe(witness.length);
  });

  it('loads no witness before an exploration, nor one the exploration did not find', async () => {
    const store = await loaded();
    const r = store.getState().sim.result;
    await store.getState().actions.loadWitness('LOCKDEP_SPLAT');
    expect(store.getState().sim.result).toBe(r);
    await explored(store);
    await store.getState().actions.loadWitness('CLEAN');
    expect(store.getState().sim.result).toBe(r);
  });

  it('maps a step-id schedule to task choices, an unknown id to no task', async () => {
    const store = await loaded();
    const r = store.getState().sim.result!;
    expect(tasksOfStepIds(r, ['t1_mmap_read_lock', 't2_mmput_dec', 'nope'])).toEqual([1, 2, 0]);
  });

  it('cancels by stopping the worker, and can start again', async () => {
    let release: (() => void) | undefined;
    const base = directClient();
    let isStuck = true;
    const client: SimClient = {
      ...base,
      explore: (req, onProgress) =>
        isStuck
          ? new Promise((_, reject) => {
              release = () => reject(new ExploreCancelled());
            })
          : base.explore(req, onProgress),
      cancelExplore: () => release?.(),
    };
    const store = await loaded('', client);
    void store.getState().actions.startExplore();
    expect(store.getState().explore.status).toBe('running');
    expect(store.getState().explore.progress).toEqual({ done: 0, total: 7, states: 0 });
    store.getState().actions.cancelExplore();
    await settled(store);
    expect(store.getState().explore).toMatchObject({
      status: 'cancelled',
      isOn: false,
      current: null,
    });
    // Off: a scenario change does not explore again.
    await store.getState().actions.setFix(true);
    await settled(store);
    expect(store.getState().explore.status).toBe('cancelled');
    isStuck = false;
    await explored(store);
    expect(store.getState().explore.current!.variant).toBe('b_early_check');
  });

  it('turns a failed exploration into a visible error', async () => {
    const client: SimClient = {
      ...directClient(),
      explore: () => Promise.reject(new WorkerTimeout('the exploration', 120_000)),
    };
    const store = await loaded('', client);
    await store.getState().actions.startExplore();
    expect(store.getState().explore).toMatchObject({
      status: 'error',
      isOn: false,
      error: 'the simulator did not answer the exploration within 120 s; it has been restarted',
    });
    expect(store.getState().sim.pending).toBe(0);
  });
});
