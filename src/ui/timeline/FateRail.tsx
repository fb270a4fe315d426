import { memo } from 'react';
import type { Fate } from '../../core/index.ts';
import type { TimelineGeometry } from './layout.ts';

/**
 * The fate rail beside the axis: one segment per step, by what is still possible after it.
 * Doomed is hatched as well as red, so the race window reads without colour.
 */
export const FateRail = memo(function FateRail({
  fates,
  g,
}: {
  fates: readonly Fate[];
  g: TimelineGeometry;
}) {
  const inset = Math.min(0.5, g.rowHeight / 8);
  return (
    <g aria-hidden="true" className="fate-rail">
      {fates.slice(1).map((f, i) => (
        <rect
          key={i}
          x={31}
          y={g.y(i) + inset}
          width={9}
          height={Math.max(0.5, g.rowHeight - 2 * inset)}
          className={`fate-seg fate-${f}`}
        />
      ))}
    </g>
  );
});
