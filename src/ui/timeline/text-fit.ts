/**
 * Fitting text into the timeline's boxes without measuring it: the timeline draws in DejaVu
 * Sans Mono (styles.css), whose advance is 0.602 em, so a label's width is its length times a
 * constant. The full text is always in the accessible name and the tooltip.
 */
import type { OutcomeDescription } from '../../core/index.ts';

/** Advance at 11.5 px (block labels). */
export const CHAR_PX = 6.93;
/** Advance at 10.5 px (wait labels, ticks). */
export const SMALL_CHAR_PX = 6.33;
/** Advance of the bold 11 px flag text. */
export const FLAG_CHAR_PX = 6.7;

/** `label`, or as much of it as fits `px` followed by an ellipsis. */
export function fitLabel(label: string, px: number, charPx = CHAR_PX): string {
  const max = Math.floor(px / charPx);
  if (label.length <= max) return label;
  return max <= 1 ? '…' : `${label.slice(0, max - 1)}…`;
}

/** The flag's words may take up to this share of a block; beyond it, ⚠ alone (the label wins). */
const FLAG_SHARE = 0.3;

/**
 * The outcome flag drawn at the right end of a block `blockWidth` wide: `⚠ splat`, or just `⚠`
 * when the words would crowd out the step's label. Empty when the step set no flag.
 */
export function flagText(
  flags: readonly Pick<OutcomeDescription, 'short'>[] | undefined,
  blockWidth: number,
): string {
  if (!flags || flags.length === 0) return '';
  const full = `⚠ ${flags.map((f) => f.short).join(', ')}`;
  return full.length * FLAG_CHAR_PX <= blockWidth * FLAG_SHARE ? full : '⚠';
}

/** The width `flagText` takes. */
export function flagWidth(text: string): number {
  return text.length * FLAG_CHAR_PX;
}
