/**
 * A step block's one line shared by its label and the fields it changed (`flags 0x301 → 0x0`,
 * as `replay` prints them), right-aligned in a smaller type. Rows keep their height: the
 * changes take room from the label, never a second line, so stepping and zooming move nothing.
 * The full text is always in the block's tooltip and description and in the changed-fields
 * panel.
 */
import { CHAR_PX, fitLabel } from './text-fit.ts';

/** Advance of the 9.5 px change text (DejaVu Sans Mono, 0.602 em). */
export const CHANGE_CHAR_PX = 5.72;
/** Between the label and the changes. */
export const CHANGE_GAP = 6;
/** The label keeps at least this share of the line, or its whole self if shorter… */
const LABEL_SHARE = 0.4;
/** …and never fewer characters than this (number and a recognisable name). */
const MIN_LABEL_CHARS = 10;

export interface StepText {
  readonly label: string;
  /** Empty when the step changed nothing or there is no room. */
  readonly changes: string;
}

/**
 * Fits `label` and `changes` into `room` px: all changes if they fit beside the label's share,
 * else the first and how many more (`flags 0x301 → 0x0 +2`), else only the first one's field
 * (`flags … +2`), else none. A value is never cut: `0x3…` would read as a value. The label
 * takes what is left.
 */
export function fitStepText(label: string, changes: readonly string[], room: number): StepText {
  if (changes.length === 0) return { label: fitLabel(label, room), changes: '' };
  const labelPx = label.length * CHAR_PX;
  const keep = Math.min(labelPx, Math.max(MIN_LABEL_CHARS * CHAR_PX, LABEL_SHARE * room));
  const free = room - keep - CHANGE_GAP;
  const more = changes.length > 1 ? ` +${changes.length - 1}` : '';
  // A change reads `field old → new`, and field names have no spaces.
  const candidates = [
    changes.join(', '),
    `${changes[0]}${more}`,
    `${changes[0].split(' ')[0]} …${more}`,
  ];
  const text = candidates.find((s) => s.length * CHANGE_CHAR_PX <= free);
  if (!text) return { label: fitLabel(label, room), changes: '' };
  return {
    label: fitLabel(label, room - text.length * CHANGE_CHAR_PX - CHANGE_GAP),
    changes: text,
  };
}
