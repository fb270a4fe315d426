import { useApp } from './useApp.ts';

/** The race on show, in one line: the scenario's own title. */
export function Tagline() {
  const title = useApp((s) => s.sim.result?.info.title);
  return (
    <p className="tagline">
      {title ?? 'Kernel races, step by step'}
      {title && ', step by step.'}
    </p>
  );
}
