import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstChangedStep, rovingTarget, type TurnLike } from './step-focus.ts';

const turn = fc.record({ task: fc.integer({ min: 1, max: 3 }), stepId: fc.constantFrom('a', 'b') });
const same = (a: TurnLike, b: TurnLike) => a.task === b.task && a.stepId === b.stepId;

describe('roving focus in the timeline', () => {
  it('moves one step with the arrows and jumps with Home and End', () => {
    expect(rovingTarget('ArrowDown', 0, 30)).toBe(1);
    expect(rovingTarget('ArrowRight', 0, 30)).toBe(1);
    expect(rovingTarget('ArrowUp', 5, 30)).toBe(4);
    expect(rovingTarget('ArrowLeft', 5, 30)).toBe(4);
    expect(rovingTarget('Home', 17, 30)).toBe(0);
    expect(rovingTarget('End', 3, 30)).toBe(29);
  });

  it('stops at the ends instead of wrapping', () => {
    expect(rovingTarget('ArrowUp', 0, 30)).toBe(0);
    expect(rovingTarget('ArrowDown', 29, 30)).toBe(29);
  });

  it('leaves other keys, and an empty timeline, alone', () => {
    for (const key of ['Enter', ' ', 'Tab', 'e', 'PageDown']) {
      expect(rovingTarget(key, 3, 30)).toBeNull();
    }
    expect(rovingTarget('End', 0, 0)).toBeNull();
  });

  it('always lands on a step, at most one away for an arrow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.nat(60),
        fc.constantFrom('ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'),
        (count, at, key) => {
          const index = Math.min(at, count - 1);
          const to = rovingTarget(key, index, count)!;
          expect(to).toBeGreaterThanOrEqual(0);
          expect(to).toBeLessThan(count);
          if (key.startsWith('Arrow')) expect(Math.abs(to - index)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('the step an edit changed', () => {
  it('is the first turn that differs', () => {
    const a = [
      { task: 1, stepId: 'x' },
      { task: 2, stepId: 'y' },
      { task: 1, stepId: 'z' },
    ];
    expect(firstChangedStep(a, a)).toBeNull();
    expect(firstChangedStep(a, [a[0]!, a[2]!, a[1]!])).toBe(1);
    expect(firstChangedStep(a, [a[0]!, { task: 2, stepId: 'q' }, a[2]!])).toBe(1);
    expect(firstChangedStep(a, a.slice(0, 2))).toBe(2);
    expect(firstChangedStep([], a)).toBe(0);
  });

  it('has an equal prefix before it and a difference at it (brute force over prefixes)', () => {
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 8 }), fc.array(turn, { maxLength: 8 }), (a, b) => {
        const k = firstChangedStep(a, b);
        // The longest common prefix, found by trying every length.
        let lcp = 0;
        for (let i = 0; i <= Math.min(a.length, b.length); i++) {
          if (a.slice(0, i).every((t, j) => same(t, b[j]!))) lcp = i;
        }
        const isSame = a.length === b.length && lcp === a.length;
        expect(k).toBe(isSame ? null : lcp);
      }),
    );
  });
});
