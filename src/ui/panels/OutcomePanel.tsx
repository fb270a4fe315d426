import { memo } from 'react';
import { outcomeAt, type SimOk } from '../../state/index.ts';
import { reportsFor, type Report } from '../content/reports.ts';
import { isBad, OUTCOME_WORDS } from '../content/outcome-words.ts';
import { useActions, useApp } from '../useApp.ts';

const cache = new WeakMap<SimOk, Map<string, Report[]>>();

/**
 * Reports depend on the outcomes at the cursor, not on the exact step (DEADLOCK and LEAK are only
 * read at the end), so stepping within one outcome reuses them.
 */
function cachedReports(result: SimOk, k: number, outcomes: readonly string[]): Report[] {
  let m = cache.get(result);
  if (!m) cache.set(result, (m = new Map()));
  const key = `${outcomes.join(' ')}/${k >= result.trace.steps.length}`;
  let r = m.get(key);
  if (!r) m.set(key, (r = reportsFor(result, k, outcomes)));
  return r;
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
  const reports = cachedReports(result, cursor, outcomes);
  const bad = outcomes.some(isBad);
  const n = result.trace.steps.length;
  const firstFlag = result.facts.flags[0];
  const verdict = result.trace.outcomes;
  return (
    <section
      className={`card outcome ${bad ? 'outcome-bad' : outcomes[0] === 'CLEAN' ? 'outcome-clean' : 'outcome-running'}`}
      aria-label="Outcome"
      data-outcome={key}
    >
      <h2>
        Outcome{' '}
        <span className="subtle">
          {cursor === 0 ? 'at the start' : `after step ${cursor} of ${n}`}
        </span>
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
            First {OUTCOME_WORDS[outcomes[0]]} at step {reports[0].step}
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
      {reports.map((r) => (
        <ReportView key={r.outcome} report={r} />
      ))}
    </section>
  );
}

function ReportView({ report }: { report: Report }) {
  return (
    <div className="report">
      {report.console.length > 0 && (
        <pre
          className="console"
          tabIndex={0}
          aria-label={`Kernel console: ${OUTCOME_WORDS[report.outcome]}`}
        >
          {report.console.map((l, i) => (
            <span key={i} className={l.strong ? 'strong' : l.dim ? 'dim' : undefined}>
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      <p className="report-explain">{report.explain}</p>
    </div>
  );
}
