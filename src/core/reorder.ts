/**
 * Editing an interleaving: move one turn to another place, or choose which task runs next.
 *
 * The schedule is the sequence of task choices, so moving a step moves its task's turn. A turn
 * may only pass turns of other tasks (program order within a task never changes). A drop is legal
 * when everything up to and including the moved turn runs as written; the turns after it then go
 * through the repair rule of schedule.ts (skip what cannot run, complete in task order).
 * Step numbers in messages are the 1-based numbers of the schedule before the edit, as the
 * timeline showed them.
 */
import {
  applyTask,
  taskKey,
  taskStatus,
  type Scenario,
  type State,
  type TaskId,
} from './engine.ts';
import { replay, type Trace } from './replay.ts';
import { completeSchedule, type SkippedTurn } from './schedule.ts';
import { timelineFacts, type TimelineFacts } from './timeline.ts';
import { modeWords } from './words.ts';

export type EditResult =
  | {
      readonly ok: true;
      /** The new complete schedule. */
      readonly tasks: TaskId[];
      /** Turns after the edit point that the repair rule skipped (positions in the new order). */
      readonly skipped: readonly SkippedTurn[];
      /** Turns the repair rule appended to finish the run. */
      readonly appended: number;
    }
  | {
      readonly ok: false;
      readonly kind: 'own-task' | 'blocked' | 'out-of-range' | 'invalid-schedule';
      readonly reason: string;
    };

export interface DropTarget {
  /** The index the moved turn would take. */
  readonly to: number;
  readonly legal: boolean;
  /** Why not, when illegal. */
  readonly reason?: string;
}

function labelOf(scenario: Scenario, stepId: string): string {
  return scenario.steps.get(stepId)?.label ?? stepId;
}

/** A strict replay of `tasks` that must succeed, or undefined. */
function traceOf(scenario: Scenario, tasks: readonly TaskId[]) {
  const r = replay(scenario, tasks);
  return r.ok ? r.trace : undefined;
}

/**
 * Moves the turn at `from` so that it ends up at index `to`, then repairs the rest.
 * `trace` may be passed when the caller already has the current schedule's trace.
 */
export function moveTurn(
  scenario: Scenario,
  tasks: readonly TaskId[],
  from: number,
  to: number,
  trace: Trace | undefined = traceOf(scenario, tasks),
): EditResult {
  if (!trace)
    return { ok: false, kind: 'invalid-schedule', reason: 'the current schedule does not replay' };
  const n = tasks.length;
  if (!(
    Number.isInteger(from) &&
    Number.isInteger(to) &&
    from >= 0 &&
    to >= 0 &&
    from < n &&
    to < n
  )) {
    return {
      ok: false,
      kind: 'out-of-range',
      reason: `there is no step ${Math.max(from, to) + 1}`,
    };
  }
  const task = tasks[from];
  const moved = trace.steps[from];
  if (from === to) return { ok: true, tasks: [...tasks], skipped: [], appended: 0 };

  // Program order: the turn may pass only other tasks' turns.
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  for (let k = lo; k <= hi; k++) {
    if (k !== from && tasks[k] === task) {
      const own = trace.steps[k];
      return {
        ok: false,
        kind: 'own-task',
        reason: `${moved.label} cannot move past ${own.label} (step ${k + 1}): task ${taskKey(scenario, task)}'s own steps keep their order`,
      };
    }
  }

  const next = [...tasks];
  next.splice(from, 1);
  next.splice(to, 0, task);

  // Replay the new prefix strictly, up to and including the moved turn.
  let s = trace.raw[0];
  for (let p = 0; p <= to; p++) {
    const t = next[p];
    const status = taskStatus(scenario, s, t);
    if (status.kind !== 'runnable') {
      return {
        ok: false,
        kind: 'blocked',
        reason: blockedReason(
          scenario,
          trace,
          s,
          t,
          p === to ? moved.label : undefined,
          moved.label,
          to > from ? to + 1 : to,
        ),
      };
    }
    s = applyTask(scenario, s, t);
  }
  const rest = completeSchedule(scenario, next.slice(to + 1), s);
  return {
    ok: true,
    tasks: [...next.slice(0, to + 1), ...rest.tasks],
    skipped: rest.skipped.map((x) => ({ ...x, position: x.position + to + 1 })),
    appended: rest.appended,
  };
}

/** Timeline facts per trace, derived once: dropTargets explains many places against one trace. */
const factsCache = new WeakMap<object, TimelineFacts>();

function factsOf(scenario: Scenario, trace: Trace): TimelineFacts {
  let facts = factsCache.get(trace);
  if (!facts) {
    facts = timelineFacts(scenario, trace);
    factsCache.set(trace, facts);
  }
  return facts;
}

/** Explains why task `t` cannot run in `s`, naming the holder's span in the old numbering. */
function blockedReason(
  scenario: Scenario,
  trace: Trace,
  s: State,
  t: TaskId,
  movedLabel: string | undefined,
  movingLabel: string,
  lastOldStep: number,
): string {
  const status = taskStatus(scenario, s, t);
  const what =
    movedLabel ??
    `task ${taskKey(scenario, t)}'s ${status.kind === 'done' ? 'turn' : labelOf(scenario, status.stepId)}`;
  const subject = movedLabel
    ? `${what} cannot run here`
    : `${what} would have to run before ${movingLabel}, and cannot`;
  if (status.kind === 'done') return `${subject}: task ${taskKey(scenario, t)} has finished`;
  if (status.kind === 'runnable') return subject;
  const facts = factsOf(scenario, trace);
  const holders = status.heldBy.map((h) => {
    const span = facts.holds
      .filter((x) => x.task === h.task && x.lock === status.lock && x.from <= lastOldStep)
      .sort((a, b) => b.from - a.from)[0];
    const when = span
      ? span.to === null
        ? ` from step ${span.from} on`
        : ` from step ${span.from} to step ${span.to}`
      : '';
    return `task ${taskKey(scenario, h.task)} holds ${status.lock}${h.mode === 'spin' ? '' : ` ${modeWords(h.mode)}`}${when}`;
  });
  if (status.lock === null) return `${subject}: it waits for ${status.waitsFor}`;
  return `${subject}: ${holders.join(' and ') || `${status.lock} is taken`}`;
}

/** Every place the turn at `from` could be dropped, legal or not, with the reason. */
export function dropTargets(
  scenario: Scenario,
  tasks: readonly TaskId[],
  from: number,
): DropTarget[] {
  const trace = traceOf(scenario, tasks);
  return tasks.map((_, to) => {
    if (to === from) return { to, legal: true };
    const r = moveTurn(scenario, tasks, from, to, trace);
    return r.ok ? { to, legal: true } : { to, legal: false, reason: r.reason };
  });
}

/**
 * "Run task T next" at cursor position `cursor` (0 = before the first step): T's next turn moves
 * to index `cursor`, and the rest is repaired.
 */
export function chooseNext(
  scenario: Scenario,
  tasks: readonly TaskId[],
  cursor: number,
  task: TaskId,
): EditResult {
  const trace = traceOf(scenario, tasks);
  if (!trace)
    return { ok: false, kind: 'invalid-schedule', reason: 'the current schedule does not replay' };
  if (cursor < 0 || cursor > tasks.length) {
    return { ok: false, kind: 'out-of-range', reason: `there is no position ${cursor}` };
  }
  const s = trace.raw[cursor];
  const status = taskStatus(scenario, s, task);
  if (status.kind === 'done')
    return { ok: false, kind: 'blocked', reason: `task ${taskKey(scenario, task)} has finished` };
  if (status.kind === 'blocked') {
    return {
      ok: false,
      kind: 'blocked',
      reason: blockedReason(scenario, trace, s, task, labelOf(scenario, status.stepId), '', cursor),
    };
  }
  const k = tasks.indexOf(task, cursor);
  if (k < 0) {
    const c = completeSchedule(scenario, [...tasks.slice(0, cursor), task]);
    return { ok: true, tasks: c.tasks, skipped: c.skipped, appended: c.appended };
  }
  return moveTurn(scenario, tasks, k, cursor, trace);
}
