import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { SimOk } from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import { HEADER_HEIGHT, laneOf, revealScroll, type TimelineGeometry } from './layout.ts';

/**
 * The cursor line between steps and the ring around the step just taken (see PastBand). With a
 * `viewport`, stepping also scrolls the viewport, and only it, so the cursor's block is in view.
 */
export function CursorOverlay({
  g,
  result,
  viewport,
}: {
  g: TimelineGeometry;
  result: SimOk;
  viewport?: RefObject<HTMLElement | null>;
}) {
  const cursor = useApp((s) => s.playback.cursor);
  const playing = useApp((s) => s.playback.playing);
  const task = cursor > 0 ? result.trace.steps[cursor - 1]?.task : undefined;
  const y = g.y(Math.min(cursor, g.n));
  const lane = task ? laneOf(g, task) : undefined;
  const left = g.lanes[0]?.x ?? 0;

  // Follow the cursor when it moves (not when the zoom or the schedule changes under it). The
  // viewport has its height from the style sheet at the first layout, so a link that opens at
  // step 52 is followed on mount like any move. While playing, the rows glide, unless the person
  // asked for reduced motion: then, as when stepping, they jump.
  const followed = useRef<number | null>(null);
  const boxRef = useViewportBox(viewport);
  useLayoutEffect(() => {
    const el = viewport?.current;
    if (!el || followed.current === cursor) return;
    followed.current = cursor;
    // The viewport's scroll position and size as last seen (scroll events, ResizeObserver):
    // reading them here would force a style and layout pass in the middle of React's commit.
    const v = boxRef.current ?? readBox(el);
    const top = HEADER_HEIGHT + (lane ? g.y(cursor - 1) : y);
    const bottom = HEADER_HEIGHT + y;
    const scrollTop = revealScroll(v.top, v.height, top, bottom, g.rowHeight, HEADER_HEIGHT);
    const scrollLeft = lane
      ? revealScroll(v.left, v.width, lane.blockX, lane.blockX + lane.blockWidth, 8)
      : v.left;
    if (scrollTop !== v.top || scrollLeft !== v.left) {
      const glide = playing && !matchMedia('(prefers-reduced-motion: reduce)').matches;
      el.scrollTo({ top: scrollTop, left: scrollLeft, behavior: glide ? 'smooth' : 'instant' });
      // An instant scroll is done now; its scroll event comes a frame later, after the next
      // step may already have asked where the viewport is.
      if (!glide) boxRef.current = { ...v, top: scrollTop, left: scrollLeft };
    }
  }, [cursor, g, lane, y, viewport, playing, boxRef]);

  return (
    <>
      <div
        className="cursor-line"
        aria-hidden="true"
        style={{ left: left - 12, width: g.width - left + 10, transform: `translateY(${y}px)` }}
      />
      {lane && (
        <div
          className={`cursor-ring hue-${lane.hue}`}
          aria-hidden="true"
          style={{
            width: lane.blockWidth + 2,
            height: g.rowHeight + 1,
            transform: `translate(${lane.blockX - 1}px, ${g.y(cursor - 1)}px)`,
          }}
        />
      )}
    </>
  );
}

interface ViewportBox {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

function readBox(el: HTMLElement): ViewportBox {
  return { top: el.scrollTop, left: el.scrollLeft, height: el.clientHeight, width: el.clientWidth };
}

/**
 * The viewport's scroll position and size, kept up to date by its scroll events and a
 * ResizeObserver (both run when layout is already clean); null until first seen.
 */
function useViewportBox(viewport?: RefObject<HTMLElement | null>) {
  const box = useRef<ViewportBox | null>(null);
  useEffect(() => {
    const el = viewport?.current;
    if (!el) return;
    const read = () => {
      box.current = readBox(el);
    };
    read();
    el.addEventListener('scroll', read, { passive: true });
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      ro.disconnect();
      box.current = null;
    };
  }, [viewport]);
  return box;
}
