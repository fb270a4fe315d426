import { KEY_GROUPS } from './shortcuts.ts';
import { useModalDialog } from './useModalDialog.ts';

/** The key list, as a modal dialog (Escape closes it). */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      {KEY_GROUPS.map((g) => (
        <div key={g.title} className="help-group">
          <h3>{g.title}</h3>
          <dl>
            {g.rows.map(({ keys, what }) => (
              <div key={keys}>
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      <p className="hint">
        The keys work anywhere on the page, except while typing in a field or inside a menu.
      </p>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
