import { useApp } from './useApp.ts';

/** Where the scenario comes from: its model id and version, the thread and the commits. */
export function Provenance() {
  const info = useApp((s) => s.sim.result?.info);
  if (!info) return <footer className="footer" />;
  const thread = info.provenance?.thread ?? [];
  const commits = info.provenance?.commits ?? [];
  const first = thread[0];
  return (
    <footer className="footer">
      Model <code>{info.id}</code> version {info.version}
      {first && (
        <>
          , from the thread “{first.subject}” ({String(first.date).slice(0, 10)})
        </>
      )}
      {commits.length > 0 && (
        <>
          {' '}
          and commit{commits.length > 1 ? 's' : ''}{' '}
          {commits.map((c, i) => (
            <span key={c.hash}>
              {i > 0 && ', '}
              <code title={c.subject}>{c.hash}</code>
              {c.role && ` (${c.role})`}
            </span>
          ))}
        </>
      )}
      . The pseudo-code and notes are ours; source links go to elixir.bootlin.com.
    </footer>
  );
}
