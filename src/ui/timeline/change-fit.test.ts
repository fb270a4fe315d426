import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGE_CHAR_PX, CHANGE_GAP, fitStepText } from './change-fit.ts';
import { CHAR_PX } from './text-fit.ts';

const DESTROY = ['mt_flags 0x301 → 0x0', 'vmas_populated true → false', 'nodes_freed false → true'];

describe('a step block’s label and changes', () => {
  it('shows the label alone when the step changed nothing', () => {
    expect(fitStepText('mmap_read_lock(mm)', [], 230)).toEqual({
      label: 'mmap_read_lock(mm)',
      changes: '',
    });
  });

  it('shows every change when there is room, the label whole', () => {
    expect(fitStepText('mmdrop(mm)', ['mm_count 2 → 1'], 230)).toEqual({
      label: 'mmdrop(mm)',
      changes: 'mm_count 2 → 1',
    });
    expect(fitStepText('__mt_destroy(&mm->mm_mt)', DESTROY, 800).changes).toBe(DESTROY.join(', '));
  });

  it('on the default view’s block (264 px), shows the first change whole and how many more', () => {
    expect(fitStepText('__mt_destroy(&mm->mm_mt)', DESTROY, 264 - 34)).toEqual({
      label: '__mt_destroy…',
      changes: 'mt_flags 0x301 → 0x0 +2',
    });
  });

  it('narrower, names the field only, then nothing; a value is never cut', () => {
    expect(fitStepText('__mt_destroy(&mm->mm_mt)', DESTROY, 160).changes).toBe('mt_flags … +2');
    expect(fitStepText('__mt_destroy(&mm->mm_mt)', DESTROY, 100)).toEqual({
      label: '__mt_destroy(…',
      changes: '',
    });
  });

  it('never overflows, keeps the label’s share, and shows changes only in the three forms', () => {
    const change = fc
      .tuple(
        fc.stringMatching(/^[a-z_]{1,14}$/),
        fc.stringMatching(/^[0-9a-z]{1,6}$/),
        fc.stringMatching(/^[0-9a-z]{1,6}$/),
      )
      .map(([f, a, b]) => `${f} ${a} → ${b}`);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[ -~]{1,40}$/),
        fc.array(change, { maxLength: 4 }),
        fc.integer({ min: 40, max: 900 }),
        (label, changes, room) => {
          const t = fitStepText(label, changes, room);
          const used =
            t.label.length * CHAR_PX +
            (t.changes ? CHANGE_GAP + t.changes.length * CHANGE_CHAR_PX : 0);
          // fitLabel keeps at least one character ('…').
          expect(used <= room || t.label.length <= 1).toBe(true);
          if (!t.changes) return;
          const more = changes.length > 1 ? ` +${changes.length - 1}` : '';
          expect([
            changes.join(', '),
            `${changes[0]}${more}`,
            `${changes[0].split(' ')[0]} …${more}`,
          ]).toContain(t.changes);
          expect(t.label.length).toBeGreaterThanOrEqual(Math.min(label.length, 10));
        },
      ),
      { seed: 20260418, numRuns: 300 },
    );
  });
});
