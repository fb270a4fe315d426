import { useLayoutEffect, useState, type RefObject } from 'react';

/** Before the first layout: the window's height less the room above the timeline. */
const PAGE_MARGIN = 96;
const MIN_HEIGHT = 320;

/**
 * The tallest the timeline's viewport may be, as the style sheet sizes it: its `max-height`
 * where it has one (the timeline under the controls, as tall as the window allows), else its
 * height (the timeline docked in a one-screen layout, as tall as its pane). A long schedule
 * scrolls and zooms inside it, with its headings in view, instead of stretching the page; "Fit"
 * zooms the schedule to this height.
 */
export function useViewportHeight(viewport: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(() =>
    Math.max(MIN_HEIGHT, window.innerHeight - PAGE_MARGIN),
  );
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const update = () => {
      const max = parseFloat(getComputedStyle(el).maxHeight);
      const h = Number.isFinite(max) ? max : el.clientHeight;
      if (h > 0) setHeight(Math.floor(h));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    window.addEventListener('resize', update);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [viewport]);
  return height;
}
