import type { Fate, TraceStep } from '../../core/index.ts';
import { FATE_GLYPH } from '../content/fate-words.ts';
import { laneOf, type TimelineGeometry } from './layout.ts';
import { fitLabel, flagWidth } from './text-fit.ts';

/**
 * The rectangle, number and label of a step (shared by both timelines). Zoomed out, rows too
 * short for a label show the number only, then nothing but the rectangle.
 */
export function BlockBody({
  step,
  g,
  fate,
  hasFateColumn = false,
  flag = '',
}: {
  step: TraceStep;
  g: TimelineGeometry;
  fate?: Fate;
  hasFateColumn?: boolean;
  /** The flag text drawn at the block's right end (FlagMark), which the label leaves room for. */
  flag?: string;
}) {
  const lane = laneOf(g, step.task);
  const y = g.y(step.index);
  const h = g.rowHeight;
  const inset = Math.min(1.5, h / 6);
  const baseline = y + h / 2 + 4;
  const reserve = 34 + (hasFateColumn ? 14 : 0) + (flag ? flagWidth(flag) + 6 : 0);
  return (
    <>
      <rect
        x={lane.blockX + 1}
        y={y + inset}
        width={lane.blockWidth - 2}
        height={Math.max(1, h - 2 * inset)}
        rx={Math.min(4, h / 4)}
      />
      {g.detail !== 'none' && (
        <text x={lane.blockX + 7} y={baseline - 0.5} className="block-num">
          {step.index + 1}
        </text>
      )}
      {g.detail === 'full' && (
        <text x={lane.blockX + 28} y={baseline} className="block-label">
          {fitLabel(step.short, lane.blockWidth - reserve)}
        </text>
      )}
      {fate && g.detail !== 'none' && (
        <text
          x={lane.blockX + lane.blockWidth - 9}
          y={baseline + 0.5}
          textAnchor="middle"
          className={`fate-glyph fate-${fate}`}
        >
          {FATE_GLYPH[fate]}
        </text>
      )}
    </>
  );
}
