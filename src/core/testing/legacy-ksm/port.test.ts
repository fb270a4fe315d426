/**
 * The port of the hand-written KSM race to scenarios/ksm-exit-race.yaml, proven equal state by
 * state: for every variant and initial state, both models reach the same states (compared in the
 * spec's own terms) with the same labelled transitions. Once this holds the hand-written model
 * can go; the independent oracles in src/core/testing keep checking the counts.
 */
import { describe, expect, it } from 'vitest';
import { builtinLibrary } from '../../scenario/builtin.ts';
import type { Scenario as NewScenario, State } from '../../engine.ts';
import { applyTask, enabledTasks, type Scenario as OldScenario } from './engine.ts';
import { ksmScenario } from './scenario.ts';
import type { KsmState, Toggles } from './state.ts';
import { VARIANT_IDS } from './variants.ts';

type Canon = Record<string, string | number | boolean>;

function fromOld(s: KsmState): Canon {
  return {
    pc1: s.pc1,
    pc2: s.pc2,
    k2: s.k2 ?? 'unset',
    mm_users: s.mmUsers,
    mm_count: s.mmCount,
    mm_freed: s.mmFreed,
    mmap_readers: s.mmapReaders,
    mmap_writer: s.mmapWriter,
    mmlist_owner: s.mmlistOwner,
    cursor: s.cursor === 'slot' ? 1 : 0,
    slot_listed: s.slotListed ? 1 : 0,
    slot_freed: s.slotFreed,
    rmap_nonempty: s.rmapNonempty,
    mmf_mergeable: s.mmfMergeable,
    mt_flags: s.mtFlags,
    vmas_populated: s.vmasPopulated,
    nodes_freed: s.nodesFreed,
    vma_freed: s.vmaFreed,
    pgtables: s.pgtables,
    f_splat: s.fSplat,
    f_uaf: s.fUaf,
    f_touch: s.fTouch,
  };
}

function fromNew(sc: NewScenario, s: State): Canon {
  const v = sc.view(s);
  const locks = sc.lockViews(s);
  const mmap = locks.find((l) => l.lock === 'mmap_lock')!;
  const mmlist = locks.find((l) => l.lock === 'ksm_mmlist_lock')!;
  const canon: Canon = {
    pc1: sc.pcOf(s, 1),
    pc2: sc.pcOf(s, 2),
    mmap_readers: mmap.holders.filter((h) => h.mode === 'read').length,
    mmap_writer: mmap.holders.some((h) => h.mode === 'write'),
    mmlist_owner: mmlist.holders.length ? `t${mmlist.holders[0].task}` : 'none',
  };
  for (const [k, x] of Object.entries(v)) canon[k] = x;
  return canon;
}

const key = (c: Canon) =>
  JSON.stringify(
    Object.keys(c)
      .sort()
      .map((k) => [k, c[k]]),
  );

/** Every reachable state and its labelled successors, by canonical key. */
function graph<S>(
  initial: S,
  tasks: number[],
  canon: (s: S) => Canon,
  enabled: (s: S) => number[],
  step: (s: S, t: number) => S,
  label: (s: S, t: number) => string,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const queue: S[] = [initial];
  out.set(key(canon(initial)), []);
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i];
    const edges: string[] = [];
    for (const t of enabled(s)) {
      const n = step(s, t);
      const nk = key(canon(n));
      edges.push(`${label(s, t)}→${nk}`);
      if (!out.has(nk)) {
        out.set(nk, []);
        queue.push(n);
      }
    }
    out.set(key(canon(s)), edges.sort());
  }
  void tasks;
  return out;
}

const TOGGLES: Toggles[] = [
  { rmapNonempty: false, cursorAtSlot: false },
  { rmapNonempty: true, cursorAtSlot: false },
  { rmapNonempty: false, cursorAtSlot: true },
  { rmapNonempty: true, cursorAtSlot: true },
];

describe('scenarios/ksm-exit-race.yaml equals the hand-written model', () => {
  for (const variant of VARIANT_IDS) {
    for (const t of TOGGLES) {
      it(`${variant}, rmap ${t.rmapNonempty ? 'non-empty' : 'empty'}, cursor at ${t.cursorAtSlot ? 'slot' : 'head'}`, () => {
        const old: OldScenario<KsmState> = ksmScenario(variant, t);
        const sc = builtinLibrary().instance('ksm-exit-race', {
          variant,
          rmap_nonempty: t.rmapNonempty,
          cursor: t.cursorAtSlot ? 1 : 0,
        });
        const a = graph(
          old.initial,
          [1, 2],
          fromOld,
          (s) => enabledTasks(old, s),
          (s, k) => applyTask(old, s, k),
          (s, k) => (k === 1 ? s.pc1 : s.pc2),
        );
        const b = graph(
          sc.initial,
          [1, 2],
          (s) => fromNew(sc, s),
          (s) => [1, 2].filter((k) => sc.isEnabled(s, k)),
          (s, k) => sc.apply(s, k),
          (s, k) => sc.pcOf(s, k),
        );
        expect(b.size).toBe(a.size);
        expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
      });
    }
  }
});
