import { memo } from 'react';
import type { SimOk } from '../../state/index.ts';
import {
  blockedExtent,
  holdExtent,
  laneOf,
  LOCK_COL,
  ROW_HEIGHT,
  type TimelineGeometry,
} from './layout.ts';
import { capital, modeWords, waitsForAt, type TimelineNames } from './lanes.ts';
import { statusesAfter } from './step-marks.ts';
import { fitLabel, SMALL_CHAR_PX } from './text-fit.ts';

/** Lock holds and blocked intervals (the worker's timeline facts), under the steps. */
export const Annotations = memo(function Annotations({
  result,
  g,
  names,
}: {
  result: SimOk;
  g: TimelineGeometry;
  names: TimelineNames;
}) {
  const { holds, blocked } = result.facts;
  return (
    <g>
      {blocked.map((b) => {
        const lane = laneOf(g, b.task);
        const { y0, y1 } = blockedExtent(g, b.from, b.to);
        const who = b.heldBy.map(names.task).join(', ') || 'nobody';
        const what = names.waitTarget(b.lock, waitsForAt(statusesAfter(result, b.from), b.task));
        const held = b.lock === null ? '' : ` held by ${who}`;
        const title = `${capital(names.task(b.task))} waits for ${what}${b.lock === null ? '' : `, held by ${who}`} (states ${b.from}–${b.to})`;
        // A wait that starts in the final state has only the tail, where its arrow says it all.
        const hasLabel = y1 - y0 >= ROW_HEIGHT - 2 && b.from < g.n;
        // A wait that runs into the tail is labelled at its top, clear of the tail's arrows.
        const labelY = b.to >= g.n && g.tailRows > 0 ? y0 + 15 : (y0 + y1) / 2 + 4;
        return (
          <g key={`b${b.task}-${b.from}`} className="blocked" role="img" aria-label={title}>
            <title>{title}</title>
            <rect
              x={lane.blockX}
              y={y0 + 1}
              width={lane.blockWidth}
              height={Math.max(2, y1 - y0 - 2)}
              rx={3}
            />
            {hasLabel && (
              <text x={lane.blockX + 8} y={labelY} className="blocked-label">
                {fitLabel(`waits: ${what}${held}`, lane.blockWidth - 16, SMALL_CHAR_PX)}
              </text>
            )}
          </g>
        );
      })}
      {holds.map((h) => {
        const lane = laneOf(g, h.task);
        const x = lane.lockX.get(h.lock);
        if (x === undefined) return null;
        const { y0, y1 } = holdExtent(g, h.from, h.to);
        const how = modeWords(h.mode);
        const title = `${capital(names.task(h.task))} holds ${names.lock(h.lock)}${how ? ` ${how}` : ''} from ${h.from === 0 ? 'the start' : `step ${h.from}`}${h.to === null ? ' to the end' : ` to step ${h.to}`}`;
        return (
          <rect
            key={`h${h.task}-${h.lock}-${h.from}`}
            x={x}
            y={y0}
            width={LOCK_COL}
            height={Math.max(2, y1 - y0)}
            rx={2}
            className={`hold lock-c${names.lockHue(h.lock)} hold-${h.mode}`}
          >
            <title>{title}</title>
          </rect>
        );
      })}
    </g>
  );
});
