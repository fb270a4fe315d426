import { instanceKey } from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';

/**
 * The race's condition: the orderings between steps that hold in every schedule ending with
 * `outcome` and not in every clean one, worked out by the worker from the state graph. Fetched
 * when the reader opens it.
 */
export function SharedOrderings({ outcome }: { outcome: string }) {
  const words = useApp((s) =>
    s.explore.sharedKey === instanceKey(s.scenario) ? s.explore.shared[outcome] : undefined,
  );
  const { loadShared } = useActions();
  return (
    <details
      className="shared-orderings"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) void loadShared(outcome);
      }}
    >
      <summary>What every {outcome} schedule shares</summary>
      {!words ? (
        <p className="subtle">Working it out from the explored states…</p>
      ) : 'message' in words ? (
        <p>{words.message}</p>
      ) : (
        <>
          <p>In every {outcome} schedule, and not in every clean one (the race’s condition):</p>
          <ul>
            {words.sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
