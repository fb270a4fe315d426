/**
 * Exploration figures in words: exact counts with digit grouping, and a share that stays
 * honest at both ends (130 of 51 million is "1 in 394,827", not "0.0 %").
 */
/**
 * Digits grouped by three with commas, as the CLI prints them. Not `toLocaleString()`: its first
 * call loads the locale's number data, a main-thread task of ~40 ms on a slow machine.
 */
export function formatCount(n: bigint | number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `part` of `total` in words: none, all, "1 in N", "all but N", or a percentage. */
export function formatShare(part: bigint, total: bigint): string {
  if (part === 0n || total === 0n) return 'none';
  if (part === total) return 'all';
  const p = Number(part) / Number(total);
  if (p < 0.01) return `1 in ${formatCount(Math.round(1 / p))}`;
  if (p > 0.99) return `all but ${formatCount(total - part)}`;
  return `${(p * 100).toFixed(1)} %`;
}
