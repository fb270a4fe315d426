import { memo, useMemo } from 'react';
import type { FieldInfo } from '../../core/index.ts';
import { historyOf, type SimOk } from '../../state/index.ts';
import { linearScale } from '../timeline/linear-scale.ts';

const W = 300;
const H = 74;
const M = { top: 8, right: 78, bottom: 18, left: 22 };
/** Series styles, in order; a chart with more series reuses them. */
const SERIES = 3;

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

/** The declared counters over the whole schedule, with the cursor: a small step chart. */
export const CounterChart = memo(function CounterChart({
  result,
  cursor,
  fields,
}: {
  result: SimOk;
  cursor: number;
  fields: readonly FieldInfo[];
}) {
  const n = result.trace.steps.length;
  const geo = useMemo(() => {
    const lo = Math.min(...fields.map((f) => f.min ?? 0));
    const hi = Math.max(...fields.map((f) => f.max ?? 1), lo + 1);
    const x = linearScale([0, Math.max(n, 1)], [M.left, W - M.right]);
    const y = linearScale([lo, hi], [H - M.bottom, M.top]);
    const series = fields.map((f, i) => {
      const values = historyOf(result, f.name);
      // Overlapping lines are nudged apart so each stays visible.
      const nudge = (i - (fields.length - 1) / 2) * 3;
      return { f, values, nudge, path: stepAfterPath([...values, values[n]], x, y) };
    });
    return { x, y, series, yTicks: y.ticks(Math.min(4, hi - lo)), xTicks: x.ticks(6) };
  }, [result, n, fields]);
  const cx = geo.x(cursor);
  const summary = geo.series.map((s) => `${s.f.base} ${s.values.join(', ')}`).join('; ');
  return (
    <figure className="refchart">
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`History over the schedule, state 0 to ${n}: ${summary}`}
      >
        {geo.yTicks.map((v) => (
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
        {geo.series.map((s, i) => (
          <g key={s.f.name}>
            <path
              d={s.path}
              className={`series series-${i % SERIES}`}
              transform={`translate(0,${s.nudge})`}
            />
            <text
              x={W - M.right + 10}
              y={geo.y(s.values[n]) + s.nudge * 3 + 4}
              className={`series-label label-${i % SERIES}`}
            >
              {s.f.base}
            </text>
          </g>
        ))}
        <line x1={cx} x2={cx} y1={M.top - 4} y2={H - M.bottom} className="chart-cursor" />
      </svg>
    </figure>
  );
});
