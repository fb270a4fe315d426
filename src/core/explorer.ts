/**
 * Exhaustive exploration of a scenario's state graph: breadth-first from the initial state,
 * deduplicated by the packed canonical key, with parent links for the shortest witnesses and
 * dynamic programming over the (acyclic) graph for exact schedule counts.
 */
import type { Scenario, State, TaskId } from './engine.ts';
import {
  findSharedOrderings,
  type SharedOrderings,
  type SharedOrderingsOptions,
} from './orderings.ts';
import { topologicalOrder, type StateGraph } from './state-graph.ts';
import { StateTable } from './state-table.ts';
import { rankSchedule, unrankSchedule } from './unrank.ts';

export interface ExploreOptions {
  /** Stop with a `limit` problem when more states than this are reachable. */
  readonly limit?: number;
  /** Checked every `progressEvery` states; an aborted search returns an `aborted` problem. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ExploreProgress) => void;
  readonly progressEvery?: number;
  /** Explore from this state instead of the scenario's initial state. */
  readonly from?: State;
}

export interface ExploreProgress {
  readonly states: number;
  readonly transitions: number;
  /** States discovered but not yet expanded. */
  readonly frontier: number;
}

export type ExploreProblem =
  | { readonly kind: 'limit'; readonly limit: number; readonly message: string }
  | { readonly kind: 'aborted'; readonly states: number; readonly message: string };

/** How a bad outcome stands after a state: unavoidable, avoidable, or impossible. */
export type Fate = 'doomed' | 'open' | 'safe';

export interface ExploreSummary {
  readonly reachableStates: number;
  readonly transitions: number;
  readonly terminalStates: number;
  /** Complete schedules: paths from the start to a state where no step is enabled. */
  readonly completeSchedules: bigint;
  /** For each outcome, the complete schedules whose final state has it. */
  readonly schedulesWith: Readonly<Record<string, bigint>>;
  /** For each reachable bad outcome, the shortest schedule (step ids) that reaches it. */
  readonly shortestWitness: Readonly<Record<string, readonly string[]>>;
}

export interface Exploration {
  readonly summary: ExploreSummary;
  /** The fate of each bad outcome after `s` (undefined if `s` was not reached). */
  fatesOf(s: State): Readonly<Record<string, Fate>> | undefined;
  /** The fate of "any bad outcome" after `s`: doomed when no clean completion is left. */
  fateOf(s: State): Fate | undefined;
  /** Complete schedules from `s` on, in total and per outcome. */
  countsFrom(s: State): { total: bigint; with: Record<string, bigint> } | undefined;
  /**
   * The `k`-th (0-based) complete schedule whose final outcomes include `outcome`, as step ids,
   * from where the exploration started. Schedules are in lexicographic task order (task 1's step
   * before task 2's in every state, the witnesses' tie order). Found from the per-state counts,
   * so `k` may be as large as the count. Throws a RangeError for an unknown outcome or a `k`
   * outside `[0, schedulesWith[outcome])`.
   */
  scheduleOf(outcome: string, k: bigint): string[];
  /**
   * The inverse of `scheduleOf`: the number of the complete schedule `steps` among those whose
   * outcomes include `outcome`; undefined if it is not one of them (it cannot run, stops early or
   * ends otherwise). Throws a RangeError for an unknown outcome.
   */
  rankOf(outcome: string, steps: readonly string[]): bigint | undefined;
  /**
   * The orderings of two tasks' steps that every complete schedule with `outcome` shares and
   * some clean schedule (one with no bad outcome) does not, reduced to the tightest ones. See
   * src/core/orderings.ts for what "runs before" means. Throws a RangeError for an unknown
   * outcome.
   */
  sharedOrderings(outcome: string, options?: SharedOrderingsOptions): SharedOrderings;
}

export type ExploreResult =
  | { readonly ok: true; readonly exploration: Exploration }
  | { readonly ok: false; readonly problem: ExploreProblem };

/** The count column and terminal-mask bit of "no bad outcome". */
const GOOD = 31;
const GOOD_BIT = 1 << GOOD;

/** How many discovered, unexpanded states the search keeps unpacked (about 100 bytes each). */
const PENDING_CAP = 1 << 20;

/** Counts per state: `total[i]` and `with[o][i]`, exact as numbers or as bigints. */
interface Counts {
  total(i: number): bigint;
  with(o: number, i: number): bigint;
  /** `with(o, i) > 0`, without making a bigint. */
  reaches(o: number, i: number): boolean;
}

/**
 * Explores every interleaving of `scenario`. Witness ties are broken as the spec asks: among
 * equally short schedules, the one a breadth-first search finds first when it tries task 1's step
 * before task 2's in every state.
 */
export function explore(scenario: Scenario, options: ExploreOptions = {}): ExploreResult {
  const limit = options.limit ?? 5_000_000;
  const every = options.progressEvery ?? 16384;
  const taskIds: TaskId[] = scenario.tasks.map((t) => t.id);
  const nTasks = taskIds.length;
  const kw = scenario.keyWords;
  const outcomeNames = scenario.outcomeNames;
  const nOutcomes = outcomeNames.length;
  const outcomeIndex = new Map(outcomeNames.map((o, i) => [o, i]));

  const table = new StateTable(kw);
  const scratch = new Uint32Array(kw);
  let succ = new Int32Array(1024 * nTasks).fill(-1);
  let parent = new Int32Array(1024);
  let parentTask = new Uint8Array(1024);
  let terminalMask = new Int32Array(1024); // outcome bits of terminal states; 0 = not terminal
  const firstHit = new Int32Array(outcomeNames.length).fill(-1);
  let transitions = 0;
  let terminals = 0;

  const ensure = (n: number) => {
    if (n <= parent.length) return;
    let cap = parent.length;
    while (cap < n) cap *= 2;
    const s2 = new Int32Array(cap * nTasks).fill(-1);
    s2.set(succ);
    succ = s2;
    const p2 = new Int32Array(cap);
    p2.set(parent);
    parent = p2;
    const t2 = new Uint8Array(cap);
    t2.set(parentTask);
    parentTask = t2;
    const m2 = new Int32Array(cap);
    m2.set(terminalMask);
    terminalMask = m2;
  };

  const badMask = outcomeNames.reduce(
    (m, o, i) => (scenario.badOutcomes.includes(o) ? m | (1 << i) : m),
    0,
  );
  const pending: (State | undefined)[] = [];
  let kept = 0;
  const start = options.from ?? scenario.initial;
  scenario.pack(start, scratch, 0);
  table.insert(scratch, 0);
  parent[0] = -1;

  for (let head = 0; head < table.size; head++) {
    if (head % every === 0 && head > 0) {
      if (options.signal?.aborted) {
        return {
          ok: false,
          problem: {
            kind: 'aborted',
            states: table.size,
            message: `Exploration cancelled after ${table.size} states.`,
          },
        };
      }
      options.onProgress?.({ states: table.size, transitions, frontier: table.size - head });
    }
    // A state found in this search is kept until it is expanded, so it is not unpacked again;
    // past PENDING_CAP kept states the rest are unpacked from their keys (memory stays bounded).
    let s = pending[head];
    if (s === undefined) s = scenario.unpack(table.keys, head * kw);
    else {
      pending[head] = undefined;
      kept--;
    }
    const flags = scenario.flagMask(s);
    if (flags !== 0) {
      for (let oi = 0; oi < nOutcomes; oi++) {
        if (flags & (1 << oi) && firstHit[oi] < 0) firstHit[oi] = head;
      }
    }
    let moved = false;
    for (let t = 0; t < nTasks; t++) {
      if (!scenario.isEnabled(s, taskIds[t])) continue;
      moved = true;
      transitions++;
      const next = scenario.apply(s, taskIds[t]);
      scenario.pack(next, scratch, 0);
      const { index, added } = table.insert(scratch, 0);
      if (added) {
        if (table.size > limit) {
          return {
            ok: false,
            problem: {
              kind: 'limit',
              limit,
              message: `More than ${limit} reachable states: raise the state limit or explore a smaller model.`,
            },
          };
        }
        ensure(table.size);
        if (kept < PENDING_CAP) {
          pending[index] = next;
          kept++;
        }
        parent[index] = head;
        parentTask[index] = t;
      }
      succ[head * nTasks + t] = index;
    }
    if (!moved) {
      terminals++;
      const mask = scenario.finalMask(s);
      for (let oi = 0; oi < nOutcomes; oi++) {
        if (mask & (1 << oi) && firstHit[oi] < 0) firstHit[oi] = head;
      }
      terminalMask[head] = (mask & badMask) === 0 ? mask | GOOD_BIT : mask;
    }
  }
  options.onProgress?.({ states: table.size, transitions, frontier: 0 });

  const n = table.size;
  const order = topologicalOrder(n, nTasks, succ);
  // The fate of "any bad outcome" needs the schedules that end with no bad outcome at all. When
  // every outcome but the clean one is bad, that is the clean column; otherwise one more column
  // counts terminal-mask bit 31 (free: a scenario has at most 31 outcomes).
  const cleanIndex =
    scenario.cleanOutcome === undefined ? -1 : outcomeIndex.get(scenario.cleanOutcome)!;
  const allButClean = ((1 << nOutcomes) - 1) & ~(1 << cleanIndex);
  const goodIsClean = cleanIndex >= 0 && badMask === allButClean;
  const good = goodIsClean ? cleanIndex : GOOD;
  const counts = countSchedules(
    n,
    nTasks,
    outcomeNames.length + (goodIsClean ? 0 : 1),
    succ,
    terminalMask,
    order,
    goodIsClean ? -1 : GOOD,
  );

  const schedulesWith: Record<string, bigint> = {};
  outcomeNames.forEach((o, oi) => (schedulesWith[o] = counts.with(oi, 0)));
  const shortestWitness: Record<string, string[]> = {};
  for (const o of scenario.badOutcomes) {
    const hit = firstHit[outcomeIndex.get(o)!];
    if (hit >= 0)
      shortestWitness[o] = witnessSteps(scenario, start, hit, parent, parentTask, taskIds);
  }

  const summary: ExploreSummary = {
    reachableStates: n,
    transitions,
    terminalStates: terminals,
    completeSchedules: counts.total(0),
    schedulesWith,
    shortestWitness,
  };

  const indexOf = (s: State): number => {
    scenario.pack(s, scratch, 0);
    return table.find(scratch, 0);
  };
  const fateFrom = (bad: bigint, total: bigint): Fate =>
    bad === 0n ? 'safe' : bad === total ? 'doomed' : 'open';
  // Kept for unranking and shared orderings: 4 bytes per state and task, trimmed to the states
  // found (the table grew by doubling).
  const graph: StateGraph = {
    states: n,
    nTasks,
    succ: succ.length > n * nTasks ? succ.slice(0, n * nTasks) : succ,
    stateOf: (i) => scenario.unpack(table.keys, i * kw),
    count: (o, i) => counts.with(o, i),
    reaches: (o, i) => counts.reaches(o, i),
  };
  const columnOf = (outcome: string): number => {
    const o = outcomeIndex.get(outcome);
    if (o === undefined) {
      throw new RangeError(
        `"${outcome}" is not an outcome of this scenario (${outcomeNames.join(', ')})`,
      );
    }
    return o;
  };

  return {
    ok: true,
    exploration: {
      summary,
      fatesOf(s) {
        const i = indexOf(s);
        if (i < 0) return undefined;
        const total = counts.total(i);
        const out: Record<string, Fate> = {};
        for (const o of scenario.badOutcomes)
          out[o] = fateFrom(counts.with(outcomeIndex.get(o)!, i), total);
        return out;
      },
      fateOf(s) {
        const i = indexOf(s);
        if (i < 0) return undefined;
        const total = counts.total(i);
        return fateFrom(total - counts.with(good, i), total);
      },
      countsFrom(s) {
        const i = indexOf(s);
        if (i < 0) return undefined;
        const w: Record<string, bigint> = {};
        outcomeNames.forEach((o, oi) => (w[o] = counts.with(oi, i)));
        return { total: counts.total(i), with: w };
      },
      scheduleOf(outcome, k) {
        const o = columnOf(outcome);
        const count = counts.with(o, 0);
        if (k < 0n || k >= count) {
          throw new RangeError(
            count === 0n
              ? `no complete schedule ends in ${outcome}`
              : `there is no schedule ${k} with ${outcome}: they are numbered 0 to ${count - 1n}`,
          );
        }
        return unrankSchedule(scenario, graph, o, k);
      },
      rankOf(outcome, steps) {
        return rankSchedule(scenario, graph, columnOf(outcome), steps);
      },
      sharedOrderings(outcome, options) {
        return findSharedOrderings(scenario, graph, columnOf(outcome), good, outcome, options);
      },
    },
  };
}

/**
 * Schedules to completion from every state, by outcome. Uses doubles while every count is an
 * exact integer (below 2^53) and redoes the sum in bigints otherwise.
 */
function countSchedules(
  n: number,
  nTasks: number,
  nOutcomes: number,
  succ: Int32Array,
  terminalMask: Int32Array,
  order: Int32Array,
  goodColumn: number,
): Counts {
  // Column o of the tables counts terminal-mask bit o; with a `goodColumn` (≥ 0), the last
  // column counts that bit instead.
  const bitOf = (o: number) => (goodColumn >= 0 && o === nOutcomes - 1 ? 1 << goodColumn : 1 << o);
  const total = new Float64Array(n);
  const withO = Array.from({ length: nOutcomes }, () => new Float64Array(n));
  let exact = true;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k];
    const base = i * nTasks;
    let any = false;
    let sum = 0;
    for (let t = 0; t < nTasks; t++) {
      const j = succ[base + t];
      if (j < 0) continue;
      any = true;
      sum += total[j];
      for (let o = 0; o < nOutcomes; o++) withO[o][i] += withO[o][j];
    }
    if (!any) {
      sum = 1;
      for (let o = 0; o < nOutcomes; o++) if (terminalMask[i] & bitOf(o)) withO[o][i] = 1;
    }
    total[i] = sum;
    if (sum > Number.MAX_SAFE_INTEGER) exact = false;
  }
  const column = (o: number) => (goodColumn >= 0 && o === goodColumn ? nOutcomes - 1 : o);
  if (exact) {
    return {
      total: (i) => BigInt(total[i]),
      with: (o, i) => BigInt(withO[column(o)][i]),
      reaches: (o, i) => withO[column(o)][i] > 0,
    };
  }
  const bt: bigint[] = new Array(n).fill(0n);
  const bw: bigint[][] = Array.from({ length: nOutcomes }, () => new Array(n).fill(0n));
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k];
    let any = false;
    for (let t = 0; t < nTasks; t++) {
      const j = succ[i * nTasks + t];
      if (j < 0) continue;
      any = true;
      bt[i] += bt[j];
      for (let o = 0; o < nOutcomes; o++) bw[o][i] += bw[o][j];
    }
    if (!any) {
      bt[i] = 1n;
      for (let o = 0; o < nOutcomes; o++) if (terminalMask[i] & bitOf(o)) bw[o][i] = 1n;
    }
  }
  return {
    total: (i) => bt[i],
    with: (o, i) => bw[column(o)][i],
    reaches: (o, i) => bw[column(o)][i] > 0n,
  };
}

/** Follows parent links back to the start and replays the tasks to name the steps. */
function witnessSteps(
  scenario: Scenario,
  start: State,
  target: number,
  parent: Int32Array,
  parentTask: Uint8Array,
  taskIds: TaskId[],
): string[] {
  const tasks: TaskId[] = [];
  for (let i = target; parent[i] >= 0; i = parent[i]) tasks.push(taskIds[parentTask[i]]);
  tasks.reverse();
  const ids: string[] = [];
  let s = start;
  for (const t of tasks) {
    ids.push(scenario.pcOf(s, t));
    s = scenario.apply(s, t);
  }
  return ids;
}
