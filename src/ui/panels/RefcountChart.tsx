import { memo, useMemo } from 'react';
import { linearScale } from '../timeline/linear-scale.ts';
import { historyOf, type SimOk } from '../../state/index.ts';

const W = 300;
const H = 74;
const M = { top: 8, right: 70, bottom: 18, left: 22 };

/**
 * A step-after line through (i, values[i]): each value holds until the next state. Written out
 * rather than taken from d3-shape, which would cost 5 KB of the page's 120 KB budget.
 */
export function stepAfterPath(
  values: readonly number[],
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  if (values.length === 0) return '';
  let d = `M${x(0)},${y(values[0])}`;
  for (let i = 1; i < values.length; i++) d += `H${x(i)}V${y(values[i])}`;
  return d;
}

/** mm_users and mm_count over the whole schedule, with the cursor: a small step chart. */
export const RefcountChart = memo(function RefcountChart({
  result,
  cursor,
}: {
  result: SimOk;
  cursor: number;
}) {
  const n = result.trace.steps.length;
  const geo = useMemo(() => {
    const users = historyOf(result, 'mmUsers');
    const count = historyOf(result, 'mmCount');
    const x = linearScale([0, Math.max(n, 1)], [M.left, W - M.right]);
    const y = linearScale([0, 2], [H - M.bottom, M.top]);
    // Each value holds until the next step: a step-after curve over states 0…n.
    const path = (values: readonly number[]) => stepAfterPath(values, x, y);
    return {
      x,
      y,
      users,
      count,
      usersPath: path([...users, users[n]]),
      countPath: path([...count, count[n]]),
      xTicks: x.ticks(6),
    };
  }, [result, n]);
  const cx = geo.x(cursor);
  const summary = `mm_users ${geo.users.join(', ')}; mm_count ${geo.count.join(', ')}`;
  return (
    <figure className="refchart">
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`History over the schedule, state 0 to ${n}: ${summary}`}
      >
        {[0, 1, 2].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={geo.y(v)} y2={geo.y(v)} className="grid" />
            <text x={M.left - 6} y={geo.y(v) + 4} textAnchor="end" className="tick">
              {v}
            </text>
          </g>
        ))}
        {geo.xTicks.map((t) => (
          <text key={t} x={geo.x(t)} y={H - 4} textAnchor="middle" className="tick">
            {t}
          </text>
        ))}
        <path d={geo.countPath} className="series series-count" transform="translate(0,-1.5)" />
        <path d={geo.usersPath} className="series series-users" transform="translate(0,1.5)" />
        <line x1={cx} x2={cx} y1={M.top - 4} y2={H - M.bottom} className="chart-cursor" />
        <text x={W - M.right + 12} y={geo.y(geo.count[n]) - 3} className="series-label label-count">
          mm_count
        </text>
        <text
          x={W - M.right + 12}
          y={geo.y(geo.users[n]) + 11}
          className="series-label label-users"
        >
          mm_users
        </text>
      </svg>
    </figure>
  );
});
