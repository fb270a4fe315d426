/**
 * The KSM exit race as a scenario of the engine: model id `ksm-exit-race`, model version 1.
 */
import { DONE, type Scenario, type StepDef } from './engine.ts';
import { OUTCOMES, BAD_OUTCOMES } from './outcomes.ts';
import {
  initialState,
  type Cursor,
  type K2,
  type KsmState,
  type MmlistOwner,
  type Pgtables,
  type Toggles,
} from './state.ts';
import { buildSteps } from './steps.ts';
import { VARIANTS, type VariantId } from './variants.ts';

export const MODEL_ID = 'ksm-exit-race';
export const MODEL_VERSION = 1;

export const TASKS = [
  { id: 1, name: 'Task 1 — unmerge_and_remove_all_rmap_items()' },
  { id: 2, name: 'Task 2 — __mmput() of the exiting process' },
] as const;

// Program points of every variant, for packing. The order is frozen only within one run; keys
// never leave the process, so it may change freely between versions.
const PC1 = [
  't1_lock_mmlist',
  't1_set_cursor',
  't1_unlock_mmlist',
  't1_mmap_read_lock',
  't1_early_test_exit',
  't1_vma_first',
  't1_inloop_test_exit',
  't1_unmerge_test_exit',
  't1_break_ksm',
  't1_vma_next',
  't1_remove_trailing',
  't1_mmap_read_unlock',
  't1_relock_mmlist',
  't1_advance_cursor',
  't1_final_test_exit',
  't1_unlink_slot',
  't1_unlock_mmlist_exit',
  't1_free_slot',
  't1_clear_mergeable',
  't1_mmdrop',
  't1_unlock_mmlist_live',
  DONE,
];
const PC2 = [
  't2_mmput_dec',
  't2_ksm_exit_test',
  't2_lock_mmlist',
  't2_lookup_slot',
  't2_unlock_mmlist',
  't2_free_slot',
  't2_clear_mergeable',
  't2_mmdrop_slot',
  't2_mmap_write_lock',
  't2_mmap_write_unlock',
  't2_exit_read_lock',
  't2_unmap_vmas',
  't2_exit_read_unlock',
  't2_exit_write_lock',
  't2_free_pgtables_vmas',
  't2_mt_destroy',
  't2_exit_write_unlock',
  't2_mmdrop',
  DONE,
];
const PC1_INDEX = new Map(PC1.map((id, i) => [id, i]));
const PC2_INDEX = new Map(PC2.map((id, i) => [id, i]));
const K2_CODES: readonly K2[] = [null, 'easy', 'sync', 'none'];
const OWNERS: readonly MmlistOwner[] = ['none', 't1', 't2'];
const PGTABLES: readonly Pgtables[] = ['live', 'zapped', 'freed'];
const CURSORS: readonly Cursor[] = ['head', 'slot'];

const b = (x: boolean) => (x ? 1 : 0);

/**
 * Packs the canonical state vector of spec 2.2 into two words. Word 0: pc1 (5 bits), pc2 (5),
 * k2 (2), mm_users (1), mm_count (2), mm_freed, mmap_readers (2), mmap_writer, mmlist_owner (2),
 * cursor, slot_listed, slot_freed, rmap_nonempty, mmf_mergeable. Word 1: mt_flags (LOCK_EXTERN
 * set or 0), vmas_populated, nodes_freed, vma_freed, pgtables (2), f_splat, f_uaf, f_touch.
 */
function pack(s: KsmState, out: Uint32Array, o: number): void {
  out[o] =
    PC1_INDEX.get(s.pc1)! |
    (PC2_INDEX.get(s.pc2)! << 5) |
    (K2_CODES.indexOf(s.k2) << 10) |
    (s.mmUsers << 12) |
    (s.mmCount << 13) |
    (b(s.mmFreed) << 15) |
    (s.mmapReaders << 16) |
    (b(s.mmapWriter) << 18) |
    (OWNERS.indexOf(s.mmlistOwner) << 19) |
    (b(s.cursor === 'slot') << 21) |
    (b(s.slotListed) << 22) |
    (b(s.slotFreed) << 23) |
    (b(s.rmapNonempty) << 24) |
    (b(s.mmfMergeable) << 25);
  out[o + 1] =
    b(s.mtFlags !== 0) |
    (b(s.vmasPopulated) << 1) |
    (b(s.nodesFreed) << 2) |
    (b(s.vmaFreed) << 3) |
    (PGTABLES.indexOf(s.pgtables) << 4) |
    (b(s.fSplat) << 6) |
    (b(s.fUaf) << 7) |
    (b(s.fTouch) << 8);
}

function unpack(words: Uint32Array, o: number, mapleFlags: number): KsmState {
  const w = words[o];
  const v = words[o + 1];
  return {
    pc1: PC1[w & 31],
    pc2: PC2[(w >>> 5) & 31],
    k2: K2_CODES[(w >>> 10) & 3],
    mmUsers: (w >>> 12) & 1,
    mmCount: (w >>> 13) & 3,
    mmFreed: ((w >>> 15) & 1) === 1,
    mmapReaders: (w >>> 16) & 3,
    mmapWriter: ((w >>> 18) & 1) === 1,
    mmlistOwner: OWNERS[(w >>> 19) & 3],
    cursor: CURSORS[(w >>> 21) & 1],
    slotListed: ((w >>> 22) & 1) === 1,
    slotFreed: ((w >>> 23) & 1) === 1,
    rmapNonempty: ((w >>> 24) & 1) === 1,
    mmfMergeable: ((w >>> 25) & 1) === 1,
    mtFlags: (v & 1) === 1 ? mapleFlags : 0,
    vmasPopulated: ((v >>> 1) & 1) === 1,
    nodesFreed: ((v >>> 2) & 1) === 1,
    vmaFreed: ((v >>> 3) & 1) === 1,
    pgtables: PGTABLES[(v >>> 4) & 3],
    fSplat: ((v >>> 6) & 1) === 1,
    fUaf: ((v >>> 7) & 1) === 1,
    fTouch: ((v >>> 8) & 1) === 1,
  };
}

/** A monomorphic copy: every state has the same shape, which keeps the explorer's loop fast. */
function copy(s: KsmState): KsmState {
  return {
    pc1: s.pc1,
    pc2: s.pc2,
    k2: s.k2,
    mmUsers: s.mmUsers,
    mmCount: s.mmCount,
    mmFreed: s.mmFreed,
    mmapReaders: s.mmapReaders,
    mmapWriter: s.mmapWriter,
    mmlistOwner: s.mmlistOwner,
    cursor: s.cursor,
    slotListed: s.slotListed,
    slotFreed: s.slotFreed,
    rmapNonempty: s.rmapNonempty,
    mmfMergeable: s.mmfMergeable,
    mtFlags: s.mtFlags,
    vmasPopulated: s.vmasPopulated,
    nodesFreed: s.nodesFreed,
    vmaFreed: s.vmaFreed,
    pgtables: s.pgtables,
    fSplat: s.fSplat,
    fUaf: s.fUaf,
    fTouch: s.fTouch,
  };
}

const NO_FLAGS: readonly string[] = Object.freeze([]);

function flaggedOutcomes(s: KsmState): readonly string[] {
  if (!s.fSplat && !s.fUaf && !s.fTouch) return NO_FLAGS;
  const out: string[] = [];
  if (s.fSplat) out.push('LOCKDEP_SPLAT');
  if (s.fUaf) out.push('USE_AFTER_FREE');
  if (s.fTouch) out.push('TOUCH_AFTER_KSM_EXIT');
  return out;
}

/** The checkers of spec 5, read from a terminal state. */
function finalOutcomes(s: KsmState): string[] {
  const out = [...flaggedOutcomes(s)];
  const allDone = s.pc1 === DONE && s.pc2 === DONE;
  if (!allDone) out.push('DEADLOCK');
  else if (!(s.mmFreed && s.slotFreed)) out.push('LEAK');
  if (out.length === 0) out.push('CLEAN');
  return out;
}

export type KsmScenario = Scenario<KsmState> & {
  readonly variant: VariantId;
  readonly toggles: Toggles;
};

const cache = new Map<string, KsmScenario>();

/** The scenario for one variant and initial-state toggles. Built once and shared (it is immutable). */
export function ksmScenario(variant: VariantId, toggles: Toggles): KsmScenario {
  const cacheKey = `${variant}/${+toggles.rmapNonempty}${+toggles.cursorAtSlot}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const v = VARIANTS[variant];
  const initial = initialState(toggles, v.maple);
  const steps = new Map<string, StepDef<KsmState>>(buildSteps(v).map((d) => [d.id, d]));
  const scenario: KsmScenario = {
    id: MODEL_ID,
    version: MODEL_VERSION,
    variant,
    toggles: { rmapNonempty: toggles.rmapNonempty, cursorAtSlot: toggles.cursorAtSlot },
    tasks: TASKS,
    initial,
    steps,
    pcOf: (s, task) => (task === 1 ? s.pc1 : s.pc2),
    copy,
    setPc: (d, task, pc) => {
      (d as { pc1: string; pc2: string })[task === 1 ? 'pc1' : 'pc2'] = pc;
    },
    normalize: (d) => {
      // k2 is dead once the branch after t2_unlock_mmlist is taken (spec 2.2).
      if (d.pc2 !== 't2_unlock_mmlist' && d.k2 !== null) (d as { k2: K2 }).k2 = null;
    },
    flaggedOutcomes,
    finalOutcomes,
    outcomeNames: OUTCOMES,
    badOutcomes: BAD_OUTCOMES,
    keyWords: 2,
    pack,
    unpack: (words, o) => unpack(words, o, initial.mtFlags || 0x301),
  };
  cache.set(cacheKey, scenario);
  return scenario;
}
