/**
 * The undo reducer: how a committed scenario change moves the undo and redo stacks. Browser
 * back/forward map onto the same stacks when they land on a neighbouring snapshot.
 */
import { sameScenario } from './instance.ts';
import { UNDO_LIMIT, type AppState, type HistorySlice, type Snapshot } from './slices.ts';

/** How a commit is recorded. */
export type Recording = 'change' | 'undo' | 'redo' | 'history' | 'reset' | 'none';

export function snapshotOf(s: AppState): Snapshot {
  return { ...s.scenario, cursor: s.playback.cursor };
}

export function nextHistory(
  s: AppState,
  after: Snapshot,
  record: Recording,
  label: string,
): HistorySlice {
  const { past, future } = s.history;
  if (record === 'reset') return { past: [], future: [] };
  if (record === 'none' || s.sim.result === null) return s.history;
  const before = snapshotOf(s);
  if (sameScenario(before, after)) return s.history;
  const top = past.at(-1);
  const next = future.at(-1);
  if (record === 'undo' || (record === 'history' && top && sameScenario(top.snapshot, after))) {
    return {
      past: past.slice(0, -1),
      future: [...future, { snapshot: before, label: top?.label ?? label }],
    };
  }
  if (record === 'redo' || (record === 'history' && next && sameScenario(next.snapshot, after))) {
    return {
      past: [...past, { snapshot: before, label: next?.label ?? label }],
      future: future.slice(0, -1),
    };
  }
  return { past: [...past, { snapshot: before, label }].slice(-UNDO_LIMIT), future: [] };
}
