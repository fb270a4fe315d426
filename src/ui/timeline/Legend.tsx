import { useMemo } from 'react';
import { FATE_GLYPH, FATE_LEGEND } from '../content/fate-words.ts';
import { useApp } from '../useApp.ts';
import { laneSpecs, legendLanes, legendLocks } from './lanes.ts';
import { finalStatuses } from './step-marks.ts';
import { useNoteSteps } from './useNoteSteps.ts';
import { finalWaits } from './wait-for.ts';

/** What the marks on the timeline mean, in the instance's words. Shapes and words, not colour alone. */
export function Legend() {
  const result = useApp((s) => s.sim.result);
  const hasFates = useApp(
    (s) => s.explore.fatesFor !== null && s.explore.fatesFor === s.sim.result,
  );
  const isComparing = useApp((s) => s.compare.variant !== null);
  const hasNotes = useNoteSteps(result).length > 0;
  const marks = useMemo(() => {
    if (!result) return null;
    const lanes = laneSpecs(result.info, [result]);
    return {
      lanes: legendLanes(lanes),
      locks: legendLocks(result.info, lanes),
      isStuck: result.trace.complete && finalWaits(finalStatuses(result)) !== null,
      hasCause: result.causes.some((c) => c.edges.length > 0),
      hasWindow: result.causes.some((c) => c.window !== undefined),
    };
  }, [result]);
  if (!result || !marks) return null;
  return (
    <ul className="legend" aria-label="Timeline legend">
      {marks.lanes.map(({ hue, keys }) => (
        <li key={hue}>
          <span className={`sw sw-block hue-${hue}`} aria-hidden="true" />{' '}
          {keys.length === 1 ? `task ${keys[0]}` : `tasks ${keys.join(', ')}`} step
        </li>
      ))}
      <li>
        <span className="sw sw-past" aria-hidden="true" /> already run
      </li>
      {marks.locks.flatMap((l) =>
        l.hasModes
          ? [
              <li key={`${l.base}-read`}>
                <span className={`sw sw-lock lock-c${l.hue} hold-read`} aria-hidden="true" />{' '}
                {l.label}, read (outlined)
              </li>,
              <li key={`${l.base}-write`}>
                <span className={`sw sw-lock lock-c${l.hue} hold-write`} aria-hidden="true" />{' '}
                {l.label}, write (solid)
              </li>,
            ]
          : [
              <li key={l.base}>
                <span className={`sw sw-lock lock-c${l.hue} hold-spin`} aria-hidden="true" />{' '}
                {l.label}
              </li>,
            ],
      )}
      <li>
        <span className="sw sw-blocked" aria-hidden="true" /> waiting for a lock or a condition
      </li>
      <li>
        <span className="sw-arrow" aria-hidden="true">
          ⟶
        </span>{' '}
        release lets the waiter in
      </li>
      {marks.isStuck && (
        <li>
          <span className="sw-wait" aria-hidden="true">
            ⟶
          </span>{' '}
          at the end: waits for (a cycle is a deadlock)
        </li>
      )}
      <li>
        <span aria-hidden="true">⚠</span> outcome flag set
      </li>
      {marks.hasCause && (
        <li>
          <span className="sw-cause" aria-hidden="true">
            ⟶
          </span>{' '}
          cause: write → read (dotted: same task)
        </li>
      )}
      {marks.hasWindow && (
        <li>
          <span className="sw-window" aria-hidden="true" /> race window
        </li>
      )}
      {hasNotes && (
        <li>
          <span aria-hidden="true">✉</span> the e-mail talks about this step
        </li>
      )}
      <li>
        <span className="sw-cursor" aria-hidden="true" /> cursor (between steps);{' '}
        <span className="sw sw-ring" aria-hidden="true" /> the step just taken
      </li>
      {hasFates &&
        FATE_LEGEND.map(([fate, words]) => (
          <li key={fate} className="legend-fate">
            <span className={`sw sw-fate sw-fate-${fate}`} aria-hidden="true" />
            <span className={`fate-glyph fate-${fate}`} aria-hidden="true">
              {FATE_GLYPH[fate]}
            </span>{' '}
            {words} after this step
          </li>
        ))}
      {isComparing && (
        <li>
          <span className="sw-diverge" aria-hidden="true" /> first step where the variants differ
        </li>
      )}
    </ul>
  );
}
