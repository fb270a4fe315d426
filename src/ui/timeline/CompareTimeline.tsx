import { useMemo } from 'react';
import { variantTitle, type SimOk } from '../../state/index.ts';
import { useActions } from '../useApp.ts';
import { Annotations } from './Annotations.tsx';
import { Background } from './Background.tsx';
import { BlockBody } from './BlockBody.tsx';
import { Causes } from './Causes.tsx';
import { CursorOverlay } from './CursorOverlay.tsx';
import { DivergenceLine } from './DivergenceLine.tsx';
import { FlagMark } from './FlagMark.tsx';
import { HandOffs } from './HandOffs.tsx';
import { LaneHeads } from './LaneHeads.tsx';
import type { TimelineNames } from './lanes.ts';
import { laneOf, type TimelineGeometry } from './layout.ts';
import { PastBand } from './PastBand.tsx';
import { finalStatuses, flagsByStep } from './step-marks.ts';
import { SvgDefs } from './SvgDefs.tsx';
import { flagText } from './text-fit.ts';
import { useNoteSteps } from './useNoteSteps.ts';
import type { FinalWaits } from './wait-for.ts';
import { WaitForCycle } from './WaitForCycle.tsx';

/** The comparison's timeline: read-only, same rows, same cursor. */
export function CompareTimeline({
  result,
  g,
  names,
  divergence,
  waits,
}: {
  result: SimOk;
  g: TimelineGeometry;
  names: TimelineNames;
  divergence: number | null;
  waits: FinalWaits | null;
}) {
  const { setCursor } = useActions();
  const n = result.trace.steps.length;
  const verdict = result.trace.outcomes.join(' + ');
  const differs =
    divergence === null ? 'runs the very same steps' : `differs first at step ${divergence + 1}`;
  const flags = useMemo(() => flagsByStep(result), [result]);
  const notes = useNoteSteps(result);
  return (
    <div className="swimlanes-stage compare-stage" style={{ width: g.width }}>
      <LaneHeads g={g} names={names} />
      <div className="swimlanes-body" style={{ height: g.height }}>
        <PastBand g={g} />
        <svg
          width={g.width}
          height={g.height}
          viewBox={`0 0 ${g.width} ${g.height}`}
          role="img"
          aria-label={`The same task choices under ${variantTitle(result.info, result.info.variant)}: ${n} steps, ends ${verdict}; it ${differs}`}
        >
          <SvgDefs />
          <Background g={g} notes={notes} />
          <Annotations result={result} g={g} names={names} />
          {divergence !== null && <DivergenceLine g={g} k={divergence} />}
          <g>
            {result.trace.steps.map((st) => {
              const lane = laneOf(g, st.task);
              const stepFlags = flags.get(st.index + 1);
              const flag = flagText(stepFlags, lane.blockWidth);
              return (
                <g
                  key={st.index}
                  className={`block static task-${st.task} hue-${lane.hue}${stepFlags ? ' flagged' : ''}${divergence === st.index ? ' diverges' : ''}`}
                  data-compare-index={st.index}
                  data-divergence={divergence === st.index ? 'true' : undefined}
                  onClick={() => setCursor(st.index + 1)}
                >
                  <title>{`Step ${st.index + 1}, task ${lane.key}: ${st.label}`}</title>
                  <BlockBody step={st} g={g} flag={flag} changes={result.changes[st.index]} />
                  <FlagMark step={st} g={g} text={flag} />
                </g>
              );
            })}
          </g>
          <HandOffs result={result} g={g} names={names} />
          <Causes result={result} g={g} names={names} />
          {waits && (
            <WaitForCycle waits={waits} g={g} names={names} statuses={finalStatuses(result)} />
          )}
        </svg>
        <CursorOverlay g={g} result={result} />
      </div>
    </div>
  );
}
