import { isBadOutcome } from '../../state/index.ts';
import { useApp } from '../useApp.ts';

/** How the whole schedule ends. */
export function Verdict() {
  const result = useApp((s) => s.sim.result);
  if (!result) return null;
  const outcomes = result.trace.outcomes;
  const verdict = outcomes.join(' + ');
  const bad = outcomes.some((o) => isBadOutcome(result, o));
  return (
    <div className="scenario-verdict">
      <span className="verdict-label">This {result.trace.steps.length}-step schedule ends</span>
      <span className={`chip ${bad ? 'chip-bad' : 'chip-clean'}`} data-verdict={verdict}>
        <span aria-hidden="true">{bad ? '⚠' : '✓'}</span> {verdict}
      </span>
    </div>
  );
}
