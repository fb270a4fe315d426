import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { Fate } from '../../core/index.ts';
import type { SimOk } from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';
import type { TimelineGeometry } from './layout.ts';
import { StepBlock } from './StepBlock.tsx';
import { rovingTarget } from './step-focus.ts';
import { flagsByStep, turnKeys } from './step-marks.ts';

const NO_CHANGES: readonly string[] = [];

/** The step index (0-based) of the block an event happened on, or null. */
function blockIndexOf(target: EventTarget | null): number | null {
  const block = target instanceof Element ? target.closest('[data-index]') : null;
  return block ? Number(block.getAttribute('data-index')) : null;
}

/** The turn that last had focus: its key follows it when it moves; its index is the fallback. */
interface FocusedTurn {
  readonly key: string;
  readonly index: number;
  readonly isIn: boolean;
}

/**
 * The editable timeline's steps; only the blocks whose drawing changed re-render.
 *
 * The steps are one Tab stop (a roving tabindex): while focus is in the timeline the focused
 * step has tabIndex 0; otherwise the step at the cursor does, or at the start the step focused
 * last. Arrows, Home and End move focus between steps in schedule order, and the cursor follows
 * the focused step, as it follows the page's own ← and →: what you focus is what the panels show.
 */
export function Blocks({
  result,
  g,
  fates,
  hasFateColumn,
  divergence,
}: {
  result: SimOk;
  g: TimelineGeometry;
  fates: readonly Fate[];
  hasFateColumn: boolean;
  divergence: number | null;
}) {
  const { setCursor, pause } = useActions();
  const cursor = useApp((s) => s.playback.cursor);
  const dragFrom = useApp((s) => s.view.drag?.from ?? null);
  const flags = useMemo(() => flagsByStep(result), [result]);
  const keys = useMemo(() => turnKeys(result.trace.steps), [result]);
  const group = useRef<SVGGElement>(null);
  const [focused, setFocused] = useState<FocusedTurn | null>(null);
  const n = result.trace.steps.length;
  const keyIndex = focused ? keys.indexOf(focused.key) : -1;
  const focusedIndex = keyIndex >= 0 ? keyIndex : focused ? Math.min(focused.index, n - 1) : -1;
  const tabStop =
    focused?.isIn && focusedIndex >= 0
      ? focusedIndex
      : cursor > 0
        ? Math.min(cursor - 1, n - 1)
        : Math.max(focusedIndex, 0);

  const focusBlock = (index: number) =>
    group.current?.querySelector<SVGElement>(`[data-index="${index}"]`)?.focus();

  // A schedule change can take the focused block away (a shorter run, an undo): focus its place
  // rather than let it fall to the page's body.
  useEffect(() => {
    if (focused?.isIn && document.activeElement === document.body) focusBlock(tabStop);
  });

  const onFocus = (e: FocusEvent) => {
    const i = blockIndexOf(e.target);
    if (i !== null && keys[i] !== undefined) setFocused({ key: keys[i], index: i, isIn: true });
  };
  const onBlur = (e: FocusEvent) => {
    if (group.current?.contains(e.relatedTarget as Node | null)) return;
    setFocused((f) => (f ? { ...f, isIn: false } : f));
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const i = blockIndexOf(e.target);
    const to = i === null ? null : rovingTarget(e.key, i, n);
    if (to === null) return;
    // The page's own ←/→/Home/End step the cursor; inside the timeline these keys are ours.
    e.preventDefault();
    e.stopPropagation();
    pause();
    setCursor(to + 1);
    focusBlock(to);
  };
  return (
    <g ref={group} onFocus={onFocus} onBlur={onBlur} onKeyDown={onKey}>
      {result.trace.steps.map((st) => (
        <StepBlock
          key={keys[st.index]}
          step={st}
          g={g}
          isCurrent={st.index + 1 === cursor}
          isTabStop={st.index === tabStop}
          flags={flags.get(st.index + 1)}
          fate={fates[st.index + 1]}
          hasFateColumn={hasFateColumn}
          isDivergence={divergence === st.index}
          isDragged={dragFrom === st.index}
          changes={result.changes[st.index] ?? NO_CHANGES}
        />
      ))}
    </g>
  );
}
