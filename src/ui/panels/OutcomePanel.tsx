import { memo } from 'react';
import type { Report } from '../../core/index.ts';
import { isBadOutcome, outcomeAt, type SimOk } from '../../state/index.ts';
import { outcomeTitle } from '../content/outcome-words.ts';
import { useActions, useApp } from '../useApp.ts';
import { ReportView } from './ReportView.tsx';

/**
 * The reports the kernel has printed by cursor k: a flag's as soon as it is set, an outcome of
 * the end (a hang, a leak) once the run is over.
 */
function reportsAt(result: SimOk, k: number): Report[] {
  const atEnd = k >= result.trace.steps.length && result.trace.complete;
  return result.reports.filter((r) => (r.step === null ? atEnd : r.step <= k));
}

/** What the kernel would have printed by the cursor, and what the whole schedule ends in. */
export const OutcomePanel = memo(function OutcomePanel() {
  const result = useApp((s) => s.sim.result);
  const cursor = useApp((s) => s.playback.cursor);
  if (!result) return null;
  return <OutcomeBody result={result} cursor={cursor} />;
});

function OutcomeBody({ result, cursor }: { result: SimOk; cursor: number }) {
  const { setCursor } = useActions();
  const outcomes = outcomeAt(result, cursor);
  const key = outcomes.join(' ');
  const reports = reportsAt(result, cursor);
  const bad = outcomes.some((o) => isBadOutcome(result, o));
  const n = result.trace.steps.length;
  const firstFlag = result.facts.flags[0];
  const verdict = result.trace.outcomes;
  return (
    <section
      className={`card outcome ${bad ? 'outcome-bad' : outcomes[0] === 'CLEAN' ? 'outcome-clean' : 'outcome-running'}`}
      aria-label="Outcome"
      data-outcome={key}
    >
      {/* Where the cursor is, the position line says: words here that change at every step
          would repaint the panel at every step. */}
      <h2>
        Outcome <span className="subtle">at the cursor</span>
      </h2>
      <p className="outcome-status">
        <span
          className={`chip ${bad ? 'chip-bad' : outcomes[0] === 'CLEAN' ? 'chip-clean' : 'chip-running'}`}
        >
          <span aria-hidden="true">{bad ? '⚠' : outcomes[0] === 'CLEAN' ? '✓' : '…'}</span>{' '}
          {outcomes.join(' + ')}
        </span>{' '}
        {outcomes[0] === 'RUNNING' && <span>The kernel has printed nothing so far.</span>}
        {bad && reports[0]?.step != null && (
          <span>
            First {outcomeTitle(result.info, outcomes[0])} at step {reports[0].step}
            {reports[0].step !== cursor ? ' and still on the console' : ''}.
          </span>
        )}
      </p>
      {outcomes[0] === 'RUNNING' && (
        <p className="outcome-ahead">
          {firstFlag ? (
            <>
              This schedule goes on to a <strong>{firstFlag.outcome}</strong> at step{' '}
              {firstFlag.step}.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setCursor(firstFlag.step)}
              >
                Go to step {firstFlag.step}
              </button>
            </>
          ) : (
            <>
              This schedule ends <strong>{verdict.join(' + ')}</strong> after step {n}.{' '}
              <button type="button" className="link-button" onClick={() => setCursor(n)}>
                Go to the end
              </button>
            </>
          )}
        </p>
      )}
      {reports.length > 0 && (
        // Docked beside the timeline, the reports scroll here and the status above stays put.
        <div className="outcome-reports">
          {reports.map((r) => (
            <ReportView key={r.outcome} report={r} title={outcomeTitle(result.info, r.outcome)} />
          ))}
        </div>
      )}
    </section>
  );
}
