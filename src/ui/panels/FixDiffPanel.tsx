import { memo, useEffect, useState } from 'react';
import { useActions, useApp } from '../useApp.ts';
import { DiffRow } from './DiffRow.tsx';

/**
 * The scenario's fix as a diff of its bug and fix variants' pseudo-code, per task, so what the
 * fix removed shows as removed rather than silently gone. Only for a scenario that declares the
 * pair; fetched when the reader opens it (and again for new parameters while open).
 */
export const FixDiffPanel = memo(function FixDiffPanel() {
  const info = useApp((s) => s.sim.result?.info);
  const diff = useApp((s) => s.fix.diff);
  const { loadFixDiff } = useActions();
  const [isOpen, setOpen] = useState(false);
  useEffect(() => {
    if (isOpen) void loadFixDiff();
  }, [isOpen, info, loadFixDiff]);
  const fix = info?.fix;
  if (!info || !fix) return null;
  const title = (id: string) => info.variants.find((v) => v.id === id)?.title ?? id;
  // A diff fetched for another scenario's pair waits for its own.
  const shown = diff && diff.bug === fix.bug && diff.fixed === fix.fixed ? diff : null;
  const count = (kind: 'added' | 'removed') => {
    const n = shown
      ? Object.values(shown.tasks)
          .flat()
          .filter((l) => l.kind === kind).length
      : 0;
    return `${n} line${n === 1 ? '' : 's'} ${kind}`;
  };
  return (
    <section className="card fix-diff" aria-labelledby="fix-diff-title">
      <h2 id="fix-diff-title">The fix, as a diff</h2>
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          {title(fix.bug)} → {title(fix.fixed)}
        </summary>
        {!shown ? (
          <p className="subtle">Comparing the two variants’ pseudo-code…</p>
        ) : (
          <>
            <p className="code-key">
              <span aria-hidden="true">+</span> {count('added')} by the fix ·{' '}
              <span aria-hidden="true">-</span> {count('removed')}
            </p>
            <div className="source-cols fix-diff-cols">
              {Object.entries(shown.tasks).map(([ref, lines], i) => {
                const name = info.lanes.find((l) => l.ref === ref)?.name ?? ref;
                return (
                  <div key={ref} className={`code-col task-${i + 1}`}>
                    <h3>{name}</h3>
                    <ol className="code diff" aria-label={`${name}, the fix as a diff`}>
                      {lines.map((l, k) => (
                        <DiffRow key={k} line={l} />
                      ))}
                    </ol>
                  </div>
                );
              })}
            </div>
          </>
        )}
      </details>
    </section>
  );
});
