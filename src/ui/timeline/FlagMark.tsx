import type { TraceStep } from '../../core/index.ts';
import { laneOf, type TimelineGeometry } from './layout.ts';

/**
 * ⚠ and the outcome at the right end of the step that set the flag (inside the block, so it
 * stays with its lane however many lanes there are; the block's red edge marks it too).
 */
export function FlagMark({
  step,
  g,
  text,
  hasFateColumn = false,
}: {
  step: TraceStep;
  g: TimelineGeometry;
  /** From `flagText`; empty when the step set no flag. */
  text: string;
  hasFateColumn?: boolean;
}) {
  if (!text || g.detail === 'none') return null;
  const lane = laneOf(g, step.task);
  return (
    <text
      x={lane.blockX + lane.blockWidth - (hasFateColumn ? 20 : 7)}
      y={g.y(step.index) + g.rowHeight / 2 + 4}
      textAnchor="end"
      className="block-flag"
    >
      {text}
    </text>
  );
}
