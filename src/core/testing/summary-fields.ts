/**
 * What an exploration summary says, in the field names the engine's ExploreSummary and the oracles'
 * results share, and a way to pick them out of either so that toEqual compares exactly these.
 */
export const SUMMARY_FIELDS = [
  'reachableStates',
  'transitions',
  'terminalStates',
  'completeSchedules',
  'schedulesWith',
  'shortestWitness',
] as const;

/** The fields `keys` of `result` (by default SUMMARY_FIELDS). */
export function fieldsOf(
  result: object,
  keys: readonly string[] = SUMMARY_FIELDS,
): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (result as Record<string, unknown>)[k]]));
}
