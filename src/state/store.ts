/**
 * The page's one store (STYLE.md, Store): inputs in typed slices, worker answers as caches
 * derived from them, and colocated verbs.
 *
 * - `scenario`: variant, toggles, schedule (task choices). Changing it asks the worker.
 * - `playback`: cursor, playing, speed. Local and instant; stepping never waits on the worker.
 * - `view`: hover, the notice, the drag under way, and what caused the last scenario change.
 * - `sim`: the worker's last answer for the current scenario, and how many calls are in flight.
 * - `history`: undo and redo stacks of scenario snapshots (every schedule change is undoable).
 * - `explore`: the exhaustive exploration of the current variant and of every variant, and the
 *   fates of the states along the current schedule.
 * - `compare`: a second variant run on the same task choices.
 *
 * A scenario change is committed together with its result, so the panels never show a trace for
 * a variant other than the one selected. Fates and the comparison follow each new result (a
 * subscription below); they are tagged with the result they belong to.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DropTarget, EditResult, SkippedTurn, TaskId } from '../core/index.ts';
import { decode, type ShareView } from '../url/share.ts';
import type { ExploreResponse, SimulateRequest, SimulateResult } from '../worker/api.ts';
import {
  DEFAULT_TOGGLES,
  DEFAULT_VARIANT,
  EMAIL_TASKS,
  FIX,
  requestOf,
  sameToggles,
  VARIANT_IDS,
  VARIANTS,
  type Toggles,
  type VariantId,
} from './ksm-bridge.ts';
import { ExploreCancelled, type ExploreProgressInfo, type SimClient } from './worker-client.ts';

export type SimOk = Extract<SimulateResult, { ok: true }>;
export type { ExploreResponse };

/** What caused the current scenario: a first load, browser back/forward, or a control. */
export type Cause = 'load' | 'history' | 'user';

export interface Notice {
  /**
   * `link`: a link could not be opened as sent. `variant`: a variant change dropped turns.
   * `edit`: what an edit (or undo) did. `refused`: an edit that is not possible, and why.
   * `error`: the simulator failed.
   */
  readonly kind: 'link' | 'variant' | 'edit' | 'refused' | 'error';
  readonly title: string;
  readonly lines: readonly string[];
  /** Background in smaller print: the repair rule, where a repair happened. */
  readonly note?: string;
}

/** Playback speeds, in steps per second. */
export const SPEEDS = [1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

/**
 * The repair rule of src/core/schedule.ts in words, shown wherever a repair happened.
 * Keep it equal to the rule there and in the README.
 */
export const REPAIR_RULE =
  'How the rest was repaired: the turns after the edit keep their order; a turn whose task cannot run at that point (it waits for a lock, or has finished) is skipped; when the turns run out, the run is completed in task order (task 1 whenever it can move, else task 2).';

export interface ScenarioSlice {
  readonly variant: VariantId;
  readonly toggles: Toggles;
  readonly tasks: readonly TaskId[];
}

export interface PlaybackSlice {
  readonly cursor: number;
  readonly playing: boolean;
  readonly speed: Speed;
}

export interface DragState {
  /** 0-based index of the step being dragged. */
  readonly from: number;
  /** Every drop place with its legality, from the worker; null until it answers. */
  readonly targets: readonly DropTarget[] | null;
}

export interface ViewSlice {
  /** 0-based index of the step under the pointer or keyboard focus. */
  readonly hovered: number | null;
  readonly notice: Notice | null;
  readonly cause: Cause;
  readonly drag: DragState | null;
}

export interface SimSlice {
  readonly result: SimOk | null;
  /** Worker calls in flight, of every kind (the idle signal waits for zero). */
  readonly pending: number;
  /**
   * The variant and toggles a control has asked for while the worker works on them, so the
   * control shows the choice at once; null when the result is in.
   */
  readonly requested: Pick<ScenarioSlice, 'variant' | 'toggles'> | null;
}

/** A scenario as undo restores it. */
export interface Snapshot extends ScenarioSlice {
  readonly cursor: number;
}

export interface HistoryEntry {
  readonly snapshot: Snapshot;
  /** The change that led away from this snapshot, in words ("move mmap_read_lock(mm)…"). */
  readonly label: string;
}

export interface HistorySlice {
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
}

export type ExploreStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface ExploreSlice {
  readonly status: ExploreStatus;
  /**
   * True once the person has asked for an exploration (until a cancel or an error): from then
   * on every scenario change re-explores, which the worker's cache makes cheap.
   */
  readonly isOn: boolean;
  readonly progress: ExploreProgressInfo | null;
  /** The current variant's exploration, with fates along the schedule `fatesFor` ran. */
  readonly current: ExploreResponse | null;
  /** The toggles `current` was explored under. */
  readonly currentToggles: Toggles | null;
  readonly fatesFor: SimOk | null;
  /** Every variant under `allToggles`. */
  readonly all: readonly ExploreResponse[] | null;
  readonly allToggles: Toggles | null;
  readonly error: string | null;
}

export interface CompareSlice {
  /** The second variant, or null when not comparing. */
  readonly variant: VariantId | null;
  /** The same task choices under `variant`, repaired where they do not apply. */
  readonly result: SimOk | null;
}

export interface Actions {
  /** Opens a URL fragment (empty: the default view). Never throws; problems become a notice. */
  openLink(fragment: string, cause: Exclude<Cause, 'user'>): Promise<void>;
  setVariant(variant: VariantId): Promise<void>;
  setToggles(toggles: Partial<Toggles>): Promise<void>;
  /** The prominent switch: variant a (off) or the fix, b (on). */
  setEarlyCheck(on: boolean): Promise<void>;
  setCursor(k: number): void;
  stepForward(): void;
  stepBack(): void;
  firstStep(): void;
  lastStep(): void;
  togglePlay(): void;
  pause(): void;
  /** One tick of playback: a step forward, pausing at the end. */
  tick(): void;
  setSpeed(speed: Speed): void;
  hover(index: number | null): void;
  dismissNotice(): void;

  /** A drag of step `from` began: asks the worker once for every drop place. */
  startDrag(from: number): Promise<void>;
  cancelDrag(): void;
  /**
   * Moves the turn at `from` to index `to` (a drop, or Alt+arrow). Resolves true when the
   * schedule changed; an illegal move leaves it as it was and says why.
   */
  moveEvent(from: number, to: number): Promise<boolean>;
  /** "Run task N next" at the cursor; the cursor then moves past that step. */
  chooseNext(task: TaskId): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;

  /** Explores every interleaving of the current variant and of every variant. */
  startExplore(): Promise<void>;
  cancelExplore(): void;
  /** Loads the shortest schedule to `outcome`, completed by the repair rule. */
  loadWitness(outcome: string): Promise<void>;

  /** Shows the same task choices under a second variant (null: stop comparing). */
  setCompare(variant: VariantId | null): void;
}

export interface AppState {
  readonly scenario: ScenarioSlice;
  readonly playback: PlaybackSlice;
  readonly view: ViewSlice;
  readonly sim: SimSlice;
  readonly history: HistorySlice;
  readonly explore: ExploreSlice;
  readonly compare: CompareSlice;
  readonly actions: Actions;
}

export type AppStore = StoreApi<AppState>;

export const DEFAULT_VIEW: ShareView = {
  variant: DEFAULT_VARIANT,
  toggles: DEFAULT_TOGGLES,
  tasks: EMAIL_TASKS,
  cursor: 0,
};

/** How many schedule changes Undo remembers. */
export const UNDO_LIMIT = 100;

/** The comparison a variant is paired with by default: the bug against the fix. */
export function defaultComparison(variant: VariantId): VariantId {
  return variant === FIX.fixed ? FIX.bug : FIX.fixed;
}

/** The store's shareable view (what the URL carries). */
export function shareViewOf(s: {
  readonly scenario: ScenarioSlice;
  readonly playback: Pick<PlaybackSlice, 'cursor'>;
  readonly compare: Pick<CompareSlice, 'variant'>;
}): ShareView {
  const view: ShareView = {
    variant: s.scenario.variant,
    toggles: s.scenario.toggles,
    tasks: s.scenario.tasks,
    cursor: s.playback.cursor,
  };
  return s.compare.variant ? { ...view, compare: s.compare.variant } : view;
}

export function snapshotOf(s: AppState): Snapshot {
  return { ...s.scenario, cursor: s.playback.cursor };
}

/** Same variant, toggles and task choices (the cursor does not count). */
export function sameScenario(a: ScenarioSlice, b: ScenarioSlice): boolean {
  return (
    a.variant === b.variant &&
    a.toggles.rmapNonempty === b.toggles.rmapNonempty &&
    a.toggles.cursorAtSlot === b.toggles.cursorAtSlot &&
    a.tasks.length === b.tasks.length &&
    a.tasks.every((t, i) => t === b.tasks[i])
  );
}

function lengthOf(s: AppState): number {
  return s.sim.result?.trace.steps.length ?? 0;
}

function clamp(k: number, n: number): number {
  return Math.max(0, Math.min(n, Math.trunc(k)));
}

/** Groups skipped turns by reason: "turns 16–18 (task 2): task 2 has finished". */
export function describeRepair(skipped: readonly SkippedTurn[], appended: number): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < skipped.length) {
    let j = i;
    while (
      j + 1 < skipped.length &&
      skipped[j + 1].position === skipped[j].position + 1 &&
      skipped[j + 1].reason === skipped[i].reason &&
      skipped[j + 1].task === skipped[i].task
    ) {
      j++;
    }
    const a = skipped[i].position + 1;
    const b = skipped[j].position + 1;
    const turns =
      a === b
        ? `Turn ${a} (task ${skipped[i].task}) no longer applies`
        : `Turns ${a}–${b} (task ${skipped[i].task}) no longer apply`;
    lines.push(`${turns}: ${skipped[i].reason}.`);
    i = j + 1;
  }
  if (appended > 0) {
    lines.push(
      `${appended} turn${appended === 1 ? '' : 's'} added at the end, in task order, to run the schedule to completion.`,
    );
  }
  return lines;
}

/**
 * Task choices of a step-id schedule, by the steps the worker listed. An id it did not list
 * becomes task 0, a turn the repair rule skips ("there is no task 0").
 */
export function tasksOfStepIds(r: SimOk, ids: readonly string[]): TaskId[] {
  const taskOf = new Map(r.steps.map((s) => [s.id, s.task]));
  return ids.map((id) => taskOf.get(id) ?? 0);
}

/** "now ends CLEAN (before: LOCKDEP_SPLAT)" or "still ends LOCKDEP_SPLAT". */
function verdictLine(before: SimOk | null, after: SimOk): string {
  const now = after.trace.outcomes.join(' + ');
  const was = before?.trace.outcomes.join(' + ');
  const n = after.trace.steps.length;
  if (was === undefined || was === now) return `The ${n}-step schedule still ends ${now}.`;
  return `The ${n}-step schedule now ends ${now} (before: ${was}).`;
}

type Record = 'change' | 'undo' | 'redo' | 'history' | 'reset' | 'none';

const IDLE_EXPLORE: ExploreSlice = {
  status: 'idle',
  isOn: false,
  progress: null,
  current: null,
  currentToggles: null,
  fatesFor: null,
  all: null,
  allToggles: null,
  error: null,
};

export interface StoreOptions {
  /**
   * Runs follow-up work (fates, the comparison) once the page has painted the new timeline. The
   * page passes a requestAnimationFrame-based one; the default runs it at once (tests).
   */
  readonly afterPaint?: (f: () => void) => void;
}

/**
 * A fresh store. `client` runs the core: the page passes the worker client, tests pass
 * `directClient()` (the core on the same thread). A bare `simulate` function is accepted too,
 * for callers that only replay; edits and exploration then fail with a notice.
 */
export function createAppStore(
  client: SimClient | SimClient['simulate'],
  options: StoreOptions = {},
): AppStore {
  const afterPaint = options.afterPaint ?? ((f: () => void) => f());
  const core: SimClient = typeof client === 'function' ? simulateOnly(client) : client;
  let seq = 0;
  let exploreSeq = 0;

  return createStore<AppState>()((set, get, api) => {
    /** Counts a worker call as in flight until it settles. */
    async function track<T>(p: Promise<T>): Promise<T> {
      set((s) => ({ sim: { ...s.sim, pending: s.sim.pending + 1 } }));
      try {
        return await p;
      } finally {
        set((s) => ({ sim: { ...s.sim, pending: s.sim.pending - 1 } }));
      }
    }

    function errorNotice(e: unknown): Notice {
      const message = e instanceof Error ? e.message : String(e);
      return {
        kind: 'error',
        title: 'The simulator stopped unexpectedly',
        lines: [sentence(message), 'Try again; reload the page if it keeps happening.'],
      };
    }

    /** Runs one simulation; applies the result only if no newer scenario call has started. */
    async function run(
      req: SimulateRequest,
      commit: (r: SimulateResult) => Partial<AppState> | null,
    ): Promise<boolean> {
      const mine = ++seq;
      let patch: Partial<AppState> | null = null;
      try {
        const r = await track(core.simulate(req));
        if (mine === seq) patch = commit(r);
      } catch (e) {
        if (mine === seq) patch = { view: { ...get().view, notice: errorNotice(e) } };
      }
      set((s) => ({
        ...patch,
        sim: {
          ...(patch?.sim ?? s.sim),
          pending: s.sim.pending,
          requested: mine === seq ? null : s.sim.requested,
        },
      }));
      return patch?.sim !== undefined;
    }

    function nextHistory(
      s: AppState,
      after: Snapshot,
      record: Record,
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
      if (
        record === 'redo' ||
        (record === 'history' && next && sameScenario(next.snapshot, after))
      ) {
        return {
          past: [...past, { snapshot: before, label: next?.label ?? label }],
          future: future.slice(0, -1),
        };
      }
      return { past: [...past, { snapshot: before, label }].slice(-UNDO_LIMIT), future: [] };
    }

    function committed(
      r: SimOk,
      variant: VariantId,
      toggles: Toggles,
      cursor: number,
      cause: Cause,
      notice: Notice | null,
      record: Record,
      label = '',
    ): Partial<AppState> {
      const s = get();
      const c = clamp(cursor, r.trace.steps.length);
      return {
        scenario: { variant, toggles, tasks: r.tasks },
        playback: { ...s.playback, cursor: c, playing: false },
        view: { ...s.view, hovered: null, notice, cause, drag: null },
        sim: { result: r, pending: s.sim.pending, requested: null },
        history: nextHistory(s, { variant, toggles, tasks: r.tasks, cursor: c }, record, label),
        compare:
          s.compare.variant === variant
            ? { variant: defaultComparison(variant), result: null }
            : s.compare,
      };
    }

    /** Repairs `tasks` under a scenario (an edit or a fallback) and commits the result. */
    function repairAndCommit(
      variant: VariantId,
      toggles: Toggles,
      tasks: readonly TaskId[],
      cursor: (r: SimOk) => number,
      cause: Cause,
      notice: (r: SimOk) => Notice | null,
      record: Record,
      label = '',
    ): Promise<boolean> {
      return run({ ...requestOf(variant, toggles), tasks, mode: 'repair' }, (r) =>
        r.ok ? committed(r, variant, toggles, cursor(r), cause, notice(r), record, label) : null,
      );
    }

    /** Replays an already complete schedule exactly (an edit's result, an undo) and commits it. */
    function strictCommit(
      target: Snapshot,
      notice: (r: SimOk) => Notice | null,
      record: Record,
      label: string,
    ): Promise<boolean> {
      const { variant, toggles, tasks, cursor } = target;
      return run({ ...requestOf(variant, toggles), tasks, mode: 'strict' }, (r) =>
        r.ok
          ? committed(r, variant, toggles, cursor, 'user', notice(r), record, label)
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

    function changeScenario(variant: VariantId, toggles: Toggles, label: string): Promise<void> {
      set((s) => ({ sim: { ...s.sim, requested: { variant, toggles } } }));
      const s = get();
      const before = s.scenario;
      return repairAndCommit(
        variant,
        toggles,
        before.tasks,
        () => s.playback.cursor,
        'user',
        (r) => {
          const lines = describeRepair(r.skipped, r.appended);
          if (lines.length === 0) return null;
          return {
            kind: 'variant',
            title: `The interleaving only partly applies under ${VARIANTS[variant].title}`,
            lines: [
              ...lines,
              `Every other turn is the same task choice as before (${r.tasks.length} steps now, ${before.tasks.length} before).`,
            ],
          };
        },
        'change',
        label,
      ).then(() => undefined);
    }

    function refuse(title: string, reason: string) {
      set((s) => ({
        view: {
          ...s.view,
          drag: null,
          notice: {
            kind: 'refused',
            title,
            lines: [sentence(reason), 'The schedule is unchanged.'],
          },
        },
      }));
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
      const repair = describeRepair(r.skipped, r.appended);
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

    async function editCall(call: () => Promise<EditResult>): Promise<EditResult | null> {
      try {
        return await track(call());
      } catch (e) {
        set((s) => ({ view: { ...s.view, drag: null, notice: errorNotice(e) } }));
        return null;
      }
    }

    // --- exploration ---------------------------------------------------------------------

    /**
     * Explores the current variant (with fates along the current schedule) and, when the
     * toggles changed or on request, every variant. Progress shows only for the slow part.
     */
    async function explorePass(isRequest: boolean): Promise<void> {
      const s0 = get();
      const r = s0.sim.result;
      if (!r) return;
      const { variant, toggles, tasks } = s0.scenario;
      const needAll = isRequest || !s0.explore.all || !sameToggles(s0.explore.allToggles, toggles);
      const mine = ++exploreSeq;
      const total = 1 + VARIANT_IDS.length;
      if (needAll) {
        set((s) => ({
          explore: {
            ...s.explore,
            isOn: true,
            status: 'running',
            error: null,
            progress: { done: 0, total, states: 0 },
            ...(sameToggles(s.explore.allToggles, toggles) ? {} : { all: null }),
          },
        }));
      }
      const progress = (p: ExploreProgressInfo) => {
        if (mine === exploreSeq) set((s) => ({ explore: { ...s.explore, progress: p } }));
      };
      try {
        const current = await track(
          core.explore({ ...requestOf(variant, toggles), tasks }, needAll ? progress : undefined),
        );
        if (mine !== exploreSeq) return;
        set((s) => ({
          explore: {
            ...s.explore,
            // The counts of a variant never change: keep the same object, so the tables that
            // show them do not re-render when only the fates are new.
            current:
              s.explore.current?.variant === current.variant &&
              sameToggles(s.explore.currentToggles, toggles)
                ? { ...current, summary: s.explore.current.summary }
                : current,
            currentToggles: toggles,
            // A first exploration draws the counts first and shades the timeline a frame later,
            // so neither lands in one long main-thread task.
            fatesFor: s.sim.result === r && !needAll ? r : null,
            status: needAll ? 'running' : 'done',
          },
        }));
        if (needAll) {
          set((s) => ({ sim: { ...s.sim, pending: s.sim.pending + 1 } }));
          afterPaint(() => {
            if (mine === exploreSeq && get().sim.result === r) {
              set((s) => ({ explore: { ...s.explore, fatesFor: r } }));
            }
            set((s) => ({ sim: { ...s.sim, pending: s.sim.pending - 1 } }));
          });
        }
        if (!needAll) return;
        const all = await track(
          core.exploreAll(requestOf(variant, toggles), (p) =>
            progress({ done: 1 + p.done, total, states: 0 }),
          ),
        );
        if (mine !== exploreSeq) return;
        set((s) => ({
          explore: { ...s.explore, all, allToggles: toggles, status: 'done', progress: null },
        }));
      } catch (e) {
        if (mine !== exploreSeq) return;
        set((s) => ({
          explore: {
            ...IDLE_EXPLORE,
            status: e instanceof ExploreCancelled ? 'cancelled' : 'error',
            error:
              e instanceof ExploreCancelled ? null : e instanceof Error ? e.message : String(e),
            all: s.explore.all,
            allToggles: s.explore.allToggles,
          },
        }));
      }
    }

    // --- comparison ----------------------------------------------------------------------

    async function refreshCompare(): Promise<void> {
      const s = get();
      const variant = s.compare.variant;
      const main = s.sim.result;
      if (!variant || !main) return;
      const { toggles, tasks } = s.scenario;
      try {
        const r = await track(
          core.simulate({ ...requestOf(variant, toggles), tasks, mode: 'repair' }),
        );
        const now = get();
        if (now.sim.result !== main || now.compare.variant !== variant || !r.ok) return;
        set({ compare: { variant, result: r } });
      } catch (e) {
        set((st) => ({ view: { ...st.view, notice: errorNotice(e) } }));
      }
    }

    const actions: Actions = {
      async openLink(fragment, cause) {
        const text = fragment.replace(/^#/, '');
        const record: Record = cause === 'load' ? 'reset' : 'history';
        const label = 'a page from the browser history';
        if (text === '') {
          const d = DEFAULT_VIEW;
          if (cause === 'load') set((s) => ({ compare: { ...s.compare, variant: null } }));
          await repairAndCommit(
            d.variant,
            d.toggles,
            d.tasks,
            () => d.cursor,
            cause,
            () => null,
            record,
            label,
          );
          return;
        }
        const decoded = decode(text);
        const kept = decoded.ok ? decoded.value : decoded.kept;
        const problems = decoded.ok ? [] : decoded.problems.map((p) => p.message);
        const variant = kept.variant ?? DEFAULT_VIEW.variant;
        const toggles = kept.toggles ?? DEFAULT_VIEW.toggles;
        // A link says what to compare; back and forward keep the comparison the person chose.
        if (cause === 'load') {
          const cmp = kept.compare && kept.compare !== variant ? kept.compare : null;
          set((s) => ({ compare: { variant: cmp, result: null }, sim: s.sim }));
        }
        const fallback = async (extra: string[]) => {
          await repairAndCommit(
            variant,
            toggles,
            DEFAULT_VIEW.tasks,
            () => 0,
            cause,
            () => ({
              kind: 'link',
              title: 'This link could not be opened exactly as it was sent',
              lines: [...problems, ...extra].map(sentence),
            }),
            record,
            label,
          );
        };
        if (kept.tasks === undefined) {
          const under = kept.variant
            ? ` under the link’s variant (${VARIANTS[variant].title})`
            : '';
          return fallback([
            `Showing the e-mail’s interleaving${under} instead; nothing from the link was run.`,
          ]);
        }
        const tasks = kept.tasks;
        // Strict: the turns must all run as given; nothing is repaired behind the reader's back.
        let failure: string | null = null;
        await run({ ...requestOf(variant, toggles), tasks, mode: 'strict' }, (r) => {
          if (!r.ok) {
            failure = `the schedule cannot be replayed: ${r.problem.message}`;
            return null;
          }
          const n = r.trace.steps.length;
          const cursor = kept.cursor ?? 0;
          const notice: Notice | null =
            problems.length === 0
              ? null
              : {
                  kind: 'link',
                  title: 'Part of this link could not be used',
                  lines: [...problems, 'The rest of the view is as the sender saw it.'].map(
                    sentence,
                  ),
                };
          return committed(r, variant, toggles, clamp(cursor, n), cause, notice, record, label);
        });
        if (failure !== null) {
          await fallback([
            failure,
            'Showing the e-mail’s interleaving instead; nothing from the link was run.',
          ]);
        }
      },

      setVariant(variant) {
        const want = get().sim.requested ?? get().scenario;
        if (variant === want.variant) return Promise.resolve();
        return changeScenario(variant, want.toggles, `switch to variant ${variant.charAt(0)}`);
      },

      setToggles(patch) {
        const want = get().sim.requested ?? get().scenario;
        return changeScenario(
          want.variant,
          { ...want.toggles, ...patch },
          'change the initial state',
        );
      },

      setEarlyCheck(on) {
        return actions.setVariant(on ? FIX.fixed : FIX.bug);
      },

      setCursor(k) {
        const n = lengthOf(get());
        const cursor = clamp(k, n);
        if (cursor !== get().playback.cursor) set((s) => ({ playback: { ...s.playback, cursor } }));
      },
      stepForward() {
        actions.setCursor(get().playback.cursor + 1);
      },
      stepBack() {
        actions.setCursor(get().playback.cursor - 1);
      },
      firstStep() {
        actions.setCursor(0);
      },
      lastStep() {
        actions.setCursor(lengthOf(get()));
      },
      togglePlay() {
        const s = get();
        if (s.playback.playing) return actions.pause();
        const n = lengthOf(s);
        // Play at the end starts over, as media players do.
        const cursor = s.playback.cursor >= n ? 0 : s.playback.cursor;
        set({ playback: { ...s.playback, cursor, playing: n > 0 } });
      },
      pause() {
        if (get().playback.playing) set((s) => ({ playback: { ...s.playback, playing: false } }));
      },
      tick() {
        const s = get();
        const n = lengthOf(s);
        const cursor = Math.min(n, s.playback.cursor + 1);
        set({ playback: { ...s.playback, cursor, playing: cursor < n && s.playback.playing } });
      },
      setSpeed(speed) {
        set((s) => ({ playback: { ...s.playback, speed } }));
      },
      hover(index) {
        if (index !== get().view.hovered) set((s) => ({ view: { ...s.view, hovered: index } }));
      },
      dismissNotice() {
        set((s) => ({ view: { ...s.view, notice: null } }));
      },

      // --- editing -------------------------------------------------------------------------

      async startDrag(from) {
        const s = get();
        const r = s.sim.result;
        if (!r || from < 0 || from >= r.trace.steps.length) return;
        set({ view: { ...s.view, drag: { from, targets: null } } });
        const { variant, toggles, tasks } = s.scenario;
        try {
          const targets = await track(
            core.dropTargets({ ...requestOf(variant, toggles), tasks, from }),
          );
          const now = get();
          if (now.view.drag?.from === from && now.sim.result === r) {
            set({ view: { ...now.view, drag: { from, targets } } });
          }
        } catch {
          // The drop itself asks the core again and reports any failure.
        }
      },

      cancelDrag() {
        if (get().view.drag) set((s) => ({ view: { ...s.view, drag: null } }));
      },

      async moveEvent(from, to) {
        const s = get();
        const r = s.sim.result;
        if (!r) return false;
        if (s.view.drag) set({ view: { ...s.view, drag: null } });
        if (from === to) return false;
        const { variant, toggles, tasks } = s.scenario;
        const step = r.trace.steps[from];
        const res = await editCall(() =>
          core.moveTurn({ ...requestOf(variant, toggles), tasks, from, to }),
        );
        if (!res) return false;
        if (get().sim.result !== r) return false;
        const what = step ? `${step.label} (task ${step.task})` : `step ${from + 1}`;
        if (!res.ok) {
          refuse(`Step ${from + 1} cannot move to step ${to + 1}`, res.reason);
          return false;
        }
        return commitEdit(
          res,
          get().playback.cursor,
          `Moved step ${from + 1}, ${what}, to step ${to + 1}`,
          `move ${step?.label ?? 'a step'} from step ${from + 1} to step ${to + 1}`,
        );
      },

      async chooseNext(task) {
        const s = get();
        const r = s.sim.result;
        if (!r) return false;
        const cursor = s.playback.cursor;
        const { variant, toggles, tasks } = s.scenario;
        const res = await editCall(() =>
          core.chooseNext({ ...requestOf(variant, toggles), tasks, cursor, task }),
        );
        if (!res || get().sim.result !== r) return false;
        if (!res.ok) {
          refuse(`Task ${task} cannot run next at step ${cursor + 1}`, res.reason);
          return false;
        }
        if (sameScenario(s.scenario, { ...s.scenario, tasks: res.tasks })) {
          // Already the next turn: running it is a step forward.
          actions.setCursor(cursor + 1);
          return false;
        }
        return commitEdit(
          res,
          cursor + 1,
          `Task ${task} runs step ${cursor + 1}`,
          `run task ${task} at step ${cursor + 1}`,
        );
      },

      async undo() {
        const entry = get().history.past.at(-1);
        if (!entry) return;
        await strictCommit(
          entry.snapshot,
          () => ({ kind: 'edit', title: `Undone: ${entry.label}`, lines: [] }),
          'undo',
          entry.label,
        );
      },

      async redo() {
        const entry = get().history.future.at(-1);
        if (!entry) return;
        await strictCommit(
          entry.snapshot,
          () => ({ kind: 'edit', title: `Redone: ${entry.label}`, lines: [] }),
          'redo',
          entry.label,
        );
      },

      // --- exploring -----------------------------------------------------------------------

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
            allToggles: s.explore.allToggles,
          },
        }));
      },

      async loadWitness(outcome) {
        const s = get();
        const r = s.sim.result;
        const witness = s.explore.current?.summary.shortestWitness[outcome];
        if (!r || !witness || s.explore.current?.variant !== s.scenario.variant) return;
        const { variant, toggles } = s.scenario;
        const k = witness.length;
        await repairAndCommit(
          variant,
          toggles,
          tasksOfStepIds(r, witness),
          () => k,
          'user',
          (res) => {
            const n = res.trace.steps.length;
            return {
              kind: 'edit',
              title: `The shortest ${outcome} schedule: ${outcome} at step ${k}`,
              lines: [
                `Steps 1–${k} are the explorer’s shortest schedule to ${outcome} (at a tie it tries task 1 first). The cursor is on step ${k}, where it happens.`,
                ...(n > k
                  ? [
                      `Steps ${k + 1}–${n} finish the run: after the witness, the run is completed in task order (task 1 whenever it can move, else task 2).`,
                    ]
                  : []),
                verdictLine(r, res),
              ],
            };
          },
          'change',
          `load the shortest ${outcome} schedule`,
        );
      },

      // --- comparing -----------------------------------------------------------------------

      setCompare(variant) {
        const v = variant === get().scenario.variant ? null : variant;
        if (v === get().compare.variant) return;
        set({ compare: { variant: v, result: null } });
      },
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
        if (wantsCompare) void refreshCompare();
        if (wantsExplore) void explorePass(false);
        set((st) => ({ sim: { ...st.sim, pending: st.sim.pending - 1 } }));
      });
    });

    return {
      scenario: {
        variant: DEFAULT_VIEW.variant,
        toggles: DEFAULT_VIEW.toggles,
        tasks: DEFAULT_VIEW.tasks,
      },
      playback: { cursor: 0, playing: false, speed: 2 },
      view: { hovered: null, notice: null, cause: 'load', drag: null },
      sim: { result: null, pending: 0, requested: null },
      history: { past: [], future: [] },
      explore: IDLE_EXPLORE,
      compare: { variant: null, result: null },
      actions,
    };
  });
}

/** A client that can only replay: the other calls fail with a message. */
function simulateOnly(simulate: SimClient['simulate']): SimClient {
  const no = () => Promise.reject(new Error('this store was created without an explorer'));
  return {
    catalog: no,
    describe: no,
    simulate,
    moveTurn: no,
    dropTargets: no,
    chooseNext: no,
    explore: no,
    exploreAll: no,
    cancelExplore() {},
  };
}

/** Ends with a full stop; capitalised unless it starts with a kernel name (`mmap_read_lock()`). */
function sentence(s: string): string {
  const isKernelName = /^[^\s]*[_()>]/.test(s);
  const t = isKernelName ? s : s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
