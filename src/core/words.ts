/**
 * Why a task cannot take its next step, in words: written once here and used by the replay
 * errors, the edit refusals, the CLI and the page.
 */
import type { LockMode, TaskId, TaskStatus } from './engine.ts';

/** How a holder holds a lock: `for reading`, `for writing`, or the lock's kind. */
export function modeWords(mode: LockMode | string, kind?: string): string {
  return mode === 'write' ? 'for writing' : mode === 'read' ? 'for reading' : (kind ?? 'spinlock');
}

export interface Namer {
  /** `task 2.1` */
  task(t: TaskId): string;
  /** A step's label (`mutex_lock(&a)`), by its id. */
  step(id: string): string;
  /** A lock as people name it (`&mm->sem`), by its instance name; the name by default. */
  lock?(name: string): string;
}

/**
 * "task 2 has finished", "task 2 is waiting in mutex_lock(&a): a is held by task 1 (mutex)";
 * (for reading)"; undefined when the task can run.
 */
export function whyNotRunning(status: TaskStatus, t: TaskId, names: Namer): string | undefined {
  const name = names.task(t);
  if (status.kind === 'runnable') return undefined;
  if (status.kind === 'done') return `${name} has finished`;
  const label = names.step(status.stepId);
  if (status.lock === null) return `${name} is waiting in ${label} for ${status.waitsFor}`;
  const holders = status.heldBy
    .map((h) => `${names.task(h.task)} (${modeWords(h.mode, status.lockKind)})`)
    .join(', ');
  const lock = names.lock?.(status.lock) ?? status.lock;
  return `${name} is waiting in ${label}: ${lock} is held by ${holders || 'nobody it can see'}`;
}

/**
 * Digits grouped by three with commas, as the CLI prints them (`51,327,549`). Not
 * `toLocaleString()`: its first call loads the locale's number data, a main-thread task of
 * ~40 ms on a slow machine.
 */
export function formatCount(n: bigint | number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
