/**
 * Timeline geometry, pure and memoisable (STYLE.md, d3 and React): time runs downwards, one
 * lane per task from left to right. d3 does the scale and tick math; React draws every node from
 * these numbers.
 *
 * Coordinates are the body's: the lane headings sit in a separate sticky strip above it
 * (HEADER_HEIGHT tall), so `y(0)` is near 0. `y(k)` is the boundary after step k (0 = before the
 * first step), so step k (1-based) occupies the row y(k - 1) … y(k) and the cursor is a line at
 * y(cursor). Zoom scales rows only (`rowHeight = ROW_HEIGHT × k`): text keeps its size, and a
 * zoomed-out timeline drops labels rather than shrink them.
 *
 * Across a lane, from left to right: its hold columns (one per lock, see lanes.ts), then its
 * step blocks. Lanes are separated by a gutter that hand-off arrows cross.
 */
import type { LaneSpec } from './lanes.ts';
import { linearScale, type LinearScale } from './linear-scale.ts';

export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 52;
/** Space above the first row, for the cursor line's arrowhead. */
export const TOP_PAD = 6;
export const BOTTOM_PAD = 12;
export const AXIS_WIDTH = 44;
/** Between lanes, for hand-off arrows; narrower when there are many lanes to fit. */
export const GUTTER = 40;
export const NARROW_GUTTER = 24;
const MANY_LANES = 4;
export const RIGHT_PAD = 8;
export const LOCK_COL = 7;
export const LOCK_GAP = 3;
/** Narrower than this, a block shows too little of its label; the timeline scrolls instead. */
export const MIN_BLOCK_WIDTH = 88;
export const MIN_WIDTH = 480;

/** The end of a run where tasks are left waiting: a caption, then one row per wait drawn. */
export const TAIL_CAPTION = 26;
export const TAIL_ROW = 30;
export const TAIL_PAD = 6;

/** Zoom range: rows from a fifth of their size to twice it. */
export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 2;

/** What a row is tall enough to show: the label, the step number only, or nothing. */
export type Detail = 'full' | 'number' | 'none';

export interface LaneGeometry {
  readonly task: number;
  readonly key: string;
  readonly name: string;
  readonly hue: number;
  /** 0-based position from the left. */
  readonly index: number;
  readonly x: number;
  readonly width: number;
  readonly blockX: number;
  readonly blockWidth: number;
  /** The lock instances with a hold column, in column order. */
  readonly locks: readonly string[];
  /** The x of each lock's hold column. */
  readonly lockX: ReadonlyMap<string, number>;
}

export interface Tick {
  readonly k: number;
  readonly y: number;
}

export interface TimelineGeometry {
  readonly n: number;
  readonly width: number;
  /** The space between lanes. */
  readonly gutter: number;
  /** The body's height (the heading strip is HEADER_HEIGHT more). */
  readonly height: number;
  readonly zoom: number;
  readonly rowHeight: number;
  readonly detail: Detail;
  readonly y: LinearScale;
  /** y(n): where the last step ends. */
  readonly endY: number;
  /** Where holds and waits that last to the end stop: endY, or the bottom of the tail. */
  readonly bottom: number;
  /** Rows of waits drawn below the last step (0: no tail). */
  readonly tailRows: number;
  readonly lanes: readonly LaneGeometry[];
  readonly ticks: readonly Tick[];
  /** Lanes by task. */
  readonly byTask: ReadonlyMap<number, LaneGeometry>;
}

export interface LayoutOptions {
  /** Row zoom factor (1: ROW_HEIGHT per step). */
  readonly zoom?: number;
  /** Waits to draw below the last step. */
  readonly tailRows?: number;
}

/** The width of a lane's hold columns, gaps included. */
export function locksWidth(lockCount: number): number {
  return lockCount * (LOCK_COL + LOCK_GAP) + LOCK_GAP;
}

/** The height of the tail that shows `rows` waits (0 when there is none). */
export function tailHeight(rows: number): number {
  return rows > 0 ? TAIL_CAPTION + rows * TAIL_ROW + TAIL_PAD : 0;
}

function detailOf(rowHeight: number): Detail {
  return rowHeight >= 16 ? 'full' : rowHeight >= 10 ? 'number' : 'none';
}

/** Geometry for an n-step schedule over `lanes`, drawn `width` pixels wide (or wider). */
export function timelineLayout(
  n: number,
  width: number,
  lanes: readonly LaneSpec[],
  options: LayoutOptions = {},
): TimelineGeometry {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, options.zoom ?? 1));
  const tailRows = options.tailRows ?? 0;
  const count = Math.max(lanes.length, 1);
  const gutter = count >= MANY_LANES ? NARROW_GUTTER : GUTTER;
  const locks = lanes.reduce((sum, l) => sum + locksWidth(l.locks.length), 0);
  const fixed = AXIS_WIDTH + locks + (count - 1) * gutter + RIGHT_PAD;
  const available = Math.max(MIN_WIDTH, Math.floor(width));
  const blockWidth = Math.max(MIN_BLOCK_WIDTH, Math.floor((available - fixed) / count));
  const w = Math.max(available, fixed + count * blockWidth);

  let x = AXIS_WIDTH;
  const geo: LaneGeometry[] = lanes.map((l, index) => {
    const lw = locksWidth(l.locks.length);
    const lockX = new Map(
      l.locks.map((lock, i) => [lock, x + LOCK_GAP + i * (LOCK_COL + LOCK_GAP)]),
    );
    const lane: LaneGeometry = {
      task: l.task,
      key: l.key,
      name: l.name,
      hue: l.hue,
      index,
      x,
      width: lw + blockWidth,
      blockX: x + lw,
      blockWidth,
      locks: l.locks,
      lockX,
    };
    x += lw + blockWidth + gutter;
    return lane;
  });

  const rowHeight = ROW_HEIGHT * zoom;
  const rows = Math.max(n, 1);
  const y = linearScale([0, rows], [TOP_PAD, TOP_PAD + rows * rowHeight]);
  const endY = y(n);
  const bottom = endY + tailHeight(tailRows);
  // About one tick per 110 px: every 5 steps at full size, sparser when zoomed out.
  const ticks = y.ticks(Math.max(1, Math.ceil((rows * rowHeight) / 110))).filter(Number.isInteger);
  return {
    n,
    width: w,
    gutter,
    height: Math.max(y(rows), bottom) + BOTTOM_PAD,
    zoom,
    rowHeight,
    detail: detailOf(rowHeight),
    y,
    endY,
    bottom,
    tailRows,
    lanes: geo,
    ticks: ticks.map((k) => ({ k, y: y(k) })),
    byTask: new Map(geo.map((l) => [l.task, l])),
  };
}

/** The lane of a task (the first lane if the task has none, which a valid trace never does). */
export function laneOf(g: TimelineGeometry, task: number): LaneGeometry {
  return g.byTask.get(task) ?? g.lanes[0];
}

/** The middle of step k's row (k 1-based). */
export function rowMid(g: TimelineGeometry, k: number): number {
  return g.y(k - 0.5);
}

/**
 * A lock-hold bar: from the middle of the acquiring step to the middle of the releasing one.
 * `from = 0` means held from the start; `to = null` means still held at the end (through the
 * tail, where a wait-for arrow may point at it).
 */
export function holdExtent(
  g: TimelineGeometry,
  from: number,
  to: number | null,
): { y0: number; y1: number } {
  return { y0: from === 0 ? g.y(0) : rowMid(g, from), y1: to === null ? g.bottom : rowMid(g, to) };
}

/**
 * A blocked interval: the task cannot move in the states after steps from…to, so it waits
 * beside the other tasks' steps from + 1 … to + 1 (the last of which lets it through). A wait
 * in the final state lasts to the bottom of the tail.
 */
export function blockedExtent(
  g: TimelineGeometry,
  from: number,
  to: number,
): { y0: number; y1: number } {
  return { y0: g.y(from), y1: to >= g.n ? g.bottom : g.y(to + 1) };
}

/**
 * A hand-off arrow from a release in one lane to the acquisition it let through, between the
 * lanes' facing edges; lanes need not be neighbours.
 */
export function handOffPath(
  g: TimelineGeometry,
  fromTask: number,
  release: number,
  toTask: number,
  acquire: number,
): string {
  const a = laneOf(g, fromTask);
  const b = laneOf(g, toTask);
  const y0 = rowMid(g, release);
  const y1 = rowMid(g, acquire);
  if (a.index === b.index) {
    const x = a.x + a.width;
    const bend = x + g.gutter / 2;
    return `M${x},${y0} C${bend},${y0} ${bend},${y1} ${x},${y1}`;
  }
  const rightwards = a.index < b.index;
  const x0 = rightwards ? a.x + a.width : a.x;
  const x1 = rightwards ? b.x : b.x + b.width;
  const mid = (x0 + x1) / 2;
  return `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`;
}

/** Where the arrow of the i-th wait drawn in the tail runs, and where its label sits. */
export interface WaitArrow {
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
  readonly labelX: number;
  readonly labelY: number;
  /** Room for the label. */
  readonly labelWidth: number;
}

/**
 * The i-th wait-for arrow of the tail: from the middle of the waiting task's blocks to what it
 * waits for, the holder's hold column for a lock or the task's blocks for a condition.
 */
export function waitArrow(
  g: TimelineGeometry,
  i: number,
  from: number,
  to: number,
  lock: string | null,
): WaitArrow {
  const a = laneOf(g, from);
  const b = laneOf(g, to);
  const y = g.endY + TAIL_CAPTION + i * TAIL_ROW + TAIL_ROW - 8;
  const x0 = a.blockX + a.blockWidth / 2;
  const col = lock === null ? undefined : b.lockX.get(lock);
  let x1: number;
  if (col !== undefined) x1 = x0 > col ? col + LOCK_COL + 2 : col - 2;
  else x1 = x0 > b.blockX + b.blockWidth / 2 ? b.blockX + b.blockWidth + 2 : b.blockX - 2;
  // The label is centred over the arrow and may spread over both lanes it joins.
  const mid = (x0 + x1) / 2;
  const left = Math.min(a.x, b.x);
  const right = Math.max(a.x + a.width, b.x + b.width);
  return {
    x0,
    x1,
    y,
    labelX: mid,
    labelY: y - 7,
    labelWidth: Math.max(Math.abs(x1 - x0), 2 * Math.min(mid - left, right - mid)) - 8,
  };
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

// --- zoom and scrolling ----------------------------------------------------------------------

/**
 * The zoom at which all n rows and the tail fit a viewport `viewHeight` tall (heading strip
 * included): at most 1, since a timeline that fits needs no zooming, and at least MIN_ZOOM.
 */
export function fitZoom(n: number, tailRows: number, viewHeight: number): number {
  const room = viewHeight - HEADER_HEIGHT - TOP_PAD - tailHeight(tailRows) - BOTTOM_PAD;
  const k = room / (Math.max(n, 1) * ROW_HEIGHT);
  return Math.min(1, Math.max(MIN_ZOOM, k));
}

/**
 * The scroll position that keeps the point `anchorY` pixels below the viewport's top on the
 * same moment of the schedule when the zoom goes from k0 to k1 (wheel zoom around the pointer).
 */
export function anchoredScrollTop(
  scrollTop: number,
  anchorY: number,
  k0: number,
  k1: number,
): number {
  const bodyY = scrollTop + anchorY - HEADER_HEIGHT;
  const row = (bodyY - TOP_PAD) / (ROW_HEIGHT * k0);
  return Math.max(0, TOP_PAD + row * ROW_HEIGHT * k1 + HEADER_HEIGHT - anchorY);
}

/**
 * The scroll position (along one axis) that brings start … end into view with `margin` around
 * it, moving as little as possible; `inset` is covered at the near edge (the sticky headings).
 * When the range is larger than the view, its start wins.
 */
export function revealScroll(
  scroll: number,
  view: number,
  start: number,
  end: number,
  margin: number,
  inset = 0,
): number {
  const top = scroll + inset;
  const bottom = scroll + view;
  if (start - margin < top) return Math.max(0, start - margin - inset);
  if (end + margin > bottom) {
    const next = end + margin - view;
    return Math.max(0, Math.min(next, start - margin - inset));
  }
  return scroll;
}
