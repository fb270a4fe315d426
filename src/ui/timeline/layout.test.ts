import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AXIS_WIDTH,
  blockedExtent,
  dropIndexAt,
  dropMarkerY,
  GUTTER,
  HEADER_HEIGHT,
  holdExtent,
  MIN_WIDTH,
  ROW_HEIGHT,
  rowMid,
  timelineLayout,
} from './layout.ts';

describe('timeline layout', () => {
  it('maps state boundaries to rows and puts the cursor between blocks', () => {
    const g = timelineLayout(30, 640);
    expect(g.y(0)).toBe(HEADER_HEIGHT);
    expect(g.y(30)).toBe(HEADER_HEIGHT + 30 * ROW_HEIGHT);
    expect(rowMid(g, 1)).toBe(HEADER_HEIGHT + ROW_HEIGHT / 2);
    expect(g.ticks.map((t) => t.k)).toEqual([0, 5, 10, 15, 20, 25, 30]);
  });

  it('splits the width into two mirrored lanes around the gutter', () => {
    const g = timelineLayout(30, 640);
    const [l1, l2] = g.lanes;
    expect(l1.x).toBe(AXIS_WIDTH);
    expect(l2.x - (l1.x + l1.width)).toBe(GUTTER);
    expect(l1.width).toBe(l2.width);
    // Lock columns face the gutter on both sides.
    expect(l1.lockX.mmap_lock).toBeGreaterThan(l1.blockX + l1.blockWidth);
    expect(l2.lockX.mmap_lock).toBeLessThan(l2.blockX);
    expect(l1.innerX).toBe(l1.x + l1.width);
    expect(l2.innerX).toBe(l2.x);
  });

  it('never lays out narrower than the minimum, and lanes always fit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 4000 }), (n, w) => {
        const g = timelineLayout(n, w);
        expect(g.width).toBeGreaterThanOrEqual(MIN_WIDTH);
        expect(g.lanes[1].x + g.lanes[1].width).toBeLessThanOrEqual(g.width);
        expect(g.lanes[0].blockWidth).toBeGreaterThan(150);
        expect(g.height).toBeGreaterThan(g.y(Math.max(n, 1)));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('draws holds from acquisition to release and waits beside the other task', () => {
    const g = timelineLayout(30, 640);
    // mmap_lock read held by task 1 from step 19 to step 22 in the e-mail schedule.
    expect(holdExtent(g, 19, 22)).toEqual({ y0: rowMid(g, 19), y1: rowMid(g, 22) });
    expect(holdExtent(g, 0, null)).toEqual({ y0: g.y(0), y1: g.y(30) });
    // Task 1 blocked in state 9 only: it waits beside step 10 (t2_mmap_write_unlock).
    expect(blockedExtent(g, 9, 9)).toEqual({ y0: g.y(9), y1: g.y(10) });
    expect(blockedExtent(g, 28, 30)).toEqual({ y0: g.y(28), y1: g.y(30) });
  });

  it('turns a drop height into the index the dragged turn takes, and back', () => {
    const g = timelineLayout(30, 640);
    const from = 18;
    // The boundaries just above and below the dragged block both mean "stay".
    expect(dropIndexAt(g, 30, from, g.y(18))).toBe(18);
    expect(dropIndexAt(g, 30, from, g.y(19))).toBe(18);
    expect(dropIndexAt(g, 30, from, g.y(3) + 4)).toBe(3);
    expect(dropIndexAt(g, 30, from, g.y(25) - 4)).toBe(24);
    expect(dropIndexAt(g, 30, from, -100)).toBe(0);
    expect(dropIndexAt(g, 30, from, 1e6)).toBe(29);
    for (let to = 0; to < 30; to++) {
      if (to === from) continue;
      expect(dropIndexAt(g, 30, from, dropMarkerY(g, from, to))).toBe(to);
    }
  });
});
