import { memo } from 'react';
import type { CodeLine } from '../../core/index.ts';

/**
 * One line; memoised so a step re-renders only the lines whose marks change. `next` is set when
 * a task goes here next: the members' keys for a family, else empty.
 */
export const CodeRow = memo(function CodeRow({
  line,
  href,
  isCurrent,
  next,
}: {
  line: CodeLine;
  href: string | undefined;
  isCurrent: boolean;
  next: string | undefined;
}) {
  const cls = isCurrent ? 'current' : next !== undefined ? 'next' : undefined;
  const pad = { paddingLeft: `${line.indent * 2}ch` };
  return (
    <li className={cls} aria-current={isCurrent ? 'step' : undefined}>
      <span className="gutter-mark" aria-hidden="true" />
      {href ? (
        <a href={href} target="_blank" rel="noreferrer" style={pad}>
          {line.text}
        </a>
      ) : (
        <span style={pad}>{line.text}</span>
      )}
      {next && <span className="next-keys"> ▸ {next}</span>}
    </li>
  );
});
