/**
 * Every complete schedule of a small scenario, one by one, for tests of unranking and of shared
 * orderings: a plain depth-first walk through the engine's `enabledTasks` / `applyTask` that tries
 * task 1 before task 2 in every state, with no deduplication, no packed keys and no counts. What
 * the schedules share is then checked pair by pair on the list. Test support only.
 */
import { applyTask, enabledTasks, type Scenario, type State } from '../engine.ts';
import { explore, type Exploration } from '../explorer.ts';
import type { Ordering } from '../orderings.ts';
import { compileScenario, ModelError, type CompiledScenario } from '../scenario/compile.ts';
import { parseScenarioText } from '../scenario/load.ts';
import type { GeneratedDoc } from './scenario-docs/index.ts';
import { finalOutcomes } from './brute-force.ts';

export interface WalkedSchedule {
  /** Step ids, as a replay takes them. */
  readonly steps: readonly string[];
  /** The final state's outcomes. */
  readonly outcomes: readonly string[];
}

/**
 * Every complete schedule from `from`, in lexicographic task order (task 1's step before task
 * 2's in every state). Throws past `max` schedules.
 */
export function everySchedule(
  scenario: Scenario,
  max = 100_000,
  from: State = scenario.initial,
): WalkedSchedule[] {
  const out: WalkedSchedule[] = [];
  const steps: string[] = [];
  const walk = (s: State) => {
    const enabled = enabledTasks(scenario, s);
    if (enabled.length === 0) {
      if (out.length >= max) throw new Error(`more than ${max} schedules`);
      out.push({ steps: [...steps], outcomes: finalOutcomes(scenario, s) });
      return;
    }
    for (const t of enabled) {
      steps.push(scenario.pcOf(s, t));
      walk(applyTask(scenario, s, t));
      steps.pop();
    }
  };
  walk(from);
  return out;
}

/**
 * Whether step `before` runs before step `after` in `steps`: `after` runs, and `before` has run
 * before `after`'s first run.
 */
export function runsBefore(steps: readonly string[], before: string, after: string): boolean {
  const b = steps.indexOf(after);
  const a = steps.indexOf(before);
  return b >= 0 && a >= 0 && a < b;
}

/** Whether `before` runs before `after` in every one of `schedules` (true for none). */
export function runsBeforeInEvery(
  schedules: readonly WalkedSchedule[],
  before: string,
  after: string,
): boolean {
  return schedules.every((s) => runsBefore(s.steps, before, after));
}

/**
 * The orderings of two different tasks' steps that hold in every schedule of `schedules` ending
 * in `outcome` and not in every one ending in no bad outcome, unreduced, checked pair by pair.
 */
export function sharedByBruteForce(
  scenario: Scenario,
  schedules: readonly WalkedSchedule[],
  outcome: string,
): Ordering[] {
  const withIt = schedules.filter((s) => s.outcomes.includes(outcome));
  const clean = schedules.filter((s) => !s.outcomes.some((o) => scenario.badOutcomes.includes(o)));
  const defs = [...scenario.steps.values()];
  const out: Ordering[] = [];
  for (const b of defs) {
    for (const a of defs) {
      if (a.task === b.task) continue;
      if (runsBeforeInEvery(withIt, a.id, b.id) && !runsBeforeInEvery(clean, a.id, b.id)) {
        out.push({ before: a.id, after: b.id });
      }
    }
  }
  return out;
}

/** The exploration of `scenario` (from `from`), or the explorer's problem as an error. */
export function exploreOk(scenario: Scenario, from?: State): Exploration {
  const r = explore(scenario, { from });
  if (!r.ok) throw new Error(r.problem.message);
  return r.exploration;
}

/**
 * A generated document compiled and explored, when it is small enough to walk schedule by
 * schedule (at most `maxSchedules`); undefined for a bigger one or one whose model goes wrong
 * (a generated model may release a lock it lacks).
 */
export function smallGenerated(
  d: GeneratedDoc,
  maxSchedules: bigint,
): { sc: CompiledScenario; ex: Exploration } | undefined {
  const r = parseScenarioText(d.text, 'gen.yaml');
  if (!r.ok) throw new Error('a valid document does not load');
  const sc = compileScenario(r.doc);
  let ex: Exploration;
  try {
    ex = exploreOk(sc);
  } catch (e) {
    if (e instanceof ModelError) return undefined;
    throw e;
  }
  return ex.summary.completeSchedules > maxSchedules ? undefined : { sc, ex };
}
