import { useShallow } from 'zustand/react/shallow';
import type { TaskId } from '../../core/index.ts';
import {
  cannotRunReason,
  defaultComparison,
  VARIANT_IDS,
  VARIANTS,
  type VariantId,
} from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';

const TASK_IDS: readonly TaskId[] = [1, 2];

/**
 * Editing the interleaving: choose which task runs next at the cursor (the Deadlock Empire
 * way), undo and redo, and the variant to compare with. Dragging and Alt+arrows happen on the
 * timeline itself; the hint says so.
 */
export function EditBar() {
  const a = useActions();
  const reasons = useApp(
    useShallow((s) => {
      const r = s.sim.result;
      return TASK_IDS.map((t) => (r ? cannotRunReason(r, s.playback.cursor, t) : 'loading'));
    }),
  );
  const cursor = useApp((s) => s.playback.cursor);
  const undoLabel = useApp((s) => s.history.past.at(-1)?.label ?? null);
  const redoLabel = useApp((s) => s.history.future.at(-1)?.label ?? null);
  const isBusy = useApp((s) => s.sim.requested !== null);
  const variant = useApp((s) => s.scenario.variant);
  const compare = useApp((s) => s.compare.variant);
  const partner = defaultComparison(variant);
  const others = [partner, ...VARIANT_IDS.filter((v) => v !== variant && v !== partner)];
  return (
    <div className="edit-bar">
      <div className="edit-row">
        <div className="tool-group" role="group" aria-label="Choose the next task">
          {TASK_IDS.map((t, i) => (
            <button
              key={t}
              type="button"
              className={`run-next task-${t}`}
              disabled={reasons[i] !== null || isBusy}
              title={
                reasons[i] ?? `Rewrite the schedule so that task ${t} takes step ${cursor + 1}`
              }
              aria-describedby={reasons[i] ? `run-next-why-${t}` : undefined}
              onClick={() => void a.chooseNext(t)}
            >
              <span className="task-dot" aria-hidden="true" />
              Run task {t} next
            </button>
          ))}
        </div>
        <div className="tool-group" role="group" aria-label="Undo and redo">
          <button
            type="button"
            disabled={!undoLabel}
            title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
            aria-keyshortcuts="Control+Z"
            onClick={() => void a.undo()}
          >
            <span aria-hidden="true">↶</span> Undo
          </button>
          <button
            type="button"
            disabled={!redoLabel}
            title={redoLabel ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            aria-keyshortcuts="Control+Shift+Z"
            onClick={() => void a.redo()}
          >
            <span aria-hidden="true">↷</span> Redo
          </button>
        </div>
        <div className="compare-pick">
          <label htmlFor="compare-with">Compare with…</label>
          <select
            id="compare-with"
            value={compare ?? ''}
            onChange={(e) => a.setCompare((e.target.value || null) as VariantId | null)}
          >
            <option value="">nothing</option>
            {others.map((v) => (
              <option key={v} value={v}>
                {VARIANTS[v].title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="edit-hint">
        {TASK_IDS.map((t, i) =>
          reasons[i] && reasons[i] !== 'loading' ? (
            <span key={t} id={`run-next-why-${t}`} className="why-not">
              Task {t} cannot run next: {reasons[i]!.replace(/^task \d+ /, 'it ')}.{' '}
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
