/**
 * Fates (src/core/explorer.ts) in words and shapes. Each fate has its own glyph as well as its
 * colour, so the shading reads without colour: filled = unavoidable, half = still open,
 * empty = no longer possible.
 */
import type { Fate } from '../../core/index.ts';

export const FATE_GLYPH: Readonly<Record<Fate, string>> = {
  doomed: '●',
  open: '◐',
  safe: '○',
};

/** "After step k, …" */
export const FATE_WORDS: Readonly<Record<Fate, string>> = {
  doomed: 'a bad outcome is unavoidable',
  open: 'a bad outcome is still possible but avoidable',
  safe: 'no bad outcome is possible any more',
};

/** Legend entries, in the order a schedule usually passes through them. */
export const FATE_LEGEND: readonly [Fate, string][] = [
  ['open', 'bug still avoidable'],
  ['doomed', 'bug unavoidable'],
  ['safe', 'bug no longer possible'],
];
