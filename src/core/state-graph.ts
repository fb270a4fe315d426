/**
 * The explored state graph as the algorithms over it (unranking, shared orderings) see it: the
 * successor table, the per-state schedule counts and a way back to each state. The explorer builds
 * one; nothing here searches.
 */
import type { State } from './engine.ts';

export interface StateGraph {
  /** Reachable states; state 0 is where the exploration started. */
  readonly states: number;
  readonly nTasks: number;
  /** `succ[i * nTasks + t]`: the state after task `t + 1` moves in state `i`, or -1. */
  readonly succ: Int32Array;
  /** The state with index `i` (unpacked from its key on each call). */
  stateOf(i: number): State;
  /** Complete schedules from state `i` whose final state is in `column`, exact. */
  count(column: number, i: number): bigint;
  /** Whether some complete schedule from state `i` ends in `column` (cheaper than `count`). */
  reaches(column: number, i: number): boolean;
}

/** Kahn's algorithm; the state graph is acyclic because every step advances one program point. */
export function topologicalOrder(n: number, nTasks: number, succ: Int32Array): Int32Array {
  const indegree = new Int32Array(n);
  for (let i = 0; i < n * nTasks; i++) if (succ[i] >= 0) indegree[succ[i]]++;
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = order[head];
    for (let t = 0; t < nTasks; t++) {
      const j = succ[i * nTasks + t];
      if (j >= 0 && --indegree[j] === 0) order[tail++] = j;
    }
  }
  if (tail !== n) throw new Error('state graph has a cycle: a step program loops');
  return order;
}
