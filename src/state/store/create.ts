/**
 * The page's one store (STYLE.md, Store), assembled from its parts:
 *
 * - slices.ts: the shape — `scenario` (which instance, which task choices), `playback`, `view`,
 *   `sim` (the worker's answer, with the instance's description), `history`, `explore`,
 *   `compare`, and the library `catalog`;
 * - context.ts: request sequencing; commit.ts: the commit pipeline; history.ts: the undo reducer;
 * - open-link.ts, scenario-actions.ts, playback-actions.ts, edit-actions.ts,
 *   explore-actions.ts, compare-actions.ts: the verbs, by what they do;
 * - words.ts: every sentence the store says.
 *
 * Fates and the comparison follow each new result (the subscription below); they are tagged
 * with the result they belong to.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimClient } from '../worker-client.ts';
import { createBadActions } from './bad-actions.ts';
import { createDiagramActions } from './diagram-actions.ts';
import { createCommits } from './commit.ts';
import { createCompare } from './compare-actions.ts';
import { createContext } from './context.ts';
import { createEditActions } from './edit-actions.ts';
import { createExploreActions } from './explore-actions.ts';
import { createOpenLink } from './open-link.ts';
import { createPlaybackActions } from './playback-actions.ts';
import { createScenarioActions } from './scenario-actions.ts';
import { IDLE_EXPLORE, type Actions, type AppState } from './slices.ts';

export type AppStore = StoreApi<AppState>;

export interface StoreOptions {
  /**
   * Runs follow-up work (fates, the comparison) once the page has painted the new timeline. The
   * page passes a requestAnimationFrame-based one; the default runs it at once (tests).
   */
  readonly afterPaint?: (f: () => void) => void;
}

/**
 * A fresh store. `client` runs the core: the page passes the worker client, tests pass
 * `directClient()` (the core on the same thread).
 */
export function createAppStore(client: SimClient, options: StoreOptions = {}): AppStore {
  const afterPaint = options.afterPaint ?? ((f: () => void) => f());

  return createStore<AppState>()((set, get, api) => {
    const ctx = createContext(get, set, client, afterPaint);
    const commits = createCommits(ctx);
    const explore = createExploreActions(ctx, commits);
    const compare = createCompare(ctx);
    const bad = createBadActions(ctx, commits, explore.explorePass);
    const actions: Actions = {
      openLink: createOpenLink(ctx, commits, bad.openedLink),
      ...createScenarioActions(ctx, commits),
      ...createPlaybackActions(ctx),
      ...createEditActions(ctx, commits),
      ...explore.actions,
      ...bad.actions,
      setCompare: compare.setCompare,
      ...createDiagramActions(ctx, commits),
    };

    /*
     * What the page derives from each new scenario result: the comparison and the fates. They
     * start after the new timeline has painted (`afterPaint`), so an edit repaints first and the
     * shading and the second timeline follow a frame later; until they are in, the store counts
     * them as pending, so the idle signal waits for them.
     */
    api.subscribe((s, prev) => {
      const isNewResult = s.sim.result !== prev.sim.result;
      const wantsCompare =
        s.compare.variant !== null && (isNewResult || s.compare.variant !== prev.compare.variant);
      const wantsExplore = isNewResult && s.explore.isOn;
      if (!wantsCompare && !wantsExplore) return;
      set((st) => ({ sim: { ...st.sim, pending: st.sim.pending + 1 } }));
      afterPaint(() => {
        if (wantsCompare) void compare.refreshCompare();
        if (wantsExplore) void explore.explorePass(false);
        set((st) => ({ sim: { ...st.sim, pending: st.sim.pending - 1 } }));
      });
    });

    return {
      catalog: [],
      // Filled in by the first openLink, from the worker's description of the default scenario.
      scenario: { id: '', params: {}, variant: '', tasks: [] },
      playback: { cursor: 0, playing: false, speed: 2, stopAtBug: true },
      view: { hovered: null, notice: null, cause: 'load', drag: null, zoom: 1 },
      sim: { result: null, pending: 0, requested: null },
      history: { past: [], future: [] },
      explore: IDLE_EXPLORE,
      compare: { variant: null, result: null },
      fix: { key: null, diff: null },
      actions,
    };
  });
}
