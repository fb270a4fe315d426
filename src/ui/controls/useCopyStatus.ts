import { useCallback, useEffect, useState } from 'react';
import { copyText } from './copy-text.ts';

export type CopyStatus = 'idle' | 'copied' | 'failed';

/** How long "copied" or "could not copy" stays beside its button. */
const STATUS_MS = 2500;

/**
 * A Copy button's status: `copy(text)` copies and sets it to copied or failed (and says which),
 * and it goes back to idle after a moment, so the next copy is news again.
 */
export function useCopyStatus(): [CopyStatus, (text: string) => Promise<boolean>] {
  const [status, setStatus] = useState<CopyStatus>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const t = setTimeout(() => setStatus('idle'), STATUS_MS);
    return () => clearTimeout(t);
  }, [status]);
  const copy = useCallback(async (text: string) => {
    const ok = await copyText(text);
    setStatus(ok ? 'copied' : 'failed');
    return ok;
  }, []);
  return [status, copy];
}
