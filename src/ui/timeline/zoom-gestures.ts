/**
 * The timeline's zoom gestures, with d3-zoom as the gesture engine only (STYLE.md). Loaded on
 * demand when the person first reaches the timeline (useTimelineZoom imports it), so d3-zoom and
 * what it pulls in are not part of the first view's JavaScript.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent } from 'd3-zoom';

const EPSILON = 1e-6;

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

export interface ZoomGestures {
  /** The zoom the gesture engine holds. */
  current(): number;
  scaleTo(k: number): void;
  setExtent(lo: number, hi: number): void;
  detach(): void;
}

/**
 * Attaches the gestures to the viewport: a change of scale is reported with where it happened
 * (viewport-relative y), and a pan as a scroll of the viewport. The viewport scrolls natively.
 */
export function attachZoom(
  el: HTMLDivElement,
  extent: readonly [number, number],
  initial: number,
  onScale: (k: number, anchorY: number) => void,
): ZoomGestures {
  const sel = select(el);
  // The engine starts at the zoom the page already shows (it lives in the store).
  let last = zoomIdentity.scale(initial);
  const z = zoom<HTMLDivElement, unknown>()
    .filter(isZoomGesture)
    .scaleExtent([extent[0], extent[1]])
    // Translation is not a position here (the viewport scrolls), only a source of pan deltas.
    .constrain((t) => t)
    .on('zoom', (e: D3ZoomEvent<HTMLDivElement, unknown>) => {
      const t = e.transform;
      const src: unknown = e.sourceEvent;
      if (Math.abs(t.k - last.k) > EPSILON) {
        onScale(t.k, anchorY(el, src));
      } else if (src instanceof MouseEvent && src.type === 'mousemove') {
        el.scrollBy(last.x - t.x, last.y - t.y);
      }
      last = t;
    });
  sel.call(z).on('dblclick.zoom', null);
  z.transform(sel, last);
  // Ctrl + wheel at the ends of the zoom range must not zoom the whole page instead.
  const keepPageZoom = (e: WheelEvent) => {
    if (e.ctrlKey || e.metaKey) e.preventDefault();
  };
  el.addEventListener('wheel', keepPageZoom, { passive: false });
  return {
    current: () => zoomTransform(el).k,
    scaleTo: (k) => z.scaleTo(sel, k),
    setExtent: (lo, hi) => void z.scaleExtent([lo, hi]),
    detach() {
      sel.on('.zoom', null);
      el.removeEventListener('wheel', keepPageZoom);
    },
  };
}
