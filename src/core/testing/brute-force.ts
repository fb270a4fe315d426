/**
 * An independent brute-force enumerator for tests: it walks every schedule one by one, with no
 * deduplication, no packed keys and no dynamic programming, using only the engine's
 * `enabledTasks` / `applyTask` and the scenario's outcome masks. States are told apart by their
 * full contents (every slot of the state vector), never by the scenario's packed key. The explorer
 * must agree with it.
 */
import {
  applyTask,
  enabledTasks,
  outcomesOf,
  type Scenario,
  type State,
  type TaskId,
} from '../engine.ts';

export interface BruteCounts {
  schedules: number;
  with: Record<string, number>;
  /**
   * Schedules by the whole set of outcomes they end in: the outcome names in the scenario's
   * order, joined by `+` (`''` for a schedule that ends in none). Only the sets that occur.
   */
  byOutcomes: Record<string, number>;
  /** Distinct states by their full contents (not the packed key). */
  states: number;
  /** Distinct (state, task) moves. */
  transitions: number;
  terminals: number;
}

/** A state's identity for the brute force: all of its slots, in order. */
export function fullKey(s: State): string {
  return Array.from(s).join(',');
}

/** The outcomes of a terminal state. */
export function finalOutcomes(scenario: Scenario, s: State): string[] {
  return outcomesOf(scenario, scenario.finalMask(s));
}

/** The sticky outcome flags set in a state. */
export function flaggedOutcomes(scenario: Scenario, s: State): string[] {
  return outcomesOf(scenario, scenario.flagMask(s));
}

/**
 * Walks every complete schedule from `from`, one by one (each path separately, so a state is
 * visited once per path that reaches it). Throws when there are more than `maxSchedules`.
 */
export function bruteForceCounts(
  scenario: Scenario,
  from: State,
  maxSchedules = 2_000_000,
): BruteCounts {
  const withO: Record<string, number> = {};
  for (const o of scenario.outcomeNames) withO[o] = 0;
  const byOutcomes: Record<string, number> = {};
  const states = new Set<string>();
  const moves = new Set<string>();
  const terminals = new Set<string>();
  let schedules = 0;
  const walk = (s: State) => {
    const key = fullKey(s);
    states.add(key);
    const enabled = enabledTasks(scenario, s);
    if (enabled.length === 0) {
      terminals.add(key);
      schedules++;
      if (schedules > maxSchedules) throw new Error('too many schedules for brute force');
      const outcomes = finalOutcomes(scenario, s);
      for (const o of outcomes) withO[o]++;
      const set = scenario.outcomeNames.filter((o) => outcomes.includes(o)).join('+');
      byOutcomes[set] = (byOutcomes[set] ?? 0) + 1;
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
    byOutcomes,
    states: states.size,
    transitions: moves.size,
    terminals: terminals.size,
  };
}

/**
 * The shortest schedule reaching each bad outcome, by enumerating schedules level by level in
 * lexicographic task order (task 1 before task 2) with no deduplication. A sticky flag counts as
 * reached in the first state that has it; DEADLOCK, LEAK and other final outcomes in a terminal
 * state.
 */
export function bruteForceWitnesses(
  scenario: Scenario,
  maxDepth: number,
): Record<string, string[]> {
  interface Node {
    s: State;
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
      for (const o of flaggedOutcomes(scenario, n.s)) note(o, n);
      const enabled: TaskId[] = enabledTasks(scenario, n.s);
      if (enabled.length === 0) for (const o of finalOutcomes(scenario, n.s)) note(o, n);
      if (depth === maxDepth) continue;
      for (const t of enabled) {
        next.push({ s: applyTask(scenario, n.s, t), parent: n, id: scenario.pcOf(n.s, t) });
      }
    }
    level = next;
  }
  return found;
}

/** Every state reachable from `from`, by a plain DFS keyed on the state's full contents. */
export function reachableStates(scenario: Scenario, from: State = scenario.initial): State[] {
  const seen = new Map<string, State>();
  const stack = [from];
  while (stack.length) {
    const s = stack.pop()!;
    const k = fullKey(s);
    if (seen.has(k)) continue;
    seen.set(k, s);
    for (const t of enabledTasks(scenario, s)) stack.push(applyTask(scenario, s, t));
  }
  return [...seen.values()];
}
