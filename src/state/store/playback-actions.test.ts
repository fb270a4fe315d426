import { describe, expect, it } from 'vitest';
import { changedAt, isBadOutcome, locksAt, outcomeAt, stateAt } from '../derive.ts';
import { loaded } from '../testing/store.ts';
import type { AppStore } from './index.ts';

/** Plays from the cursor until playback stops by itself; the cursor it stopped at. */
function playOut(store: AppStore): number {
  const { actions } = store.getState();
  actions.togglePlay();
  for (let i = 0; store.getState().playback.playing; i++) {
    expect(i).toBeLessThan(1000);
    actions.tick();
  }
  return store.getState().playback.cursor;
}

/**
 * Where the first bad outcome shows at the cursor, read from the outcome at every cursor (not
 * from the timeline facts the store stops on); null when none does before the end.
 */
function firstBadCursor(store: AppStore): number | null {
  const r = store.getState().sim.result!;
  for (let k = 1; k < r.trace.steps.length; k++) {
    if (outcomeAt(r, k).some((o) => isBadOutcome(r, o))) return k;
  }
  return null;
}

describe('playback', () => {
  it('steps within 0…n and derives the state, changes and outcome at the cursor', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.stepBack();
    expect(store.getState().playback.cursor).toBe(0);
    actions.setCursor(4);
    expect(store.getState().playback.cursor).toBe(4);
    const r = store.getState().sim.result!;
    const k = store.getState().playback.cursor;
    expect(stateAt(r, k)).toMatchObject({ mm_users: 0, mm_count: 2 });
    expect(stateAt(r, k - 1).mm_users).toBe(1);
    expect([...changedAt(r, k)]).toEqual(['mm_users']);
    expect(changedAt(r, 0).size).toBe(0);
    expect(outcomeAt(r, 19)).toEqual(['RUNNING']);
    expect(outcomeAt(r, 20)).toEqual(['LOCKDEP_SPLAT']);
    expect(stateAt(r, 16)).toMatchObject({ mt_flags: 0, vmas_populated: false });
    expect(locksAt(r, 16).find((l) => l.lock === 'mmap_lock')?.holders).toEqual([
      { task: 2, mode: 'write' },
    ]);
    actions.lastStep();
    expect(store.getState().playback.cursor).toBe(30);
    actions.stepForward();
    expect(store.getState().playback.cursor).toBe(30);
    actions.stepBack();
    expect(store.getState().playback.cursor).toBe(29);
    actions.firstStep();
    expect(store.getState().playback.cursor).toBe(0);
  });

  it('clamps the cursor to the schedule and to whole steps', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(99);
    expect(store.getState().playback.cursor).toBe(30);
    actions.setCursor(-3);
    expect(store.getState().playback.cursor).toBe(0);
    actions.setCursor(7.8);
    expect(store.getState().playback.cursor).toBe(7);
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
    actions.togglePlay();
    expect(store.getState().playback.playing).toBe(false);
    actions.togglePlay();
    actions.pause();
    expect(store.getState().playback.playing).toBe(false);
    actions.setSpeed(8);
    expect(store.getState().playback.speed).toBe(8);
  });

  it('never records a cursor move as a change, and a scenario change stops playing', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(5);
    actions.togglePlay();
    await actions.setFix(true);
    const s = store.getState();
    expect(s.playback).toMatchObject({ cursor: 5, playing: false });
    expect(s.history.past).toHaveLength(1);
    expect(s.history.past[0].snapshot.cursor).toBe(5);
  });

  it('hovers a step and dismisses a notice', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.hover(3);
    expect(store.getState().view.hovered).toBe(3);
    actions.hover(null);
    expect(store.getState().view.hovered).toBeNull();
    await actions.moveEvent(18, 14); // refused: a notice
    expect(store.getState().view.notice).not.toBeNull();
    actions.dismissNotice();
    expect(store.getState().view.notice).toBeNull();
  });

  it('stops at the bug by default: step 20 of the default view, then runs on to 30', async () => {
    const store = await loaded();
    expect(store.getState().playback.stopAtBug).toBe(true);
    expect(playOut(store)).toBe(20);
    expect(store.getState().sim.result!.trace.steps[19].flagged).toEqual(['LOCKDEP_SPLAT']);
    // Play again from the bug runs on to the end.
    expect(playOut(store)).toBe(30);
  });

  it('runs to the end with "stop at the bug" off', async () => {
    const store = await loaded();
    store.getState().actions.setStopAtBug(false);
    expect(playOut(store)).toBe(30);
    store.getState().actions.setStopAtBug(true);
    expect(store.getState().playback.stopAtBug).toBe(true);
  });

  it.each([
    ['the default view', ''],
    [
      'the fix on the same choices',
      '#v=2&m=ksm-exit-race.1&var=b_early_check&p=processes:1,rmap_nonempty:false,cursor:0&s=1x3.2x15.1x12&c=0',
    ],
    ['variant f (a use-after-free)', '', 'f_ctl_exit_ignores_cursor'],
    [
      'three processes',
      '#v=2&m=ksm-exit-race.1&var=a_vma_iter&p=processes:3,rmap_nonempty:false,cursor:0&s=1x3.2x15.3x16.4x16.1x12&c=0',
    ],
    [
      'the OOM deadlock (an outcome of the end)',
      '#v=2&m=ksm-oom-deadlock.1&var=a_mutex_in_ksm_exit&p=oom:waits,exit:any&s=1x7.2x3&c=0',
    ],
  ])(
    'Play from the start stops where a bad outcome first shows, else at the end: %s',
    async (_, link, variant?: string) => {
      const store = await loaded(link);
      expect(store.getState().view.notice).toBeNull();
      if (variant) await store.getState().actions.setVariant(variant);
      const n = store.getState().sim.result!.trace.steps.length;
      expect(playOut(store)).toBe(firstBadCursor(store) ?? n);
    },
  );
});
