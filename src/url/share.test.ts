import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinLibrary, DEFAULT_SCENARIO } from '../core/index.ts';
import {
  decode,
  encode,
  encodeTasks,
  MAX_TURNS,
  MODEL_ID,
  MODEL_VERSION,
  type ShareView,
} from './share.ts';

const VARIANT_IDS = builtinLibrary()
  .doc(DEFAULT_SCENARIO)!
  .variants.list.map((v) => v.id);

const EMAIL_TASKS = [1, 1, 1, ...Array(15).fill(2), ...Array(12).fill(1)];

const emailView: ShareView = {
  variant: 'a_vma_iter',
  toggles: { rmapNonempty: false, cursorAtSlot: false },
  tasks: EMAIL_TASKS,
  cursor: 20,
};

const arbView: fc.Arbitrary<ShareView> = fc
  .record({
    variant: fc.constantFrom(...VARIANT_IDS),
    toggles: fc.record({ rmapNonempty: fc.boolean(), cursorAtSlot: fc.boolean() }),
    tasks: fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: MAX_TURNS }),
    compare: fc.option(fc.constantFrom(...VARIANT_IDS), { nil: undefined }),
  })
  .chain((r) =>
    fc.nat({ max: r.tasks.length }).map((cursor) => {
      const { compare, ...rest } = r;
      // An absent comparison is an absent key, not `compare: undefined`.
      return compare === undefined ? { ...rest, cursor } : { ...rest, compare, cursor };
    }),
  );

describe('share-URL codec', () => {
  it('is for the default scenario, whose links have always read m=ksm-exit-race.1', () => {
    // Links in old e-mails name this model and version; the document must keep them.
    expect(`${MODEL_ID}.${MODEL_VERSION}`).toBe('ksm-exit-race.1');
    expect(VARIANT_IDS).toEqual([
      'a_vma_iter',
      'b_early_check',
      'c_linked_list',
      'd_early_plus_inloop',
      'e_ctl_no_exit_checks',
      'f_ctl_exit_ignores_cursor',
    ]);
  });

  it('writes the e-mail view compactly and readably, version first', () => {
    expect(encode(emailView)).toBe(
      'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=20',
    );
    expect(encodeTasks([2])).toBe('2x1');
  });

  it('round-trips every view (decode ∘ encode = id)', () => {
    fc.assert(
      fc.property(arbView, (view) => {
        const r = decode(encode(view));
        expect(r).toEqual({ ok: true, value: view });
      }),
      { numRuns: 500, seed: 20230308, verbose: true },
    );
  });

  it('writes an optional comparison before the cursor, and reads links without one', () => {
    const withCompare: ShareView = { ...emailView, compare: 'b_early_check' };
    expect(encode(withCompare)).toBe(
      'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&cmp=b_early_check&c=20',
    );
    expect(decode(encode(withCompare))).toEqual({ ok: true, value: withCompare });
    const old = decode('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=20');
    expect(old).toEqual({ ok: true, value: emailView });
    expect(old.ok && 'compare' in old.value).toBe(false);
  });

  it('names a bad comparison and keeps the rest of the view', () => {
    const r = decode('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&cmp=zz&c=20');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      {
        key: 'cmp',
        message: expect.stringMatching(/^the variant to compare with "zz" is not one of/),
      },
    ]);
    expect(r.kept).toEqual(emailView);
  });

  it('never throws on arbitrary text, and reports why it refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = decode(text);
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000, seed: 4242 },
    );
  });

  it('survives tampering with any one value', () => {
    const keys = ['v', 'm', 'var', 't', 's', 'c', 'cmp'];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string({ maxLength: 30 }), (key, junk) => {
        const text = encode({ ...emailView, compare: 'c_linked_list' }).replace(
          new RegExp(`(^|&)${key}=[^&]*`),
          `$1${key}=${junk}`,
        );
        const r = decode(text);
        if (!r.ok) for (const p of r.problems) expect(p.message).not.toBe('');
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('accepts a leading # or ?, and one digit per turn', () => {
    expect(decode('#' + encode(emailView)).ok).toBe(true);
    const r = decode('?v=1&m=ksm-exit-race.1&var=b_early_check&t=rmap.cursor&s=1122&c=4');
    expect(r).toEqual({
      ok: true,
      value: {
        variant: 'b_early_check',
        toggles: { rmapNonempty: true, cursorAtSlot: true },
        tasks: [1, 1, 2, 2],
        cursor: 4,
      },
    });
  });

  it('keeps nothing from a newer format, a newer model or a foreign link', () => {
    for (const text of [
      'v=2&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3&c=0',
      'v=1&m=ksm-exit-race.2&var=a_vma_iter&t=none&s=1x3&c=0',
      'v=1&m=futex-race.1&var=a_vma_iter&t=none&s=1x3&c=0',
      'q=hello',
      '',
    ]) {
      const r = decode(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.kept).toEqual({});
        expect(r.problems).toHaveLength(1);
      }
    }
    const newer = decode('v=1&m=ksm-exit-race.2&var=a_vma_iter&t=none&s=1x3&c=0');
    expect(!newer.ok && newer.problems[0].message).toMatch(/newer than this page/);
  });

  it('keeps the good fields of a tampered link and names each bad one', () => {
    const r = decode('v=1&m=ksm-exit-race.1&var=z_evil&t=none&s=1x3.3x2&c=99&x=1');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kept).toEqual({ toggles: { rmapNonempty: false, cursorAtSlot: false } });
    expect(r.problems.map((p) => p.key)).toEqual(['var', 's', 'link']);
    expect(r.problems[1].message).toMatch(/names a task the model does not have/);
  });

  it('refuses a cursor past the end but keeps the schedule', () => {
    const r = decode('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3&c=4');
    expect(!r.ok && r.kept).toEqual({
      variant: 'a_vma_iter',
      toggles: { rmapNonempty: false, cursorAtSlot: false },
      tasks: [1, 1, 1],
    });
  });

  it('refuses oversized and malformed schedules without allocating them', () => {
    expect(decode('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x999.2x999&c=0').ok).toBe(false);
    expect(decode('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x&c=0').ok).toBe(false);
    expect(decode('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=%E0%A4%A&c=0').ok).toBe(false);
    expect(decode('v=1&v=1&m=ksm-exit-race.1').ok).toBe(false);
  });
});
