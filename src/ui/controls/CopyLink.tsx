import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { shareFragment } from '../../state/index.ts';
import { useApp } from '../useApp.ts';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (an http page, a locked-down browser): the old way.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

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
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const t = setTimeout(() => setStatus('idle'), 2500);
    return () => clearTimeout(t);
  }, [status]);
  const url = `${location.origin}${location.pathname}#${fragment}`;
  return (
    <div className="copy-link">
      <button
        type="button"
        className="primary"
        disabled={!fragment}
        onClick={async () => setStatus((await copyText(url)) ? 'copied' : 'failed')}
      >
        Copy link
      </button>
      <span className="copy-status" role="status">
        {status === 'copied' && '✓ Link to this exact view copied'}
        {status === 'failed' && 'Could not copy: the address bar has the same link'}
      </span>
    </div>
  );
}
