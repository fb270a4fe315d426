import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BRACKET_INSET,
  CAUSE_LINE,
  causeArrow,
  causeLinks,
  QUIET_BEND,
  windowBracket,
  type CauseEdgeInput,
} from './cause-geometry.ts';
import { family, TWO } from './test-lanes.ts';
import { rowMid, timelineLayout } from './layout.ts';

/** Pixel values to a millionth (the row scale's float arithmetic), numbers in a path too. */
const px = (x: number) => Math.round(x * 1e6) / 1e6;
const near = (xs: readonly number[]) => xs.map(px);
const pathNear = (d: string) => d.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (m) => String(px(Number(m))));

/** The e-mail's interleaving: task 1 runs 1–3, task 2 runs 4–18, task 1 the rest. */
const taskOf = (k: number) => (k >= 4 && k <= 18 ? 2 : 1);
const edge = (from: number, to: number, field: string): CauseEdgeInput => ({
  from,
  to,
  field,
  label: `${field} a → b`,
});

describe('causal arrows: which', () => {
  it('merges the edges between the same two steps into one arrow, ordered by reader', () => {
    const links = causeLinks(
      [
        {
          edges: [
            edge(2, 3, 'cursor'),
            edge(2, 7, 'cursor'),
            edge(16, 20, 'flags'),
            edge(16, 20, 'populated'),
          ],
        },
      ],
      taskOf,
    );
    expect(
      links.map((l) => [l.from, l.to, l.fromTask, l.toTask, l.edges.map((e) => e.field)]),
    ).toEqual([
      [2, 3, 1, 1, ['cursor']],
      [2, 7, 1, 2, ['cursor']],
      [16, 20, 2, 1, ['flags', 'populated']],
    ]);
  });

  it('draws an edge two causes share once, and leaves out edges from the initial state', () => {
    const links = causeLinks(
      [
        { edges: [edge(16, 20, 'flags'), edge(0, 20, 'users')] },
        { edges: [edge(16, 20, 'flags')] },
      ],
      taskOf,
    );
    expect(links).toHaveLength(1);
    expect(links[0].edges).toEqual([{ field: 'flags', label: 'flags a → b' }]);
  });

  it('keeps every edge with a writer exactly once (against a set of triples)', () => {
    const anEdge = fc.record({
      from: fc.integer({ min: 0, max: 12 }),
      to: fc.integer({ min: 1, max: 12 }),
      field: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(anEdge, { maxLength: 8 }), { maxLength: 3 }), (causes) => {
        const input = causes.map((edges) => ({
          edges: edges.map((e) => ({ ...e, label: e.field })),
        }));
        const links = causeLinks(input, (k) => k % 3);
        const drawn = links.flatMap((l) => l.edges.map((e) => `${l.from}-${l.to}-${e.field}`));
        const expected = new Set(
          causes
            .flat()
            .filter((e) => e.from >= 1)
            .map((e) => `${e.from}-${e.to}-${e.field}`),
        );
        expect(drawn.length).toBe(expected.size);
        expect(new Set(drawn)).toEqual(expected);
        const pairs = links.map((l) => `${l.from}-${l.to}`);
        expect(new Set(pairs).size).toBe(pairs.length);
        for (let i = 1; i < links.length; i++) {
          const [p, q] = [links[i - 1], links[i]];
          expect(p.to < q.to || (p.to === q.to && p.from < q.from)).toBe(true);
        }
        for (const l of links) expect([l.fromTask, l.toTask]).toEqual([l.from % 3, l.to % 3]);
      }),
      { seed: 20260418, numRuns: 200 },
    );
  });
});

describe('causal arrows: where', () => {
  // By hand, for 640 px: lanes 23 px of hold columns + 251 px of blocks, 40 px apart, from x 44.
  const g = timelineLayout(30, 640, TWO);

  it('matches the hand-computed layout', () => {
    expect(g.lanes.map((l) => [l.x, l.blockX, l.blockWidth])).toEqual([
      [44, 67, 251],
      [358, 381, 251],
    ]);
    expect(px(rowMid(g, 16))).toBe(347);
    expect(px(rowMid(g, 20))).toBe(435);
  });

  it('runs leftwards from the writer block’s left edge to the reader block’s right edge, labels beside the head', () => {
    const [link] = causeLinks(
      [{ edges: [edge(16, 20, 'flags'), edge(16, 20, 'populated')] }],
      taskOf,
    );
    const a = causeArrow(g, link);
    expect(a.isCross).toBe(true);
    expect(near([a.x0, a.y0, a.x1, a.y1])).toEqual([381, 347, 318, 435]);
    expect(pathNear(a.d)).toBe('M381,347 C349.5,347 349.5,435 318,435');
    // In task 2's lane on step 20's row, where task 2 has no block; two lines around its middle.
    expect([a.labelX, a.labelAnchor]).toEqual([361, 'start']);
    expect(near(a.labelYs)).toEqual([438 - CAUSE_LINE / 2, 438 + CAUSE_LINE / 2]);
    expect(a.labelWidth).toBe(640 - 8 - 361);
  });

  it('runs rightwards from the writer block’s right edge to the reader block’s left edge', () => {
    const [link] = causeLinks([{ edges: [edge(2, 7, 'cursor')] }], taskOf);
    const a = causeArrow(g, link);
    expect(near([a.x0, a.y0, a.x1, a.y1])).toEqual([318, 39, 381, 149]);
    expect([a.labelX, a.labelAnchor, near(a.labelYs)]).toEqual([315, 'end', [152]]);
    expect(a.labelWidth).toBe(315 - 44);
  });

  it('draws an arrow within one task as a small loop right of its blocks, unlabelled', () => {
    const [link] = causeLinks([{ edges: [edge(2, 3, 'cursor')] }], taskOf);
    const a = causeArrow(g, link);
    expect(a.isCross).toBe(false);
    expect(pathNear(a.d)).toBe(`M318,39 C${318 + QUIET_BEND},39 ${318 + QUIET_BEND},61 318,61`);
    expect(a.labelYs).toEqual([]);
  });

  it('with N lanes, ends on the right blocks and keeps its labels off the reader’s lane', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 400, max: 1600 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (n, width, ta, tb, from, gap) => {
          const writer = Math.min(ta, n + 1);
          const reader = Math.min(tb, n + 1);
          const gn = timelineLayout(60, width, family(n));
          const a = causeArrow(gn, {
            from,
            to: from + gap,
            fromTask: writer,
            toTask: reader,
            edges: [{ field: 'f', label: 'f a → b' }],
          });
          const wl = gn.byTask.get(writer)!;
          const rl = gn.byTask.get(reader)!;
          expect(a.y0).toBe(rowMid(gn, from));
          expect(a.y1).toBe(rowMid(gn, from + gap));
          expect([wl.blockX, wl.blockX + wl.blockWidth]).toContain(a.x0);
          expect([rl.blockX, rl.blockX + rl.blockWidth]).toContain(a.x1);
          if (writer === reader) return;
          // The arrow leaves the writer's block on the reader's side, and reaches the reader's
          // block on the writer's side.
          expect(Math.sign(a.x1 - a.x0)).toBe(Math.sign(rl.index - wl.index));
          const [lo, hi] =
            a.labelAnchor === 'start'
              ? [a.labelX, a.labelX + a.labelWidth]
              : [a.labelX - a.labelWidth, a.labelX];
          expect(hi <= rl.x || lo >= rl.x + rl.width).toBe(true);
          expect(lo).toBeGreaterThanOrEqual(gn.lanes[0].x);
          expect(hi).toBeLessThanOrEqual(gn.width);
        },
      ),
      { seed: 20260418, numRuns: 300 },
    );
  });
});

describe('race window bracket', () => {
  const g = timelineLayout(30, 640, TWO);

  it('spans the middle of the last step before the race to the middle of the firing one, left of the lane', () => {
    const b = windowBracket(g, { task: 1, from: 3, to: 20 }, 70);
    expect([b.x, b.y0, b.y1]).toEqual([44 - BRACKET_INSET, rowMid(g, 3), rowMid(g, 20)]);
    expect(near([b.y0, b.y1])).toEqual([61, 435]);
    expect(b.x + b.tick).toBeLessThanOrEqual(g.lanes[0].x);
    expect(px(b.labelY)).toBe(248);
    expect(b.hasLabel).toBe(true);
  });

  it('starts at the top for a task that had not run, and drops a label longer than the span', () => {
    expect(windowBracket(g, { task: 2, from: 0, to: 2 }, 70)).toMatchObject({
      x: 358 - BRACKET_INSET,
      y0: g.y(0),
      y1: rowMid(g, 2),
      hasLabel: false,
    });
  });
});
