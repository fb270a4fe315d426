import { memo, useMemo } from 'react';
import type { SimOk } from '../../state/index.ts';
import { causeLinks } from './cause-geometry.ts';
import { windowSpans } from './cause-words.ts';
import { CauseLink } from './CauseLink.tsx';
import type { TimelineNames } from './lanes.ts';
import type { TimelineGeometry } from './layout.ts';
import { RaceWindow } from './RaceWindow.tsx';

/**
 * Why the run's bad outcomes fired (the worker's causal chains): the race windows, and the
 * write → read arrows above the steps, cross-task ones last so they paint over the quiet ones.
 *
 * They are drawn for the whole run whatever the cursor, like holds and hand-offs: the timeline
 * is the whole schedule and the cursor only shades what has run, so stepping repaints no SVG
 * (PastBand), and the story of the bug is on screen from the first view, not only where it fires.
 */
export const Causes = memo(function Causes({
  result,
  g,
  names,
}: {
  result: SimOk;
  g: TimelineGeometry;
  names: TimelineNames;
}) {
  const links = useMemo(
    () =>
      causeLinks(result.causes, (k) => result.trace.steps[k - 1].task).sort(
        (a, b) => Number(a.fromTask !== a.toTask) - Number(b.fromTask !== b.toTask),
      ),
    [result],
  );
  const spans = useMemo(() => windowSpans(result), [result]);
  if (links.length === 0 && spans.length === 0) return null;
  return (
    <g className="causes">
      {spans.map((s) => (
        <RaceWindow
          key={`${s.task}:${s.from}:${s.to}`}
          result={result}
          g={g}
          names={names}
          span={s}
        />
      ))}
      {links.map((l) => (
        <CauseLink key={`${l.from}-${l.to}`} result={result} g={g} names={names} link={l} />
      ))}
    </g>
  );
});
