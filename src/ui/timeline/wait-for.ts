/**
 * The wait-for graph of the state a run ends in, and its cycle: what a deadlock is.
 *
 * Edges come from the final statuses only. A task blocked on a lock waits for every task in the
 * lock's `heldBy`. A task blocked at a step's condition (no lock) waits for whatever can still
 * change the state, and only steps change it: so it waits for every other task that has not
 * finished. In a state where no task can move, those tasks are all blocked too, and a cycle
 * through them is the deadlock.
 */
import type { LockMode, TaskId, TaskStatus } from '../../core/index.ts';
import { modeWords, type TimelineNames } from './lanes.ts';

export interface WaitEdge {
  /** The waiting task. */
  readonly from: TaskId;
  /** A task it waits for. */
  readonly to: TaskId;
  /** The lock waited for, or null for a wait at a step's condition. */
  readonly lock: string | null;
  /** How the waiting task wants the lock. */
  readonly mode: LockMode;
  /** How `to` holds it (lock waits). */
  readonly heldMode?: LockMode;
  /** The condition in words (condition waits). */
  readonly waitsFor?: string;
}

export interface FinalWaits {
  /** Every wait of the final state, by waiting task, then by task waited for. */
  readonly edges: readonly WaitEdge[];
  /**
   * A cycle among the edges, each edge's `to` being the next edge's `from`, starting at the
   * smallest task; null when there is none.
   */
  readonly cycle: readonly WaitEdge[] | null;
  /** Blocked tasks that no task can let through (nobody holds the lock, nobody is left). */
  readonly stranded: readonly TaskId[];
}

/**
 * The waits of a final state in which no task can move (task i + 1 is `statuses[i]`); null when
 * a task can still move or none is blocked.
 */
export function finalWaits(statuses: readonly TaskStatus[]): FinalWaits | null {
  if (statuses.some((s) => s.kind === 'runnable')) return null;
  if (!statuses.some((s) => s.kind === 'blocked')) return null;
  const edges: WaitEdge[] = [];
  const stranded: TaskId[] = [];
  const out = new Map<TaskId, WaitEdge[]>();
  statuses.forEach((st, i) => {
    if (st.kind !== 'blocked') return;
    const from = i + 1;
    const mine: WaitEdge[] =
      st.lock !== null
        ? st.heldBy.map((h) => ({
            from,
            to: h.task,
            lock: st.lock,
            mode: st.mode,
            heldMode: h.mode,
          }))
        : statuses.flatMap((other, j) =>
            j === i || other.kind === 'done'
              ? []
              : [
                  {
                    from,
                    to: j + 1,
                    lock: null,
                    mode: st.mode,
                    ...(st.waitsFor !== undefined ? { waitsFor: st.waitsFor } : {}),
                  },
                ],
          );
    mine.sort((a, b) => a.to - b.to);
    if (mine.length === 0) stranded.push(from);
    out.set(from, mine);
    edges.push(...mine);
  });
  return { edges, cycle: findCycle(statuses.length, out), stranded };
}

/** The first cycle a depth-first search in task order meets, rotated to its smallest task. */
function findCycle(n: number, out: ReadonlyMap<TaskId, readonly WaitEdge[]>): WaitEdge[] | null {
  const seen = new Map<TaskId, 'open' | 'closed'>();
  const path: WaitEdge[] = [];
  const visit = (t: TaskId): WaitEdge[] | null => {
    seen.set(t, 'open');
    for (const e of out.get(t) ?? []) {
      const s = seen.get(e.to);
      if (s === 'open') {
        const start = path.findIndex((p) => p.from === e.to);
        return [...(start < 0 ? [] : path.slice(start)), e];
      }
      if (s === undefined) {
        path.push(e);
        const found = visit(e.to);
        if (found) return found;
        path.pop();
      }
    }
    seen.set(t, 'closed');
    return null;
  };
  for (let t = 1; t <= n; t++) {
    if (seen.has(t)) continue;
    const cycle = visit(t);
    if (cycle) {
      const first = cycle.reduce((m, e, i) => (e.from < cycle[m].from ? i : m), 0);
      return [...cycle.slice(first), ...cycle.slice(0, first)];
    }
  }
  return null;
}

/** Other tasks a condition wait of `from` depends on. */
function dependees(w: FinalWaits, from: TaskId): TaskId[] {
  return w.edges.filter((e) => e.from === from).map((e) => e.to);
}

function list(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** One wait in words: `task 2 waits for lock_a held by task 1`. */
export function waitWords(w: FinalWaits, e: WaitEdge, names: TimelineNames): string {
  const who = names.task(e.from);
  if (e.lock === null) {
    const only = list(dependees(w, e.from).map(names.task));
    return `${who} waits for ${e.waitsFor ?? 'its condition'}, which only ${only} could still bring about`;
  }
  const want = modeWords(e.mode);
  const held = e.heldMode ? modeWords(e.heldMode) : '';
  return `${who} waits for ${names.lock(e.lock)}${want ? ` (${want})` : ''} held by ${names.task(e.to)}${held ? ` (${held})` : ''}`;
}

/** The short label drawn on an arrow. */
export function edgeLabel(e: WaitEdge, names: TimelineNames): string {
  if (e.lock === null) return `${e.waitsFor ?? 'its condition'}: only ${names.task(e.to)} is left`;
  return `${names.lock(e.lock)} held by ${names.task(e.to)}`;
}

/** The whole picture in one sentence, for the drawing's accessible name. */
export function describeWaits(
  w: FinalWaits,
  names: TimelineNames,
  statuses: readonly TaskStatus[],
): string {
  const strandedWords = w.stranded.map((t) => {
    const st = statuses[t - 1];
    const what = st?.kind === 'blocked' ? names.waitTarget(st.lock, st.waitsFor) : 'its condition';
    return st?.kind === 'blocked' && st.lock !== null
      ? `${names.task(t)} waits for ${what}, which nobody holds`
      : `${names.task(t)} waits for ${what}, which no task is left to bring about`;
  });
  if (w.cycle) {
    const words = w.cycle.map((e) => waitWords(w, e, names));
    return `Wait-for cycle: ${words.join('; ')}.`;
  }
  const seen = new Set<TaskId>();
  const words: string[] = [];
  for (const e of w.edges) {
    // A condition wait is one sentence however many tasks it depends on.
    if (e.lock === null && seen.has(e.from)) continue;
    seen.add(e.from);
    words.push(waitWords(w, e, names));
  }
  return `No task can move: ${[...words, ...strandedWords].join('; ')}.`;
}

/** The edges to draw: the cycle when there is one, else every wait. */
export function drawnEdges(w: FinalWaits): readonly WaitEdge[] {
  return w.cycle ?? w.edges;
}
