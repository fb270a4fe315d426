/**
 * What the timeline draws lanes and lock columns for, read from the instance's description
 * (ScenarioInfo) and the runs' facts: nothing here knows which race it is.
 *
 * Lock columns: a lane gets one hold column per lock instance its task holds or waits for in
 * the runs drawn (in the document's lock order), rather than one per declared lock. With task
 * families every process brings its own lock instances (`sem.1` … `sem.4`), and a
 * column per declared lock would give every lane a row of columns that stay empty; a column per
 * lock the task touches keeps the lanes narrow and puts each task's holds side by side. Waits
 * count too, so a lock a task only waits for has a column beside the hatching, and a reorder that
 * turns a wait into a hold does not move the columns.
 */
import type {
  LaneInfo,
  LockInfo,
  LockMode,
  ScenarioInfo,
  TaskId,
  TaskStatus,
  TimelineFacts,
} from '../../core/index.ts';

/** How many lane colours and lock colours styles.css defines (`.hue-0…`, `.lock-c0…`). */
export const LANE_HUES = 6;
export const LOCK_HUES = 6;

export interface LaneSpec {
  readonly task: TaskId;
  /** The scenario's name for the task: `1`, `2.1`. */
  readonly key: string;
  readonly name: string;
  /** Colour: lanes of one task family share one (`.hue-N`). */
  readonly hue: number;
  /** Lock instances with a hold column in this lane, in the document's order. */
  readonly locks: readonly string[];
}

/** A run as far as lanes are concerned: which locks each task holds and waits for. */
export interface LaneFacts {
  readonly facts: Pick<TimelineFacts, 'holds' | 'blocked'>;
}

/** One lane per task in `info.lanes` order, with the locks the tasks touch in any of `runs`. */
export function laneSpecs(info: ScenarioInfo, runs: readonly LaneFacts[]): LaneSpec[] {
  const refs = [...new Set(info.lanes.map((l) => l.ref))];
  const order = new Map(info.locks.map((l, i) => [l.name, i]));
  return info.lanes.map((lane: LaneInfo) => {
    const used = new Set<string>();
    for (const r of runs) {
      for (const h of r.facts.holds) if (h.task === lane.id) used.add(h.lock);
      for (const b of r.facts.blocked) if (b.task === lane.id && b.lock !== null) used.add(b.lock);
    }
    const locks = [...used].sort(
      (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b),
    );
    return {
      task: lane.id,
      key: lane.key,
      name: lane.name,
      hue: refs.indexOf(lane.ref) % LANE_HUES,
      locks,
    };
  });
}

/** A key that changes only when the lanes do, for memoising geometry across schedule edits. */
export function lanesKey(lanes: readonly LaneSpec[]): string {
  return lanes.map((l) => `${l.task}:${l.key}:${l.hue}:${l.locks.join(',')}`).join('|');
}

/** Lock colour by the lock's base, in the order the document declares the bases. */
export function lockHues(locks: readonly LockInfo[]): ReadonlyMap<string, number> {
  const bases = [...new Set(locks.map((l) => l.base))];
  return new Map(locks.map((l) => [l.name, bases.indexOf(l.base) % LOCK_HUES]));
}

/** `for reading`, `for writing`, or nothing for a lock held whole. */
export function modeWords(mode: LockMode): string {
  return mode === 'read' ? 'for reading' : mode === 'write' ? 'for writing' : '';
}

/** The timeline's words for tasks and locks, from the instance's description. */
export interface TimelineNames {
  /** `task 2.1` */
  task(task: TaskId): string;
  /** A lock's label, with its instance index when it has one (`&mm->sem.2`). */
  lock(name: string): string;
  /** What a wait is for: the lock, or the words of a wait at a step's condition. */
  waitTarget(lock: string | null, waitsFor?: string): string;
  /** Colour of a lock's column (`.lock-cN`). */
  lockHue(name: string): number;
}

export function timelineNames(info: ScenarioInfo): TimelineNames {
  const keys = new Map(info.lanes.map((l) => [l.id, l.key]));
  const locks = new Map(info.locks.map((l) => [l.name, l]));
  const hues = lockHues(info.locks);
  const lock = (name: string) => {
    const l = locks.get(name);
    if (!l) return name;
    return l.index === undefined ? l.label : `${l.label}.${l.index}`;
  };
  return {
    task: (t) => `task ${keys.get(t) ?? t}`,
    lock,
    waitTarget: (l, waitsFor) => (l === null ? (waitsFor ?? 'its condition') : lock(l)),
    lockHue: (name) => hues.get(name) ?? 0,
  };
}

/** What a blocked task waits for at state k, from the statuses (for condition waits' words). */
export function waitsForAt(
  statuses: readonly TaskStatus[] | undefined,
  task: TaskId,
): string | undefined {
  const st = statuses?.[task - 1];
  return st?.kind === 'blocked' ? st.waitsFor : undefined;
}

/** A lock colour the legend explains: the label of a lock base, and whether it has modes. */
export interface LegendLock {
  readonly base: string;
  readonly label: string;
  readonly hue: number;
  /** A reader/writer lock: holds are drawn outlined (read) or solid (write). */
  readonly hasModes: boolean;
}

/** The lock colours the lanes use, one per lock base, in the document's order. */
export function legendLocks(info: ScenarioInfo, lanes: readonly LaneSpec[]): LegendLock[] {
  const used = new Set(lanes.flatMap((l) => l.locks));
  const hues = lockHues(info.locks);
  const out = new Map<string, LegendLock>();
  for (const l of info.locks) {
    if (!used.has(l.name) || out.has(l.base)) continue;
    out.set(l.base, {
      base: l.base,
      label: l.label,
      hue: hues.get(l.name) ?? 0,
      hasModes: l.kind === 'rwsem',
    });
  }
  return [...out.values()];
}

/** Lanes grouped by colour: the keys of each task family (`1`; `2.1, 2.2`). */
export function legendLanes(lanes: readonly LaneSpec[]): { hue: number; keys: string[] }[] {
  const out = new Map<number, string[]>();
  for (const l of lanes) out.set(l.hue, [...(out.get(l.hue) ?? []), l.key]);
  return [...out].map(([hue, keys]) => ({ hue, keys }));
}

/** The same words starting a sentence: `task 2.1 …` → `Task 2.1 …`. */
export function capital(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
