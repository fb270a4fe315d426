import { useEffect, useRef } from 'react';

export const KEYS: readonly [string, string][] = [
  ['→', 'Step forward'],
  ['←', 'Step back'],
  ['Home', 'First step (the initial state)'],
  ['End', 'Last step'],
  ['Space', 'Play or pause'],
  ['Enter on a step', 'Move the cursor to that step'],
  ['Alt+← / Alt+→ on a step', 'Move that step one place earlier / later'],
  ['Ctrl+Z', 'Undo the last change to the schedule'],
  ['Ctrl+Shift+Z', 'Redo'],
  ['Escape while dragging', 'Cancel the drag'],
  ['?', 'Show or hide this list'],
];

/** The key list, as a modal dialog (Escape closes it). */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl>
        {KEYS.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">The keys work anywhere on the page except inside a menu.</p>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
