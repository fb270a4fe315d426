import { useMemo } from 'react';
import { statesOf, stepIdsOf, VARIANTS, type SimOk } from '../../state/index.ts';
import { EMAIL_NOTES, placeNotes } from '../content/email-notes.ts';

const NONE: readonly number[] = [];

/**
 * Steps the page's notes talk about, marked ✉ beside the axis. The notes are page content
 * (src/ui/content) about one race, read through the store's bridge to it; until they come from
 * the scenario's data, an instance whose steps no note names has no marks, and its states are
 * never read in that race's terms.
 */
export function useNoteSteps(result: SimOk | null): readonly number[] {
  return useMemo(() => {
    if (!result) return NONE;
    const variant = VARIANTS[result.info.variant];
    const ids = stepIdsOf(result);
    if (!variant || !EMAIL_NOTES.some((n) => ids.includes(n.step))) return NONE;
    return placeNotes(ids, statesOf(result), variant).map((n) => n.k);
  }, [result]);
}
