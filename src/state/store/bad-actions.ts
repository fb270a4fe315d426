/**
 * Every bad schedule, browsable: schedule k of N for each bad outcome, unranked by the worker
 * from the exploration's counts (never enumerated), and what all of them share. A link can name
 * the bad schedule it shows (`b=`), which is checked against the schedule's own number.
 */
import { formatCount } from '../../core/words.ts';
import type { LinkView } from '../link.ts';
import type { StoreContext } from './context.ts';
import type { Commits } from './commit.ts';
import { tasksOfStepIds } from './explore-actions.ts';
import { instanceKey, requestOf } from './instance.ts';
import type { Actions, AppState, BadPick, SimOk } from './slices.ts';
import { sentence } from './words.ts';

/** The browsed bad schedule, when the page still shows it (an edit or another instance ends it). */
export function currentBad(s: {
  readonly explore: Pick<AppState['explore'], 'bad'>;
  readonly scenario: AppState['scenario'];
}): BadPick | null {
  const b = s.explore.bad;
  if (!b || b.key !== instanceKey(s.scenario)) return null;
  const t = s.scenario.tasks;
  return b.tasks.length === t.length && b.tasks.every((x, i) => x === t[i]) ? b : null;
}

/** Where an outcome fires in a run: its flag's step, or the end for a final outcome. */
function firingStep(r: SimOk, outcome: string): number {
  return r.facts.flags.find((f) => f.outcome === outcome)?.step ?? r.trace.steps.length;
}

export function createBadActions(
  ctx: StoreContext,
  commits: Commits,
  explorePass: (isRequest: boolean) => Promise<void>,
) {
  const { get, set, core } = ctx;

  function say(title: string, lines: readonly string[]) {
    set((s) => ({
      view: { ...s.view, notice: { kind: 'refused', title, lines: lines.map(sentence) } },
    }));
  }

  async function showBad(outcome: string, k: bigint): Promise<void> {
    const s = get();
    const r = s.sim.result;
    if (!r) return;
    let pick;
    try {
      pick = await ctx.track(core.badSchedule({ ...requestOf(s.scenario), outcome, k }));
    } catch (e) {
      say(`${outcome} schedule ${formatCount(k + 1n)} could not be loaded`, [
        e instanceof Error ? e.message : String(e),
      ]);
      return;
    }
    const label = `${outcome} schedule ${formatCount(k + 1n)} of ${formatCount(pick.total)}`;
    const failure = await commits.replayOrComplete(
      s.scenario,
      tasksOfStepIds(r, pick.steps),
      (res) => firingStep(res, outcome),
      'user',
      'change',
      `load ${label}`,
      () => null,
    );
    if (failure !== null) {
      say(`${label} could not be replayed`, [failure]);
      return;
    }
    const now = get();
    set({
      explore: {
        ...now.explore,
        bad: {
          outcome,
          k,
          total: pick.total,
          key: instanceKey(now.scenario),
          tasks: now.scenario.tasks,
        },
      },
    });
  }

  const actions: Pick<Actions, 'showBad' | 'stepBad' | 'loadShared'> = {
    showBad,

    async stepBad(outcome, delta) {
      const s = get();
      const total = s.explore.current?.summary.schedulesWith[outcome] ?? 0n;
      if (total === 0n) return;
      let from: bigint | null;
      const picked = currentBad(s);
      if (picked?.outcome === outcome) from = picked.k;
      else {
        try {
          from = await ctx.track(
            core.rankOf({ ...requestOf(s.scenario), outcome, tasks: s.scenario.tasks }),
          );
        } catch {
          from = null;
        }
      }
      const k =
        from === null
          ? delta > 0
            ? 0n
            : total - 1n
          : (((from + BigInt(delta)) % total) + total) % total;
      await showBad(outcome, k);
    },

    async loadShared(outcome) {
      const s = get();
      const key = instanceKey(s.scenario);
      if (s.explore.sharedKey === key && s.explore.shared[outcome]) return;
      try {
        const words = await ctx.track(core.sharedOrderings({ ...requestOf(s.scenario), outcome }));
        set((st) => ({
          explore: {
            ...st.explore,
            sharedKey: key,
            shared: {
              ...(st.explore.sharedKey === key ? st.explore.shared : {}),
              [outcome]: words,
            },
          },
        }));
      } catch (e) {
        say(`What the ${outcome} schedules share could not be worked out`, [
          e instanceof Error ? e.message : String(e),
        ]);
      }
    },
  };

  /**
   * After a link opened: explores when it says so, and takes its bad-schedule number only when
   * the schedule really is that one.
   */
  async function openedLink(view: Pick<LinkView, 'explore' | 'bad'>): Promise<void> {
    if (!view.explore && !view.bad) return;
    await explorePass(true);
    const bad = view.bad;
    if (!bad || !get().explore.current) return;
    const s = get();
    const k = BigInt(bad.number) - 1n;
    let rank: bigint | null = null;
    try {
      rank = await ctx.track(
        core.rankOf({ ...requestOf(s.scenario), outcome: bad.outcome, tasks: s.scenario.tasks }),
      );
    } catch {
      rank = null;
    }
    const total = get().explore.current?.summary.schedulesWith[bad.outcome] ?? 0n;
    if (rank === k) {
      const now = get();
      set({
        explore: {
          ...now.explore,
          bad: {
            outcome: bad.outcome,
            k,
            total,
            key: instanceKey(now.scenario),
            tasks: now.scenario.tasks,
          },
        },
      });
      return;
    }
    set((st) => ({
      view: {
        ...st.view,
        notice: {
          kind: 'link',
          title: 'Part of this link could not be used',
          lines: [
            `The link calls its schedule ${bad.outcome} schedule ${formatCount(k + 1n)}, but it is ${
              rank === null
                ? `not one of the ${formatCount(total)} ${bad.outcome} schedules`
                : `number ${formatCount(rank + 1n)}`
            }.`,
            'The schedule is shown as it was sent.',
          ].map(sentence),
        },
      },
    }));
  }

  return { actions, openedLink };
}
