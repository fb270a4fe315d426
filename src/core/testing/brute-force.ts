/**
 * An independent brute-force enumerator for tests: it walks every schedule one by one, with no
 * deduplication, no packed keys and no dynamic programming, using only the engine's
 * `enabledTasks` / `applyTask` and the scenario's checkers. The explorer must agree with it.
 */
import { applyTask, enabledTasks, type Scenario, type TaskId } from '../engine.ts';

export interface BruteCounts {
  schedules: number;
  with: Record<string, number>;
  /** Distinct states by their full JSON form (not the packed key). */
  states: number;
  /** Distinct (state, task) moves. */
  transitions: number;
  terminals: number;
}

export function bruteForceCounts<S extends object>(
  scenario: Scenario<S>,
  from: S,
  maxSchedules = 2_000_000,
): BruteCounts {
  const withO: Record<string, number> = {};
  for (const o of scenario.outcomeNames) withO[o] = 0;
  const states = new Set<string>();
  const moves = new Set<string>();
  const terminals = new Set<string>();
  let schedules = 0;
  const walk = (s: S) => {
    const key = JSON.stringify(s);
    states.add(key);
    const enabled = enabledTasks(scenario, s);
    if (enabled.length === 0) {
      terminals.add(key);
      schedules++;
      if (schedules > maxSchedules) throw new Error('too many schedules for brute force');
      for (const o of scenario.finalOutcomes(s)) withO[o]++;
      return;
    }
    for (const t of enabled) {
      moves.add(key + '#' + t);
      walk(applyTask(scenario, s, t));
    }
  };
  walk(from);
  return {
    schedules,
    with: withO,
    states: states.size,
    transitions: moves.size,
    terminals: terminals.size,
  };
}

/**
 * The shortest schedule reaching each bad outcome, by enumerating schedules level by level in
 * lexicographic task order (task 1 before task 2) with no deduplication.
 */
export function bruteForceWitnesses<S extends object>(
  scenario: Scenario<S>,
  maxDepth: number,
): Record<string, string[]> {
  interface Node {
    s: S;
    parent: Node | null;
    id: string;
  }
  const found: Record<string, string[]> = {};
  const idsOf = (n: Node): string[] => {
    const ids: string[] = [];
    for (let x: Node | null = n; x && x.parent; x = x.parent) ids.push(x.id);
    return ids.reverse();
  };
  const note = (o: string, n: Node) => {
    if (scenario.badOutcomes.includes(o) && !(o in found)) found[o] = idsOf(n);
  };
  let level: Node[] = [{ s: scenario.initial, parent: null, id: '' }];
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: Node[] = [];
    for (const n of level) {
      for (const o of scenario.flaggedOutcomes(n.s)) note(o, n);
      const enabled: TaskId[] = enabledTasks(scenario, n.s);
      if (enabled.length === 0) for (const o of scenario.finalOutcomes(n.s)) note(o, n);
      if (depth === maxDepth) continue;
      for (const t of enabled) {
        next.push({ s: applyTask(scenario, n.s, t), parent: n, id: scenario.pcOf(n.s, t) });
      }
    }
    level = next;
  }
  return found;
}

/** Every state reachable from the initial one, by a plain DFS keyed on the full JSON form. */
export function reachableStates<S extends object>(scenario: Scenario<S>): S[] {
  const seen = new Map<string, S>();
  const stack = [scenario.initial];
  while (stack.length) {
    const s = stack.pop()!;
    const k = JSON.stringify(s);
    if (seen.has(k)) continue;
    seen.set(k, s);
    for (const t of enabledTasks(scenario, s)) stack.push(applyTask(scenario, s, t));
  }
  return [...seen.values()];
}
