import {
  describeRepair,
  divergenceOf,
  laneKey,
  variantTitle,
  type SimOk,
} from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';
import { Verdict } from './Verdict.tsx';

/**
 * Above a comparison: both variants with their outcomes side by side, and where the same task
 * choices first lead to different steps.
 */
export function CompareHeader({ result, other }: { result: SimOk; other: SimOk | null }) {
  const otherVariant = useApp((s) => s.compare.variant) ?? result.info.variant;
  const title = variantTitle(result.info, result.info.variant);
  const otherTitle = variantTitle(result.info, otherVariant);
  const { setCursor } = useActions();
  const d = other ? divergenceOf(result, other) : null;
  const repair = other
    ? describeRepair(other.skipped, other.appended, (t) => laneKey(other, t))
    : [];
  return (
    <div className="compare-head" aria-label="Comparison" role="region">
      <div className="compare-col">
        <p className="compare-title">{title}</p>
        <Verdict result={result} />
      </div>
      <div className="compare-col">
        <p className="compare-title">{otherTitle}</p>
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
              {stepWords(result, d)} under {title.split(' — ')[0]}, {stepWords(other, d)} under{' '}
              {otherTitle.split(' — ')[0]}.{' '}
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
      <code>{st.label}</code> (task {r.info.lanes[st.task - 1]?.key ?? st.task})
    </>
  );
}
