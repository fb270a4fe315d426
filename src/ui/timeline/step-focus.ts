/**
 * Where keyboard focus goes in the timeline: the roving moves between step blocks (WAI-ARIA
 * roving tabindex), and the step an edit changed. Pure, so it is tested in Node.
 */

/**
 * The step (0-based) a plain key moves focus to from step `index` of `count`, or null for a key
 * the timeline leaves alone. Up and left are earlier, down and right later (time runs down the
 * lanes, and the schedule reads left to right in the position bar); the ends stop, not wrap.
 */
export function rovingTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(0, Math.min(index - 1, last));
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(last, Math.max(index + 1, 0));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** What makes two turns the same for focus: the task that runs and the step it takes. */
export interface TurnLike {
  readonly task: number;
  readonly stepId: string;
}

/**
 * The first step (0-based) at which two schedules differ, or null when they are the same: the
 * step an edit, an undo or a redo changed, where focus lands after it. A schedule that only grew
 * or shrank differs where the shorter one ends.
 */
export function firstChangedStep(
  before: readonly TurnLike[],
  after: readonly TurnLike[],
): number | null {
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i]!.task !== after[i]!.task || before[i]!.stepId !== after[i]!.stepId) return i;
  }
  return before.length === after.length ? null : n;
}
