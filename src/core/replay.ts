/**
 * Replay: a schedule applied from the initial state, step by step, with everything a timeline
 * needs at each step. An impossible schedule yields a structured problem, never a partial trace.
 */
import {
  DONE,
  applyTask,
  isTerminal,
  nextStepOf,
  taskStatus,
  type Scenario,
  type TaskId,
  type TaskStatus,
} from './engine.ts';

/** A schedule: either the task to run at each turn, or the step id expected at each turn. */
export type Schedule = readonly TaskId[] | readonly string[];

export interface TraceStep<S> {
  /** 0-based position in the schedule. */
  readonly index: number;
  readonly task: TaskId;
  readonly stepId: string;
  readonly label: string;
  /** The state right after this step. */
  readonly state: S;
  /** State fields whose value this step changed. */
  readonly changed: readonly string[];
  /** Every task's status right after this step, in task order. */
  readonly statuses: readonly TaskStatus[];
  /** Outcome flags set so far. */
  readonly flagged: readonly string[];
}

export interface Trace<S> {
  readonly initial: S;
  readonly initialStatuses: readonly TaskStatus[];
  readonly steps: readonly TraceStep<S>[];
  /** True when no task can move after the last step. */
  readonly complete: boolean;
  /** Final outcomes when complete; otherwise the flags set so far, or ['RUNNING']. */
  readonly outcomes: readonly string[];
}

export type ReplayProblemKind =
  'unknown-step' | 'unknown-task' | 'out-of-order' | 'blocked' | 'task-done';

export interface ReplayProblem {
  readonly kind: ReplayProblemKind;
  /** 0-based position in the schedule of the turn that cannot run. */
  readonly position: number;
  readonly message: string;
}

export type ReplayResult<S> =
  | { readonly ok: true; readonly trace: Trace<S> }
  | { readonly ok: false; readonly problem: ReplayProblem };

function statusesOf<S>(scenario: Scenario<S>, s: S): TaskStatus[] {
  return scenario.tasks.map((t) => taskStatus(scenario, s, t.id));
}

function changedKeys<S extends object>(a: S, b: S): string[] {
  const out: string[] = [];
  for (const k of Object.keys(b) as (keyof S)[]) if (a[k] !== b[k]) out.push(String(k));
  return out;
}

/** Why `task` cannot run in `s`, in the kernel's words, or undefined if it can. */
export function whyNot<S>(scenario: Scenario<S>, s: S, task: TaskId): string | undefined {
  const status = taskStatus(scenario, s, task);
  if (status.kind === 'runnable') return undefined;
  if (status.kind === 'done') return `task ${task} has finished`;
  const label = scenario.steps.get(status.stepId)?.label ?? status.stepId;
  const holders = status.heldBy.map((h) => `task ${h.task} (${modeWords(h.mode)})`).join(', ');
  return `task ${task} is waiting in ${label}: ${status.lock} is held by ${holders || 'nobody it can see'}`;
}

function modeWords(mode: string): string {
  return mode === 'write' ? 'for writing' : mode === 'read' ? 'for reading' : 'spinlock';
}

/** Runs `schedule` from the scenario's initial state (or `from`) and records the trace. */
export function replay<S extends object>(
  scenario: Scenario<S>,
  schedule: Schedule,
  from: S = scenario.initial,
): ReplayResult<S> {
  const taskIds = new Set(scenario.tasks.map((t) => t.id));
  let s = from;
  const steps: TraceStep<S>[] = [];
  let flagged: readonly string[] = scenario.flaggedOutcomes(s);
  for (let i = 0; i < schedule.length; i++) {
    const entry = schedule[i];
    let task: TaskId;
    if (typeof entry === 'number') {
      if (!taskIds.has(entry)) {
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
        const where =
          pc === DONE ? `task ${task} has finished` : `task ${task}'s next step is ${pc}`;
        return fail('out-of-order', i, `turn ${i + 1}: ${entry} cannot run here: ${where}`);
      }
    }
    const status = taskStatus(scenario, s, task);
    if (status.kind === 'done') {
      return fail('task-done', i, `turn ${i + 1}: task ${task} has already finished`);
    }
    if (status.kind === 'blocked') {
      return fail('blocked', i, `turn ${i + 1}: ${whyNot(scenario, s, task)}`);
    }
    const def = nextStepOf(scenario, s, task)!;
    const next = applyTask(scenario, s, task);
    flagged = scenario.flaggedOutcomes(next);
    steps.push({
      index: i,
      task,
      stepId: def.id,
      label: def.label,
      state: next,
      changed: changedKeys(s, next),
      statuses: statusesOf(scenario, next),
      flagged,
    });
    s = next;
  }
  const complete = isTerminal(scenario, s);
  const outcomes = complete
    ? scenario.finalOutcomes(s)
    : flagged.length > 0
      ? flagged
      : ['RUNNING'];
  return {
    ok: true,
    trace: {
      initial: from,
      initialStatuses: statusesOf(scenario, from),
      steps,
      complete,
      outcomes,
    },
  };
}

function fail<S>(kind: ReplayProblemKind, position: number, message: string): ReplayResult<S> {
  return { ok: false, problem: { kind, position, message } };
}
