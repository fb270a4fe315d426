import { memo } from 'react';
import type { TaskStatus } from '../../core/index.ts';
import { AXIS_WIDTH, waitArrow, type TimelineGeometry } from './layout.ts';
import type { TimelineNames } from './lanes.ts';
import { fitLabel, SMALL_CHAR_PX } from './text-fit.ts';
import { describeWaits, drawnEdges, edgeLabel, type FinalWaits } from './wait-for.ts';

/**
 * A run that ends with no task able to move, drawn as what it is: below the last step, one
 * arrow per wait, from the waiting task's hatched wait to the lock's holder (its hold column,
 * which runs on to here) or, for a wait at a condition, to the only tasks left that could
 * change it. When the waits form a cycle, only the cycle is drawn, and it reads as one: each
 * arrow ends in the lane the next one starts from.
 */
export const WaitForCycle = memo(function WaitForCycle({
  waits,
  g,
  names,
  statuses,
}: {
  waits: FinalWaits;
  g: TimelineGeometry;
  names: TimelineNames;
  statuses: readonly TaskStatus[];
}) {
  const description = describeWaits(waits, names, statuses);
  const edges = drawnEdges(waits);
  return (
    <g
      className={`wait-for${waits.cycle ? ' is-cycle' : ''}`}
      role="img"
      aria-label={description}
      data-wait-for={waits.cycle ? 'cycle' : 'stuck'}
    >
      <title>{description}</title>
      <text x={AXIS_WIDTH + 4} y={g.endY + 19} className="wait-caption">
        {waits.cycle ? '↻ Wait-for cycle: no task can move' : 'No task can move'}
      </text>
      {edges.map((e, i) => {
        const a = waitArrow(g, i, e.from, e.to, e.lock);
        return (
          <g key={`${e.from}-${e.to}-${e.lock ?? ''}`}>
            <circle cx={a.x0} cy={a.y} r={3.5} className="wait-start" />
            <path
              d={`M${a.x0},${a.y} L${a.x1},${a.y}`}
              className={`wait-arrow${e.lock === null ? ' is-condition' : ''}`}
              markerEnd="url(#wait-arrowhead)"
            />
            <text x={a.labelX} y={a.labelY} textAnchor="middle" className="wait-label">
              {fitLabel(edgeLabel(e, names), a.labelWidth, SMALL_CHAR_PX)}
            </text>
          </g>
        );
      })}
    </g>
  );
});
