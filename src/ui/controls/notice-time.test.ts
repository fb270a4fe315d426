import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../state/index.ts';
import { noticeLifetime } from './notice-time.ts';

const kinds = ['link', 'variant', 'edit', 'refused'] as const;
const notice = fc.record({
  kind: fc.constantFrom(...kinds),
  title: fc.string({ maxLength: 80 }),
  lines: fc.array(fc.string({ maxLength: 200 }), { maxLength: 4 }),
});

describe('how long a notice stays', () => {
  it('gives a short refusal time to be read: 5 s and 60 ms a character', () => {
    const title = 'Step 19 cannot move to step 15';
    const lines = [
      'mmap_read_lock(mm) cannot run here: task 2 holds mmap_lock for writing from step 14 to step 17.',
      'The schedule is unchanged.',
    ];
    const chars = `${title} ${lines[0]} ${lines[1]} `.length;
    expect(noticeLifetime({ kind: 'refused', title, lines })).toBe(5000 + 60 * chars);
    expect(noticeLifetime({ kind: 'refused', title, lines })).toBeGreaterThan(13_000);
  });

  it('keeps a failure of the simulator until it is dismissed', () => {
    expect(noticeLifetime({ kind: 'error', title: 'The simulator stopped', lines: [] })).toBeNull();
  });

  it('grows with the text, and stays between 5 s and 45 s', () => {
    fc.assert(
      fc.property(notice, fc.string({ minLength: 1, maxLength: 100 }), (n: Notice, more) => {
        const t = noticeLifetime(n)!;
        expect(t).toBeGreaterThanOrEqual(5000);
        expect(t).toBeLessThanOrEqual(45_000);
        const longer = noticeLifetime({ ...n, lines: [...n.lines, more] })!;
        expect(longer >= t).toBe(true);
        if (t < 45_000) expect(longer).toBeGreaterThan(t);
      }),
    );
  });
});
