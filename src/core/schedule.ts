/**
 * Schedules as sequences of task choices, and the one repair rule every edit goes through.
 *
 * The repair rule (pinned by schedule.test.ts): replay the turns in order; a turn whose task
 * cannot run at that point (blocked or finished) is skipped; when the turns run out, the run is
 * completed in task order (the lowest-numbered task that can move moves next) until no task can.
 */
import { applyTask, isEnabled, type Scenario, type TaskId } from './engine.ts';
import { whyNot } from './replay.ts';

export interface SkippedTurn {
  /** 0-based position of the turn in the input sequence. */
  readonly position: number;
  readonly task: TaskId;
  readonly reason: string;
}

export interface Completion {
  /** The repaired, complete sequence of task choices. */
  readonly tasks: TaskId[];
  readonly skipped: readonly SkippedTurn[];
  /** Turns added at the end to run the schedule to completion. */
  readonly appended: number;
}

/** Applies the repair rule to `turns`, starting from `from` (default: the initial state). */
export function completeSchedule<S extends object>(
  scenario: Scenario<S>,
  turns: readonly TaskId[],
  from: S = scenario.initial,
): Completion {
  const tasks: TaskId[] = [];
  const skipped: SkippedTurn[] = [];
  let s = from;
  turns.forEach((task, position) => {
    const reason = scenario.tasks.some((t) => t.id === task)
      ? whyNot(scenario, s, task)
      : `there is no task ${task}`;
    if (reason !== undefined) {
      skipped.push({ position, task, reason });
      return;
    }
    tasks.push(task);
    s = applyTask(scenario, s, task);
  });
  let appended = 0;
  for (;;) {
    const next = scenario.tasks.find((t) => isEnabled(scenario, s, t.id));
    if (!next) break;
    tasks.push(next.id);
    s = applyTask(scenario, s, next.id);
    appended++;
  }
  return { tasks, skipped, appended };
}

/**
 * The schedule "task A for k turns, then each task in turn to its end" — the e-mail's policy with
 * A = 1, k = 3 (spec section 6). Tasks after the first run in order, each until it cannot move.
 */
export function policySchedule<S extends object>(
  scenario: Scenario<S>,
  firstTurns: number,
): TaskId[] {
  const first = scenario.tasks[0].id;
  const turns: TaskId[] = new Array(firstTurns).fill(first);
  let s = scenario.initial;
  const out: TaskId[] = [];
  for (const t of turns) {
    if (!isEnabled(scenario, s, t)) break;
    out.push(t);
    s = applyTask(scenario, s, t);
  }
  for (const t of [...scenario.tasks.slice(1), scenario.tasks[0]]) {
    while (isEnabled(scenario, s, t.id)) {
      out.push(t.id);
      s = applyTask(scenario, s, t.id);
    }
  }
  return completeSchedule(scenario, out).tasks;
}
