import type { SimOk } from '../../state/index.ts';
import { windowBracket } from './cause-geometry.ts';
import { windowWords, type WindowSpan } from './cause-words.ts';
import type { TimelineNames } from './lanes.ts';
import { laneOf, type TimelineGeometry } from './layout.ts';
import { SMALL_CHAR_PX } from './text-fit.ts';

const LABEL = 'race window';

/**
 * The race window: a bracket beside the affected task's lane, from its last step before the
 * other tasks' causal writes to the step where the outcome fires. Those writes land inside it.
 */
export function RaceWindow({
  result,
  g,
  names,
  span,
}: {
  result: SimOk;
  g: TimelineGeometry;
  names: TimelineNames;
  span: WindowSpan;
}) {
  const b = windowBracket(g, span, LABEL.length * SMALL_CHAR_PX);
  const words = windowWords(result, names, span);
  return (
    <g
      className="race-window"
      role="img"
      aria-label={words}
      data-window-task={laneOf(g, span.task).key}
      data-window-from={span.from}
      data-window-to={span.to}
    >
      <title>{words}</title>
      <path
        d={`M${b.x + b.tick},${b.y0} H${b.x} V${b.y1} H${b.x + b.tick}`}
        className="race-window-bracket"
      />
      {b.hasLabel && g.detail !== 'none' && (
        <text
          x={b.labelX}
          y={b.labelY}
          transform={`rotate(-90 ${b.labelX} ${b.labelY})`}
          textAnchor="middle"
          className="race-window-label"
        >
          {LABEL}
        </text>
      )}
    </g>
  );
}
