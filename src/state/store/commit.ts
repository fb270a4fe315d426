/**
 * The commit pipeline: a scenario change is committed together with its result, so the panels
 * never show a trace of another instance than the one selected. The committed instance is read
 * back from the result's own description, so the slice and the result cannot disagree.
 */
import type { EditResult, TaskId } from '../../core/index.ts';
import type { StoreContext } from './context.ts';
import { nextHistory, type Recording } from './history.ts';
import { defaultComparison, instanceOf, paramsKey, requestOf, variantTitle } from './instance.ts';
import type { AppState, Cause, Instance, Notice, SimOk, Snapshot } from './slices.ts';
import {
  describeCompletion,
  describeRepair,
  laneKey,
  REPAIR_RULE,
  sentence,
  verdictLine,
} from './words.ts';

function clamp(k: number, n: number): number {
  return Math.max(0, Math.min(n, Math.trunc(k)));
}

export function lengthOf(s: AppState): number {
  return s.sim.result?.trace.steps.length ?? 0;
}

export function clampCursor(k: number, s: AppState): number {
  return clamp(k, lengthOf(s));
}

export function createCommits(ctx: StoreContext) {
  const { get, set } = ctx;

  function committed(
    r: SimOk,
    cursor: number,
    cause: Cause,
    notice: Notice | null,
    record: Recording,
    label = '',
  ): Partial<AppState> {
    const s = get();
    const c = clamp(cursor, r.trace.steps.length);
    const scenario = { ...instanceOf(r.info), tasks: r.tasks };
    const cmp = s.compare.variant;
    // Another scenario or parameters: the comparison's old run has other lanes; it is redone.
    const sameParams = paramsKey(s.scenario) === paramsKey(scenario);
    const keepsCompare =
      cmp !== null && cmp !== scenario.variant && r.info.variants.some((v) => v.id === cmp);
    return {
      scenario,
      playback: { ...s.playback, cursor: c, playing: false },
      view: { ...s.view, hovered: null, notice, cause, drag: null },
      sim: { result: r, pending: s.sim.pending, requested: null },
      history: nextHistory(s, { ...scenario, cursor: c }, record, label),
      compare: keepsCompare
        ? sameParams
          ? s.compare
          : { variant: cmp, result: null }
        : cmp === scenario.variant
          ? { variant: defaultComparison(r.info, scenario.variant), result: null }
          : { variant: null, result: null },
    };
  }

  /** Repairs `tasks` under an instance (an edit or a fallback) and commits the result. */
  function repairAndCommit(
    instance: Instance,
    tasks: readonly TaskId[],
    cursor: (r: SimOk) => number,
    cause: Cause,
    notice: (r: SimOk) => Notice | null,
    record: Recording,
    label = '',
  ): Promise<boolean> {
    return ctx.run({ ...requestOf(instance), tasks, mode: 'repair' }, (r) =>
      r.ok ? committed(r, cursor(r), cause, notice(r), record, label) : null,
    );
  }

  /** Replays an already complete schedule exactly (an edit's result, an undo) and commits it. */
  function strictCommit(
    target: Snapshot,
    notice: (r: SimOk) => Notice | null,
    record: Recording,
    label: string,
  ): Promise<boolean> {
    return ctx.run({ ...requestOf(target), tasks: target.tasks, mode: 'strict' }, (r) =>
      r.ok
        ? committed(r, target.cursor, 'user', notice(r), record, label)
        : {
            view: {
              ...get().view,
              drag: null,
              notice: {
                kind: 'error',
                title: 'The edit could not be replayed',
                lines: [sentence(r.problem.message), 'The schedule is unchanged.'],
              },
            },
          },
    );
  }

  /**
   * Another instance of the scenario (variant or parameters), keeping the task choices where
   * they still apply. When the lanes change (another number of processes), the old choices
   * mean other tasks, so the new instance opens with its own default schedule.
   */
  async function changeInstance(instance: Instance, label: string): Promise<void> {
    set((s) => ({ sim: { ...s.sim, requested: instance } }));
    // Numbered now, not when the simulation starts: a newer choice made while this one's
    // description is on its way must win.
    const mine = ctx.begin();
    const s = get();
    const before = s.scenario;
    const lanes = s.sim.result?.info.lanes.length;
    let tasks: readonly TaskId[] = before.tasks;
    let reset = false;
    if (instance.id !== before.id || instance.params !== before.params) {
      try {
        const info = await ctx.track(ctx.core.describe(requestOf(instance)));
        if (info.lanes.length !== lanes || instance.id !== before.id) {
          tasks = info.defaultTasks;
          reset = true;
        }
      } catch {
        // The simulate call below reports what is wrong.
      }
    }
    if (!ctx.isLatest(mine)) return;
    await repairAndCommit(
      instance,
      tasks,
      () => (reset ? 0 : s.playback.cursor),
      'user',
      (r) => {
        const lines = reset ? [] : describeRepair(r.skipped, r.appended, (t) => laneKey(r, t));
        if (lines.length === 0) return null;
        return {
          kind: 'variant',
          title: `The interleaving only partly applies under ${variantTitle(r.info, r.info.variant)}`,
          lines: [
            ...lines,
            `Every other turn is the same task choice as before (${r.tasks.length} steps now, ${before.tasks.length} before).`,
          ],
        };
      },
      'change',
      label,
    );
  }

  /** Commits a successful edit: the new complete schedule, with what the repair changed. */
  function commitEdit(
    r: Extract<EditResult, { ok: true }>,
    cursor: number,
    title: string,
    label: string,
  ): Promise<boolean> {
    const s = get();
    const before = s.sim.result;
    const repair = describeRepair(r.skipped, r.appended, (t) => laneKey(before, t));
    return strictCommit(
      { ...s.scenario, tasks: r.tasks, cursor },
      (res) => ({
        kind: 'edit',
        title,
        lines: [
          ...(repair.length > 0
            ? repair
            : ['Every other turn runs as before; nothing needed repairing.']),
          verdictLine(before, res),
        ],
        ...(repair.length > 0 ? { note: REPAIR_RULE } : {}),
      }),
      'change',
      label,
    );
  }

  /**
   * Replays `tasks` strictly and commits them (a link, a pasted diagram). A schedule whose every
   * turn runs but that stops while a task can still move is completed by the completion rule;
   * `notice` gets the sentence saying so (null when nothing was added). Resolves to why the
   * schedule could not be replayed, or null when it was committed.
   */
  async function replayOrComplete(
    instance: Instance,
    tasks: readonly TaskId[],
    cursor: number | ((r: SimOk) => number),
    cause: Cause,
    record: Recording,
    label: string,
    notice: (completion: string | null) => Notice | null,
  ): Promise<string | null> {
    let failure: string | null = null;
    let isPrefix = false;
    await ctx.run({ ...requestOf(instance), tasks, mode: 'strict' }, (r) => {
      const at = (r: SimOk) => (typeof cursor === 'number' ? cursor : cursor(r));
      if (r.ok) return committed(r, at(r), cause, notice(null), record, label);
      failure = r.problem.message;
      isPrefix = r.problem.kind === 'incomplete';
      return null;
    });
    if (!isPrefix) return failure;
    await ctx.run({ ...requestOf(instance), tasks, mode: 'repair' }, (r) => {
      if (!r.ok || r.skipped.length > 0) return null;
      failure = null;
      const completion = sentence(describeCompletion(tasks.length, r.appended));
      return committed(
        r,
        typeof cursor === 'number' ? cursor : cursor(r),
        cause,
        notice(completion),
        record,
        label,
      );
    });
    return failure;
  }

  return {
    committed,
    repairAndCommit,
    strictCommit,
    replayOrComplete,
    changeInstance,
    commitEdit,
  };
}

export type Commits = ReturnType<typeof createCommits>;
