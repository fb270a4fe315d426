/**
 * Schedule k of N, for N as large as 10^39: complete schedules ending in one outcome, numbered in
 * lexicographic task order (task 1's step before task 2's in every state, the witness's tie order)
 * and found from the per-state counts, never by enumerating. In each state the schedules through
 * task t's successor come after all those through the successors of tasks 1 … t-1, so one walk
 * from the start that subtracts the counts it skips finds schedule k, and one that adds them
 * finds the number of a given schedule. A schedule's step ids name its path: in a state each
 * task has one next step, and step ids belong to one task.
 */
import type { Scenario } from './engine.ts';
import type { StateGraph } from './state-graph.ts';

/**
 * The `k`-th (0-based) complete schedule from the graph's start whose final state is in
 * `column`, as step ids. The caller checks `0 <= k < graph.count(column, 0)`.
 */
export function unrankSchedule(
  scenario: Scenario,
  graph: StateGraph,
  column: number,
  k: bigint,
): string[] {
  const { nTasks, succ } = graph;
  const steps: string[] = [];
  let s = graph.stateOf(0);
  let i = 0;
  let rest = k;
  for (;;) {
    let chosen = -1;
    let moves = false;
    for (let t = 0; t < nTasks; t++) {
      const j = succ[i * nTasks + t];
      if (j < 0) continue;
      moves = true;
      const c = graph.count(column, j);
      if (rest < c) {
        chosen = t;
        break;
      }
      rest -= c;
    }
    if (!moves) return steps;
    if (chosen < 0) throw new RangeError(`schedule ${k} is past the last one in this column`);
    const task = scenario.tasks[chosen].id;
    steps.push(scenario.pcOf(s, task));
    s = scenario.apply(s, task);
    i = succ[i * nTasks + chosen];
  }
}

/**
 * The number `unrankSchedule` gives the complete schedule `steps` (step ids, as a replay takes
 * them) among those ending in `column`; undefined when `steps` cannot run from the start, stops
 * before no task can move, or ends outside `column`.
 */
export function rankSchedule(
  scenario: Scenario,
  graph: StateGraph,
  column: number,
  steps: readonly string[],
): bigint | undefined {
  const { nTasks, succ } = graph;
  let s = graph.stateOf(0);
  let i = 0;
  let rank = 0n;
  for (const id of steps) {
    const def = scenario.steps.get(id);
    if (def === undefined) return undefined;
    const t = def.task - 1;
    const j = succ[i * nTasks + t];
    if (j < 0 || scenario.pcOf(s, def.task) !== id) return undefined;
    for (let u = 0; u < t; u++) {
      const v = succ[i * nTasks + u];
      if (v >= 0) rank += graph.count(column, v);
    }
    s = scenario.apply(s, def.task);
    i = j;
  }
  for (let t = 0; t < nTasks; t++) if (succ[i * nTasks + t] >= 0) return undefined;
  return graph.reaches(column, i) ? rank : undefined;
}
