import { useApp } from './useApp.ts';

/** Where the scenario comes from: its model id and version, the thread and the commits. */
export function Provenance() {
  const info = useApp((s) => s.sim.result?.info);
  if (!info) return <footer className="footer" />;
  const { thread, commits } = info.provenance;
  const first = thread[0];
  return (
    <footer className="footer">
      Model <code>{info.id}</code> version {info.version}
      {first && (
        <>
          , from the thread “
          <a href={first.url} target="_blank" rel="noreferrer">
            {first.subject}
          </a>
          ” ({first.date})
        </>
      )}
      {commits.length > 0 && (
        <>
          {' '}
          and commit{commits.length > 1 ? 's' : ''}{' '}
          {commits.map((c, i) => (
            <span key={c.hash}>
              {i > 0 && ', '}
              <a href={c.url} target="_blank" rel="noreferrer" title={c.subject}>
                <code>{c.hash}</code>
              </a>
              {c.role && ` (${c.role})`}
            </span>
          ))}
        </>
      )}
      . The pseudo-code and notes are ours; source links go to elixir.bootlin.com, messages to
      lore.kernel.org and commits to git.kernel.org.
    </footer>
  );
}
