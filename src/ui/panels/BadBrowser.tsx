import { currentBad } from '../../state/index.ts';
import { formatCount } from '../content/counts.ts';
import { SINGLE_KEYS } from '../controls/shortcuts.ts';
import { useActions, useApp } from '../useApp.ts';

/**
 * Previous / next bad schedule of one outcome, with "schedule k of N" even when N has twenty
 * digits: the worker unranks schedule k from the exploration's counts, it never lists them.
 */
export function BadBrowser({
  outcome,
  total,
  hasKeys,
}: {
  outcome: string;
  total: bigint;
  /** Whether n / p press these buttons (the first bad outcome that has schedules). */
  hasKeys: boolean;
}) {
  const k = useApp((s) => {
    const pick = currentBad(s);
    return pick?.outcome === outcome ? pick.k : null;
  });
  const { stepBad } = useActions();
  return (
    <span className="bad-browser" role="group" aria-label={`${outcome} schedules`}>
      <button
        type="button"
        onClick={() => void stepBad(outcome, -1)}
        aria-label={`Previous ${outcome} schedule`}
        aria-keyshortcuts={hasKeys ? SINGLE_KEYS.previousBad.key : undefined}
        title={`Previous ${outcome} schedule`}
      >
        ◀
      </button>
      <span className="bad-position" data-bad-position={outcome}>
        {k === null ? (
          <>{formatCount(total)} to browse</>
        ) : (
          <>
            schedule {formatCount(k + 1n)} of {formatCount(total)}
          </>
        )}
      </span>
      <button
        type="button"
        onClick={() => void stepBad(outcome, 1)}
        aria-label={`Next ${outcome} schedule`}
        aria-keyshortcuts={hasKeys ? SINGLE_KEYS.nextBad.key : undefined}
        title={`Next ${outcome} schedule`}
      >
        ▶
      </button>
    </span>
  );
}
