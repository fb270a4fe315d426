import { memo } from 'react';
import { HEADER_HEIGHT, LOCK_COL, type TimelineGeometry } from './layout.ts';
import type { TimelineNames } from './lanes.ts';
import { fitLabel } from './text-fit.ts';

/** Bold system-ui at 13 px, a little wider than the mono labels. */
const TITLE_CHAR_PX = 7.6;
const KEY_CHAR_PX = 7;

/** `Task 1 — what it does` → [`Task 1 —`, `what it does`]; a name without a dash is all title. */
function splitName(name: string): [string, string] {
  const at = name.indexOf(' — ');
  return at < 0 ? [name, ''] : [`${name.slice(0, at)} —`, name.slice(at + 3)];
}

/**
 * The lanes' headings, in a strip that stays at the top while the rows scroll: each lane's key
 * (`2.1`) in a badge, its name on two lines, and a tick over each hold column in the lock's
 * colour, named in its tooltip.
 */
export const LaneHeads = memo(function LaneHeads({
  g,
  names,
}: {
  g: TimelineGeometry;
  names: TimelineNames;
}) {
  return (
    <svg className="lane-heads" width={g.width} height={HEADER_HEIGHT}>
      {g.lanes.map((lane) => {
        const [who, what] = splitName(lane.name);
        const badge = Math.max(20, lane.key.length * KEY_CHAR_PX + 12);
        const titleX = lane.x + badge + 6;
        const locks = lane.locks.map(names.lock);
        return (
          <g
            key={lane.task}
            className={`lane lane-${lane.task} hue-${lane.hue}`}
            role="heading"
            aria-level={3}
            aria-label={`Lane of task ${lane.key}: ${lane.name}${locks.length > 0 ? `; hold columns: ${locks.join(', ')}` : ''}`}
          >
            <title>{lane.name}</title>
            <rect x={lane.x} y={5} width={badge} height={18} rx={9} className="lane-key-bg" />
            <text x={lane.x + badge / 2} y={18} textAnchor="middle" className="lane-key">
              {lane.key}
            </text>
            <text x={titleX} y={18} className="lane-title">
              {fitLabel(who, lane.x + lane.width - titleX, TITLE_CHAR_PX)}
            </text>
            <text x={lane.x} y={36} className="lane-subtitle">
              {fitLabel(what, lane.width)}
            </text>
            {lane.locks.map((lock) => (
              <rect
                key={lock}
                x={lane.lockX.get(lock)}
                y={HEADER_HEIGHT - 8}
                width={LOCK_COL}
                height={8}
                rx={1.5}
                className={`lock-tick lock-c${names.lockHue(lock)}`}
              >
                <title>{names.lock(lock)}</title>
              </rect>
            ))}
          </g>
        );
      })}
    </svg>
  );
});
