/**
 * The state vector of a compiled scenario: one 32-bit slot per program counter, field element and
 * lock word, and the packed key the explorer deduplicates on. Key width follows from the declared
 * domains: a slot with k values takes ceil(log2 k) bits, and no slot straddles two words.
 */
import type { State } from './closures.ts';

export interface SlotDomain {
  /** What the slot holds, for messages: `pc of task 1`, `refs.2`, `lock sem`. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Flag fields: the declared bit groups; a value is packed as one key bit per group. */
  readonly bits?: readonly number[];
  /**
   * Whether a step can write a value outside the domain (an int field: arithmetic). Program
   * counters, lock words, booleans and enums cannot: their writes are checked when compiled.
   */
  readonly mayOverflow?: boolean;
}

export class DomainError extends Error {}

export interface Packing {
  readonly keyWords: number;
  pack(s: State, out: Uint32Array, o: number): void;
  unpack(words: Uint32Array, o: number): State;
}

function widthOf(d: SlotDomain): number {
  if (d.bits) return d.bits.length;
  let w = 0;
  while (1 << w <= d.max - d.min) w++;
  return w;
}

/** Packs every slot by its domain. A value outside its domain is a modelling error, reported. */
export function makePacking(domains: readonly SlotDomain[]): Packing {
  const n = domains.length;
  const word = new Int32Array(n);
  const shift = new Int32Array(n);
  const width = new Int32Array(n);
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  let w = 0;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const bits = widthOf(domains[i]);
    if (bits > 32) throw new DomainError(`${domains[i].name}: a domain wider than 32 bits`);
    if (used + bits > 32) {
      w++;
      used = 0;
    }
    word[i] = w;
    shift[i] = used;
    width[i] = bits;
    lo[i] = domains[i].min;
    hi[i] = domains[i].max;
    used += bits;
  }
  const keyWords = w + 1;
  // Plain slots and flag slots are packed in two loops, so the common case has no branches.
  const plain = Int32Array.from(domains.map((d, i) => (d.bits ? -1 : i)).filter((i) => i >= 0));
  const flags = domains.map((d, i) => (d.bits ? i : -1)).filter((i) => i >= 0);
  const span = new Int32Array(n);
  const mask = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    span[i] = hi[i] - lo[i];
    mask[i] = width[i] === 32 ? 0xffffffff : (1 << width[i]) - 1;
  }

  const outOfDomain = (i: number, v: number): never => {
    const d = domains[i];
    const allowed = d.bits
      ? `unions of ${d.bits.map((b) => '0x' + b.toString(16)).join(', ')}`
      : `${d.min}..${d.max}`;
    throw new DomainError(`${d.name} became ${v}, outside its declared domain ${allowed}`);
  };

  const packFlags = (i: number, v: number): number => {
    const groups = domains[i].bits!;
    let key = 0;
    let rebuilt = 0;
    for (let g = 0; g < groups.length; g++) {
      if ((v & groups[g]) === groups[g]) {
        key |= 1 << g;
        rebuilt |= groups[g];
      }
    }
    if (rebuilt !== v) outOfDomain(i, v);
    return key;
  };

  const nPlain = plain.length;
  const template: State = new Array<number>(n).fill(0);
  // Plain slots in word order, with where each word's run starts and ends; `check` marks the
  // slots whose values are range-checked.
  const byWord = Int32Array.from([...plain].sort((a, b) => word[a] - word[b]));
  const check = Uint8Array.from(byWord, (i) => (domains[i].mayOverflow ? 1 : 0));
  const runEnd = new Int32Array(keyWords);
  for (let j = 0; j < byWord.length; j++) runEnd[word[byWord[j]]] = j + 1;
  for (let k = 1; k < keyWords; k++) runEnd[k] = Math.max(runEnd[k], runEnd[k - 1]);
  return {
    keyWords,
    pack(s, out, o) {
      let j = 0;
      for (let k = 0; k < keyWords; k++) {
        let acc = 0;
        for (const end = runEnd[k]; j < end; j++) {
          const i = byWord[j];
          const code = s[i] - lo[i];
          // One unsigned compare checks both bounds.
          if (check[j] === 1 && code >>> 0 > span[i]) outOfDomain(i, s[i]);
          acc |= code << shift[i];
        }
        out[o + k] = acc;
      }
      for (const i of flags) out[o + word[i]] |= packFlags(i, s[i]) << shift[i];
    },
    unpack(words, o) {
      const s = template.slice();
      for (let j = 0; j < nPlain; j++) {
        const i = plain[j];
        s[i] = ((words[o + word[i]] >>> shift[i]) & mask[i]) + lo[i];
      }
      for (const i of flags) {
        const code = (words[o + word[i]] >>> shift[i]) & mask[i];
        const groups = domains[i].bits!;
        let v = 0;
        for (let g = 0; g < groups.length; g++) if (code & (1 << g)) v |= groups[g];
        s[i] = v;
      }
      return s;
    },
  };
}
