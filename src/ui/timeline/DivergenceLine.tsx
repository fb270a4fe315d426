import type { TimelineGeometry } from './layout.ts';

/** A dashed line above the first step where the two runs differ. */
export function DivergenceLine({ g, k }: { g: TimelineGeometry; k: number }) {
  return (
    <line
      x1={(g.lanes[0]?.x ?? 0) - 4}
      x2={g.width}
      y1={g.y(k)}
      y2={g.y(k)}
      className="divergence-line"
      aria-hidden="true"
    />
  );
}
