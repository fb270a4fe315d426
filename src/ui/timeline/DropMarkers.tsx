import type { DropTarget } from '../../core/index.ts';
import { dropMarkerY, type TimelineGeometry } from './layout.ts';

/**
 * While a step is dragged: every drop place marked legal or illegal (with the core's reason as
 * its description), the dragged step under the pointer, and a hint in a neighbouring lane.
 */
export function DropMarkers({
  g,
  from,
  to,
  y,
  task,
  label,
  targets,
}: {
  g: TimelineGeometry;
  from: number;
  to: number;
  y: number;
  task: number;
  label: string;
  targets: readonly DropTarget[] | null;
}) {
  const lane = g.byTask.get(task) ?? g.lanes[0];
  // The hint sits in the next lane (the previous one for the last lane), clear of the markers.
  const other = g.lanes[lane.index + 1] ?? g.lanes[lane.index - 1] ?? lane;
  const target = targets?.find((t) => t.to === to);
  const isStay = to === from;
  const hint = isStay
    ? 'Drop on a marked place to move the step; Escape cancels.'
    : !target
      ? 'Checking…'
      : target.legal
        ? `Drop to make it step ${to + 1}.`
        : `Cannot drop here: ${target.reason}`;
  return (
    <div className="drop-layer">
      {targets?.map((t) =>
        t.to === from ? null : (
          <div
            key={t.to}
            className={`drop-marker ${t.legal ? 'is-legal' : 'is-illegal'}${t.to === to ? ' is-target' : ''}`}
            data-drop={t.legal ? 'legal' : 'illegal'}
            data-to={t.to}
            role="img"
            aria-label={`Drop place: step ${t.to + 1}`}
            aria-description={
              t.legal ? `Legal: step ${from + 1} can run as step ${t.to + 1}.` : t.reason
            }
            style={{
              left: lane.blockX,
              width: lane.blockWidth,
              transform: `translateY(${dropMarkerY(g, from, t.to)}px)`,
            }}
          >
            <span aria-hidden="true">{t.legal ? '▸' : '✕'}</span>
          </div>
        ),
      )}
      <div
        className={`drag-ghost task-${task} hue-${lane.hue}`}
        aria-hidden="true"
        style={{
          left: lane.blockX,
          width: lane.blockWidth,
          transform: `translateY(${y - g.rowHeight / 2}px)`,
        }}
      >
        <span className="block-num">{from + 1}</span> {label}
      </div>
      <div
        className={`drag-hint${target && !target.legal && !isStay ? ' is-illegal' : ''}`}
        role="status"
        style={{
          left: other.blockX,
          width: other.blockWidth,
          transform: `translateY(${y + g.rowHeight / 2}px)`,
        }}
      >
        {hint}
      </div>
    </div>
  );
}
