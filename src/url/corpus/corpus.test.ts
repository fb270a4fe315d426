/**
 * Saved links keep opening what they opened. format1.json was written from the format-1 codec
 * before format 2 existed; format2.json from the format-2 encoder when it was new. Each link is
 * read as the page reads it (decode, describe the instance it names, checkView) and run by the
 * core; the view, the steps and the outcomes must be the saved ones, and refused links must be
 * refused for the same reasons, in the same order, in the same words (bar the few listed below).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode } from '../share.ts';
import { openLink, runOf, type Corpus, type RejectedLink } from './corpus.ts';
import * as reference from './format1-reference.ts';
import { genericOf, keptOf } from './format1-translate.ts';
import { VARIANTS as SPEC_VARIANTS } from '../../core/testing/oracle-ksm-scaled.ts';

const load = (name: string): Corpus =>
  JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as Corpus;
const FORMAT1 = load('format1.json');
const FORMAT2 = load('format2.json');

/**
 * Format-1 messages that read differently now, on purpose. Every other message of a refused
 * format-1 link must read exactly as it did.
 */
const CHANGED_MESSAGES: readonly { readonly was: RegExp; readonly why: string }[] = [
  {
    was: /^the link uses format \d+, newer than this page understands \(1\)/,
    why: 'the page now understands up to format 2, and says so',
  },
  {
    was: /^the link is for the model "[^"]*", but this page shows "ksm-exit-race"$/,
    why: 'the page now shows more than one model; format 1 was only ever for ksm-exit-race',
  },
];

/** Same keys in the same order; each message the same, or changed for a listed reason. */
function expectSameProblems(
  got: readonly { key: string; message: string }[],
  saved: readonly { key: string; message: string }[],
  link: string,
): void {
  expect(
    got.map((p) => p.key),
    link,
  ).toEqual(saved.map((p) => p.key));
  got.forEach((p, i) => {
    if (p.message === saved[i].message) return;
    const reason = CHANGED_MESSAGES.find((c) => c.was.test(saved[i].message));
    expect(reason, `${link}: "${p.message}" was "${saved[i].message}"`).toBeDefined();
  });
}

/** The link opens as the format-1 codec opened it, or is refused as it was refused. */
function expectSameOpening(link: string): void {
  const was = reference.decode(link);
  const now = openLink(link);
  if (was.ok) {
    expect(now).toEqual({ ok: true, value: genericOf(was.value) });
    return;
  }
  expect(now.ok, link).toBe(false);
  if (now.ok) return;
  // `v=2` was a format from the future; now it is format 2, whose keys a format-1 link lacks.
  if (/^the link uses format 2,/.test(was.problems[0].message)) return;
  expectSameProblems(now.problems, was.problems, link);
  expect(now.kept).toEqual(keptOf(was));
}

describe('format-1 links saved before format 2', () => {
  it('has the cases the corpus promises', () => {
    const links = FORMAT1.accepted.map((a) => a.link);
    expect(FORMAT1.accepted.length).toBeGreaterThanOrEqual(80);
    for (const t of ['t=none', 't=rmap&', 't=cursor&', 't=rmap.cursor', 't=cursor.rmap']) {
      expect(links.some((l) => l.includes(t))).toBe(true);
    }
    expect(links.some((l) => /s=\d+x/.test(l)) && links.some((l) => /s=\d+(&|$)/.test(l))).toBe(
      true,
    );
    expect(links.some((l) => l.includes('cmp='))).toBe(true);
    expect(FORMAT1.rejected.length).toBeGreaterThanOrEqual(80);
  });

  it.each(FORMAT1.accepted.map((a) => [a.note, a] as const))(
    'opens the saved view and run: %s',
    (_, saved) => {
      const r = openLink(saved.link);
      expect(r).toEqual({ ok: true, value: saved.view });
      if (!r.ok) return;
      expect(runOf(r.value)).toEqual(saved.run);
    },
  );

  it('decodes the links the page could not run, and they still cannot run', () => {
    for (const saved of FORMAT1.unrunnable) {
      const r = openLink(saved.link);
      expect(r, saved.link).toEqual({ ok: true, value: saved.view });
      if (r.ok) expect(runOf(r.value), saved.link).toEqual(saved.run);
    }
  });

  it.each(FORMAT1.rejected.map((x) => [x.note, x] as const))(
    'still refuses, for the same reasons, keeping the same fields: %s',
    (_, saved: RejectedLink) => {
      const r = openLink(saved.link);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expectSameProblems(r.problems, saved.problems, saved.link);
      expect(r.kept).toEqual(saved.kept);
    },
  );

  it('uses every listed message change, so the list cannot rot', () => {
    const saved = FORMAT1.rejected.flatMap((x) => x.problems.map((p) => p.message));
    for (const c of CHANGED_MESSAGES)
      expect(
        saved.some((m) => c.was.test(m)),
        c.why,
      ).toBe(true);
  });
});

describe('format-1 links the corpus does not list', () => {
  const VARIANTS = [...SPEC_VARIANTS];
  const value = (good: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
  const schedule = fc.oneof(
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 })), {
        minLength: 1,
        maxLength: 8,
      })
      .map((runs) => runs.map(([t, n]) => `${t}x${n}`).join('.')),
    fc
      .array(fc.constantFrom('1', '2', '3'), { minLength: 1, maxLength: 60 })
      .map((d) => d.join('')),
    fc.constant('1x3.2x15.1x12'),
  );
  const formatOneLink = fc
    .record({
      v: fc.oneof(
        { weight: 8, arbitrary: fc.constant('1') },
        { weight: 1, arbitrary: fc.constantFrom('01', '0', '3') },
      ),
      m: fc.oneof(
        { weight: 8, arbitrary: fc.constant('ksm-exit-race.1') },
        { weight: 1, arbitrary: fc.constantFrom('ksm-exit-race.2', 'ksm-exit-race.0', 'x.1') },
      ),
      var: fc.option(value(fc.constantFrom(...VARIANTS)), { freq: 8, nil: undefined }),
      t: fc.option(value(fc.constantFrom('none', 'rmap', 'cursor', 'rmap.cursor', 'cursor.rmap')), {
        freq: 8,
        nil: undefined,
      }),
      s: fc.option(value(schedule), { freq: 8, nil: undefined }),
      c: fc.option(value(fc.nat({ max: 70 }).map(String)), { freq: 8, nil: undefined }),
      cmp: fc.option(value(fc.constantFrom(...VARIANTS)), { freq: 2, nil: undefined }),
      x: fc.option(fc.constantFrom('1', ''), { freq: 10, nil: undefined }),
    })
    .chain((r) =>
      fc.shuffledSubarray(
        Object.entries(r).filter(([, val]) => val !== undefined),
        { minLength: Object.values(r).filter((val) => val !== undefined).length },
      ),
    )
    .map((parts) => parts.map(([k, val]) => `${k}=${encodeURIComponent(val!)}`).join('&'));

  it('opens each exactly as the format-1 codec did, or refuses it for the same reasons', () => {
    fc.assert(
      fc.property(formatOneLink, (link) => {
        expectSameOpening(link);
      }),
      { numRuns: 3000, seed: 20230308, verbose: true },
    );
  });

  const saved = FORMAT1.accepted.map((a) => a.link);
  const mutated = fc.oneof(
    // Characters overwritten with ones that mean something in a link.
    fc
      .tuple(
        fc.constantFrom(...saved),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'&=%+.x#?0123456789_-abcmpstvrn ')), {
          minLength: 1,
          maxLength: 4,
        }),
      )
      .map(([link, flips]) => {
        const a = [...link];
        for (const [at, c] of flips) a[at % a.length] = c;
        return a.join('');
      }),
    fc.tuple(fc.constantFrom(...saved), fc.nat()).map(([l, n]) => l.slice(0, n % l.length)),
    fc.tuple(fc.constantFrom(...saved), fc.nat(), fc.boolean()).map(([l, n, reverse]) => {
      const parts = l.split('&');
      const dup = [...parts, parts[n % parts.length]];
      return (reverse ? dup.reverse() : dup).join('&');
    }),
  );

  it('treats damaged saved links as the format-1 codec did', () => {
    fc.assert(
      fc.property(mutated, (link) => {
        expectSameOpening(link);
      }),
      { numRuns: 3000, seed: 4242, verbose: true },
    );
  });
});

describe('format-2 links saved when format 2 was new', () => {
  it('covers both scenarios and two and three processes', () => {
    const views = FORMAT2.accepted.map((a) => a.view);
    expect(new Set(views.map((v) => v.scenario))).toEqual(
      new Set(['ksm-exit-race', 'ksm-oom-deadlock']),
    );
    expect(new Set(views.map((v) => v.params.processes))).toEqual(new Set([undefined, 1, 2, 3]));
  });

  it.each(FORMAT2.accepted.map((a) => [a.link, a] as const))(
    'is still what the encoder writes, and opens the saved view and run: %s',
    (_, saved) => {
      expect(encode(saved.view)).toBe(saved.link);
      const r = openLink(saved.link);
      expect(r).toEqual({ ok: true, value: saved.view });
      if (r.ok) expect(runOf(r.value)).toEqual(saved.run);
    },
  );
});
