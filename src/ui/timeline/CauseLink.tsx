import type { SimOk } from '../../state/index.ts';
import { CAUSE_CHAR_PX, causeArrow, type CauseLink as Link } from './cause-geometry.ts';
import { edgeWords } from './cause-words.ts';
import type { TimelineGeometry } from './layout.ts';
import type { TimelineNames } from './lanes.ts';
import { fitLabel } from './text-fit.ts';

/**
 * One write → read arrow of the cause, with one accessible mark per edge it carries. Between
 * tasks it is the race itself: bold, each edge's change written beside the arrowhead. Within a
 * task it is quiet: a thin loop whose words are in its tooltip (the writer's block shows the
 * change already).
 */
export function CauseLink({
  result,
  g,
  names,
  link,
}: {
  result: SimOk;
  g: TimelineGeometry;
  names: TimelineNames;
  link: Link;
}) {
  const a = causeArrow(g, link);
  const kind = a.isCross ? 'is-cross' : 'is-quiet';
  return (
    <g className={`cause-link ${kind}`}>
      <path
        d={a.d}
        className="cause-arrow"
        markerEnd={a.isCross ? 'url(#cause-arrowhead)' : 'url(#cause-arrowhead-quiet)'}
        aria-hidden="true"
      />
      {link.edges.map((e, i) => {
        const words = edgeWords(result, names, link.from, link.to, e.label);
        const y = a.labelYs[i];
        return (
          <g
            key={e.field}
            className="cause-edge"
            role="img"
            aria-label={words}
            data-cause-from={link.from}
            data-cause-to={link.to}
            data-cause-field={e.field}
          >
            <title>{words}</title>
            {/* A wider, invisible copy of the arrow: the tooltip's hover target. */}
            <path d={a.d} className="cause-hit" />
            {y !== undefined && g.detail !== 'none' && (
              <text x={a.labelX} y={y} textAnchor={a.labelAnchor} className="cause-label">
                {fitLabel(e.label, a.labelWidth, CAUSE_CHAR_PX)}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
