import { describe, expect, it } from 'vitest';
import { changedAt, locksAt, outcomeAt, stateAt } from '../derive.ts';
import { loaded } from '../testing/store.ts';

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
});
