import { useRef, type RefObject } from 'react';
import type { Fate } from '../../core/index.ts';
import type { SimOk } from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import { Annotations } from './Annotations.tsx';
import { Background } from './Background.tsx';
import { Blocks } from './Blocks.tsx';
import { Causes } from './Causes.tsx';
import { CursorOverlay } from './CursorOverlay.tsx';
import { DivergenceLine } from './DivergenceLine.tsx';
import { DragLayer } from './DragLayer.tsx';
import { FateRail } from './FateRail.tsx';
import { HandOffs } from './HandOffs.tsx';
import { LaneHeads } from './LaneHeads.tsx';
import type { TimelineNames } from './lanes.ts';
import type { TimelineGeometry } from './layout.ts';
import { PastBand } from './PastBand.tsx';
import { finalStatuses } from './step-marks.ts';
import { SvgDefs } from './SvgDefs.tsx';
import { MAIN_TIMELINE_ID } from './useFocusAfterEdit.ts';
import { useNoteSteps } from './useNoteSteps.ts';
import type { FinalWaits } from './wait-for.ts';
import { WaitForCycle } from './WaitForCycle.tsx';

const NO_FATES: readonly Fate[] = [];

/** The editable timeline: steps to click, focus and drag, with everything drawn around them. */
export function MainTimeline({
  result,
  g,
  names,
  divergence,
  waits,
  viewport,
}: {
  result: SimOk;
  g: TimelineGeometry;
  names: TimelineNames;
  divergence: number | null;
  waits: FinalWaits | null;
  viewport: RefObject<HTMLElement | null>;
}) {
  const body = useRef<HTMLDivElement>(null);
  const fates = useApp((s) =>
    s.explore.fatesFor === s.sim.result && s.explore.current ? s.explore.current.fates : NO_FATES,
  );
  // While fates for a new schedule are on their way, keep their column so labels do not jump.
  const hasFateColumn = useApp((s) => s.explore.isOn) || fates.length > 0;
  const notes = useNoteSteps(result);
  const n = result.trace.steps.length;
  const keys = g.lanes.map((l) => l.key);
  return (
    <div
      id={MAIN_TIMELINE_ID}
      className="swimlanes-stage"
      style={{ width: g.width }}
      role="group"
      aria-label={`Timeline of ${n} steps: ${keys.length === 1 ? 'task' : 'tasks'} ${keys.join(', ')} from left to right, time running down`}
    >
      <LaneHeads g={g} names={names} />
      <div ref={body} className="swimlanes-body" style={{ height: g.height }}>
        <PastBand g={g} />
        <svg width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`}>
          <SvgDefs />
          <Background g={g} notes={notes} />
          {fates.length > 0 && <FateRail fates={fates} g={g} />}
          <Annotations result={result} g={g} names={names} />
          {divergence !== null && <DivergenceLine g={g} k={divergence} />}
          <Blocks
            result={result}
            g={g}
            fates={fates}
            hasFateColumn={hasFateColumn}
            divergence={divergence}
          />
          <HandOffs result={result} g={g} names={names} />
          <Causes result={result} g={g} names={names} />
          {waits && (
            <WaitForCycle waits={waits} g={g} names={names} statuses={finalStatuses(result)} />
          )}
        </svg>
        <CursorOverlay g={g} result={result} viewport={viewport} />
        <DragLayer stage={body} g={g} result={result} />
      </div>
    </div>
  );
}
