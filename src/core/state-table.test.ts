import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateTable } from './state-table.ts';
import { checkProperty } from './testing/check.ts';

/** A key as a plain value, for the model: its words joined. */
const keyOf = (words: readonly number[]) => words.join(',');

describe('StateTable', () => {
  it('adds a key once, finds it by its index in discovery order, and misses the rest', () => {
    const t = new StateTable(2, 1);
    expect(t.find(Uint32Array.of(1, 2))).toBe(-1);
    expect(t.insert(Uint32Array.of(1, 2))).toEqual({ index: 0, added: true });
    expect(t.insert(Uint32Array.of(2, 1))).toEqual({ index: 1, added: true });
    expect(t.insert(Uint32Array.of(1, 2))).toEqual({ index: 0, added: false });
    expect(t.find(Uint32Array.of(2, 1))).toBe(1);
    expect(t.find(Uint32Array.of(1, 1))).toBe(-1);
    // A key read from the middle of a larger buffer.
    expect(t.find(Uint32Array.of(9, 9, 2, 1, 9), 2)).toBe(1);
    expect(t.insert(Uint32Array.of(9, 0xffffffff, 0), 1)).toEqual({ index: 2, added: true });
    expect(t.size).toBe(3);
    expect([...t.keys.subarray(0, 6)]).toEqual([1, 2, 2, 1, 0xffffffff, 0]);
  });

  it('starts from any capacity, even none', () => {
    for (const capacity of [0, 1, 2, 3]) {
      const t = new StateTable(3, capacity);
      for (let i = 0; i < 40; i++) expect(t.insert(Uint32Array.of(i, 0, i)).index).toBe(i);
      for (let i = 0; i < 40; i++) expect(t.find(Uint32Array.of(i, 0, i))).toBe(i);
    }
  });

  it('behaves as a Map from key to discovery index, through growth and collisions', () => {
    checkProperty(
      'state table = Map',
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 8 }),
        // Words from a small alphabet, so that many keys repeat and many differ in one word
        // only; a salt spreads all but the first word over the 32 bits. Each operation reads its
        // key at an offset in a larger buffer.
        fc.oneof(
          fc.constant(0),
          fc.nat().map((n) => n * 2 + 1),
        ),
        fc.array(
          fc.record({
            isInsert: fc.boolean(),
            words: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
            offset: fc.nat({ max: 3 }),
          }),
          { maxLength: 400, size: 'max' },
        ),
        (keyWords, capacity, salt, ops) => {
          const table = new StateTable(keyWords, capacity);
          const model = new Map<string, number>();
          const order: number[][] = [];
          for (const { isInsert, words, offset } of ops) {
            const key = words.slice(0, keyWords).map((w, i) => (i === 0 ? w : w ^ salt) >>> 0);
            const buffer = new Uint32Array(offset + keyWords + 2).fill(0xdeadbeef);
            buffer.set(key, offset);
            const known = model.get(keyOf(key));
            // Plain checks, not expect(): they run ~60,000 times and must stay fast on a busy
            // machine. fast-check reports the operations that fail.
            if (isInsert) {
              const r = table.insert(buffer, offset);
              const want = { index: known ?? model.size, added: known === undefined };
              if (r.index !== want.index || r.added !== want.added) {
                throw new Error(
                  `insert ${keyOf(key)}: ${JSON.stringify(r)}, not ${JSON.stringify(want)}`,
                );
              }
              if (known === undefined) {
                model.set(keyOf(key), model.size);
                order.push(key);
              }
            } else {
              const got = table.find(buffer, offset);
              if (got !== (known ?? -1))
                throw new Error(`find ${keyOf(key)}: ${got}, not ${known ?? -1}`);
            }
            if (table.size !== model.size) throw new Error(`size ${table.size}, not ${model.size}`);
          }
          // Every key is still found after the last growth, and stored in discovery order.
          order.forEach((key, i) => {
            const stored = keyOf([...table.keys.subarray(i * keyWords, (i + 1) * keyWords)]);
            const found = table.find(Uint32Array.from(key));
            if (found !== i || stored !== keyOf(key)) {
              throw new Error(`key ${i} ${keyOf(key)}: found at ${found}, stored as ${stored}`);
            }
          });
        },
      ),
      300,
    );
  });
});
