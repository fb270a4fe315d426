import { describe, expect, it } from 'vitest';
import { api } from '../worker/api.ts';
import { encode } from '../url/share.ts';
import { changedAt, outcomeAt, rawValues, stateAt } from './derive.ts';
import { createAppStore, DEFAULT_VIEW, describeRepair, EMAIL_TASKS, shareViewOf } from './store.ts';

/** The real core, called directly instead of through the worker. */
const simulate = async (req: Parameters<typeof api.simulate>[0]) => api.simulate(req);

async function loaded(fragment = '') {
  const store = createAppStore(simulate);
  await store.getState().actions.openLink(fragment, 'load');
  return store;
}

describe('store', () => {
  it('opens on the e-mail interleaving under variant a, cursor at the start', async () => {
    const store = await loaded();
    const s = store.getState();
    expect(EMAIL_TASKS.join('')).toBe('111' + '2'.repeat(15) + '1'.repeat(12));
    expect(shareViewOf(s)).toEqual(DEFAULT_VIEW);
    expect(s.sim.result?.trace.steps).toHaveLength(30);
    expect(s.sim.pending).toBe(0);
    expect(s.view.notice).toBeNull();
  });

  it('steps within 0…n and derives the state, changes and outcome at the cursor', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.stepBack();
    expect(store.getState().playback.cursor).toBe(0);
    actions.setCursor(4);
    const r = store.getState().sim.result!;
    expect(rawValues(stateAt(r, 4))).toMatchObject({ mm_users: '0', mm_count: '2' });
    expect([...changedAt(r, 4)]).toContain('mmUsers');
    expect(outcomeAt(r, 19)).toEqual(['RUNNING']);
    expect(outcomeAt(r, 20)).toEqual(['LOCKDEP_SPLAT']);
    expect(rawValues(stateAt(r, 16))).toMatchObject({ mt_flags: '0x0', mmap_writer: 'true' });
    actions.lastStep();
    expect(store.getState().playback.cursor).toBe(30);
    actions.stepForward();
    expect(store.getState().playback.cursor).toBe(30);
    actions.firstStep();
    expect(store.getState().playback.cursor).toBe(0);
  });

  it('plays to the end and stops; play at the end starts over', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(28);
    actions.togglePlay();
    expect(store.getState().playback.playing).toBe(true);
    actions.tick();
    actions.tick();
    expect(store.getState().playback).toMatchObject({ cursor: 30, playing: false });
    actions.togglePlay();
    expect(store.getState().playback).toMatchObject({ cursor: 0, playing: true });
    actions.pause();
    expect(store.getState().playback.playing).toBe(false);
  });

  it('the early-check switch keeps the interleaving and ends CLEAN', async () => {
    const store = await loaded();
    store.getState().actions.setCursor(20);
    await store.getState().actions.setEarlyCheck(true);
    const s = store.getState();
    expect(s.scenario.variant).toBe('b_early_check');
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.view.notice).toBeNull();
    expect(s.view.cause).toBe('user');
    expect(s.playback.cursor).toBe(20);
    expect(s.sim.result!.trace.steps[19].stepId).toBe('t1_early_test_exit');
    expect(outcomeAt(s.sim.result!, 30)).toEqual(['CLEAN']);
  });

  it('says which turns no longer apply under another variant', async () => {
    const store = await loaded();
    store.getState().actions.lastStep();
    await store.getState().actions.setVariant('c_linked_list');
    const s = store.getState();
    expect(s.sim.result!.trace.steps).toHaveLength(27);
    expect(s.playback.cursor).toBe(27);
    expect(s.view.notice?.kind).toBe('variant');
    expect(s.view.notice?.lines[0]).toBe(
      'Turns 16–18 (task 2) no longer apply: task 2 has finished.',
    );
  });

  it('describes repairs in words', () => {
    expect(
      describeRepair(
        [
          { position: 4, task: 1, reason: 'task 1 has finished' },
          { position: 9, task: 2, reason: 'r' },
          { position: 10, task: 2, reason: 'r' },
        ],
        1,
      ),
    ).toEqual([
      'Turn 5 (task 1) no longer applies: task 1 has finished.',
      'Turns 10–11 (task 2) no longer apply: r.',
      '1 turn added at the end, in task order, to run the schedule to completion.',
    ]);
  });

  it('opens a shared link exactly', async () => {
    const view = { ...DEFAULT_VIEW, variant: 'e_ctl_no_exit_checks' as const, cursor: 20 };
    const store = await loaded('#' + encode(view));
    expect(shareViewOf(store.getState())).toEqual(view);
    expect(store.getState().view.notice).toBeNull();
  });

  it('falls back to the default view on a link it cannot replay, and says why', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x1&c=2');
    const s = store.getState();
    expect(shareViewOf(s)).toEqual(DEFAULT_VIEW);
    expect(s.view.notice?.kind).toBe('link');
    expect(s.view.notice?.lines.join(' ')).toMatch(/cannot be replayed/);
  });

  it('keeps the variant of a link whose schedule is garbage', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=zzz&c=2');
    const s = store.getState();
    expect(s.scenario.variant).toBe('b_early_check');
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.playback.cursor).toBe(0);
    expect(s.view.notice?.lines[0]).toMatch(/schedule "zzz"/);
  });

  it('opens the default view for a link from a newer model', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.9&var=b_early_check&t=none&s=1x3&c=2');
    expect(shareViewOf(store.getState())).toEqual(DEFAULT_VIEW);
    expect(store.getState().view.notice?.lines[0]).toMatch(/newer than this page/);
  });

  it('shows a requested variant at once and commits it with its result', async () => {
    const store = await loaded();
    const done = store.getState().actions.setEarlyCheck(true);
    expect(store.getState().sim.requested?.variant).toBe('b_early_check');
    expect(store.getState().scenario.variant).toBe('a_vma_iter');
    await done;
    expect(store.getState().sim.requested).toBeNull();
    expect(store.getState().scenario.variant).toBe('b_early_check');
  });

  it('applies only the newest of two overlapping scenario changes', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    const a = actions.setVariant('c_linked_list');
    const b = actions.setVariant('b_early_check');
    await Promise.all([a, b]);
    expect(store.getState().scenario.variant).toBe('b_early_check');
    expect(store.getState().sim.pending).toBe(0);
  });
});
