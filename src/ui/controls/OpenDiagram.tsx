import { useEffect, useRef, useState } from 'react';
import type { Notice } from '../../state/index.ts';
import { useModalDialog } from './useModalDialog.ts';

/**
 * Where a diagram from an e-mail is pasted to open the schedule it draws. Shown while `text` is
 * set (the draft, kept while the dialog stays open). It closes once `onOpen` answers that the
 * schedule opened, and then calls `onOpened`. `refusal` is the store's notice when the
 * last try could not be opened, shown here too: the page's status line is behind the dialog.
 */
export function OpenDiagram({
  text,
  refusal,
  onText,
  onOpen,
  onOpened,
  onClose,
}: {
  text: string | null;
  refusal: Notice | null;
  onText: (text: string) => void;
  onOpen: (text: string) => Promise<boolean>;
  onOpened: () => void;
  onClose: () => void;
}) {
  const ref = useModalDialog(text !== null);
  const area = useRef<HTMLTextAreaElement>(null);
  const [isBusy, setBusy] = useState(false);
  const isOpen = text !== null;
  useEffect(() => {
    if (isOpen) area.current?.focus();
  }, [isOpen]);
  return (
    <dialog
      ref={ref}
      className="diagram-dialog"
      aria-labelledby="open-diagram-title"
      onClose={onClose}
    >
      <h2 id="open-diagram-title">Open a diagram</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const isOpened = await onOpen(text ?? '').finally(() => setBusy(false));
          if (!isOpened) return;
          // Closed now, not on the next render: closing gives focus back to the opener, and
          // `onOpened` may then move it on.
          ref.current?.close();
          onOpened();
        }}
      >
        <label htmlFor="open-diagram-text">Paste a diagram from an e-mail</label>
        <p className="hint" id="open-diagram-hint">
          One column per task under a header naming them, one call per line; quote markers,{' '}
          <code>====</code> lines and blank lines are fine. Pasting it anywhere on the page opens it
          too.
        </p>
        <textarea
          ref={area}
          id="open-diagram-text"
          aria-describedby="open-diagram-hint"
          className="diagram-text"
          spellCheck={false}
          wrap="off"
          rows={16}
          cols={82}
          value={text ?? ''}
          onChange={(e) => onText(e.target.value)}
        />
        <div role="alert" className="diagram-refusal">
          {refusal && (
            <>
              <p className="notice-title">
                <span aria-hidden="true">⚠</span> {refusal.title}
              </p>
              <ul>
                {refusal.lines.map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="dialog-buttons">
          <button type="submit" className="primary" disabled={isBusy || !text?.trim()}>
            Open
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
