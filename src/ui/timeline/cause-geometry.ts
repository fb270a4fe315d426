/**
 * Where the cause of an outcome is drawn (the worker's causal chains, src/core/causality.ts):
 * write → read arrows between step blocks, their labels, and the race window's bracket. Pure
 * geometry over layout.ts, so it is tested in Node like the rest of the layout.
 *
 * Every row holds exactly one step, so at the reader's row no lane but the reader's has a block:
 * the labels of a cross-task arrow sit there, from the edge of the writer's lane that faces the
 * reader, right beside the arrowhead, and may run on across the lanes beyond it.
 */
import { laneOf, RIGHT_PAD, rowMid, type TimelineGeometry } from './layout.ts';

/** A write → read edge as the worker sends it (`Cause['edges']`), with what is drawn of it. */
export interface CauseEdgeInput {
  readonly from: number;
  readonly to: number;
  readonly field: string;
  readonly label: string;
}

/** One arrow: every edge between the same writer and reader step, in one. */
export interface CauseLink {
  /** The writer step (1-based). */
  readonly from: number;
  /** The reader step (1-based). */
  readonly to: number;
  readonly fromTask: number;
  readonly toTask: number;
  /** One per field, in the order the chains list them. */
  readonly edges: readonly { readonly field: string; readonly label: string }[];
}

/**
 * The arrows of one or more causal chains: edges between the same two steps merge into one
 * arrow, an edge two chains share is drawn once, ordered by reader then writer. Edges from the
 * initial state (`from` 0, only produced on request) have no block to start from and are left
 * out; the step panel's changed fields tell that story.
 */
export function causeLinks(
  causes: readonly { readonly edges: readonly CauseEdgeInput[] }[],
  taskOf: (step: number) => number,
): CauseLink[] {
  const byPair = new Map<
    string,
    { from: number; to: number; edges: CauseLink['edges'][number][] }
  >();
  for (const c of causes) {
    for (const e of c.edges) {
      if (e.from < 1) continue;
      const key = `${e.from}-${e.to}`;
      let link = byPair.get(key);
      if (!link) byPair.set(key, (link = { from: e.from, to: e.to, edges: [] }));
      if (!link.edges.some((x) => x.field === e.field))
        link.edges.push({ field: e.field, label: e.label });
    }
  }
  return [...byPair.values()]
    .sort((a, b) => a.to - b.to || a.from - b.from)
    .map((l) => ({ ...l, fromTask: taskOf(l.from), toTask: taskOf(l.to) }));
}

/** Advance of the 10 px bold arrow labels (DejaVu Sans Mono, 0.602 em; see text-fit.ts). */
export const CAUSE_CHAR_PX = 6.02;
/** Baseline-to-baseline distance of stacked arrow labels. */
export const CAUSE_LINE = 10;
/** How far a same-task arrow bulges right of its lane's blocks (inside RIGHT_PAD for the last lane). */
export const QUIET_BEND = 6;

export interface CauseArrow {
  /** Between tasks (the race) or within one task (its own program). */
  readonly isCross: boolean;
  readonly d: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Where the labels are anchored, and on which side of that x they extend. */
  readonly labelX: number;
  readonly labelAnchor: 'start' | 'end';
  /** One baseline per edge, centred on the reader's row; empty for a same-task arrow. */
  readonly labelYs: readonly number[];
  /** Room for a label, in px: up to the timeline's edge away from the reader. */
  readonly labelWidth: number;
}

/**
 * The arrow of a link. Between tasks: from the writer block's edge facing the reader to the
 * reader block's facing edge, an S-curve through the space between the lanes, as a hand-off's
 * (but block to block, so it crosses the lock columns and runs beside, not on, the hand-offs).
 * Within a task: a small loop on the blocks' right side, with no labels (the writer's row shows
 * its change itself).
 */
export function causeArrow(g: TimelineGeometry, link: CauseLink): CauseArrow {
  const a = laneOf(g, link.fromTask);
  const b = laneOf(g, link.toTask);
  const y0 = rowMid(g, link.from);
  const y1 = rowMid(g, link.to);
  if (a.index === b.index) {
    const x = a.blockX + a.blockWidth;
    const bend = x + QUIET_BEND;
    return {
      isCross: false,
      d: `M${x},${y0} C${bend},${y0} ${bend},${y1} ${x},${y1}`,
      x0: x,
      y0,
      x1: x,
      y1,
      labelX: bend,
      labelAnchor: 'start',
      labelYs: [],
      labelWidth: 0,
    };
  }
  const rightwards = a.index < b.index;
  const x0 = rightwards ? a.blockX + a.blockWidth : a.blockX;
  const x1 = rightwards ? b.blockX : b.blockX + b.blockWidth;
  const mid = (x0 + x1) / 2;
  const n = link.edges.length;
  const labelX = rightwards ? a.x + a.width - 3 : a.x + 3;
  return {
    isCross: true,
    d: `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`,
    x0,
    y0,
    x1,
    y1,
    labelX,
    labelAnchor: rightwards ? 'end' : 'start',
    labelYs: link.edges.map((_, i) => y1 + 3 + (i - (n - 1) / 2) * CAUSE_LINE),
    labelWidth: rightwards ? labelX - g.lanes[0].x : g.width - RIGHT_PAD - labelX,
  };
}

/** Gap between the window's bracket and its lane. */
export const BRACKET_INSET = 4;
/** Length of the bracket's end ticks, pointing into the lane. */
export const BRACKET_TICK = 4;

export interface WindowBracket {
  readonly x: number;
  readonly y0: number;
  readonly y1: number;
  readonly tick: number;
  /** The rotated label's baseline x (its glyphs extend left of it) and its centre y. */
  readonly labelX: number;
  readonly labelY: number;
  readonly hasLabel: boolean;
}

/**
 * The race window's bracket, just left of the affected task's lane: from the middle of its last
 * step before the other task's writes (the top of the rows for `from` 0) to the middle of the
 * step where the outcome fires, as a lock-hold bar runs from step to step. The label, written
 * upwards, shows only where the span is longer than the label (`labelPx`).
 */
export function windowBracket(
  g: TimelineGeometry,
  w: { readonly task: number; readonly from: number; readonly to: number },
  labelPx: number,
): WindowBracket {
  const lane = laneOf(g, w.task);
  const y0 = w.from === 0 ? g.y(0) : rowMid(g, w.from);
  const y1 = rowMid(g, w.to);
  const x = lane.x - BRACKET_INSET;
  return {
    x,
    y0,
    y1,
    tick: BRACKET_TICK,
    labelX: x - 3,
    labelY: (y0 + y1) / 2,
    hasLabel: y1 - y0 >= labelPx + 2 * BRACKET_TICK,
  };
}
