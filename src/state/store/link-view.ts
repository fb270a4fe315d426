/** The store's view as a link carries it (what the URL and the saved session hold). */
import { writeLink, type LinkView } from '../link.ts';
import { currentBad } from './bad-actions.ts';
import type { AppState, Snapshot } from './slices.ts';

/** The parts of the store a link is made from. */
export interface ViewOf {
  readonly scenario: AppState['scenario'];
  readonly playback: Pick<AppState['playback'], 'cursor'>;
  readonly compare: Pick<AppState['compare'], 'variant'>;
  readonly sim: Pick<AppState['sim'], 'result'>;
  /** The exploration switch and the browsed bad schedule; absent = neither. */
  readonly explore?: Pick<AppState['explore'], 'isOn' | 'bad'>;
}

export function linkViewOf(s: ViewOf): LinkView {
  const bad = s.explore ? currentBad({ explore: s.explore, scenario: s.scenario }) : null;
  return {
    ...snapshotLink({ ...s.scenario, cursor: s.playback.cursor }, s.sim.result?.info.version ?? 1),
    ...(s.compare.variant ? { compare: s.compare.variant } : {}),
    ...(s.explore?.isOn ? { explore: true } : {}),
    ...(bad ? { bad: { outcome: bad.outcome, number: String(bad.k + 1n) } } : {}),
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
