import { useDeferredValue } from 'react';
import { useApp } from './useApp.ts';

/**
 * The cursor for the panels below the first screen (state, source, notes). They follow it a
 * render behind the timeline and the dock: a step paints what is in view in its own frame, and
 * React renders these panels right after, in a pass it may interrupt (useDeferredValue). Clamped
 * to the run in view, which may be shorter than the one the lagging cursor was on.
 */
export function useLaterCursor(): number {
  const cursor = useDeferredValue(useApp((s) => s.playback.cursor));
  const n = useApp((s) => s.sim.result?.trace.steps.length ?? 0);
  return Math.min(cursor, n);
}
