import type { Fate, TraceStep } from '../../core/index.ts';
import { FATE_GLYPH } from '../content/fate-words.ts';
import { laneOf, type TimelineGeometry } from './layout.ts';
import { fitStepText } from './change-fit.ts';
import { flagWidth } from './text-fit.ts';

const NO_CHANGES: readonly string[] = [];

/**
 * The rectangle, number and label of a step (shared by both timelines), and at its right end the
 * fields the step changed (change-fit.ts). Zoomed out, rows too short for a label show the
 * number only, then nothing but the rectangle.
 */
export function BlockBody({
  step,
  g,
  fate,
  hasFateColumn = false,
  flag = '',
  changes = NO_CHANGES,
}: {
  step: TraceStep;
  g: TimelineGeometry;
  fate?: Fate;
  hasFateColumn?: boolean;
  /** The flag text drawn at the block's right end (FlagMark), which the label leaves room for. */
  flag?: string;
  /** The fields the step changed, as `replay` prints them. */
  changes?: readonly string[];
}) {
  const lane = laneOf(g, step.task);
  const y = g.y(step.index);
  const h = g.rowHeight;
  const inset = Math.min(1.5, h / 6);
  const baseline = y + h / 2 + 4;
  const right = 6 + (hasFateColumn ? 14 : 0) + (flag ? flagWidth(flag) + 6 : 0);
  const text = fitStepText(step.short, changes, lane.blockWidth - 28 - right);
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
          {text.label}
        </text>
      )}
      {g.detail === 'full' && text.changes && (
        <text
          x={lane.blockX + lane.blockWidth - right}
          y={baseline - 0.5}
          textAnchor="end"
          className="block-changes"
        >
          {text.changes}
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
