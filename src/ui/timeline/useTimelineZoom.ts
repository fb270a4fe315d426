import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { anchoredScrollTop, MAX_ZOOM } from './layout.ts';

/** Each press of "Zoom in" or "Zoom out" scales rows by this much. */
const ZOOM_STEP = 1.5;
const EPSILON = 1e-6;

export interface TimelineZoom {
  /** Row zoom: 1 is ROW_HEIGHT per step. */
  readonly k: number;
  readonly canZoomIn: boolean;
  readonly canZoomOut: boolean;
  /** Already at the zoom that fits the whole schedule. */
  readonly isFit: boolean;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
}

/** Marks inside the timeline that take their own pointer presses (steps, links, buttons). */
const OWN_PRESS = '[data-index], [data-compare-index], button, a, input, select, textarea';

/**
 * Which events d3-zoom takes. A plain wheel scrolls the viewport natively (and the page at the
 * viewport's ends); Ctrl/⌘ + wheel and trackpad pinches (which arrive as Ctrl + wheel) zoom;
 * two fingers pinch-zoom while one finger scrolls natively; a left press on the background pans.
 * A press on a step is the drag-to-reorder's (DragLayer) and never starts a pan, and a press on
 * the viewport's own scrollbar is the browser's.
 */
function isZoomGesture(this: HTMLElement, e: Event): boolean {
  if (e.type === 'wheel') return (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey;
  if (e.type === 'touchstart') return (e as TouchEvent).touches.length >= 2;
  if (e.type !== 'mousedown') return false;
  const m = e as MouseEvent;
  if (m.button !== 0 || m.ctrlKey || m.metaKey || m.altKey || m.shiftKey) return false;
  if (m.target === this && (m.offsetX >= this.clientWidth || m.offsetY >= this.clientHeight))
    return false;
  return !(m.target instanceof Element && m.target.closest(OWN_PRESS));
}

/** Viewport-relative height of a zoom gesture: the pointer, the pinch's middle, or the middle. */
function anchorY(el: HTMLElement, src: unknown): number {
  const top = el.getBoundingClientRect().top;
  const clamp = (y: number) => Math.max(0, Math.min(el.clientHeight, y - top));
  if (src instanceof MouseEvent) return clamp(src.clientY);
  if (typeof TouchEvent !== 'undefined' && src instanceof TouchEvent && src.touches.length > 0) {
    const ys = [...src.touches].map((t) => t.clientY);
    return clamp(ys.reduce((a, b) => a + b, 0) / ys.length);
  }
  return el.clientHeight / 2;
}

/**
 * Zoom and pan for the timeline's viewport, with d3-zoom as the gesture engine only (STYLE.md):
 * it attaches to the viewport once, and reports a scale, which becomes React state, and pan
 * deltas, which scroll the viewport. The viewport scrolls natively, so scrollbars, the keyboard,
 * focus and `scrollIntoView` all keep working; zooming keeps the moment under the pointer in
 * place. The buttons of ZoomBar reach the same behaviour from the keyboard.
 *
 * `fitK` is the zoom at which the whole schedule fits (1 when it already does at full size); it
 * is also the smallest zoom offered. The zoom is the page's own, not yet in the store's `view`.
 */
export function useTimelineZoom(
  viewport: RefObject<HTMLDivElement | null>,
  fitK: number,
): TimelineZoom {
  const [k, setK] = useState(1);
  const behaviour = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  /** The zoom the DOM shows, and a zoom change waiting for its render to re-anchor the scroll. */
  const rendered = useRef(1);
  const anchor = useRef<{ y: number; k0: number } | null>(null);
  const fitKRef = useRef(fitK);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const sel = select(el);
    let last = zoomIdentity;
    const z = zoom<HTMLDivElement, unknown>()
      .filter(isZoomGesture)
      .scaleExtent([fitKRef.current, MAX_ZOOM])
      // Translation is not a position here (the viewport scrolls), only a source of pan deltas.
      .constrain((t) => t)
      .on('zoom', (e: D3ZoomEvent<HTMLDivElement, unknown>) => {
        const t = e.transform;
        const src: unknown = e.sourceEvent;
        if (Math.abs(t.k - last.k) > EPSILON) {
          const y = anchorY(el, src);
          anchor.current = { y, k0: anchor.current?.k0 ?? rendered.current };
          setK(t.k);
        } else if (src instanceof MouseEvent && src.type === 'mousemove') {
          el.scrollBy(last.x - t.x, last.y - t.y);
        }
        last = t;
      });
    sel.call(z).on('dblclick.zoom', null);
    // Ctrl + wheel at the ends of the zoom range must not zoom the whole page instead.
    const keepPageZoom = (e: WheelEvent) => {
      if (e.ctrlKey || e.metaKey) e.preventDefault();
    };
    el.addEventListener('wheel', keepPageZoom, { passive: false });
    behaviour.current = z;
    return () => {
      sel.on('.zoom', null);
      el.removeEventListener('wheel', keepPageZoom);
      behaviour.current = null;
    };
  }, [viewport]);

  // The smallest zoom follows the schedule's length and the window's height.
  useEffect(() => {
    fitKRef.current = fitK;
    const z = behaviour.current;
    const el = viewport.current;
    if (!z || !el) return;
    z.scaleExtent([fitK, MAX_ZOOM]);
    const k0 = zoomTransform(el).k;
    const k1 = Math.min(MAX_ZOOM, Math.max(fitK, k0));
    if (Math.abs(k1 - k0) > EPSILON) z.scaleTo(select(el), k1);
  }, [fitK, viewport]);

  // After the rows are redrawn at the new zoom, scroll so the anchor stays put.
  useLayoutEffect(() => {
    const el = viewport.current;
    const a = anchor.current;
    anchor.current = null;
    if (el && a && Math.abs(a.k0 - k) > EPSILON) {
      el.scrollTo({ top: anchoredScrollTop(el.scrollTop, a.y, a.k0, k) });
    }
    rendered.current = k;
  }, [k, viewport]);

  const scaleTo = (f: (k0: number) => number) => {
    const z = behaviour.current;
    const el = viewport.current;
    if (z && el) z.scaleTo(select(el), f(zoomTransform(el).k));
  };
  return {
    k,
    canZoomIn: k < MAX_ZOOM - EPSILON,
    canZoomOut: k > fitK + EPSILON,
    isFit: Math.abs(k - fitK) <= EPSILON,
    zoomIn: () => scaleTo((k0) => k0 * ZOOM_STEP),
    zoomOut: () => scaleTo((k0) => k0 / ZOOM_STEP),
    fit: () => scaleTo(() => fitK),
  };
}
