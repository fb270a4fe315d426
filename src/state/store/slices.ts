/**
 * The store's shape (STYLE.md, Store): inputs in typed slices, worker answers as caches derived
 * from them, and the verbs. Nothing here knows which race the page shows: a scenario is an id of
 * the built-in library with its parameters, and everything about it comes from the worker.
 */
import type { CatalogEntry, DropTarget, FixDiff, TaskId } from '../../core/index.ts';
import type { ExploreResponse, Params, SharedWords, SimulateResult } from '../../worker/api.ts';
import type { ExploreProgressInfo } from '../worker-client.ts';

export type SimOk = Extract<SimulateResult, { ok: true }>;
export type { ExploreResponse, Params };

/** What caused the current scenario: a first load, browser back/forward, or a control. */
export type Cause = 'load' | 'history' | 'user';

export interface Notice {
  /**
   * `link`: a link could not be opened as sent. `variant`: a variant or parameter change dropped
   * turns. `edit`: what an edit (or undo) did. `refused`: an edit that is not possible, and why.
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

/** Which instance of which scenario: what the worker compiles. */
export interface Instance {
  /** A scenario id of the built-in library. */
  readonly id: string;
  /** Every parameter the document declares, the variant excluded, in canonical values. */
  readonly params: Params;
  readonly variant: string;
}

export interface ScenarioSlice extends Instance {
  /** The schedule as task choices (task ordinals). */
  readonly tasks: readonly TaskId[];
}

export interface PlaybackSlice {
  readonly cursor: number;
  readonly playing: boolean;
  readonly speed: Speed;
  /**
   * Play pauses on the step where a bad outcome first fires, so the bug can be read before the
   * run goes on; Play again runs on. Personal, like the speed: not in links.
   */
  readonly stopAtBug: boolean;
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
  /** The timeline's row zoom: 1 is the natural row height. Personal, not shared in links. */
  readonly zoom: number;
}

export interface SimSlice {
  /** The worker's last answer for the current scenario; `result.info` describes the instance. */
  readonly result: SimOk | null;
  /** Worker calls in flight, of every kind (the idle signal waits for zero). */
  readonly pending: number;
  /**
   * The instance a control has asked for while the worker works on it, so the control shows the
   * choice at once; null when the result is in.
   */
  readonly requested: Instance | null;
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
  /** The scenario and parameters `current` was explored under (see `paramsKey`). */
  readonly currentKey: string | null;
  readonly fatesFor: SimOk | null;
  /** Every variant under `allKey`. */
  readonly all: readonly ExploreResponse[] | null;
  readonly allKey: string | null;
  readonly error: string | null;
  /** The bad schedule loaded by browsing them; see `currentBad` for whether it is still shown. */
  readonly bad: BadPick | null;
  /** What all schedules with an outcome share, per outcome, under `sharedKey`. */
  readonly shared: Readonly<Record<string, SharedWords>>;
  readonly sharedKey: string | null;
}

/** Bad schedule `k` (0-based) of the `total` ending with `outcome`, in the explorer's order. */
export interface BadPick {
  readonly outcome: string;
  readonly k: bigint;
  readonly total: bigint;
  /** The instance (`instanceKey`) and the schedule it was loaded as: an edit ends the pick. */
  readonly key: string;
  readonly tasks: readonly TaskId[];
}

export interface CompareSlice {
  /** The second variant, or null when not comparing. */
  readonly variant: string | null;
  /** The same task choices under `variant`, repaired where they do not apply. */
  readonly result: SimOk | null;
}

export interface Actions {
  /** Opens a URL fragment (empty: the default view). Never throws; problems become a notice. */
  openLink(fragment: string, cause: Exclude<Cause, 'user'>): Promise<void>;
  /** Opens another scenario of the library at its default view. */
  setScenario(id: string): Promise<void>;
  /** Changes parameters of the current scenario (the variant has its own verb). */
  setParams(patch: Params): Promise<void>;
  setVariant(variant: string): Promise<void>;
  /** The prominent switch of a scenario with a bug/fix pair: the bug (off) or the fix (on). */
  setFix(on: boolean): Promise<void>;
  setCursor(k: number): void;
  stepForward(): void;
  stepBack(): void;
  firstStep(): void;
  lastStep(): void;
  togglePlay(): void;
  pause(): void;
  /** One tick of playback: a step forward, pausing at the end (and at the bug, see `stopAtBug`). */
  tick(): void;
  setSpeed(speed: Speed): void;
  setStopAtBug(on: boolean): void;
  hover(index: number | null): void;
  dismissNotice(): void;
  setZoom(k: number): void;

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
  /** Loads bad schedule `k` (0-based) of those ending with `outcome`, cursor where it fires. */
  showBad(outcome: string, k: bigint): Promise<void>;
  /**
   * The next (`delta` 1) or previous (-1) bad schedule of `outcome`, wrapping around; from the
   * current schedule's own number when it is one of them.
   */
  stepBad(outcome: string, delta: 1 | -1): Promise<void>;
  /** Fetches what all schedules with `outcome` share (once per instance). */
  loadShared(outcome: string): Promise<void>;

  /** Shows the same task choices under a second variant (null: stop comparing). */
  setCompare(variant: string | null): void;

  /** The current schedule as a mailing-list diagram, for a reply. */
  diagramText(): Promise<string>;
  /** Opens the schedule a pasted diagram draws; problems become a notice naming the line. */
  openDiagram(text: string): Promise<boolean>;
  /** Fetches the scenario's fix as a diff (once per scenario and parameters). */
  loadFixDiff(): Promise<void>;
}

/** The bug/fix pair's pseudo-code diff, for the scenario and parameters of `key`. */
export interface FixSlice {
  readonly key: string | null;
  readonly diff: FixDiff | null;
}

export interface AppState {
  /** The scenario library, default first; empty until the worker has answered. */
  readonly catalog: readonly CatalogEntry[];
  readonly scenario: ScenarioSlice;
  readonly playback: PlaybackSlice;
  readonly view: ViewSlice;
  readonly sim: SimSlice;
  readonly history: HistorySlice;
  readonly explore: ExploreSlice;
  readonly compare: CompareSlice;
  readonly fix: FixSlice;
  readonly actions: Actions;
}

/** How many schedule changes Undo remembers. */
export const UNDO_LIMIT = 100;

export const IDLE_EXPLORE: ExploreSlice = {
  status: 'idle',
  isOn: false,
  progress: null,
  current: null,
  currentKey: null,
  fatesFor: null,
  all: null,
  allKey: null,
  error: null,
  bad: null,
  shared: {},
  sharedKey: null,
};
