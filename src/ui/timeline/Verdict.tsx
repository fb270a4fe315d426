import { isBadOutcome, type SimOk } from '../../state/index.ts';

/** A run's outcome as a chip, and where it was decided. */
export function Verdict({ result }: { result: SimOk }) {
  const verdict = result.trace.outcomes.join(' + ');
  const bad = result.trace.outcomes.some((o) => isBadOutcome(result, o));
  const first = result.facts.flags[0];
  return (
    <span className="compare-verdict">
      <span className={`chip ${bad ? 'chip-bad' : 'chip-clean'}`} data-verdict={verdict}>
        <span aria-hidden="true">{bad ? '⚠' : '✓'}</span> {verdict}
      </span>{' '}
      <span className="subtle">
        {first
          ? `at step ${first.step} of ${result.trace.steps.length}`
          : `after ${result.trace.steps.length} steps`}
      </span>
    </span>
  );
}
