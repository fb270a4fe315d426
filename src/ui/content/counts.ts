/**
 * Exploration figures in words: exact counts with digit grouping, and a share as counts.
 */
import { formatCount } from '../../state/index.ts';

export { formatCount };

/**
 * The rest of a share as counts, never as a rate: "130 of 51,327,549 schedules" reads as what it
 * is, where "1 in 394,827" reads like a probability no scheduler promises.
 */
export function ofTotal(total: bigint): string {
  return `of ${formatCount(total)} schedule${total === 1n ? '' : 's'}`;
}
