import { memo } from 'react';
import type { SimOk } from '../../state/index.ts';
import { handOffPath, type TimelineGeometry } from './layout.ts';
import type { TimelineNames } from './lanes.ts';

/**
 * Release → acquisition arrows between any two lanes. Drawn above the steps, since an arrow
 * between lanes that are not neighbours crosses the lanes between them.
 */
export const HandOffs = memo(function HandOffs({
  result,
  g,
  names,
}: {
  result: SimOk;
  g: TimelineGeometry;
  names: TimelineNames;
}) {
  return (
    <g className="handoffs">
      {result.facts.handOffs.map((h) => (
        <path
          key={`o${h.release}-${h.acquire}`}
          d={handOffPath(g, h.fromTask, h.release, h.toTask, h.acquire)}
          className="handoff"
          markerEnd="url(#arrowhead)"
        >
          <title>{`Step ${h.release} (${names.task(h.fromTask)}) releases ${names.lock(h.lock)}; that lets ${names.task(h.toTask)} take it at step ${h.acquire}`}</title>
        </path>
      ))}
    </g>
  );
});
