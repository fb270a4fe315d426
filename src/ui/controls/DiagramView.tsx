import { useEffect, useRef } from 'react';
import { useCopyStatus } from './useCopyStatus.ts';
import { useModalDialog } from './useModalDialog.ts';

/**
 * The schedule's e-mail diagram to read and copy by hand, for browsers that refuse the
 * clipboard: shown while `text` is set, its text selected so Ctrl+C copies it.
 */
export function DiagramView({ text, onClose }: { text: string | null; onClose: () => void }) {
  const ref = useModalDialog(text !== null);
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, copy] = useCopyStatus();
  useEffect(() => {
    if (text === null) return;
    const a = area.current;
    if (!a) return;
    a.focus();
    a.select();
    // Selecting scrolls to the end; the reader starts at the header.
    a.scrollTop = 0;
  }, [text]);
  const lines = text?.split('\n') ?? [];
  return (
    <dialog
      ref={ref}
      className="diagram-dialog"
      aria-labelledby="diagram-view-title"
      onClose={onClose}
    >
      <h2 id="diagram-view-title">This schedule as an e-mail diagram</h2>
      <p className="hint" id="diagram-view-hint">
        At most 80 columns, the notes as <code>====</code> lines: it survives a plain-text reply and
        its quoting. Pasted back into this page, it opens this schedule.
      </p>
      <textarea
        ref={area}
        readOnly
        aria-label="E-mail diagram"
        aria-describedby="diagram-view-hint"
        className="diagram-text"
        spellCheck={false}
        wrap="off"
        rows={Math.min(Math.max(lines.length, 4), 24)}
        cols={82}
        value={text ?? ''}
      />
      <div className="dialog-buttons">
        <span className="copy-status" role="status">
          {status === 'copied' && '✓ Copied'}
          {status === 'failed' && 'Could not copy: the text is selected, press Ctrl+C'}
        </span>
        <button
          type="button"
          onClick={async () => {
            if (await copy(text ?? '')) return;
            area.current?.focus();
            area.current?.select();
          }}
        >
          Copy
        </button>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </div>
    </dialog>
  );
}
