/**
 * Values derived from the worker's result and the cursor. Pure functions of their inputs, so the
 * UI can call them in selectors and memos, and tests can call them on `api.simulate` output.
 *
 * Cursor convention: 0 is the initial state; k is the state right after the k-th step, which is
 * `trace.steps[k - 1]`. The state itself in the page's terms (`stateAt`, `statesOf`, `changedAt`)
 * comes from the KSM bridge, ksm-bridge.ts.
 */
import type { Fate, HoldSpan, TaskStatus } from '../core/index.ts';
import type { SimOk } from './store.ts';

export function statusesAt(r: SimOk, k: number): readonly TaskStatus[] {
  return k <= 0 ? r.trace.initialStatuses : r.trace.steps[k - 1].statuses;
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

function lockWords(mode: string): string {
  return mode === 'write' ? ' for writing' : mode === 'read' ? ' for reading' : '';
}

/** Why `task` cannot take the next step at cursor k, or null when it can. */
export function cannotRunReason(r: SimOk, k: number, task: number): string | null {
  const st = statusesAt(r, k)[task - 1];
  if (!st || st.kind === 'runnable') return null;
  if (st.kind === 'done') return `task ${task} has finished`;
  const label = r.steps.find((s) => s.id === st.stepId)?.label ?? st.stepId;
  const holders = st.heldBy.map((h) => `task ${h.task}`);
  const how = st.heldBy.length === 1 ? lockWords(st.heldBy[0].mode) : '';
  const held = holders.length
    ? `, which ${holders.join(' and ')} hold${holders.length === 1 ? 's' : ''}${how}`
    : '';
  return `task ${task} waits in ${label} for ${st.lock ?? st.waitsFor}${held}`;
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
