/**
 * The engine's view of a scenario: tasks as programs of atomic steps over one flat state, with
 * locks as primitives. A compiled scenario document (src/core/scenario) implements `Scenario`;
 * nothing in the engine, explorer, replay or editing code knows which race it is.
 *
 * `isEnabled()` and `applyTask()` are the whole model, in the shape of xstate's pure
 * `transition()`: a step is enabled when its task's program counter names it, the lock it
 * acquires is free and its guard holds; running it acquires, runs its effects, releases and
 * branches, on a fresh copy of the state.
 */
import type { State } from './scenario/closures.ts';

export type { State };

/** Task numbers are 1-based positions in the scenario's task list (task 2.1 of N=2 is 2). */
export type TaskId = number;

/** The program point after a task's last step. */
export const DONE = 'done';

/** How a lock is held: `spin` for spinlocks and mutexes, `read`/`write` for rwsems. */
export type LockMode = 'spin' | 'read' | 'write';

export interface LockHold {
  readonly lock: string;
  readonly mode: LockMode;
}

/** Where a step comes from upstream: file, line range, tree version and a link. */
export interface SourceRef {
  readonly file: string;
  readonly lines: string;
  readonly version: string;
  readonly url: string;
}

export interface StepDef {
  /** The document's step id, verbatim (`t1_lock`), with a family suffix (`t1_lock.2`). */
  readonly id: string;
  /** The id without its family suffix. */
  readonly base: string;
  readonly task: TaskId;
  /** Kernel vocabulary: what the line says (`mutex_lock(&a)`). */
  readonly label: string;
  /** One line for a timeline block, when the document gives one shorter than `label`. */
  readonly short?: string;
  /** One plain-English sentence of ours. */
  readonly explain: string;
  readonly source?: SourceRef;
  /** The lock this step acquires, if any (a blocked acquisition is a wait on it). */
  readonly acquires?: LockHold;
  /** The locks this step releases. */
  readonly releases: readonly string[];
  /** What a wait at this step's guard is waiting for, in words. */
  readonly waitsFor?: string;
}

export interface TaskInfo {
  readonly id: TaskId;
  /** The scenario's name for it: `1`, `2`, or `2.1` in a family of more than one. */
  readonly key: string;
  readonly name: string;
}

export type TaskStatus =
  | { readonly kind: 'runnable'; readonly stepId: string }
  | {
      readonly kind: 'blocked';
      readonly stepId: string;
      /** The lock it waits for, or null when it waits for its guard (`waitsFor`). */
      readonly lock: string | null;
      /** What kind of lock that is. */
      readonly lockKind?: 'spinlock' | 'mutex' | 'rwsem';
      readonly mode: LockMode;
      /** Tasks holding the lock, with their mode. */
      readonly heldBy: readonly { readonly task: TaskId; readonly mode: LockMode }[];
      readonly waitsFor?: string;
    }
  | { readonly kind: 'done' };

/** A state field's value as people read it: booleans, integers, enum words, flag bits. */
export type FieldValue = boolean | number | string;

/** The named view of a state: field display name (`refs`, `refs.2`) → value. */
export type StateView = Readonly<Record<string, FieldValue>>;

/** Who holds one lock instance. */
export interface LockView {
  readonly lock: string;
  readonly kind: 'spinlock' | 'mutex' | 'rwsem';
  readonly holders: readonly { readonly task: TaskId; readonly mode: LockMode }[];
}

export interface Scenario {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly variant: string;
  /** Every parameter's value, variant excluded, as the document names them. */
  readonly params: Readonly<Record<string, FieldValue>>;
  readonly tasks: readonly TaskInfo[];
  readonly steps: ReadonlyMap<string, StepDef>;
  readonly initial: State;
  /** Every outcome name, in the document's order; `bad` ones get witnesses. */
  readonly outcomeNames: readonly string[];
  readonly badOutcomes: readonly string[];
  /** The outcome that means "nothing went wrong", if the scenario declares one. */
  readonly cleanOutcome?: string;
  /** Packed canonical key: `keyWords` 32-bit words, injective on the canonical state. */
  readonly keyWords: number;
  pack(s: State, out: Uint32Array, offset: number): void;
  unpack(words: Uint32Array, offset: number): State;

  isEnabled(s: State, task: TaskId): boolean;
  /** Runs the task's next step; the caller checks `isEnabled` first (the explorer's hot path). */
  apply(s: State, task: TaskId): State;
  /** The step id the task runs next, or DONE. */
  pcOf(s: State, task: TaskId): string;
  status(s: State, task: TaskId): TaskStatus;
  locksHeld(s: State, task: TaskId): readonly LockHold[];
  /** Outcome bits (index in `outcomeNames`) of the sticky flags set so far. */
  flagMask(s: State): number;
  /** Outcome bits of a terminal state: flags, final predicates, DEADLOCK, or else CLEAN. */
  finalMask(s: State): number;
  view(s: State): StateView;
  lockViews(s: State): readonly LockView[];
}

/** Outcome names of a mask, in the scenario's order. */
export function outcomesOf(scenario: Scenario, mask: number): string[] {
  const out: string[] = [];
  scenario.outcomeNames.forEach((o, i) => {
    if (mask & (1 << i)) out.push(o);
  });
  return out;
}

/** The step a task would run next, or undefined when it is done. */
export function nextStepOf(scenario: Scenario, s: State, task: TaskId): StepDef | undefined {
  const pc = scenario.pcOf(s, task);
  return pc === DONE ? undefined : scenario.steps.get(pc);
}

/** Locks a task holds in state `s`. */
export function locksHeld(scenario: Scenario, s: State, task: TaskId): readonly LockHold[] {
  return scenario.locksHeld(s, task);
}

/** Whether `task` can take its next step in `s`. */
export function isEnabled(scenario: Scenario, s: State, task: TaskId): boolean {
  return scenario.isEnabled(s, task);
}

/** The tasks that can take a step in `s`, in task order. */
export function enabledTasks(scenario: Scenario, s: State): TaskId[] {
  const out: TaskId[] = [];
  for (const t of scenario.tasks) if (scenario.isEnabled(s, t.id)) out.push(t.id);
  return out;
}

/** Runnable, blocked (on what, held by whom) or done. */
export function taskStatus(scenario: Scenario, s: State, task: TaskId): TaskStatus {
  return scenario.status(s, task);
}

/** Runs `task`'s next step. The caller must check `isEnabled` first. */
export function applyTask(scenario: Scenario, s: State, task: TaskId): State {
  return scenario.apply(s, task);
}

/** True when no task can move. */
export function isTerminal(scenario: Scenario, s: State): boolean {
  return scenario.tasks.every((t) => !scenario.isEnabled(s, t.id));
}

/** The display key of a task (`2.1`), for messages. */
export function taskKey(scenario: Scenario, task: TaskId): string {
  return scenario.tasks[task - 1]?.key ?? String(task);
}
