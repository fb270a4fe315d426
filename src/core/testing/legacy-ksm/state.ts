/**
 * The shared state of the KSM exit race, spec section 2.2, as a flat immutable record.
 * Field names are the spec's names in camelCase; `FIELDS` maps them back for the UI and the CLI.
 */

export type MmlistOwner = 'none' | 't1' | 't2';
export type Cursor = 'head' | 'slot';
export type Pgtables = 'live' | 'zapped' | 'freed';
/** `__ksm_exit()`'s locals `easy_to_free` / `mm_slot != NULL`, live only at `t2_unlock_mmlist`. */
export type K2 = 'easy' | 'sync' | 'none' | null;

export interface KsmState {
  readonly pc1: string;
  readonly pc2: string;
  readonly k2: K2;
  readonly mmUsers: number;
  readonly mmCount: number;
  readonly mmFreed: boolean;
  readonly mmapReaders: number;
  readonly mmapWriter: boolean;
  readonly mmlistOwner: MmlistOwner;
  readonly cursor: Cursor;
  readonly slotListed: boolean;
  readonly slotFreed: boolean;
  readonly rmapNonempty: boolean;
  readonly mmfMergeable: boolean;
  readonly mtFlags: number;
  readonly vmasPopulated: boolean;
  readonly nodesFreed: boolean;
  readonly vmaFreed: boolean;
  readonly pgtables: Pgtables;
  readonly fSplat: boolean;
  readonly fUaf: boolean;
  readonly fTouch: boolean;
}

/** A draft is a private copy a step effect may write. */
export type Draft = { -readonly [K in keyof KsmState]: KsmState[K] };

/** `MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN`: `MM_MT_FLAGS` in v6.3-rc1 (mm_types.h 813). */
export const MM_MT_FLAGS = 0x301;
export const MT_FLAGS_ALLOC_RANGE = 0x01;
export const MT_FLAGS_USE_RCU = 0x02;
export const MT_FLAGS_LOCK_EXTERN = 0x300;

/** Initial-state toggles, spec 2.4. */
export interface Toggles {
  /** ksmd has scanned the mm: `mm_slot->rmap_list != NULL` at start. */
  readonly rmapNonempty: boolean;
  /** ksmd stopped part-way: `ksm_scan.mm_slot` is our slot at start. */
  readonly cursorAtSlot: boolean;
}

export const DEFAULT_TOGGLES: Toggles = { rmapNonempty: false, cursorAtSlot: false };

/** The state fields the panels show, in the spec's order, with the spec's names. */
export const FIELDS = [
  ['mmUsers', 'mm_users'],
  ['mmCount', 'mm_count'],
  ['mmFreed', 'mm_freed'],
  ['mmapReaders', 'mmap_readers'],
  ['mmapWriter', 'mmap_writer'],
  ['mmlistOwner', 'mmlist_owner'],
  ['cursor', 'cursor'],
  ['slotListed', 'slot_listed'],
  ['slotFreed', 'slot_freed'],
  ['rmapNonempty', 'rmap_nonempty'],
  ['mmfMergeable', 'mmf_mergeable'],
  ['mtFlags', 'mt_flags'],
  ['vmasPopulated', 'vmas_populated'],
  ['nodesFreed', 'nodes_freed'],
  ['vmaFreed', 'vma_freed'],
  ['pgtables', 'pgtables'],
  ['fSplat', 'f_splat'],
  ['fUaf', 'f_uaf'],
  ['fTouch', 'f_touch'],
] as const satisfies readonly (readonly [keyof KsmState, string])[];

export type FieldKey = (typeof FIELDS)[number][0];

/** A field's value as the spec writes it: `0x301`, `true`, `none`, `2`. */
export function formatFieldValue(key: FieldKey, s: KsmState): string {
  const v = s[key];
  if (key === 'mtFlags') return '0x' + (v as number).toString(16);
  return String(v);
}

/** Initial state of the default scenario (spec 2.2), adjusted by the toggles and the variant. */
export function initialState(toggles: Toggles, hasMapleTree: boolean): KsmState {
  return {
    pc1: 't1_lock_mmlist',
    pc2: 't2_mmput_dec',
    k2: null,
    mmUsers: 1,
    mmCount: 2,
    mmFreed: false,
    mmapReaders: 0,
    mmapWriter: false,
    mmlistOwner: 'none',
    cursor: toggles.cursorAtSlot ? 'slot' : 'head',
    slotListed: true,
    slotFreed: false,
    rmapNonempty: toggles.rmapNonempty,
    mmfMergeable: true,
    // v6.0 has no maple tree; the spec keeps the value a constant 0 there.
    mtFlags: hasMapleTree ? MM_MT_FLAGS : 0,
    vmasPopulated: true,
    nodesFreed: false,
    vmaFreed: false,
    pgtables: 'live',
    fSplat: false,
    fUaf: false,
    fTouch: false,
  };
}
