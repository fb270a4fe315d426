import { useContext } from 'react';
import { shareFragment } from '../../state/index.ts';
import { StoreContext, useApp } from '../useApp.ts';
import { useCopyStatus } from './useCopyStatus.ts';

/** Copies the link to exactly this view, written when it is copied (not at every step). */
export function CopyLink() {
  const store = useContext(StoreContext);
  const ready = useApp((s) => s.sim.result !== null);
  const [status, copy] = useCopyStatus();
  const copyView = () => {
    const s = store?.getState();
    if (!s?.sim.result) return;
    void copy(`${location.origin}${location.pathname}#${shareFragment(s)}`);
  };
  return (
    <div className="copy-link">
      <button type="button" className="primary" disabled={!ready} onClick={copyView}>
        Copy link
      </button>
      <span className="copy-status" role="status">
        {status === 'copied' && '✓ Link to this exact view copied'}
        {status === 'failed' && 'Could not copy: the address bar has the same link'}
      </span>
    </div>
  );
}
