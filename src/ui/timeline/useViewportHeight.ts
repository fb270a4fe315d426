import { useEffect, useState } from 'react';

/** Room the page keeps above and below the timeline's viewport (the zoom bar, a margin). */
const PAGE_MARGIN = 96;
const MIN_HEIGHT = 320;

/**
 * The tallest the timeline's viewport may be: the window's height less a margin, so a long
 * schedule scrolls (and zooms) inside the timeline, with its headings in view, instead of
 * stretching the page.
 */
export function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const update = () => setHeight(window.innerHeight);
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return Math.max(MIN_HEIGHT, height - PAGE_MARGIN);
}
