import { useApp } from '../useApp.ts';
import type { TimelineGeometry } from './layout.ts';

/*
 * The cursor's marks live in HTML layers above and below the SVG and move by transform only, so
 * a step repaints no SVG: the shaded band behind the steps already run (here), the cursor line
 * between steps and a ring around the block of the step at the cursor (CursorOverlay).
 */

/** The shaded band behind the steps already run. */
export function PastBand({ g }: { g: TimelineGeometry }) {
  const cursor = useApp((s) => s.playback.cursor);
  const top = g.y(0);
  const full = g.endY - top;
  const x = g.lanes[0]?.x ?? 0;
  return (
    <div
      className="past-clip"
      aria-hidden="true"
      style={{ top, left: x, width: g.width - x, height: full }}
    >
      <div
        className="past-band"
        style={{ transform: `translateY(${g.y(Math.min(cursor, g.n)) - top - full}px)` }}
      />
    </div>
  );
}
