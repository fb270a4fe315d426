/**
 * Exhaustive exploration of the current instance and of every variant under the same
 * parameters, the fates along the schedule, and loading a witness.
 */
import { ExploreCancelled, type ExploreProgressInfo } from '../worker-client.ts';
import type { StoreContext } from './context.ts';
import type { Commits } from './commit.ts';
import { paramsKey, requestOf } from './instance.ts';
import { IDLE_EXPLORE, type Actions, type SimOk } from './slices.ts';
import { COMPLETION_RULE, verdictLine } from './words.ts';

type ExploreActions = Pick<Actions, 'startExplore' | 'cancelExplore' | 'loadWitness'>;

/**
 * Task choices of a step-id schedule, by the steps the worker listed. An id it did not list
 * becomes task 0, a turn the repair rule skips ("there is no task 0").
 */
export function tasksOfStepIds(r: SimOk, ids: readonly string[]): number[] {
  const taskOf = new Map(r.steps.map((s) => [s.id, s.task]));
  return ids.map((id) => taskOf.get(id) ?? 0);
}

export function createExploreActions(ctx: StoreContext, commits: Commits) {
  const { get, set, core } = ctx;
  let exploreSeq = 0;

  /**
   * Explores the current variant (with fates along the current schedule) and, when the
   * parameters changed or on request, every variant. Progress shows only for the slow part.
   */
  async function explorePass(isRequest: boolean): Promise<void> {
    const s0 = get();
    const r = s0.sim.result;
    if (!r) return;
    const sc = s0.scenario;
    const key = paramsKey(sc);
    const needAll = isRequest || !s0.explore.all || s0.explore.allKey !== key;
    const mine = ++exploreSeq;
    const total = 1 + r.info.variants.length;
    if (needAll) {
      set((s) => ({
        explore: {
          ...s.explore,
          isOn: true,
          status: 'running',
          error: null,
          progress: { done: 0, total, states: 0 },
          ...(s.explore.allKey === key ? {} : { all: null }),
        },
      }));
    }
    const progress = (p: ExploreProgressInfo) => {
      if (mine === exploreSeq) set((s) => ({ explore: { ...s.explore, progress: p } }));
    };
    try {
      const current = await ctx.track(
        core.explore({ ...requestOf(sc), tasks: sc.tasks }, needAll ? progress : undefined),
      );
      if (mine !== exploreSeq) return;
      set((s) => ({
        explore: {
          ...s.explore,
          // The counts of a variant never change: keep the same object, so the tables that
          // show them do not re-render when only the fates are new.
          current:
            s.explore.current?.variant === current.variant && s.explore.currentKey === key
              ? { ...current, summary: s.explore.current.summary }
              : current,
          currentKey: key,
          // A first exploration draws the counts first and shades the timeline a frame later,
          // so neither lands in one long main-thread task.
          fatesFor: s.sim.result === r && !needAll ? r : null,
          status: needAll ? 'running' : 'done',
        },
      }));
      if (needAll) {
        set((s) => ({ sim: { ...s.sim, pending: s.sim.pending + 1 } }));
        ctx.afterPaint(() => {
          if (mine === exploreSeq && get().sim.result === r) {
            set((s) => ({ explore: { ...s.explore, fatesFor: r } }));
          }
          set((s) => ({ sim: { ...s.sim, pending: s.sim.pending - 1 } }));
        });
      }
      if (!needAll) return;
      const all = await ctx.track(
        core.exploreAll(requestOf({ ...sc, variant: '' }), (p) =>
          progress({ done: 1 + p.done, total, states: 0 }),
        ),
      );
      if (mine !== exploreSeq) return;
      set((s) => ({
        explore: { ...s.explore, all, allKey: key, status: 'done', progress: null },
      }));
    } catch (e) {
      if (mine !== exploreSeq) return;
      set((s) => ({
        explore: {
          ...IDLE_EXPLORE,
          status: e instanceof ExploreCancelled ? 'cancelled' : 'error',
          error: e instanceof ExploreCancelled ? null : e instanceof Error ? e.message : String(e),
          all: s.explore.all,
          allKey: s.explore.allKey,
        },
      }));
    }
  }

  const actions: ExploreActions = {
    startExplore() {
      return explorePass(true);
    },

    cancelExplore() {
      if (get().explore.status !== 'running') return;
      exploreSeq++;
      core.cancelExplore();
      set((s) => ({
        explore: {
          ...IDLE_EXPLORE,
          status: 'cancelled',
          all: s.explore.all,
          allKey: s.explore.allKey,
        },
      }));
    },

    async loadWitness(outcome) {
      const s = get();
      const r = s.sim.result;
      const witness = s.explore.current?.summary.shortestWitness[outcome];
      if (!r || !witness || s.explore.current?.variant !== s.scenario.variant) return;
      const k = witness.length;
      await commits.repairAndCommit(
        s.scenario,
        tasksOfStepIds(r, witness),
        () => k,
        'user',
        (res) => {
          const n = res.trace.steps.length;
          return {
            kind: 'edit',
            title: `The shortest ${outcome} schedule: ${outcome} at step ${k}`,
            lines: [
              `Steps 1–${k} are the explorer’s shortest schedule to ${outcome} (at a tie it tries the first task first). The cursor is on step ${k}, where it happens.`,
              ...(n > k
                ? [`Steps ${k + 1}–${n} finish the run: after the witness, ${COMPLETION_RULE}.`]
                : []),
              verdictLine(r, res),
            ],
          };
        },
        'change',
        `load the shortest ${outcome} schedule`,
      );
    },
  };
  return { actions, explorePass };
}
