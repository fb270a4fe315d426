import { useCallback, useContext } from 'react';
import { StoreContext } from '../useApp.ts';
import { firstChangedStep } from './step-focus.ts';

/** The id of the main timeline's stage, where the step blocks are found to focus one. */
export const MAIN_TIMELINE_ID = 'main-timeline';

/** Focuses the main timeline's block of step `index` (0-based); false when there is none. */
export function focusStepBlock(index: number): boolean {
  const block = document
    .getElementById(MAIN_TIMELINE_ID)
    ?.querySelector<SVGElement>(`[data-index="${index}"]`);
  block?.focus();
  return block !== null && block !== undefined;
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Runs an edit (Run task N next, undo, redo) and then puts focus on the step it changed: the
 * first step whose turn differs, or, when only the cursor moved, the step at the cursor. A
 * refused edit changes neither, and focus stays where it was (on the control), next to the
 * notice that says why.
 */
export function useFocusAfterEdit(): (edit: () => Promise<unknown>) => Promise<void> {
  const store = useContext(StoreContext);
  return useCallback(
    async (edit) => {
      const before = store?.getState();
      await edit();
      const after = store?.getState();
      const r0 = before?.sim.result;
      const r1 = after?.sim.result;
      if (!before || !after || !r0 || !r1) return;
      const n = r1.trace.steps.length;
      const changed = r0 === r1 ? null : firstChangedStep(r0.trace.steps, r1.trace.steps);
      const cursor = after.playback.cursor;
      const target =
        changed !== null
          ? Math.min(changed, n - 1)
          : cursor !== before.playback.cursor && cursor > 0
            ? cursor - 1
            : null;
      if (target === null || target < 0) return;
      // The store has the new schedule; the blocks show it once React has committed.
      await nextFrame();
      focusStepBlock(target);
    },
    [store],
  );
}
