import { isBadOutcome, outcomeAt } from '../../state/index.ts';
import { useApp } from '../useApp.ts';

/**
 * Where the cursor is: the step just taken, in kernel words (never the scenario's internal step
 * ids; those stay in data-step-id), and the outcome there. It keeps its size whatever it says, so
 * stepping never moves the page.
 */
export function Position() {
  const cursor = useApp((s) => s.playback.cursor);
  const n = useApp((s) => s.sim.result?.trace.steps.length ?? 0);
  const call = useApp((s) =>
    cursor > 0 ? s.sim.result?.trace.steps[cursor - 1]?.short : undefined,
  );
  const outcome = useApp((s) =>
    s.sim.result ? outcomeAt(s.sim.result, s.playback.cursor).join(' + ') : '',
  );
  const bad = useApp((s) =>
    s.sim.result
      ? outcomeAt(s.sim.result, s.playback.cursor).some((o) => isBadOutcome(s.sim.result!, o))
      : false,
  );
  return (
    <p className="position">
      <span className="position-where">
        {cursor === 0 ? (
          <>
            <strong>Start</strong>: before step 1 of {n}
          </>
        ) : (
          <>
            <strong>
              After step {cursor} of {n}
            </strong>
            : <code>{call}</code>
          </>
        )}
      </span>
      {outcome && (
        <span
          className={`chip ${bad ? 'chip-bad' : outcome === 'CLEAN' ? 'chip-clean' : 'chip-running'}`}
          title="Outcome at the cursor"
        >
          <span aria-hidden="true">{bad ? '⚠' : outcome === 'CLEAN' ? '✓' : '…'}</span> {outcome}
        </span>
      )}
    </p>
  );
}
