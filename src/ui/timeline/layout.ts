/**
 * Timeline geometry, pure and memoisable (STYLE.md, d3 and React): time runs downwards, as in
 * Liam's diagram, with task 1's lane on the left and task 2's on the right. d3 does the scale
 * and tick math; React draws every node from these numbers.
 *
 * Positions: `y(k)` is the boundary after step k (0 = before the first step), so step k (1-based)
 * occupies the row y(k - 1) … y(k) and the cursor is a line at y(cursor).
 */
import { linearScale, type LinearScale } from './linear-scale.ts';

export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 52;
export const AXIS_WIDTH = 44;
export const GUTTER = 64;
export const LOCK_COL = 7;
export const LOCK_GAP = 3;
export const MIN_WIDTH = 480;

export type LockName = 'mmap_lock' | 'ksm_mmlist_lock';

export interface LaneGeometry {
  readonly task: number;
  readonly x: number;
  readonly width: number;
  readonly blockX: number;
  readonly blockWidth: number;
  /** The x of each lock's hold column; the columns sit on the lane's gutter side. */
  readonly lockX: Readonly<Record<LockName, number>>;
  /** The x where the lane meets the gutter (hand-off arrows start and end here). */
  readonly innerX: number;
}

export interface Tick {
  readonly k: number;
  readonly y: number;
}

export interface TimelineGeometry {
  readonly n: number;
  readonly width: number;
  readonly height: number;
  readonly y: LinearScale;
  readonly lanes: readonly [LaneGeometry, LaneGeometry];
  readonly ticks: readonly Tick[];
}

const LOCKS_WIDTH = 2 * LOCK_COL + 3 * LOCK_GAP;

/** Geometry for an n-step schedule drawn `width` pixels wide. */
export function timelineLayout(n: number, width: number): TimelineGeometry {
  const w = Math.max(MIN_WIDTH, Math.floor(width));
  const rows = Math.max(n, 1);
  const y = linearScale([0, rows], [HEADER_HEIGHT, HEADER_HEIGHT + rows * ROW_HEIGHT]);
  const laneWidth = Math.floor((w - AXIS_WIDTH - GUTTER) / 2);
  const x1 = AXIS_WIDTH;
  const x2 = AXIS_WIDTH + laneWidth + GUTTER;
  const blockWidth = laneWidth - LOCKS_WIDTH;
  const lane1: LaneGeometry = {
    task: 1,
    x: x1,
    width: laneWidth,
    blockX: x1,
    blockWidth,
    // Task 1's locks sit to the right of its blocks, next to the gutter.
    lockX: {
      ksm_mmlist_lock: x1 + blockWidth + LOCK_GAP,
      mmap_lock: x1 + blockWidth + 2 * LOCK_GAP + LOCK_COL,
    },
    innerX: x1 + laneWidth,
  };
  const lane2: LaneGeometry = {
    task: 2,
    x: x2,
    width: laneWidth,
    blockX: x2 + LOCKS_WIDTH,
    blockWidth,
    // Mirrored: task 2's locks sit to the left of its blocks, next to the gutter.
    lockX: {
      mmap_lock: x2 + LOCK_GAP,
      ksm_mmlist_lock: x2 + 2 * LOCK_GAP + LOCK_COL,
    },
    innerX: x2,
  };
  const ticks = y.ticks(Math.max(1, Math.ceil(rows / 5))).filter(Number.isInteger);
  return {
    n,
    width: w,
    height: HEADER_HEIGHT + rows * ROW_HEIGHT + 12,
    y,
    lanes: [lane1, lane2],
    ticks: ticks.map((k) => ({ k, y: y(k) })),
  };
}

export function laneOf(g: TimelineGeometry, task: number): LaneGeometry {
  return g.lanes[task === 1 ? 0 : 1];
}

/** The middle of step k's row (k 1-based). */
export function rowMid(g: TimelineGeometry, k: number): number {
  return g.y(k - 0.5);
}

/**
 * A lock-hold bar: from the middle of the acquiring step to the middle of the releasing one.
 * `from = 0` means held from the start; `to = null` means still held at the end.
 */
export function holdExtent(
  g: TimelineGeometry,
  from: number,
  to: number | null,
): { y0: number; y1: number } {
  return { y0: from === 0 ? g.y(0) : rowMid(g, from), y1: to === null ? g.y(g.n) : rowMid(g, to) };
}

/**
 * A blocked interval: the task cannot move in the states after steps from…to, so it waits
 * beside the other task's steps from + 1 … to + 1 (the last of which lets it through).
 */
export function blockedExtent(
  g: TimelineGeometry,
  from: number,
  to: number,
): { y0: number; y1: number } {
  return { y0: g.y(from), y1: g.y(Math.min(to + 1, g.n)) };
}

/** A hand-off arrow from a release in one lane to the acquisition it let through. */
export function handOffPath(
  g: TimelineGeometry,
  fromTask: number,
  release: number,
  toTask: number,
  acquire: number,
): string {
  const a = laneOf(g, fromTask);
  const b = laneOf(g, toTask);
  const x0 = a.innerX;
  const x1 = b.innerX;
  const y0 = rowMid(g, release);
  const y1 = rowMid(g, acquire);
  const mid = (x0 + x1) / 2;
  return `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`;
}

/**
 * Where a drop at height `y` puts the dragged turn: the index it would take (see
 * src/core/reorder.ts). The pointer picks the nearest boundary between rows; the two boundaries
 * around the dragged block itself mean "stay". `n` is the dragged timeline's length.
 */
export function dropIndexAt(g: TimelineGeometry, n: number, from: number, y: number): number {
  const boundary = Math.max(0, Math.min(n, Math.round(g.y.invert(y))));
  return boundary <= from ? boundary : boundary - 1;
}

/** The height of the marker for dropping the turn at `from` so that it ends up at `to`. */
export function dropMarkerY(g: TimelineGeometry, from: number, to: number): number {
  return to < from ? g.y(to) : g.y(to + 1);
}
