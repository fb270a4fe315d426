import {
  describeRepair,
  divergenceOf,
  isBadOutcome,
  variantTitle,
  type SimOk,
} from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';

function Verdict({ result }: { result: SimOk }) {
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

/**
 * Above a comparison: both variants with their outcomes side by side, and where the same task
 * choices first lead to different steps.
 */
export function CompareHeader({ result, other }: { result: SimOk; other: SimOk | null }) {
  const variant = useApp((s) => s.scenario.variant);
  const otherVariant = useApp((s) => s.compare.variant) ?? variant;
  const { setCursor } = useActions();
  const d = other ? divergenceOf(result, other) : null;
  const repair = other ? describeRepair(other.skipped, other.appended, (t) => laneKey(other, t)) : [];
  return (
    <div className="compare-head" aria-label="Comparison" role="region">
      <div className="compare-col">
        <p className="compare-title">{variantTitle(result.info, variant)}</p>
        <Verdict result={result} />
      </div>
      <div className="compare-col">
        <p className="compare-title">{variantTitle(result.info, otherVariant)}</p>
        {other ? <Verdict result={other} /> : <span className="subtle">running…</span>}
      </div>
      {other && (
        <p className="compare-diff" data-divergence-step={d === null ? 'none' : d + 1}>
          {d === null ? (
            <>The same task choices run the very same steps under both variants.</>
          ) : (
            <>
              <span className="diverge-mark" aria-hidden="true">
                ≠
              </span>{' '}
              The same task choices first differ at <strong>step {d + 1}</strong>:{' '}
              {stepWords(result, d)} under {variantTitle(result.info, variant).split(' — ')[0]},{' '}
              {stepWords(other, d)} under {variantTitle(result.info, otherVariant).split(' — ')[0]}.{' '}
              <button type="button" className="link-button" onClick={() => setCursor(d + 1)}>
                Go to step {d + 1}
              </button>
            </>
          )}
          {repair.length > 0 && <span className="compare-repair"> {repair.join(' ')}</span>}
        </p>
      )}
    </div>
  );
}

function stepWords(r: SimOk, i: number) {
  const st = r.trace.steps[i];
  if (!st) return <>the run has already ended</>;
  return (
    <>
      <code>{st.label}</code> (task {st.task})
    </>
  );
}
