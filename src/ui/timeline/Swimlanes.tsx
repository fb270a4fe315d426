import { useMemo, useRef, useState } from 'react';
import { divergenceOf, type SimOk } from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import { useElementWidth } from '../useElementWidth.ts';
import { CompareHeader } from './CompareHeader.tsx';
import { CompareTimeline } from './CompareTimeline.tsx';
import { laneSpecs, lanesKey, timelineNames, type LaneSpec } from './lanes.ts';
import { fitZoom, HEADER_HEIGHT, timelineLayout } from './layout.ts';
import { MainTimeline } from './MainTimeline.tsx';
import { finalStatuses } from './step-marks.ts';
import { useTimelineZoom } from './useTimelineZoom.ts';
import { useViewportHeight } from './useViewportHeight.ts';
import { drawnEdges, finalWaits, type FinalWaits } from './wait-for.ts';
import { ZoomBar } from './ZoomBar.tsx';

/** Space between the two timelines of a comparison. */
const PAIR_GAP = 24;

const NO_LANES: readonly LaneSpec[] = [];

/** The waits of a run that ended with no task able to move; null otherwise. */
function waitsOf(r: SimOk | null): FinalWaits | null {
  return r && r.trace.complete ? finalWaits(finalStatuses(r)) : null;
}

/**
 * Lanes that keep their identity while they stay the same, so the geometry (and with it every
 * memoised block) survives schedule edits that do not change which locks the lanes show.
 */
function useStableLanes(lanes: readonly LaneSpec[]): readonly LaneSpec[] {
  const key = lanesKey(lanes);
  const [kept, setKept] = useState({ key, lanes });
  if (kept.key !== key) {
    setKept({ key, lanes });
    return lanes;
  }
  return kept.lanes;
}

/**
 * The swimlanes: one lane per task, with steps, lock holds, waits, hand-offs, outcome flags,
 * fates, the cursor and, when the run ends stuck, its wait-for cycle; with a comparison, the same
 * task choices under the second variant beside them on the same rows. They scroll inside a
 * viewport no taller than the window (or than their pane), and zoom (ZoomBar, Ctrl + wheel,
 * pinch).
 */
export function Swimlanes() {
  const result = useApp((s) => s.sim.result);
  const isComparing = useApp((s) => s.compare.variant !== null);
  const other = useApp((s) => (s.compare.variant ? s.compare.result : null));
  const viewport = useRef<HTMLDivElement>(null);
  const width = useElementWidth(viewport, 640);
  const viewHeight = useViewportHeight(viewport);
  // Both timelines share one time axis: as many rows as the longer run.
  const n = Math.max(result?.trace.steps.length ?? 0, other?.trace.steps.length ?? 0);
  const waits = useMemo(() => waitsOf(result), [result]);
  const otherWaits = useMemo(() => waitsOf(other), [other]);
  const tailRows = Math.max(
    waits ? drawnEdges(waits).length : 0,
    otherWaits ? drawnEdges(otherWaits).length : 0,
  );
  const lanes = useStableLanes(
    useMemo(
      () => (result ? laneSpecs(result.info, other ? [result, other] : [result]) : NO_LANES),
      [result, other],
    ),
  );
  const names = useMemo(() => (result ? timelineNames(result.info) : null), [result]);
  const zoom = useTimelineZoom(viewport, fitZoom(n, tailRows, viewHeight));
  const colWidth = isComparing ? Math.floor((width - PAIR_GAP) / 2) : width;
  const g = useMemo(
    () => timelineLayout(n, colWidth, lanes, { zoom: zoom.k, tailRows }),
    [n, colWidth, lanes, zoom.k, tailRows],
  );
  const divergence = useMemo(
    () => (result && other ? divergenceOf(result, other) : null),
    [result, other],
  );
  return (
    <div className={`swimlanes${isComparing ? ' is-comparing' : ''}`}>
      {result && isComparing && <CompareHeader result={result} other={other} />}
      {result && <ZoomBar zoom={zoom} />}
      <div ref={viewport} className="swimlanes-viewport">
        {result && names && (
          <div className="swimlanes-pair" style={{ gap: PAIR_GAP }}>
            <MainTimeline
              result={result}
              g={g}
              names={names}
              divergence={divergence}
              waits={waits}
              viewport={viewport}
            />
            {isComparing &&
              (other ? (
                <CompareTimeline
                  result={other}
                  g={g}
                  names={names}
                  divergence={divergence}
                  waits={otherWaits}
                />
              ) : (
                <div
                  className="swimlanes-stage pending"
                  style={{ width: g.width, height: g.height + HEADER_HEIGHT }}
                >
                  <p>Running the same choices under the other variant…</p>
                </div>
              ))}
          </div>
        )}
      </div>
    </div>
  );
}
