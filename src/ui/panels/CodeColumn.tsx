import { memo } from 'react';
import type { CodeLine } from '../../core/index.ts';
import { CodeRow } from './CodeRow.tsx';

/** One task's pseudo-code; a task family's members are marked by their keys. */
export const CodeColumn = memo(function CodeColumn({
  column,
  title,
  keys,
  lines,
  urls,
  current,
  next,
}: {
  column: number;
  title: string;
  keys: readonly string[];
  lines: readonly CodeLine[];
  urls: ReadonlyMap<string, string>;
  current: string | undefined;
  next: ReadonlyMap<string, readonly string[]>;
}) {
  const many = keys.length > 1;
  return (
    <div className={`code-col task-${column}`}>
      <h3>
        {title}
        {many && <span className="subtle"> tasks {keys.join(', ')}</span>}
      </h3>
      <ol className="code" aria-label={`${title}, pseudo-code`}>
        {lines.map((l, i) => {
          const goes = l.step !== undefined && l.step !== current ? next.get(l.step) : undefined;
          return (
            <CodeRow
              key={i}
              line={l}
              href={(l.step && urls.get(l.step)) ?? l.href}
              isCurrent={l.step !== undefined && l.step === current}
              next={goes && many ? goes.join(', ') : goes ? '' : undefined}
            />
          );
        })}
      </ol>
      <p className="code-key">
        <span aria-hidden="true">●</span> step at the cursor · <span aria-hidden="true">▸</span>{' '}
        where {many ? 'each task' : `task ${keys[0]}`} goes next
      </p>
    </div>
  );
});
