import { memo } from 'react';
import type { DiffLine } from '../../core/index.ts';

/** The sign a diff gives each kind of line, and the word a screen reader says for it. */
const MARK: Readonly<Record<DiffLine['kind'], { sign: string; word: string }>> = {
  same: { sign: ' ', word: '' },
  added: { sign: '+', word: 'added: ' },
  removed: { sign: '-', word: 'removed: ' },
};

/**
 * One line of the fix's diff: its sign in the gutter (so the diff reads without colour), its
 * text as an insertion or a deletion, at its depth.
 */
export const DiffRow = memo(function DiffRow({ line }: { line: DiffLine }) {
  const { sign, word } = MARK[line.kind];
  const pad = { paddingLeft: `${line.line.indent * 2}ch` };
  const text = (
    <>
      {word && <span className="sr-only">{word}</span>}
      {line.line.text}
    </>
  );
  return (
    <li className={`diff-${line.kind}`}>
      <span className="gutter-mark" aria-hidden="true">
        {sign}
      </span>
      {line.kind === 'added' ? (
        <ins style={pad}>{text}</ins>
      ) : line.kind === 'removed' ? (
        <del style={pad}>{text}</del>
      ) : (
        <span style={pad}>{text}</span>
      )}
    </li>
  );
});
