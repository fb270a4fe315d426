/** The store's view as a link carries it (what the URL and the saved session hold). */
import { writeLink, type LinkView } from '../link.ts';
import type { AppState, Snapshot } from './slices.ts';

/** The parts of the store a link is made from. */
export interface ViewOf {
  readonly scenario: AppState['scenario'];
  readonly playback: Pick<AppState['playback'], 'cursor'>;
  readonly compare: Pick<AppState['compare'], 'variant'>;
  readonly sim: Pick<AppState['sim'], 'result'>;
}

export function linkViewOf(s: ViewOf): LinkView {
  return {
    ...snapshotLink({ ...s.scenario, cursor: s.playback.cursor }, s.sim.result?.info.version ?? 1),
    ...(s.compare.variant ? { compare: s.compare.variant } : {}),
  };
}

export function snapshotLink(snap: Snapshot, version: number): LinkView {
  return {
    scenario: snap.id,
    version,
    params: snap.params,
    variant: snap.variant,
    tasks: snap.tasks,
    cursor: snap.cursor,
  };
}

/** A link's view as an undo snapshot. */
export function snapshotOfLink(v: LinkView): Snapshot {
  return { id: v.scenario, params: v.params, variant: v.variant, tasks: v.tasks, cursor: v.cursor };
}

/** The URL fragment (without `#`) of the view a store shows. */
export function shareFragment(s: ViewOf): string {
  return writeLink(linkViewOf(s));
}
