import { useMemo } from 'react';
import type { SimOk } from '../../state/index.ts';

const NONE: readonly number[] = [];

/** Steps the scenario's notes talk about on this run, marked ✉ beside the axis. */
export function useNoteSteps(result: SimOk | null): readonly number[] {
  return useMemo(() => (result ? result.notes.map((n) => n.k) : NONE), [result]);
}
