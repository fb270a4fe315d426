/**
 * Exploration figures in words: exact counts with digit grouping, and a share as counts.
 */
/**
 * Digits grouped by three with commas, as the CLI prints them. Not `toLocaleString()`: its first
 * call loads the locale's number data, a main-thread task of ~40 ms on a slow machine.
 */
export function formatCount(n: bigint | number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The rest of a share as counts, never as a rate: "130 of 51,327,549 schedules" reads as what it
 * is, where "1 in 394,827" reads like a probability no scheduler promises.
 */
export function ofTotal(total: bigint): string {
  return `of ${formatCount(total)} schedule${total === 1n ? '' : 's'}`;
}
