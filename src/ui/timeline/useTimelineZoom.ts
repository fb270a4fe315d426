import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { useActions, useApp } from '../useApp.ts';
import type { ZoomGestures } from './zoom-gestures.ts';
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

/**
 * Zoom and pan for the timeline's viewport, with d3-zoom as the gesture engine only (STYLE.md,
 * zoom-gestures.ts, loaded when the person first reaches the timeline): it attaches to the viewport once, and reports a scale, which becomes React state, and pan
 * deltas, which scroll the viewport. The viewport scrolls natively, so scrollbars, the keyboard,
 * focus and `scrollIntoView` all keep working; zooming keeps the moment under the pointer in
 * place. The buttons of ZoomBar reach the same behaviour from the keyboard.
 *
 * `fitK` is the zoom at which the whole schedule fits (1 when it already does at full size); it
 * is also the smallest zoom offered. The zoom itself is the store's (`view.zoom`), like every
 * other piece of what the page shows.
 */
export function useTimelineZoom(
  viewport: RefObject<HTMLDivElement | null>,
  fitK: number,
): TimelineZoom {
  const k = useApp((s) => s.view.zoom);
  const { setZoom: setK } = useActions();
  const gestures = useRef<ZoomGestures | null>(null);
  /** The zoom the DOM shows, and a zoom change waiting for its render to re-anchor the scroll. */
  const rendered = useRef(k);
  const anchor = useRef<{ y: number; k0: number } | null>(null);
  const fitKRef = useRef(fitK);

  /** Loads the gesture engine and attaches it, once; resolves when it is attached. */
  const ensure = useRef<() => Promise<void>>(() => Promise.resolve());

  // The engine (d3-zoom and what it pulls in) loads on the first sign that the person may zoom:
  // the pointer, a finger or the focus entering the timeline, or a zoom button. The first view
  // does not wait for it.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    let alive = true;
    let loading: Promise<void> | null = null;
    const load = () =>
      (loading ??= import('./zoom-gestures.ts').then(({ attachZoom }) => {
        if (!alive) return;
        const z = attachZoom(el, [fitKRef.current, MAX_ZOOM], rendered.current, (k1, y) => {
          anchor.current = { y, k0: anchor.current?.k0 ?? rendered.current };
          setK(k1);
        });
        gestures.current = z;
      }));
    ensure.current = load;
    const triggers = ['pointerenter', 'touchstart', 'focusin'] as const;
    const onFirst = () => {
      for (const t of triggers) el.removeEventListener(t, onFirst);
      void load();
    };
    for (const t of triggers) el.addEventListener(t, onFirst, { passive: true });
    return () => {
      alive = false;
      for (const t of triggers) el.removeEventListener(t, onFirst);
      gestures.current?.detach();
      gestures.current = null;
    };
  }, [viewport, setK]);

  // The smallest zoom follows the schedule's length and the window's height.
  useEffect(() => {
    fitKRef.current = fitK;
    const z = gestures.current;
    if (!z) {
      // No gestures yet: keep the store's zoom within the range the engine will be given.
      const k0 = rendered.current;
      if (k0 < fitK - EPSILON) setK(fitK);
      return;
    }
    z.setExtent(fitK, MAX_ZOOM);
    const k0 = z.current();
    const k1 = Math.min(MAX_ZOOM, Math.max(fitK, k0));
    if (Math.abs(k1 - k0) > EPSILON) z.scaleTo(k1);
  }, [fitK, viewport, setK]);

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
    void ensure.current().then(() => {
      const z = gestures.current;
      if (z) z.scaleTo(f(z.current()));
    });
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
