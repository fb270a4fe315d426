/**
 * An append-only set of packed state keys: `keyWords` 32-bit words per state, stored contiguously
 * in discovery order, indexed by an open-addressing hash table (linear probing, load ≤ 1/2).
 * A state's index is its discovery order, so the key array doubles as the BFS queue.
 */
export class StateTable {
  readonly keyWords: number;
  /** keys[i * keyWords …] is state i's key. */
  keys: Uint32Array;
  size = 0;
  private slots: Int32Array; // index + 1, 0 = empty
  private mask: number;

  constructor(keyWords: number, initialCapacity = 1024) {
    this.keyWords = keyWords;
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    // At least one key's room: growth doubles the array, and twice nothing is nothing.
    this.keys = new Uint32Array(Math.max(1, initialCapacity) * keyWords);
  }

  private hash(words: Uint32Array, o: number): number {
    let h = 0x9e3779b9 | 0;
    for (let i = 0; i < this.keyWords; i++) {
      h = Math.imul(h ^ words[o + i], 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
    return h;
  }

  private equalsAt(index: number, words: Uint32Array, o: number): boolean {
    const base = index * this.keyWords;
    for (let i = 0; i < this.keyWords; i++) if (this.keys[base + i] !== words[o + i]) return false;
    return true;
  }

  /** The index of the key at `words[o…]`, or -1. */
  find(words: Uint32Array, o = 0): number {
    let slot = this.hash(words, o) & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) return -1;
      if (this.equalsAt(v - 1, words, o)) return v - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds the key if new. Returns its index, and whether it was added. */
  insert(words: Uint32Array, o = 0): { index: number; added: boolean } {
    let slot = this.hash(words, o) & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) break;
      if (this.equalsAt(v - 1, words, o)) return { index: v - 1, added: false };
      slot = (slot + 1) & this.mask;
    }
    const index = this.size++;
    if ((index + 1) * this.keyWords > this.keys.length) {
      const grown = new Uint32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys.set(words.subarray(o, o + this.keyWords), index * this.keyWords);
    this.slots[slot] = index + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return { index, added: true };
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.hash(this.keys, i * this.keyWords) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i + 1;
    }
  }
}
