import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale } from './linear-scale.ts';

describe('linearScale', () => {
  it('maps the domain ends to the range ends and inverts', () => {
    const s = linearScale([0, 30], [40, 640]);
    expect(s(0)).toBe(40);
    expect(s(30)).toBe(640);
    expect(s(15)).toBe(340);
    expect(s.invert(340)).toBe(15);
  });

  it('ticks like d3: round values within the domain', () => {
    expect(linearScale([0, 30], [0, 1]).ticks(6)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(linearScale([0, 2], [100, 0]).ticks(3)).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it('invert is the inverse of the map', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, r0, w, t) => {
          const s = linearScale([0, n], [r0, r0 + w]);
          const v = t * n;
          expect(s.invert(s(v))).toBeCloseTo(v, 6);
        },
      ),
    );
  });
});
