/**
 * Schedules as sequences of task choices, and the one repair rule every edit goes through.
 *
 * The repair rule (pinned by schedule.test.ts): replay the turns in order; a turn whose task
 * cannot run at that point (blocked or finished) is skipped; when the turns run out, the run is
 * completed in task order (the lowest-numbered task that can move moves next) until no task can.
 */
import { applyTask, isEnabled, type Scenario, type State, type TaskId } from './engine.ts';
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
export function completeSchedule(
  scenario: Scenario,
  turns: readonly TaskId[],
  from: State = scenario.initial,
): Completion {
  const tasks: TaskId[] = [];
  const skipped: SkippedTurn[] = [];
  let s = from;
  turns.forEach((task, position) => {
    const reason =
      Number.isInteger(task) && task >= 1 && task <= scenario.tasks.length
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
 * A default-schedule policy: `prefix` turns as given, then either `round-robin` (each task in
 * turn runs until it blocks or ends, starting after the prefix's last task) or `task-order` (the
 * lowest-numbered task that can move moves next). The run always ends complete.
 */
export interface SchedulePolicy {
  readonly prefix: readonly TaskId[];
  readonly then: 'round-robin' | 'task-order';
}

/** The schedule a policy gives on `scenario`. */
export function policySchedule(scenario: Scenario, policy: SchedulePolicy): TaskId[] {
  const out: TaskId[] = [];
  let s = scenario.initial;
  for (const t of policy.prefix) {
    if (!isEnabled(scenario, s, t)) break;
    out.push(t);
    s = applyTask(scenario, s, t);
  }
  if (policy.then === 'round-robin') {
    const n = scenario.tasks.length;
    let t = out.length > 0 ? (out[out.length - 1] % n) + 1 : 1;
    let idle = 0;
    while (idle < n) {
      let moved = false;
      while (isEnabled(scenario, s, t)) {
        out.push(t);
        s = applyTask(scenario, s, t);
        moved = true;
      }
      idle = moved ? 1 : idle + 1;
      t = (t % n) + 1;
    }
  }
  return completeSchedule(scenario, out).tasks;
}

/** The scenario's default schedule: its policy run, or its explicit steps repaired. */
export function defaultSchedule(
  scenario: Scenario & {
    readonly defaultSchedule: SchedulePolicy | { readonly steps: readonly string[] };
  },
): TaskId[] {
  const d = scenario.defaultSchedule;
  if ('steps' in d) {
    return completeSchedule(
      scenario,
      d.steps.map((id) => scenario.steps.get(id)?.task ?? 0),
    ).tasks;
  }
  return policySchedule(scenario, d);
}
