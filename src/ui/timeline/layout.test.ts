import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LaneSpec } from './lanes.ts';
import { family, TWO } from './test-lanes.ts';
import {
  anchoredScrollTop,
  AXIS_WIDTH,
  blockedExtent,
  dropIndexAt,
  dropMarkerY,
  fitZoom,
  GUTTER,
  handOffPath,
  HEADER_HEIGHT,
  holdExtent,
  LOCK_COL,
  LOCK_GAP,
  MAX_ZOOM,
  MIN_BLOCK_WIDTH,
  MIN_WIDTH,
  MIN_ZOOM,
  NARROW_GUTTER,
  revealScroll,
  ROW_HEIGHT,
  rowMid,
  tailHeight,
  timelineLayout,
  TOP_PAD,
  waitArrow,
} from './layout.ts';

describe('timeline layout', () => {
  it('maps state boundaries to rows and puts the cursor between blocks', () => {
    const g = timelineLayout(30, 640, TWO);
    expect(g.y(0)).toBe(TOP_PAD);
    expect(g.y(30)).toBe(TOP_PAD + 30 * ROW_HEIGHT);
    expect(rowMid(g, 1)).toBe(TOP_PAD + ROW_HEIGHT / 2);
    expect(g.ticks.map((t) => t.k)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(g.endY).toBe(g.y(30));
    expect(g.bottom).toBe(g.endY);
    expect(g.detail).toBe('full');
  });

  it('lays lanes out left to right in the given order, hold columns first', () => {
    const g = timelineLayout(30, 640, TWO);
    const [l1, l2] = g.lanes;
    expect(l1.x).toBe(AXIS_WIDTH);
    expect(l2.x - (l1.x + l1.width)).toBe(GUTTER);
    expect(l1.blockWidth).toBe(l2.blockWidth);
    expect(l1.lockX.get('spin')).toBe(l1.x + LOCK_GAP);
    expect(l1.lockX.get('sem')).toBe(l1.x + 2 * LOCK_GAP + LOCK_COL);
    expect(l1.blockX).toBe(l1.x + 2 * (LOCK_COL + LOCK_GAP) + LOCK_GAP);
    expect(l2.lockX.get('sem')! - l2.x).toBe(l1.lockX.get('sem')! - l1.x);
    expect(g.byTask.get(2)).toBe(l2);
    expect(l2.key).toBe('2');
  });

  it('gives N lanes narrower blocks, and scrolls rather than go below the minimum', () => {
    const widths = [1, 2, 4, 8].map((n) => timelineLayout(30, 900, family(n)).lanes[0].blockWidth);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThanOrEqual(widths[i - 1]);
    const five = timelineLayout(62, 900, family(4));
    expect(five.lanes.map((l) => l.key)).toEqual(['1', '2.1', '2.2', '2.3', '2.4']);
    expect(five.width).toBe(900);
    // Many lanes share the width with narrower gutters.
    expect(five.gutter).toBe(NARROW_GUTTER);
    expect(five.lanes[1].x - (five.lanes[0].x + five.lanes[0].width)).toBe(NARROW_GUTTER);
    expect(timelineLayout(62, 900, family(2)).gutter).toBe(GUTTER);
    const many = timelineLayout(62, 900, family(12));
    expect(many.lanes[0].blockWidth).toBe(MIN_BLOCK_WIDTH);
    expect(many.width).toBeGreaterThan(900);
  });

  it('gives every lane a column for each of its locks, whatever their names', () => {
    const lanes: LaneSpec[] = [
      { task: 1, key: 'a', name: 'A', hue: 0, locks: [] },
      { task: 2, key: 'b', name: 'B', hue: 1, locks: ['x', 'y', 'z'] },
      { task: 3, key: 'c', name: 'C', hue: 2, locks: ['y'] },
    ];
    const g = timelineLayout(10, 800, lanes);
    expect([...g.lanes[0].lockX]).toEqual([]);
    expect(g.lanes[0].blockX).toBe(g.lanes[0].x + LOCK_GAP);
    const xs = [...g.lanes[1].lockX.values()];
    expect(xs).toEqual([0, 1, 2].map((i) => g.lanes[1].x + LOCK_GAP + i * (LOCK_COL + LOCK_GAP)));
    expect(g.lanes[2].lockX.get('y')).toBe(g.lanes[2].x + LOCK_GAP);
  });

  it('never lays out narrower than the minimum, and lanes always fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: MIN_ZOOM, max: MAX_ZOOM, noNaN: true }),
        (n, w, lanes, zoom) => {
          const g = timelineLayout(n, w, family(lanes - 1), { zoom });
          expect(g.width).toBeGreaterThanOrEqual(MIN_WIDTH);
          const last = g.lanes[g.lanes.length - 1];
          expect(last.x + last.width).toBeLessThanOrEqual(g.width);
          for (const l of g.lanes) expect(l.blockWidth).toBeGreaterThanOrEqual(MIN_BLOCK_WIDTH);
          for (let i = 1; i < g.lanes.length; i++)
            expect(g.lanes[i].x).toBeGreaterThanOrEqual(g.lanes[i - 1].x + g.lanes[i - 1].width);
          expect(g.height).toBeGreaterThan(g.y(Math.max(n, 1)));
          expect(g.rowHeight).toBeCloseTo(ROW_HEIGHT * zoom);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('zoom scales rows only, and drops labels, then numbers, as rows shrink', () => {
    const g1 = timelineLayout(62, 800, family(4));
    const g2 = timelineLayout(62, 800, family(4), { zoom: 0.5 });
    expect(g2.lanes).toEqual(g1.lanes);
    expect(g2.y(62) - g2.y(0)).toBeCloseTo((g1.y(62) - g1.y(0)) / 2);
    expect(g1.detail).toBe('full');
    expect(g2.detail).toBe('number');
    expect(timelineLayout(62, 800, TWO, { zoom: 0.3 }).detail).toBe('none');
    // Ticks stay about 110 px apart: sparser when zoomed out.
    expect(g2.ticks.length).toBeLessThan(g1.ticks.length);
    expect(timelineLayout(10, 800, TWO, { zoom: 99 }).zoom).toBe(MAX_ZOOM);
  });

  it('draws holds from acquisition to release and waits beside the other tasks', () => {
    const g = timelineLayout(30, 640, TWO);
    // mmap_lock read held by task 1 from step 19 to step 22 in the e-mail schedule.
    expect(holdExtent(g, 19, 22)).toEqual({ y0: rowMid(g, 19), y1: rowMid(g, 22) });
    expect(holdExtent(g, 0, null)).toEqual({ y0: g.y(0), y1: g.y(30) });
    // Task 1 blocked in state 9 only: it waits beside step 10 (t2_mmap_write_unlock).
    expect(blockedExtent(g, 9, 9)).toEqual({ y0: g.y(9), y1: g.y(10) });
    expect(blockedExtent(g, 28, 30)).toEqual({ y0: g.y(28), y1: g.y(30) });
  });

  it('gives a run that ends stuck a tail, through which final holds and waits run', () => {
    const g = timelineLayout(10, 640, TWO, { tailRows: 2 });
    expect(g.bottom).toBe(g.endY + tailHeight(2));
    expect(g.height).toBeGreaterThan(g.bottom);
    expect(holdExtent(g, 1, null).y1).toBe(g.bottom);
    // Blocked only in the final state: the wait is all tail.
    expect(blockedExtent(g, 10, 10)).toEqual({ y0: g.endY, y1: g.bottom });
    expect(blockedExtent(g, 7, 10)).toEqual({ y0: g.y(7), y1: g.bottom });
    expect(blockedExtent(g, 3, 4)).toEqual({ y0: g.y(3), y1: g.y(5) });
  });

  it('points wait-for arrows from the waiter to the holder’s hold column, in rows below the end', () => {
    const g = timelineLayout(10, 640, TWO, { tailRows: 2 });
    const [l1, l2] = g.lanes;
    const a = waitArrow(g, 0, 1, 2, null);
    expect(a.x0).toBe(l1.blockX + l1.blockWidth / 2);
    expect(a.x1).toBe(l2.blockX - 2);
    const b = waitArrow(g, 1, 2, 1, 'spin');
    expect(b.x0).toBe(l2.blockX + l2.blockWidth / 2);
    expect(b.x1).toBe(l1.lockX.get('spin')! + LOCK_COL + 2);
    expect(a.y).toBeGreaterThan(g.endY);
    expect(b.y).toBeGreaterThan(a.y);
    expect(b.y).toBeLessThan(g.bottom);
  });

  it('runs hand-off arrows between facing edges of any two lanes', () => {
    const g = timelineLayout(30, 1200, family(3));
    const [l1, , , l4] = g.lanes;
    expect(handOffPath(g, 1, 3, 4, 9)).toBe(
      `M${l1.x + l1.width},${rowMid(g, 3)} C${(l1.x + l1.width + l4.x) / 2},${rowMid(g, 3)} ${(l1.x + l1.width + l4.x) / 2},${rowMid(g, 9)} ${l4.x},${rowMid(g, 9)}`,
    );
    expect(handOffPath(g, 4, 3, 1, 9).startsWith(`M${l4.x},`)).toBe(true);
    expect(handOffPath(g, 4, 3, 1, 9).endsWith(`${l1.x + l1.width},${rowMid(g, 9)}`)).toBe(true);
  });

  it('turns a drop height into the index the dragged turn takes, and back', () => {
    const g = timelineLayout(30, 640, TWO);
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

describe('zoom and scrolling maths', () => {
  it('fits the schedule in the viewport, never zooming in and never below the minimum', () => {
    // 30 rows at full size need 52 + 6 + 660 + 12 = 730 px.
    expect(fitZoom(30, 0, 730)).toBe(1);
    expect(fitZoom(30, 0, 2000)).toBe(1);
    const k = fitZoom(62, 0, 600);
    expect(HEADER_HEIGHT + TOP_PAD + 62 * ROW_HEIGHT * k + 12).toBeCloseTo(600);
    expect(fitZoom(5000, 0, 600)).toBe(MIN_ZOOM);
    expect(fitZoom(62, 2, 600)).toBeLessThan(k);
  });

  it('keeps the moment under the pointer in place when zooming', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: HEADER_HEIGHT, max: 700, noNaN: true }),
        fc.double({ min: MIN_ZOOM, max: MAX_ZOOM, noNaN: true }),
        fc.double({ min: MIN_ZOOM, max: MAX_ZOOM, noNaN: true }),
        (scrollTop, anchorY, k0, k1) => {
          const before = timelineLayout(200, 800, TWO, { zoom: k0 });
          const after = timelineLayout(200, 800, TWO, { zoom: k1 });
          const step = before.y.invert(scrollTop + anchorY - HEADER_HEIGHT);
          const top = anchoredScrollTop(scrollTop, anchorY, k0, k1);
          if (top > 0) expect(after.y.invert(top + anchorY - HEADER_HEIGHT)).toBeCloseTo(step, 6);
          expect(anchoredScrollTop(scrollTop, anchorY, k0, k0)).toBeCloseTo(Math.max(0, scrollTop));
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('scrolls as little as possible to reveal a range below sticky headings', () => {
    // View 0…400, headings cover the top 52: the visible range is 52…400.
    expect(revealScroll(0, 400, 100, 122, 22, 52)).toBe(0);
    expect(revealScroll(0, 400, 500, 522, 22, 52)).toBe(144);
    expect(revealScroll(300, 400, 320, 342, 22, 52)).toBe(246);
    // A range taller than the view shows its start.
    expect(revealScroll(0, 400, 500, 1500, 22, 52)).toBe(426);
    expect(revealScroll(50, 400, 10, 20, 0)).toBe(10);
  });
});
