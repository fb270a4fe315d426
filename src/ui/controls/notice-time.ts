import type { Notice } from '../../state/index.ts';

/** A first look at any notice, before its words are read. */
const GLANCE_MS = 5000;
/** About 200 words a minute, for text read while working on something else. */
const MS_PER_CHAR = 60;
/** Past this a notice is too long to read as it passes; Escape or Dismiss still close it early. */
const LONGEST_MS = 45_000;

/**
 * How long a notice stays before it closes by itself, scaled with its length; null for one that
 * stays until dismissed. A failure of the simulator stays: the page is not working as it should,
 * and the person has to know that whenever they look.
 */
export function noticeLifetime(notice: Notice): number | null {
  if (notice.kind === 'error') return null;
  const chars = [notice.title, ...notice.lines, notice.note ?? ''].join(' ').length;
  return Math.min(LONGEST_MS, GLANCE_MS + chars * MS_PER_CHAR);
}
