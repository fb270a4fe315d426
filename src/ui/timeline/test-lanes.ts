/** Lanes the timeline's geometry tests lay out. Test support only. */
import type { LaneSpec } from './lanes.ts';

/** Lanes as a two-task scenario gives them: each task holds two locks. */
export const TWO: readonly LaneSpec[] = [
  { task: 1, key: '1', name: 'Task 1 — a', hue: 0, locks: ['spin', 'sem'] },
  { task: 2, key: '2', name: 'Task 2 — b', hue: 1, locks: ['spin', 'sem'] },
];

/** n + 1 lanes: task 1 and a family of n, each with its own instance of `sem`, and a shared `spin`. */
export function family(n: number): LaneSpec[] {
  return [
    { task: 1, key: '1', name: 'Task 1', hue: 0, locks: ['spin', 'sem.1'] },
    ...Array.from({ length: n }, (_, i) => ({
      task: i + 2,
      key: `2.${i + 1}`,
      name: 'Task 2',
      hue: 1,
      locks: ['spin', `sem.${i + 1}`],
    })),
  ];
}
