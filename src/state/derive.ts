/**
 * Values derived from the worker's result and the cursor. Pure functions of their inputs, so the
 * UI can call them in selectors and memos, and tests can call them on `api.simulate` output.
 *
 * Cursor convention: 0 is the initial state; k is the state right after the k-th step, which is
 * `trace.steps[k - 1]`. States are the core's named views (`refs`, `refs.2`), so
 * nothing here knows which race it is.
 */
import {
  whyNotRunning,
  type Fate,
  type FieldValue,
  type HoldSpan,
  type LockView,
  type StateView,
  type TaskId,
  type TaskStatus,
} from '../core/index.ts';
import type { SimOk } from './store/index.ts';

function at(r: SimOk, k: number): number {
  return Math.max(0, Math.min(Math.trunc(k), r.trace.steps.length));
}

export function statusesAt(r: SimOk, k: number): readonly TaskStatus[] {
  const i = at(r, k);
  return i === 0 ? r.trace.initialStatuses : r.trace.steps[i - 1].statuses;
}

/** The state at cursor k, as the core names its fields. */
export function stateAt(r: SimOk, k: number): StateView {
  const i = at(r, k);
  return i === 0 ? r.trace.initial : r.trace.steps[i - 1].state;
}

/** Who holds which lock at cursor k. */
export function locksAt(r: SimOk, k: number): readonly LockView[] {
  const i = at(r, k);
  return i === 0 ? r.trace.initialLocks : r.trace.steps[i - 1].locks;
}

/** The fields the k-th step changed; none at the initial state. */
export function changedAt(r: SimOk, k: number): ReadonlySet<string> {
  if (k <= 0 || k > r.trace.steps.length) return new Set();
  const a = stateAt(r, k - 1);
  const b = stateAt(r, k);
  return new Set(Object.keys(b).filter((f) => a[f] !== b[f]));
}

/** A numeric field's value at every state of the schedule, initial first (length n + 1). */
export function historyOf(r: SimOk, field: string): number[] {
  const values: FieldValue[] = [
    r.trace.initial[field],
    ...r.trace.steps.map((s) => s.state[field]),
  ];
  return values.map(Number);
}

/** A task as the scenario names it: `task 2.1`. */
export function taskName(r: SimOk, task: TaskId): string {
  return `task ${r.info.lanes.find((l) => l.id === task)?.key ?? task}`;
}

/**
 * The outcome at the cursor, as the spec names it: the final verdict once the run is over,
 * otherwise the outcome flags set so far, otherwise RUNNING.
 */
export function outcomeAt(r: SimOk, k: number): readonly string[] {
  const n = r.trace.steps.length;
  if (k >= n && r.trace.complete) return r.trace.outcomes;
  const flagged = k <= 0 ? [] : r.trace.steps[k - 1].flagged;
  return flagged.length > 0 ? flagged : ['RUNNING'];
}

/** Whether an outcome name is a bad one of this scenario (RUNNING and the clean one are not). */
export function isBadOutcome(r: SimOk, outcome: string): boolean {
  return r.info.outcomes.some((o) => o.name === outcome && o.bad);
}

/** The verdict of the whole schedule (its final outcomes). */
export function verdictOf(r: SimOk): readonly string[] {
  return r.trace.outcomes;
}

/** Locks `task` holds in the state after step k (hold spans are [from, to) in states). */
export function locksHeldAt(r: SimOk, task: number, k: number): HoldSpan[] {
  return r.facts.holds.filter((h) => h.task === task && h.from <= k && (h.to === null || h.to > k));
}

/** Step ids in schedule order: `stepIdsOf(r)[k - 1]` is step k's id. */
export function stepIdsOf(r: SimOk): string[] {
  return r.trace.steps.map((s) => s.stepId);
}

/** Where each step id sits in the current schedule (first occurrence, 1-based step number). */
export function stepNumbersById(r: SimOk): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const s of r.trace.steps) if (!m.has(s.stepId)) m.set(s.stepId, s.index + 1);
  return m;
}

/**
 * The first step (0-based) at which two runs of the same task choices differ: a different step,
 * or one run has ended. Null when both run the very same steps.
 */
export function divergenceOf(a: SimOk, b: SimOk): number | null {
  const n = Math.max(a.trace.steps.length, b.trace.steps.length);
  for (let i = 0; i < n; i++) {
    if (a.trace.steps[i]?.stepId !== b.trace.steps[i]?.stepId) return i;
  }
  return null;
}

/** Why `task` cannot take the next step at cursor k (core/words.ts), or null when it can. */
export function cannotRunReason(r: SimOk, k: number, task: number): string | null {
  const st = statusesAt(r, k)[task - 1];
  if (!st) return null;
  return (
    whyNotRunning(st, task, {
      task: (t) => taskName(r, t),
      step: (id) => r.steps.find((s) => s.id === id)?.label ?? id,
      lock: (name) => r.info.locks.find((l) => l.name === name)?.label ?? name,
    }) ?? null
  );
}

/** Where the fates along a schedule turn: the first step after which the bad outcome is
 * unavoidable, and the first after which it is impossible (1-based; null when never). */
export function fateTurns(fates: readonly Fate[]): {
  readonly doomedFrom: number | null;
  readonly safeFrom: number | null;
} {
  const doomed = fates.indexOf('doomed');
  const safe = fates.indexOf('safe');
  return { doomedFrom: doomed < 0 ? null : doomed, safeFrom: safe < 0 ? null : safe };
}
