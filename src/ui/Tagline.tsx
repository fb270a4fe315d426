import { useEffect } from 'react';
import { useApp } from './useApp.ts';

/** The race on show, in one line under the masthead and in the window's title. */
export function Tagline() {
  const title = useApp((s) => s.sim.result?.info.title);
  useEffect(() => {
    if (title) document.title = `${title} — Interleave`;
  }, [title]);
  return (
    <p className="tagline">
      {title ?? 'Kernel races, step by step'}
      {title && ', step by step.'}
    </p>
  );
}
