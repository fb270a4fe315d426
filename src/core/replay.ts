/**
 * Replay: a schedule applied from the initial state, step by step, with everything a timeline
 * needs at each step. An impossible schedule yields a structured problem, never a partial trace.
 */
import {
  DONE,
  isTerminal,
  outcomesOf,
  taskKey,
  taskStatus,
  type LockView,
  type Scenario,
  type State,
  type StateView,
  type TaskId,
  type TaskStatus,
} from './engine.ts';
import { whyNotRunning } from './words.ts';

/** A schedule: either the task to run at each turn, or the step id expected at each turn. */
export type Schedule = readonly TaskId[] | readonly string[];

export interface TraceStep {
  /** 0-based position in the schedule. */
  readonly index: number;
  readonly task: TaskId;
  readonly stepId: string;
  readonly label: string;
  /** One line for a timeline block: the document's `short`, else the label. */
  readonly short: string;
  /** The state right after this step, by field display name. */
  readonly state: StateView;
  /** Who holds each lock right after this step. */
  readonly locks: readonly LockView[];
  /** Fields (display names) whose value this step changed. */
  readonly changed: readonly string[];
  /** Every task's status right after this step, in task order. */
  readonly statuses: readonly TaskStatus[];
  /** Outcome flags set so far. */
  readonly flagged: readonly string[];
}

export interface Trace {
  readonly initial: StateView;
  readonly initialLocks: readonly LockView[];
  readonly initialStatuses: readonly TaskStatus[];
  /** Outcome flags already set in the initial state. */
  readonly initialFlagged: readonly string[];
  readonly steps: readonly TraceStep[];
  /** True when no task can move after the last step. */
  readonly complete: boolean;
  /** Final outcomes when complete; otherwise the flags set so far, or ['RUNNING']. */
  readonly outcomes: readonly string[];
  /** The engine's states, [0] the initial one: for the core's own use (editing, fates). */
  readonly raw: readonly State[];
}

export type ReplayProblemKind =
  | 'unknown-step'
  | 'unknown-task'
  | 'out-of-order'
  | 'blocked'
  | 'task-done'
  /** Every turn ran, but a task can still move: a prefix of complete schedules. */
  | 'incomplete';

export interface ReplayProblem {
  readonly kind: ReplayProblemKind;
  /** 0-based position in the schedule of the turn that cannot run. */
  readonly position: number;
  readonly message: string;
}

export type ReplayResult =
  | { readonly ok: true; readonly trace: Trace }
  | { readonly ok: false; readonly problem: ReplayProblem };

function statusesOf(scenario: Scenario, s: State): TaskStatus[] {
  return scenario.tasks.map((t) => taskStatus(scenario, s, t.id));
}

function changedNames(a: StateView, b: StateView): string[] {
  const out: string[] = [];
  for (const k of Object.keys(b)) if (a[k] !== b[k]) out.push(k);
  return out;
}

/** Why `task` cannot run in `s`, in the kernel's words, or undefined if it can. */
export function whyNot(scenario: Scenario, s: State, task: TaskId): string | undefined {
  return whyNotRunning(taskStatus(scenario, s, task), task, {
    task: (t) => `task ${taskKey(scenario, t)}`,
    step: (id) => scenario.steps.get(id)?.label ?? id,
  });
}

/** Runs `schedule` from the scenario's initial state (or `from`) and records the trace. */
export function replay(
  scenario: Scenario,
  schedule: Schedule,
  from: State = scenario.initial,
): ReplayResult {
  const nTasks = scenario.tasks.length;
  let s = from;
  let view = scenario.view(s);
  const raw: State[] = [from];
  const steps: TraceStep[] = [];
  const initialFlagged = outcomesOf(scenario, scenario.flagMask(s));
  let flagged: readonly string[] = initialFlagged;
  for (let i = 0; i < schedule.length; i++) {
    const entry = schedule[i];
    let task: TaskId;
    if (typeof entry === 'number') {
      if (!(Number.isInteger(entry) && entry >= 1 && entry <= nTasks)) {
        return fail('unknown-task', i, `turn ${i + 1}: there is no task ${entry}`);
      }
      task = entry;
    } else {
      const def = scenario.steps.get(entry);
      if (!def) {
        return fail(
          'unknown-step',
          i,
          `turn ${i + 1}: "${entry}" is not a step of this model variant`,
        );
      }
      task = def.task;
      const pc = scenario.pcOf(s, task);
      if (pc !== entry) {
        const name = `task ${taskKey(scenario, task)}`;
        const where = pc === DONE ? `${name} has finished` : `${name}'s next step is ${pc}`;
        return fail('out-of-order', i, `turn ${i + 1}: ${entry} cannot run here: ${where}`);
      }
    }
    const status = taskStatus(scenario, s, task);
    if (status.kind === 'done') {
      return fail(
        'task-done',
        i,
        `turn ${i + 1}: task ${taskKey(scenario, task)} has already finished`,
      );
    }
    if (status.kind === 'blocked') {
      return fail('blocked', i, `turn ${i + 1}: ${whyNot(scenario, s, task)}`);
    }
    const def = scenario.steps.get(status.stepId)!;
    const next = scenario.apply(s, task);
    const nextView = scenario.view(next);
    flagged = outcomesOf(scenario, scenario.flagMask(next));
    steps.push({
      index: i,
      task,
      stepId: def.id,
      label: def.label,
      short: def.short ?? def.label,
      state: nextView,
      locks: scenario.lockViews(next),
      changed: changedNames(view, nextView),
      statuses: statusesOf(scenario, next),
      flagged,
    });
    s = next;
    view = nextView;
    raw.push(next);
  }
  const complete = isTerminal(scenario, s);
  const outcomes = complete
    ? outcomesOf(scenario, scenario.finalMask(s))
    : flagged.length > 0
      ? flagged
      : ['RUNNING'];
  return {
    ok: true,
    trace: {
      initial: scenario.view(from),
      initialLocks: scenario.lockViews(from),
      initialStatuses: statusesOf(scenario, from),
      initialFlagged,
      steps,
      complete,
      outcomes,
      raw,
    },
  };
}

function fail(kind: ReplayProblemKind, position: number, message: string): ReplayResult {
  return { ok: false, problem: { kind, position, message } };
}
