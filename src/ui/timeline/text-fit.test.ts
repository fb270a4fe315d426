import { describe, expect, it } from 'vitest';
import { fitLabel, flagText } from './text-fit.ts';

describe('fitting text without measuring it', () => {
  it('truncates with an ellipsis to the room there is', () => {
    expect(fitLabel('mmap_read_lock(mm)', 1000)).toBe('mmap_read_lock(mm)');
    expect(fitLabel('mmap_read_lock(mm)', 7 * 6.93)).toBe('mmap_r…');
    expect(fitLabel('mmap_read_lock(mm)', 3)).toBe('…');
  });

  it('keeps a flag’s words on wide blocks and only ⚠ on narrow ones', () => {
    expect(flagText(undefined, 300)).toBe('');
    expect(flagText([{ short: 'splat' }], 300)).toBe('⚠ splat');
    expect(flagText([{ short: 'something new' }, { short: 'b' }], 600)).toBe('⚠ something new, b');
    expect(flagText([{ short: 'splat' }], 100)).toBe('⚠');
  });
});
