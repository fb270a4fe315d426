/**
 * The page's temporary bridge to the KSM race, until the page is made generic (issue 10).
 *
 * The core, the worker and the link codec know no race: a race is a document under scenarios/.
 * The page was written for one race, `ksm-exit-race`, and still reads it in that race's terms:
 * a variant and two initial-state toggles, variants with camelCase features (`earlyCheck`), and
 * the state as the old `KsmState` record (`mmUsers`, `cursor: 'slot'`, `mmapWriter`). This
 * module is the only place that maps between the two, and everything it maps is read from the
 * scenario document or computed by the core: no step table, label or count is copied here.
 * When the page becomes generic, this file goes, and so do the names it spells.
 */
import {
  builtinLibrary,
  defaultSchedule,
  DONE,
  type FieldValue,
  type LockView,
  type ScenarioDoc,
  type StateView,
  type TaskId,
  type TaskInfo,
  type TaskStatus,
} from '../core/index.ts';
import type { Toggles } from '../url/share.ts';
import type { ScenarioRequest } from '../worker/api.ts';
import type { SimOk } from './store.ts';

export type { Toggles };

/** The race the page shows. */
export const SCENARIO = 'ksm-exit-race';

const DOC: ScenarioDoc = (() => {
  const doc = builtinLibrary().doc(SCENARIO);
  if (!doc) throw new Error(`the built-in library has no scenario "${SCENARIO}"`);
  return doc;
})();

// --- variants ---------------------------------------------------------------------------------

/** A variant id of the document (`a_vma_iter`). */
export type VariantId = string;

/** A variant as the page reads it: the document's words, and its features in camelCase. */
export interface Variant {
  readonly id: VariantId;
  /** Short name for menus. */
  readonly title: string;
  /** Which kernel it is, or that it is a control. */
  readonly kernel: string;
  /** One line for people. */
  readonly description: string;
  /** The VMA walk goes through the maple tree (false: v6.0's `mm->mmap` list). */
  readonly maple: boolean;
  /** `ksm_test_exit()` right after `mmap_read_lock()` (the fix). */
  readonly earlyCheck: boolean;
  /** `ksm_test_exit()` inside the `for_each_vma()` body. */
  readonly inloopCheck: boolean;
  /** `unmerge_ksm_pages()`'s per-address `ksm_test_exit()`. */
  readonly unmergeCheck: boolean;
  /** Control: `__ksm_exit()` takes the easy path even when the slot is at the cursor. */
  readonly exitIgnoresCursor: boolean;
}

/** `early_check` → `earlyCheck`. */
function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const FEATURES = Object.keys(DOC.variants.features ?? {});

/** The variants in the document's order. */
export const VARIANT_IDS: readonly VariantId[] = DOC.variants.list.map((v) => v.id);

export const VARIANTS: Readonly<Record<VariantId, Variant>> = Object.fromEntries(
  DOC.variants.list.map((v) => [
    v.id,
    {
      id: v.id,
      title: v.title,
      kernel: v.kernel ?? '',
      description: v.description,
      ...Object.fromEntries(FEATURES.map((f) => [camel(f), v.features?.[f] ?? false])),
    } as Variant,
  ]),
);

export const DEFAULT_VARIANT: VariantId = DOC.variants.default;

/** The bug and its fix, and the words of the switch between them. */
export const FIX: { readonly bug: VariantId; readonly fixed: VariantId; readonly label: string } =
  DOC.variants.fix ?? { bug: DEFAULT_VARIANT, fixed: DEFAULT_VARIANT, label: '' };

// --- toggles and parameters -------------------------------------------------------------------

const paramDefault = (name: string) => DOC.parameters?.find((p) => p.name === name)?.default;

/** The scan cursor parameter: 0 is the list head, 1 our process's slot. */
const CURSOR_AT_SLOT = 1;

/** The document's default initial state, as toggles. */
export const DEFAULT_TOGGLES: Toggles = {
  rmapNonempty: paramDefault('rmap_nonempty') === true,
  cursorAtSlot: paramDefault('cursor') === CURSOR_AT_SLOT,
};

/** The scenario's parameters for a variant and toggles (`processes` stays at its default, 1). */
export function paramsOf(variant: VariantId, toggles: Toggles): Record<string, FieldValue> {
  return {
    variant,
    rmap_nonempty: toggles.rmapNonempty,
    cursor: toggles.cursorAtSlot ? CURSOR_AT_SLOT : 0,
  };
}

/** What the worker is asked for a variant and toggles. */
export function requestOf(variant: VariantId, toggles: Toggles): ScenarioRequest {
  return { scenario: SCENARIO, params: paramsOf(variant, toggles) };
}

export function sameToggles(a: Toggles | null, b: Toggles): boolean {
  return a !== null && a.rmapNonempty === b.rmapNonempty && a.cursorAtSlot === b.cursorAtSlot;
}

// --- the default instance ---------------------------------------------------------------------

const DEFAULT_INSTANCE = builtinLibrary().instance(
  SCENARIO,
  paramsOf(DEFAULT_VARIANT, DEFAULT_TOGGLES),
);

/**
 * The e-mail's interleaving as task choices: the document's default schedule (Liam Howlett's
 * diagram run to completion), 1×3, 2×15, 1×12 under variant a.
 */
export const EMAIL_TASKS: readonly TaskId[] = defaultSchedule(DEFAULT_INSTANCE);

/** The tasks, with their names (`Task 1 — unmerge_and_remove_all_rmap_items()`). */
export const TASKS: readonly TaskInfo[] = DEFAULT_INSTANCE.tasks;

/** Every outcome, in the document's order, and the bad ones. */
export const OUTCOMES: readonly string[] = DEFAULT_INSTANCE.outcomeNames;
export const BAD_OUTCOMES: readonly string[] = DEFAULT_INSTANCE.badOutcomes;

/** The maple tree's flag bits the state panel spells out (`MT_FLAGS_*` constants), in order. */
export const MT_FLAG_BITS: readonly (readonly [name: string, mask: number])[] = Object.entries(
  DOC.constants ?? {},
).flatMap(([name, mask]) =>
  name.startsWith('MT_FLAGS_') ? [[name.slice('MT_FLAGS_'.length), mask] as const] : [],
);

// --- the state as the page reads it -----------------------------------------------------------

export type MmlistOwner = 'none' | 't1' | 't2';
export type Cursor = 'head' | 'slot';
export type Pgtables = 'live' | 'zapped' | 'freed';
/** `__ksm_exit()`'s locals `easy_to_free` / `mm_slot != NULL`, live only at `t2_unlock_mmlist`. */
export type K2 = 'easy' | 'sync' | 'none' | null;

/** One state of the race in the page's terms (the spec's names in camelCase). */
export interface KsmState {
  /** Each task's next step id, or `done`. */
  readonly pc1: string;
  readonly pc2: string;
  readonly k2: K2;
  readonly mmUsers: number;
  readonly mmCount: number;
  readonly mmFreed: boolean;
  /** Tasks holding mmap_lock for reading, from the lock view. */
  readonly mmapReaders: number;
  /** A task holds mmap_lock for writing, from the lock view. */
  readonly mmapWriter: boolean;
  /** Who holds ksm_mmlist_lock, from the lock view. */
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

/** The fields the panels show (program points and `k2` are not among them). */
export type FieldKey = Exclude<keyof KsmState, 'pc1' | 'pc2' | 'k2'>;

const MMAP_LOCK = 'mmap_lock';
const MMLIST_LOCK = 'ksm_mmlist_lock';

function field(view: StateView, name: string): FieldValue {
  const v = view[name];
  if (v === undefined) throw new Error(`the ${SCENARIO} state has no field ${name}`);
  return v;
}
const num = (view: StateView, name: string) => Number(field(view, name));
const bool = (view: StateView, name: string) => field(view, name) === true;

function holdersOf(locks: readonly LockView[], lock: string) {
  return locks.find((l) => l.lock === lock)?.holders ?? [];
}

function pcOf(st: TaskStatus | undefined): string {
  return st === undefined || st.kind === 'done' ? DONE : st.stepId;
}

/**
 * One state in the page's terms, from the trace's named view, its lock view and the tasks'
 * statuses: the old `KsmState`, field for field.
 */
export function ksmStateOf(
  view: StateView,
  locks: readonly LockView[],
  statuses: readonly TaskStatus[],
): KsmState {
  const mmap = holdersOf(locks, MMAP_LOCK);
  const mmlist = holdersOf(locks, MMLIST_LOCK)[0];
  const k2 = field(view, 'k2');
  return {
    pc1: pcOf(statuses[0]),
    pc2: pcOf(statuses[1]),
    k2: k2 === 'unset' ? null : (k2 as K2),
    mmUsers: num(view, 'mm_users'),
    mmCount: num(view, 'mm_count'),
    mmFreed: bool(view, 'mm_freed'),
    mmapReaders: mmap.filter((h) => h.mode === 'read').length,
    mmapWriter: mmap.some((h) => h.mode === 'write'),
    mmlistOwner: mmlist ? (`t${mmlist.task}` as MmlistOwner) : 'none',
    cursor: num(view, 'cursor') === 0 ? 'head' : 'slot',
    slotListed: num(view, 'slot_listed') !== 0,
    slotFreed: bool(view, 'slot_freed'),
    rmapNonempty: bool(view, 'rmap_nonempty'),
    mmfMergeable: bool(view, 'mmf_mergeable'),
    mtFlags: num(view, 'mt_flags'),
    vmasPopulated: bool(view, 'vmas_populated'),
    nodesFreed: bool(view, 'nodes_freed'),
    vmaFreed: bool(view, 'vma_freed'),
    pgtables: field(view, 'pgtables') as Pgtables,
    fSplat: bool(view, 'f_splat'),
    fUaf: bool(view, 'f_uaf'),
    fTouch: bool(view, 'f_touch'),
  };
}

const statesCache = new WeakMap<SimOk, KsmState[]>();

/** Every state of the schedule in the page's terms, initial first: `[k]` is after step k. */
export function statesOf(r: SimOk): KsmState[] {
  let states = statesCache.get(r);
  if (!states) {
    const t = r.trace;
    states = [
      ksmStateOf(t.initial, t.initialLocks, t.initialStatuses),
      ...t.steps.map((s) => ksmStateOf(s.state, s.locks, s.statuses)),
    ];
    statesCache.set(r, states);
  }
  return states;
}

/** The state at cursor k (0 = initial, k = after step k). */
export function stateAt(r: SimOk, k: number): KsmState {
  const states = statesOf(r);
  return states[Math.max(0, Math.min(k, states.length - 1))];
}

/** The fields the k-th step changed (camelCase keys); none at the initial state. */
export function changedAt(r: SimOk, k: number): ReadonlySet<string> {
  if (k <= 0 || k > r.trace.steps.length) return new Set();
  const a = stateAt(r, k - 1);
  const b = stateAt(r, k);
  return new Set((Object.keys(b) as (keyof KsmState)[]).filter((key) => a[key] !== b[key]));
}

/** A field's value at every state of the schedule, initial first (length n + 1). */
export function historyOf(r: SimOk, key: FieldKey): number[] {
  return statesOf(r).map((s) => Number(s[key]));
}

/** The spec's name of a field: `mmapWriter` → `mmap_writer`. */
export function specName(key: FieldKey): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A field's value as the spec writes it: `0x301`, `true`, `none`, `2`. */
export function formatFieldValue(key: FieldKey, s: KsmState): string {
  const v = s[key];
  if (key === 'mtFlags') return '0x' + (v as number).toString(16);
  return String(v);
}

/** The spec's raw value of every panel field at a state: `{ mm_users: '1', mt_flags: '0x301' }`. */
export function rawValues(s: KsmState): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(s) as (keyof KsmState)[])
      .filter((k): k is FieldKey => k !== 'pc1' && k !== 'pc2' && k !== 'k2')
      .map((k) => [specName(k), formatFieldValue(k, s)]),
  );
}
