/**
 * Everything the page asks of the simulation core, as plain serialisable calls. The worker
 * exposes this object with Comlink and nothing else; tests call it directly.
 *
 * A request names a scenario of the built-in library and its parameters (the variant among
 * them); nothing here knows which race it is. Traces leave without the engine's raw states
 * (`Trace.raw`), which are for the core's own use and would only cost structured-clone time.
 */
// Values from their own modules, not the core's index: the index also re-exports the document
// schema (valibot), which the worker never needs (documents are checked at build time).
import { causalChain, formatChange, formatEdge, stepChanges } from '../core/causality.ts';
import { fixDiffOf, type FixDiff } from '../core/code-diff.ts';
import { notesOf } from '../core/content/notes.ts';
import { diagramOf, parseDiagram, type DiagramParse } from '../core/diagram.ts';
import { reportsOf } from '../core/content/reports.ts';
import { explore } from '../core/explorer.ts';
import { describeOrderings } from '../core/orderings.ts';
import { formatCount } from '../core/words.ts';
import { chooseNext, dropTargets, moveTurn } from '../core/reorder.ts';
import { replay } from '../core/replay.ts';
import { builtinLibrary } from '../core/scenario/builtin.ts';
import { catalogEntry, describeScenario } from '../core/scenario/describe.ts';
import { completeSchedule } from '../core/schedule.ts';
import { timelineFacts } from '../core/timeline.ts';
import type {
  CausalChain,
  CausalEdge,
  CatalogEntry,
  CompiledScenario,
  DropTarget,
  EditResult,
  Exploration,
  ExploreProgress,
  ExploreSummary,
  Fate,
  FieldValue,
  NoteAt,
  Report,
  ReplayProblem,
  ScenarioInfo,
  SkippedTurn,
  SourceRef,
  TaskId,
  TimelineFacts,
  Trace,
} from '../core/index.ts';

/** A scenario's parameter values, `variant` included; absent ones take the document's default. */
export type Params = Readonly<Record<string, FieldValue>>;

export interface ScenarioRequest {
  /** A scenario id of the built-in library. */
  readonly scenario: string;
  readonly params: Params;
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
  /** The document's step id, without a family suffix (`t1_lock` for `t1_lock.2`). */
  readonly base: string;
  readonly task: TaskId;
  readonly label: string;
  readonly explain: string;
  readonly source?: SourceRef;
}

/** A trace as it crosses to the page: everything but the engine's raw states. */
export type WireTrace = Omit<Trace, 'raw'>;

export type SimulateResult =
  | {
      readonly ok: true;
      /** The complete schedule that was run (equal to the request in strict mode). */
      readonly tasks: readonly TaskId[];
      readonly trace: WireTrace;
      readonly facts: TimelineFacts;
      readonly skipped: readonly SkippedTurn[];
      readonly appended: number;
      /** Every step of the instance, in program order per task. */
      readonly steps: readonly StepInfo[];
      /** The instance as plain data: lanes, locks, fields, parameters, variants, outcomes. */
      readonly info: ScenarioInfo;
      /** The scenario's notes placed on this run. */
      readonly notes: readonly NoteAt[];
      /** What the kernel prints for each outcome of this run. */
      readonly reports: readonly Report[];
      /** Per step, the fields it changed as `replay` prints them (`flags 0x301 → 0x0`). */
      readonly changes: readonly (readonly string[])[];
      /** For each bad flag outcome this run sets: what caused it (src/core/causality.ts). */
      readonly causes: readonly Cause[];
    }
  | { readonly ok: false; readonly problem: ReplayProblem };

/** What all bad schedules share, in words, or why nothing can be said. */
export type SharedWords = { readonly sentences: string[] } | { readonly message: string };

/** A causal chain as the page draws it: each edge with its label. */
export interface Cause extends Omit<CausalChain, 'edges'> {
  readonly edges: readonly (CausalEdge & { readonly label: string })[];
}

export interface ExploreRequest extends ScenarioRequest {
  /** When given, the fates of the states along this schedule (index 0 = initial state). */
  readonly tasks?: readonly TaskId[];
}

export interface ExploreResponse {
  readonly variant: string;
  readonly summary: ExploreSummary;
  /** Fate of "any bad outcome" after each step of the requested schedule; [0] = initial. */
  readonly fates: readonly Fate[];
  /** Per bad outcome, fates along the schedule. */
  readonly fatesByOutcome: Readonly<Record<string, readonly Fate[]>>;
}

/** The compiled instance a request names (the library caches it); throws on a bad request. */
function instanceOf(req: ScenarioRequest): CompiledScenario {
  return builtinLibrary().instance(req.scenario, req.params);
}

/**
 * Explorations by instance. The library hands out one instance per scenario and resolved
 * parameters, so this is a cache keyed by scenario + parameters, defaults filled in.
 */
const explorations = new Map<CompiledScenario, Exploration>();

/**
 * The most states a page exploration keeps (a few hundred MB of the worker's memory). Bigger
 * instances are for the command line, with its `--limit`, or for Spin.
 */
export const PAGE_STATE_LIMIT = 2_000_000;

function exploration(
  scenario: CompiledScenario,
  onProgress?: (p: ExploreProgress) => void,
  limit = PAGE_STATE_LIMIT,
) {
  const hit = explorations.get(scenario);
  if (hit) return hit;
  const r = explore(scenario, { onProgress, progressEvery: 64, limit });
  if (!r.ok && r.problem.kind === 'limit') {
    const sets = Object.entries(scenario.params)
      .map(([k, v]) => ` --set ${k}=${String(v)}`)
      .join('');
    throw new Error(
      `this instance has more than ${formatCount(limit)} reachable states, more than the page explores; run it from the command line (npm run explore -- --scenario ${scenario.id} --variant ${scenario.variant}${sets} --limit 20000000) or export it to Spin (docs/spin.md)`,
    );
  }
  if (!r.ok) throw new Error(r.problem.message);
  explorations.set(scenario, r.exploration);
  return r.exploration;
}

const infos = new WeakMap<CompiledScenario, ScenarioInfo>();

function infoOf(scenario: CompiledScenario): ScenarioInfo {
  let info = infos.get(scenario);
  if (!info) infos.set(scenario, (info = describeScenario(scenario)));
  return info;
}

function causesOf(scenario: CompiledScenario, trace: Trace): Cause[] {
  return scenario.badOutcomes.flatMap((o) => {
    const chain = causalChain(scenario, trace, o);
    if (!chain) return [];
    return [
      { ...chain, edges: chain.edges.map((e) => ({ ...e, label: formatEdge(scenario.doc, e) })) },
    ];
  });
}

function wire(trace: Trace): WireTrace {
  const out: { -readonly [K in keyof Trace]?: Trace[K] } = { ...trace };
  delete out.raw;
  return out as WireTrace;
}

export const api = {
  /** The built-in scenarios, default first, for the page's library menu. */
  catalog(): CatalogEntry[] {
    const lib = builtinLibrary();
    return lib.ids.map((id) => catalogEntry(lib.doc(id)!));
  },

  /** One instance as plain data: parameters, variants, lanes, locks, fields and outcomes. */
  describe(req: ScenarioRequest): ScenarioInfo {
    return infoOf(instanceOf(req));
  },

  /** Replays (or repairs and replays) a schedule and derives the timeline's annotations. */
  simulate(req: SimulateRequest): SimulateResult {
    const scenario = instanceOf(req);
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
          kind: 'incomplete',
          position: tasks.length,
          message: `the schedule stops after ${tasks.length} turns, but a task can still move`,
        },
      };
    }
    const steps: StepInfo[] = [...scenario.steps.values()].map((d) => ({
      id: d.id,
      base: d.base,
      task: d.task,
      label: d.label,
      explain: d.explain,
      ...(d.source ? { source: d.source } : {}),
    }));
    const facts = timelineFacts(scenario, r.trace);
    return {
      ok: true,
      tasks: [...tasks],
      trace: wire(r.trace),
      facts,
      skipped,
      appended,
      steps,
      info: infoOf(scenario),
      notes: notesOf(scenario, r.trace),
      reports: reportsOf(scenario, r.trace, facts),
      changes: r.trace.steps.map((_, i) =>
        stepChanges(r.trace, i + 1).map((c) => formatChange(scenario.doc, c)),
      ),
      causes: causesOf(scenario, r.trace),
    };
  },

  /** Explores one instance (`limit`: the page's state limit, lowered only by tests). */
  explore(
    req: ExploreRequest,
    onProgress?: (p: ExploreProgress) => void,
    limit = PAGE_STATE_LIMIT,
  ): ExploreResponse {
    const scenario = instanceOf(req);
    const ex = exploration(scenario, onProgress, limit);
    const fates: Fate[] = [];
    const fatesByOutcome: Record<string, Fate[]> = {};
    for (const o of scenario.badOutcomes) fatesByOutcome[o] = [];
    if (req.tasks) {
      const r = replay(scenario, req.tasks);
      if (r.ok) {
        for (const s of r.trace.raw) {
          fates.push(ex.fateOf(s)!);
          const per = ex.fatesOf(s)!;
          for (const o of scenario.badOutcomes) fatesByOutcome[o].push(per[o]);
        }
      }
    }
    return { variant: scenario.variant, summary: ex.summary, fates, fatesByOutcome };
  },

  /** Explores every variant of the scenario under the same parameters, in document order. */
  exploreAll(
    req: ScenarioRequest,
    onProgress?: (done: number, total: number) => void,
  ): ExploreResponse[] {
    const doc = builtinLibrary().doc(req.scenario);
    if (!doc) throw new Error(`there is no scenario "${req.scenario}"`);
    const variants = doc.variants.list.map((v) => v.id);
    return variants.map((variant, i) => {
      const r = api.explore({ scenario: req.scenario, params: { ...req.params, variant } });
      onProgress?.(i + 1, variants.length);
      return r;
    });
  },

  /** A schedule as a mailing-list diagram, with the notes placed on it (src/core/diagram.ts). */
  diagram(req: ScenarioRequest & { tasks: readonly TaskId[] }): string {
    const scenario = instanceOf(req);
    const r = replay(scenario, req.tasks);
    if (!r.ok) throw new Error(r.problem.message);
    return diagramOf(scenario, r.trace, notesOf(scenario, r.trace));
  },

  /** Reads a pasted diagram back as task choices under this instance. */
  readDiagram(req: ScenarioRequest & { text: string }): DiagramParse {
    return parseDiagram(instanceOf(req), req.text);
  },

  /** The scenario's fix as a diff of the bug's and the fix's pseudo-code; null without a pair. */
  fixDiff(req: ScenarioRequest): FixDiff | null {
    const lib = builtinLibrary();
    const doc = lib.doc(req.scenario);
    if (!doc) throw new Error(`there is no scenario "${req.scenario}"`);
    const instance = (variant: string) => lib.instance(req.scenario, { ...req.params, variant });
    return fixDiffOf(doc, req.params, instance) ?? null;
  },

  /**
   * Bad schedule k (0-based) of those with `outcome`, in the explorer's order (task 1 first in
   * every state), unranked from the exploration's counts; with the total. Explores if needed.
   */
  badSchedule(req: ScenarioRequest & { outcome: string; k: bigint }): {
    readonly steps: string[];
    readonly total: bigint;
  } {
    const ex = exploration(instanceOf(req));
    const total = ex.summary.schedulesWith[req.outcome] ?? 0n;
    return { steps: ex.scheduleOf(req.outcome, req.k), total };
  },

  /** The number of a complete schedule among those with `outcome`, or null if it is not one. */
  rankOf(req: ScenarioRequest & { outcome: string; tasks: readonly TaskId[] }): bigint | null {
    const scenario = instanceOf(req);
    const r = replay(scenario, req.tasks);
    if (!r.ok) return null;
    const ex = exploration(scenario);
    return (
      ex.rankOf(
        req.outcome,
        r.trace.steps.map((st) => st.stepId),
      ) ?? null
    );
  },

  /**
   * What every schedule with `outcome` shares and some clean one does not, as sentences; or why
   * there is nothing to say.
   */
  sharedOrderings(req: ScenarioRequest & { outcome: string }): SharedWords {
    const scenario = instanceOf(req);
    const r = exploration(scenario).sharedOrderings(req.outcome);
    if (r.kind !== 'orderings') return { message: r.message };
    return { sentences: describeOrderings(scenario, r.orderings) };
  },

  /** Moves the turn at `from` to index `to` (see src/core/reorder.ts for the rule). */
  moveTurn(
    req: ScenarioRequest & { tasks: readonly TaskId[]; from: number; to: number },
  ): EditResult {
    return moveTurn(instanceOf(req), req.tasks, req.from, req.to);
  },

  /** Legal and illegal drop places for the turn at `from`, with reasons. */
  dropTargets(req: ScenarioRequest & { tasks: readonly TaskId[]; from: number }): DropTarget[] {
    return dropTargets(instanceOf(req), req.tasks, req.from);
  },

  /** "Run task N next" at a cursor position. */
  chooseNext(
    req: ScenarioRequest & { tasks: readonly TaskId[]; cursor: number; task: TaskId },
  ): EditResult {
    return chooseNext(instanceOf(req), req.tasks, req.cursor, req.task);
  },
};

export type Api = typeof api;
