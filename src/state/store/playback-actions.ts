/**
 * Moving the cursor and playing, and the page's own view (hover, notice, zoom): local and
 * instant, never waiting on the worker.
 */
import { isBadOutcome } from '../derive.ts';
import type { StoreContext } from './context.ts';
import { clampCursor, lengthOf } from './commit.ts';
import type { Actions, AppState } from './slices.ts';

type PlaybackActions = Pick<
  Actions,
  | 'setCursor'
  | 'stepForward'
  | 'stepBack'
  | 'firstStep'
  | 'lastStep'
  | 'togglePlay'
  | 'pause'
  | 'tick'
  | 'setSpeed'
  | 'setStopAtBug'
  | 'hover'
  | 'dismissNotice'
  | 'setZoom'
>;

/**
 * Whether Play pauses on reaching cursor k: a bad outcome's flag is first set by step k (the
 * worker's timeline facts). Play from there runs on, since the tick that reaches k has passed.
 */
function isBugStop(s: AppState, k: number): boolean {
  const r = s.sim.result;
  return (
    s.playback.stopAtBug &&
    r !== null &&
    r.facts.flags.some((f) => f.step === k && isBadOutcome(r, f.outcome))
  );
}

export function createPlaybackActions({ get, set }: StoreContext): PlaybackActions {
  const actions: PlaybackActions = {
    setCursor(k) {
      const cursor = clampCursor(k, get());
      if (cursor !== get().playback.cursor) set((s) => ({ playback: { ...s.playback, cursor } }));
    },
    stepForward() {
      actions.setCursor(get().playback.cursor + 1);
    },
    stepBack() {
      actions.setCursor(get().playback.cursor - 1);
    },
    firstStep() {
      actions.setCursor(0);
    },
    lastStep() {
      actions.setCursor(lengthOf(get()));
    },
    togglePlay() {
      const s = get();
      if (s.playback.playing) return actions.pause();
      const n = lengthOf(s);
      // Play at the end starts over, as media players do.
      const cursor = s.playback.cursor >= n ? 0 : s.playback.cursor;
      set({ playback: { ...s.playback, cursor, playing: n > 0 } });
    },
    pause() {
      if (get().playback.playing) set((s) => ({ playback: { ...s.playback, playing: false } }));
    },
    tick() {
      const s = get();
      const n = lengthOf(s);
      const cursor = Math.min(n, s.playback.cursor + 1);
      const playing = s.playback.playing && cursor < n && !isBugStop(s, cursor);
      set({ playback: { ...s.playback, cursor, playing } });
    },
    setSpeed(speed) {
      set((s) => ({ playback: { ...s.playback, speed } }));
    },
    setStopAtBug(stopAtBug) {
      set((s) => ({ playback: { ...s.playback, stopAtBug } }));
    },
    hover(index) {
      if (index !== get().view.hovered) set((s) => ({ view: { ...s.view, hovered: index } }));
    },
    dismissNotice() {
      set((s) => ({ view: { ...s.view, notice: null } }));
    },
    setZoom(zoom) {
      if (zoom !== get().view.zoom) set((s) => ({ view: { ...s.view, zoom } }));
    },
  };
  return actions;
}
