import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { shareFragment } from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import { useCopyStatus } from './useCopyStatus.ts';

/** Copies the link to exactly this view. */
export function CopyLink() {
  // Select the inputs, not the encoded string: a selector runs on every store change.
  const [result, scenario, cursor, compare] = useApp(
    useShallow((s) => [s.sim.result, s.scenario, s.playback.cursor, s.compare.variant]),
  );
  const fragment = useMemo(
    () =>
      result
        ? shareFragment({
            scenario,
            playback: { cursor },
            compare: { variant: compare },
            sim: { result },
          })
        : '',
    [result, scenario, cursor, compare],
  );
  const [status, copy] = useCopyStatus();
  const url = `${location.origin}${location.pathname}#${fragment}`;
  return (
    <div className="copy-link">
      <button type="button" className="primary" disabled={!fragment} onClick={() => void copy(url)}>
        Copy link
      </button>
      <span className="copy-status" role="status">
        {status === 'copied' && '✓ Link to this exact view copied'}
        {status === 'failed' && 'Could not copy: the address bar has the same link'}
      </span>
    </div>
  );
}
