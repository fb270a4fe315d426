import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSingleKey, KEY_GROUPS, runNextKey, SINGLE_KEYS } from './shortcuts.ts';

const helpKeys = KEY_GROUPS.flatMap((g) => g.rows.map((r) => r.keys));

describe('the key table', () => {
  it('gives the first nine lanes the digits 1 to 9, and no other lane a key', () => {
    expect(Array.from({ length: 11 }, (_, i) => runNextKey(i))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      undefined,
      undefined,
    ]);
    expect(runNextKey(-1)).toBeUndefined();
    expect(runNextKey(1.5)).toBeUndefined();
  });

  it('answers exactly e, f, n, p and the digits 1 to 9 as single keys', () => {
    const expected = new Set(['e', 'f', 'n', 'p', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), (key) => {
        expect(isSingleKey(key)).toBe(expected.has(key));
      }),
      {
        examples: [
          ['E'],
          ['F'],
          ['N'],
          ['P'],
          ['0'],
          ['10'],
          [' '],
          ['?'],
          ['Enter'],
          ['ArrowLeft'],
        ],
      },
    );
    for (const key of expected) expect(isSingleKey(key)).toBe(true);
  });

  it('leaves the keys the page already uses to their owners', () => {
    for (const key of ['?', ' ', 'Home', 'End', 'ArrowLeft', 'ArrowRight', 'Escape', 'Enter']) {
      expect(isSingleKey(key)).toBe(false);
    }
  });

  it('lists every single key in the help, each once', () => {
    for (const { key, what } of Object.values(SINGLE_KEYS)) {
      expect(KEY_GROUPS.flatMap((g) => g.rows)).toContainEqual({ keys: key, what });
    }
    expect(helpKeys).toContain('1 … 9');
    expect(new Set(helpKeys).size).toBe(helpKeys.length);
  });
});
