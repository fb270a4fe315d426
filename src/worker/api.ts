/**
 * Everything the page asks of the simulation core, as plain serialisable calls. The worker
 * exposes this object with Comlink and nothing else; tests call it directly.
 */
import {
  BAD_OUTCOMES,
  chooseNext,
  completeSchedule,
  dropTargets,
  moveTurn,
  explore,
  ksmScenario,
  replay,
  timelineFacts,
  VARIANT_IDS,
  type Exploration,
  type ExploreProgress,
  type DropTarget,
  type EditResult,
  type ExploreSummary,
  type Fate,
  type KsmState,
  type ReplayProblem,
  type SkippedTurn,
  type SourceRef,
  type TaskId,
  type TimelineFacts,
  type Toggles,
  type Trace,
  type VariantId,
} from '../core/index.ts';

export interface ScenarioRequest {
  readonly variant: VariantId;
  readonly toggles: Toggles;
}

export interface SimulateRequest extends ScenarioRequest {
  /** The schedule as task choices. */
  readonly tasks: readonly TaskId[];
  /**
   * `strict`: every turn must run as given and the run must be complete (a shared link).
   * `repair`: skip turns that cannot run and complete the run in task order (an edit).
   */
  readonly mode: 'strict' | 'repair';
}

export interface StepInfo {
  readonly id: string;
  readonly task: TaskId;
  readonly label: string;
  readonly explain: string;
  readonly source: SourceRef;
}

export type SimulateResult =
  | {
      readonly ok: true;
      /** The complete schedule that was run (equal to the request in strict mode). */
      readonly tasks: readonly TaskId[];
      readonly trace: Trace<KsmState>;
      readonly facts: TimelineFacts;
      readonly skipped: readonly SkippedTurn[];
      readonly appended: number;
      /** Every step of the variant, in program order per task. */
      readonly steps: readonly StepInfo[];
    }
  | { readonly ok: false; readonly problem: ReplayProblem };

export interface ExploreRequest extends ScenarioRequest {
  /** When given, the fates of the states along this schedule (index 0 = initial state). */
  readonly tasks?: readonly TaskId[];
}

export interface ExploreResponse {
  readonly variant: VariantId;
  readonly summary: ExploreSummary;
  /** Fate of "any bad outcome" after each step of the requested schedule; [0] = initial. */
  readonly fates: readonly Fate[];
  /** Per bad outcome, fates along the schedule. */
  readonly fatesByOutcome: Readonly<Record<string, readonly Fate[]>>;
}

const explorations = new Map<string, Exploration<KsmState>>();

function exploration(req: ScenarioRequest, onProgress?: (p: ExploreProgress) => void) {
  const key = `${req.variant}/${+req.toggles.rmapNonempty}${+req.toggles.cursorAtSlot}`;
  const hit = explorations.get(key);
  if (hit) return hit;
  const r = explore(ksmScenario(req.variant, req.toggles), { onProgress, progressEvery: 64 });
  if (!r.ok) throw new Error(r.problem.message);
  explorations.set(key, r.exploration);
  return r.exploration;
}

export const api = {
  /** Replays (or repairs and replays) a schedule and derives the timeline's annotations. */
  simulate(req: SimulateRequest): SimulateResult {
    const scenario = ksmScenario(req.variant, req.toggles);
    let tasks: readonly TaskId[] = req.tasks;
    let skipped: readonly SkippedTurn[] = [];
    let appended = 0;
    if (req.mode === 'repair') {
      const c = completeSchedule(scenario, req.tasks);
      ({ tasks, skipped, appended } = c);
    }
    const r = replay(scenario, tasks);
    if (!r.ok) return r;
    if (req.mode === 'strict' && !r.trace.complete) {
      return {
        ok: false,
        problem: {
          kind: 'blocked',
          position: tasks.length,
          message: `the schedule stops after ${tasks.length} turns, but a task can still move`,
        },
      };
    }
    const steps: StepInfo[] = [...scenario.steps.values()].map((d) => ({
      id: d.id,
      task: d.task,
      label: d.label,
      explain: d.explain,
      source: d.source,
    }));
    return {
      ok: true,
      tasks: [...tasks],
      trace: r.trace,
      facts: timelineFacts(scenario, r.trace),
      skipped,
      appended,
      steps,
    };
  },

  /** Explores one variant; cached per variant and toggles. */
  explore(req: ExploreRequest, onProgress?: (p: ExploreProgress) => void): ExploreResponse {
    const ex = exploration(req, onProgress);
    const fates: Fate[] = [];
    const fatesByOutcome: Record<string, Fate[]> = {};
    for (const o of BAD_OUTCOMES) fatesByOutcome[o] = [];
    if (req.tasks) {
      const r = replay(ksmScenario(req.variant, req.toggles), req.tasks);
      if (r.ok) {
        for (const s of [r.trace.initial, ...r.trace.steps.map((x) => x.state)]) {
          fates.push(ex.fateOf(s)!);
          const per = ex.fatesOf(s)!;
          for (const o of BAD_OUTCOMES) fatesByOutcome[o].push(per[o]);
        }
      }
    }
    return { variant: req.variant, summary: ex.summary, fates, fatesByOutcome };
  },

  /** Explores all six variants under the same toggles, in the spec's order. */
  exploreAll(
    toggles: Toggles,
    onProgress?: (done: number, total: number) => void,
  ): ExploreResponse[] {
    return VARIANT_IDS.map((variant, i) => {
      const r = api.explore({ variant, toggles });
      onProgress?.(i + 1, VARIANT_IDS.length);
      return r;
    });
  },

  /** Moves the turn at `from` to index `to` (see src/core/reorder.ts for the rule). */
  moveTurn(
    req: ScenarioRequest & { tasks: readonly TaskId[]; from: number; to: number },
  ): EditResult {
    return moveTurn(ksmScenario(req.variant, req.toggles), req.tasks, req.from, req.to);
  },

  /** Legal and illegal drop places for the turn at `from`, with reasons. */
  dropTargets(req: ScenarioRequest & { tasks: readonly TaskId[]; from: number }): DropTarget[] {
    return dropTargets(ksmScenario(req.variant, req.toggles), req.tasks, req.from);
  },

  /** "Run task N next" at a cursor position. */
  chooseNext(
    req: ScenarioRequest & { tasks: readonly TaskId[]; cursor: number; task: TaskId },
  ): EditResult {
    return chooseNext(ksmScenario(req.variant, req.toggles), req.tasks, req.cursor, req.task);
  },
};

export type Api = typeof api;
