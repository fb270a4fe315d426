import { memo } from 'react';
import type { TimelineGeometry } from './layout.ts';

/** The axis and its grid (d3's ticks drawn as JSX), and the notes' ✉ marks. */
export const Background = memo(function Background({
  g,
  notes,
}: {
  g: TimelineGeometry;
  notes: readonly number[];
}) {
  const left = g.lanes[0]?.x ?? 0;
  return (
    <g aria-hidden="true">
      {g.ticks.map((t) => (
        <g key={t.k}>
          <line x1={left} x2={g.width} y1={t.y} y2={t.y} className="grid" />
          <text x={26} y={t.y + 4} className="tick" textAnchor="end">
            {t.k}
          </text>
        </g>
      ))}
      {g.detail !== 'none' &&
        notes.map((k) => (
          <text key={k} x={2} y={g.y(k - 0.5) + 5} className="note-mark">
            ✉
          </text>
        ))}
    </g>
  );
});
