import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SimOk } from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';
import { DropMarkers } from './DropMarkers.tsx';
import { dropIndexAt, HEADER_HEIGHT, ROW_HEIGHT, type TimelineGeometry } from './layout.ts';

/** How far the pointer must travel before a press on a step becomes a drag (a click otherwise). */
const DRAG_THRESHOLD_PX = 5;
/** Near the window's or the timeline viewport's top or bottom edge, a drag scrolls it. */
const SCROLL_EDGE_PX = 36;
/** The scrolling viewport around the timeline (Swimlanes). */
const VIEWPORT = '.swimlanes-viewport';

interface Pointer {
  readonly from: number;
  /** Stage-relative height of the pointer. */
  readonly y: number;
}

/**
 * Dragging a step to another place. Pointer events on the stage, the rows' layer (React owns
 * every node; this only listens): a press on a block that moves a few pixels starts a drag, which asks the worker
 * once for every drop place (`startDrag`). While dragging, each place is marked legal or illegal
 * with the core's reason; letting go calls `moveEvent`, and the core decides. Escape cancels.
 */
export function DragLayer({
  stage,
  g,
  result,
}: {
  stage: RefObject<HTMLDivElement | null>;
  g: TimelineGeometry;
  result: SimOk;
}) {
  const actions = useActions();
  const drag = useApp((s) => s.view.drag);
  const [pointer, setPointer] = useState<Pointer | null>(null);
  // The listeners live as long as the stage; they read the current geometry from a ref.
  const geo = useRef({ g, n: result.trace.steps.length });
  useEffect(() => {
    geo.current = { g, n: result.trace.steps.length };
  }, [g, result]);

  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    let press: { from: number; x: number; y: number; id: number } | null = null;
    let isDragging = false;
    const yOf = (clientY: number) => clientY - el.getBoundingClientRect().top;

    const swallowNextClick = () => {
      const stop = (e: MouseEvent) => {
        e.stopPropagation();
        e.preventDefault();
      };
      window.addEventListener('click', stop, { capture: true, once: true });
      // If no click follows (released outside the block), forget it.
      setTimeout(() => window.removeEventListener('click', stop, { capture: true }), 0);
    };

    const down = (e: PointerEvent) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const block = e.target instanceof Element ? e.target.closest('[data-index]') : null;
      if (!block || !el.contains(block)) return;
      press = {
        from: Number(block.getAttribute('data-index')),
        x: e.clientX,
        y: e.clientY,
        id: e.pointerId,
      };
    };
    const move = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      if (!isDragging) {
        if (Math.hypot(e.clientX - press.x, e.clientY - press.y) < DRAG_THRESHOLD_PX) return;
        isDragging = true;
        el.setPointerCapture(e.pointerId);
        void actions.startDrag(press.from);
      }
      e.preventDefault();
      if (e.clientY < SCROLL_EDGE_PX) window.scrollBy(0, -ROW_HEIGHT / 2);
      else if (e.clientY > window.innerHeight - SCROLL_EDGE_PX) window.scrollBy(0, ROW_HEIGHT / 2);
      const scroller = el.closest(VIEWPORT);
      if (scroller) {
        const r = scroller.getBoundingClientRect();
        if (e.clientY < r.top + HEADER_HEIGHT + SCROLL_EDGE_PX)
          scroller.scrollBy(0, -ROW_HEIGHT / 2);
        else if (e.clientY > r.bottom - SCROLL_EDGE_PX) scroller.scrollBy(0, ROW_HEIGHT / 2);
      }
      setPointer({ from: press.from, y: yOf(e.clientY) });
    };
    const up = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      const { from } = press;
      press = null;
      if (!isDragging) return;
      isDragging = false;
      swallowNextClick();
      setPointer(null);
      const { g: gg, n } = geo.current;
      void actions.moveEvent(from, dropIndexAt(gg, n, from, yOf(e.clientY)));
    };
    const cancel = () => {
      press = null;
      if (!isDragging) return;
      isDragging = false;
      setPointer(null);
      actions.cancelDrag();
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && isDragging) {
        e.preventDefault();
        cancel();
      }
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key);
    };
  }, [stage, actions]);

  if (!pointer || !drag || drag.from !== pointer.from) return null;
  const step = result.trace.steps[pointer.from];
  if (!step) return null;
  const n = result.trace.steps.length;
  const to = dropIndexAt(g, n, pointer.from, pointer.y);
  return (
    <DropMarkers
      g={g}
      from={pointer.from}
      to={to}
      y={pointer.y}
      task={step.task}
      label={step.short}
      targets={drag.targets}
    />
  );
}
