/**
 * A small, general engine for "tasks as step programs over a shared state record".
 *
 * A scenario is a set of tasks; each task is a program of atomic steps. A step has a guard
 * (a blocked acquisition is simply a false guard), an effect on a fresh copy of the state and a
 * branch that names the task's next step. Nothing else changes state: `enabledTasks()` and
 * `applyTask()` are the whole model, in the shape of xstate's pure `transition()`.
 *
 * The engine knows nothing of the KSM race; `src/core/ksm` is one scenario written in it and
 * `engine.test.ts` runs a tiny second one.
 */

/** Task numbers are 1-based, as the kernel e-mail numbers them. */
export type TaskId = number;

/** The program point after a task's last step. */
export const DONE = 'done';

/** How a lock is held. `spin` for spinlocks, `read`/`write` for rwsems. */
export type LockMode = 'spin' | 'read' | 'write';

export interface LockHold {
  readonly lock: string;
  readonly mode: LockMode;
}

/** Where a step comes from upstream: file, line range, tree version and an elixir link. */
export interface SourceRef {
  readonly file: string;
  readonly lines: string;
  readonly version: string;
  readonly url: string;
}

export interface StepDef<S> {
  /** The spec's step id, verbatim (`t1_mmap_read_lock`). */
  readonly id: string;
  readonly task: TaskId;
  /** Kernel vocabulary: what the line says (`mmap_read_lock(mm)`). */
  readonly label: string;
  /** One plain-English sentence of ours. */
  readonly explain: string;
  readonly source: SourceRef;
  /** Locks the task holds while this step is its next one (before it runs). */
  readonly holds: readonly LockHold[];
  /** The lock this step acquires, if it is an acquisition (used to explain a false guard). */
  readonly acquires?: LockHold;
  readonly guard?: (s: S) => boolean;
  /** Mutates `draft`, a private copy of the state taken just before the step. */
  readonly effect: (draft: S, ctx: StepContext<S>) => void;
  /** The task's next step id (or DONE), read from the state after the effect. */
  readonly next: (after: S) => string;
}

/** What an effect may ask about the step being run. */
export interface StepContext<S> {
  readonly task: TaskId;
  /** The state before the step (the draft is its copy). */
  readonly before: S;
  /** The locks the running task holds as the step starts. */
  readonly holds: readonly LockHold[];
}

export interface Scenario<S> {
  readonly id: string;
  readonly version: number;
  readonly tasks: readonly TaskInfo[];
  readonly initial: S;
  readonly steps: ReadonlyMap<string, StepDef<S>>;
  pcOf(s: S, task: TaskId): string;
  /** Sets the task's program point on a draft. */
  setPc(draft: S, task: TaskId, pc: string): void;
  /** A fresh copy of a state for a step to write (default: an object spread). */
  copy?(s: S): S;
  /** Clears values that are dead after a step so equal states have equal keys (spec 2.2, `k2`). */
  normalize?(draft: S): void;
  /** Sticky outcome flags set so far, as outcome names. */
  flaggedOutcomes(s: S): readonly string[];
  /** The outcomes of a terminal state (the checkers of spec 5). */
  finalOutcomes(s: S): readonly string[];
  /** Every outcome name, in the order reports list them; `bad` ones get witnesses. */
  readonly outcomeNames: readonly string[];
  readonly badOutcomes: readonly string[];
  /** Packed canonical key: `keyWords` 32-bit words, injective on the canonical state vector. */
  readonly keyWords: number;
  pack(s: S, out: Uint32Array, offset: number): void;
  unpack(words: Uint32Array, offset: number): S;
}

export interface TaskInfo {
  readonly id: TaskId;
  readonly name: string;
}

export type TaskStatus =
  | { readonly kind: 'runnable'; readonly stepId: string }
  | {
      readonly kind: 'blocked';
      readonly stepId: string;
      readonly lock: string;
      readonly mode: LockMode;
      /** Tasks holding the lock, with their mode. */
      readonly heldBy: readonly { readonly task: TaskId; readonly mode: LockMode }[];
    }
  | { readonly kind: 'done' };

/** The step a task would run next, or undefined when it is done. */
export function nextStepOf<S>(scenario: Scenario<S>, s: S, task: TaskId): StepDef<S> | undefined {
  const pc = scenario.pcOf(s, task);
  return pc === DONE ? undefined : scenario.steps.get(pc);
}

/** Locks a task holds in state `s` (derived from its program point). */
export function locksHeld<S>(scenario: Scenario<S>, s: S, task: TaskId): readonly LockHold[] {
  return nextStepOf(scenario, s, task)?.holds ?? [];
}

/** Whether `task` can take its next step in `s`. */
export function isEnabled<S>(scenario: Scenario<S>, s: S, task: TaskId): boolean {
  const def = nextStepOf(scenario, s, task);
  return def !== undefined && (def.guard === undefined || def.guard(s));
}

/** The tasks that can take a step in `s`, in task order. */
export function enabledTasks<S>(scenario: Scenario<S>, s: S): TaskId[] {
  const out: TaskId[] = [];
  for (const t of scenario.tasks) if (isEnabled(scenario, s, t.id)) out.push(t.id);
  return out;
}

/** Runnable, blocked (on what, held by whom) or done. */
export function taskStatus<S>(scenario: Scenario<S>, s: S, task: TaskId): TaskStatus {
  const def = nextStepOf(scenario, s, task);
  if (def === undefined) return { kind: 'done' };
  if (def.guard === undefined || def.guard(s)) return { kind: 'runnable', stepId: def.id };
  const want = def.acquires ?? { lock: 'unknown', mode: 'spin' as LockMode };
  const heldBy = scenario.tasks
    .filter((t) => t.id !== task)
    .flatMap((t) =>
      locksHeld(scenario, s, t.id)
        .filter((h) => h.lock === want.lock)
        .map((h) => ({ task: t.id, mode: h.mode })),
    );
  return { kind: 'blocked', stepId: def.id, lock: want.lock, mode: want.mode, heldBy };
}

/**
 * Runs `task`'s next step. The caller must check `isEnabled` first; this is the hot path of the
 * explorer and does not re-check the guard.
 */
export function applyTask<S extends object>(scenario: Scenario<S>, s: S, task: TaskId): S {
  const def = nextStepOf(scenario, s, task)!;
  const draft = scenario.copy ? scenario.copy(s) : { ...s };
  def.effect(draft, { task, before: s, holds: def.holds });
  scenario.setPc(draft, task, def.next(draft));
  scenario.normalize?.(draft);
  return draft;
}

/** True when no task can move. */
export function isTerminal<S>(scenario: Scenario<S>, s: S): boolean {
  return scenario.tasks.every((t) => !isEnabled(scenario, s, t.id));
}
