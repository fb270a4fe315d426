import { useShallow } from 'zustand/react/shallow';
import { cannotRunReason, capitalised, defaultComparison } from '../../state/index.ts';
import { useFocusAfterEdit } from '../timeline/useFocusAfterEdit.ts';
import { useActions, useApp } from '../useApp.ts';
import { runNextKey } from './shortcuts.ts';

/**
 * Editing the interleaving: choose which task runs next at the cursor (the Deadlock Empire
 * way), undo and redo, and the variant to compare with. Dragging and Alt+arrows happen on the
 * timeline itself; the hint says so. After an edit, focus moves to the step it changed.
 */
export function EditBar() {
  const a = useActions();
  const focusAfter = useFocusAfterEdit();
  const lanes = useApp((s) => s.sim.result?.info.lanes ?? []);
  const variants = useApp((s) => s.sim.result?.info.variants ?? []);
  const info = useApp((s) => s.sim.result?.info);
  const reasons = useApp(
    useShallow((s) => {
      const r = s.sim.result;
      return lanes.map((l) => (r ? cannotRunReason(r, s.playback.cursor, l.id) : 'loading'));
    }),
  );
  const cursor = useApp((s) => s.playback.cursor);
  const undoLabel = useApp((s) => s.history.past.at(-1)?.label ?? null);
  const redoLabel = useApp((s) => s.history.future.at(-1)?.label ?? null);
  const isBusy = useApp((s) => s.sim.requested !== null);
  const variant = useApp((s) => s.scenario.variant);
  const compare = useApp((s) => s.compare.variant);
  const partner = info ? defaultComparison(info, variant) : null;
  const others = [
    ...(partner ? [partner] : []),
    ...variants.map((v) => v.id).filter((v) => v !== variant && v !== partner),
  ];
  const titleOf = (id: string) => variants.find((v) => v.id === id)?.title ?? id;
  return (
    <div className="edit-bar">
      <div className="edit-row">
        <div className="tool-group" role="group" aria-label="Choose the next task">
          {lanes.map((l, i) => (
            <button
              key={l.id}
              type="button"
              className={`run-next task-${l.id}`}
              disabled={reasons[i] !== null || isBusy}
              title={
                reasons[i] ??
                `Rewrite the schedule so that task ${l.key} takes step ${cursor + 1}${runNextKey(i) ? ` (${runNextKey(i)})` : ''}`
              }
              aria-describedby={reasons[i] ? `run-next-why-${l.id}` : undefined}
              aria-keyshortcuts={runNextKey(i)}
              onClick={() => void focusAfter(() => a.chooseNext(l.id))}
            >
              <span className="task-dot" aria-hidden="true" />
              Run task {l.key} next
            </button>
          ))}
        </div>
        <div className="tool-group" role="group" aria-label="Undo and redo">
          <button
            type="button"
            disabled={!undoLabel}
            title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
            aria-keyshortcuts="Control+Z"
            onClick={() => void focusAfter(a.undo)}
          >
            <span aria-hidden="true">↶</span> Undo
          </button>
          <button
            type="button"
            disabled={!redoLabel}
            title={redoLabel ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            aria-keyshortcuts="Control+Shift+Z"
            onClick={() => void focusAfter(a.redo)}
          >
            <span aria-hidden="true">↷</span> Redo
          </button>
        </div>
        <div className="compare-pick">
          <label htmlFor="compare-with">Compare with…</label>
          <select
            id="compare-with"
            value={compare ?? ''}
            onChange={(e) => a.setCompare(e.target.value || null)}
          >
            <option value="">nothing</option>
            {others.map((v) => (
              <option key={v} value={v}>
                {titleOf(v)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="edit-hint">
        {lanes.map((l, i) =>
          reasons[i] && reasons[i] !== 'loading' ? (
            <span key={l.id} id={`run-next-why-${l.id}`} className="why-not">
              {capitalised(reasons[i]!)}.{' '}
            </span>
          ) : null,
        )}
        <span>
          Drag a step to reorder, or focus it and press <kbd>Alt</kbd>+<kbd>←</kbd> / <kbd>Alt</kbd>
          +<kbd>→</kbd>.
        </span>
      </p>
    </div>
  );
}
