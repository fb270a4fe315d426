/**
 * An independent, hand-written reference model ("oracle") of the scaled KSM exit race:
 * ../shared/model/ksm-exit-race.md (the "base spec") plus ksm-exit-race-scaled.md (the N-process
 * addendum). Section numbers below name the base spec ("base 3.1") or the addendum ("add. 4").
 *
 * Used only by tests, to check the counts of the real engine. It shares no code with the engine on
 * purpose: plain objects, one switch per task, a Map keyed by JSON.stringify, BigInt counts. It is
 * written for clarity, not speed (fine up to N = 3).
 */

// ---------------------------------------------------------------------------------------------
// Parameters (base 4, base 2.4, add. 1 and 3)
// ---------------------------------------------------------------------------------------------

export const VARIANTS = [
  'a_vma_iter',
  'b_early_check',
  'c_linked_list',
  'd_early_plus_inloop',
  'e_ctl_no_exit_checks',
  'f_ctl_exit_ignores_cursor',
] as const;
export type Variant = (typeof VARIANTS)[number];

export const OUTCOMES = [
  'LOCKDEP_SPLAT',
  'USE_AFTER_FREE',
  'TOUCH_AFTER_KSM_EXIT',
  'DEADLOCK',
  'LEAK',
  'CLEAN',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type BadOutcome = Exclude<Outcome, 'CLEAN'>;

export interface OracleParams {
  variant: Variant;
  /** N >= 1 exiting processes (add. 1). */
  processes: number;
  /** Initial `rmap_nonempty` of every slot (base 2.4, add. 3). */
  rmapNonempty: boolean;
  /** Initial cursor: 0 = head (`&ksm_mm_head`), k = slot k (1 <= k <= N). */
  cursor: number;
}

/** The toggles behind each variant (base 4). */
interface VariantConfig {
  /** Maple tree (a, b, d, e, f) or the v6.0 `mm->mmap` list (c). */
  maple: boolean;
  /** `ksm_test_exit()` right after `mmap_read_lock()` (the fix: b, d, f). */
  earlyCheck: boolean;
  /** `ksm_test_exit()` inside the `for_each_vma` body (a, c, d). */
  inloopCheck: boolean;
  /** `unmerge_ksm_pages()`'s per-address `ksm_test_exit()` (a–d, f). */
  unmergeCheck: boolean;
  /** Control f: `__ksm_exit()` takes the easy path even at the cursor. */
  exitIgnoresCursor: boolean;
}

const VARIANT_CONFIG: Record<Variant, VariantConfig> = {
  a_vma_iter: {
    maple: true,
    earlyCheck: false,
    inloopCheck: true,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  b_early_check: {
    maple: true,
    earlyCheck: true,
    inloopCheck: false,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  c_linked_list: {
    maple: false,
    earlyCheck: false,
    inloopCheck: true,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  d_early_plus_inloop: {
    maple: true,
    earlyCheck: true,
    inloopCheck: true,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  e_ctl_no_exit_checks: {
    maple: true,
    earlyCheck: false,
    inloopCheck: false,
    unmergeCheck: false,
    exitIgnoresCursor: false,
  },
  // "task 1 as in b" (base 4)
  f_ctl_exit_ignores_cursor: {
    maple: true,
    earlyCheck: true,
    inloopCheck: false,
    unmergeCheck: true,
    exitIgnoresCursor: true,
  },
};

// ---------------------------------------------------------------------------------------------
// State (base 2.2, add. 3)
// ---------------------------------------------------------------------------------------------

/** `__ksm_exit()`'s locals at `t2_unlock_mmlist` (base 2.2): easy / sync / none. */
type K2 = 'easy' | 'sync' | 'none';
/** The value k2[i] has whenever task 2.i is not at `t2_unlock_mmlist`, so equal states have equal keys. */
const K2_UNSET = '-';

type Pgtables = 'live' | 'zapped' | 'freed';

/**
 * Task 1's program point: base step id plus the mm (= slot) the body acts on (add. 3); mm = 0
 * outside a body (`t1_lock_mmlist`, `t1_set_cursor`, `t1_unlock_mmlist`, `done`).
 */
interface Pc1 {
  step: string;
  mm: number;
}

/**
 * The canonical state. Arrays are per mm, index m - 1 for mm m (m = 1..N). Field order is the
 * addendum's key order (add. 3), with k2 (live only at `t2_unlock_mmlist`) right after pc2.
 */
export interface OracleState {
  pc1: Pc1;
  pc2: string[];
  k2: (K2 | typeof K2_UNSET)[];
  mm_users: number[];
  mm_count: number[];
  mm_freed: boolean[];
  mmap_readers: number[];
  mmap_writer: boolean[];
  /** 0 = none, 1 = task 1, 1 + i = task 2.i */
  mmlist_owner: number;
  /** 0 = head, i = slot i */
  cursor: number;
  /** 1-based position on `ksm_mm_head`, 0 = unlisted (add. 3) */
  slot_listed: number[];
  slot_freed: boolean[];
  rmap_nonempty: boolean[];
  mmf_mergeable: boolean[];
  mt_flags: number[];
  vmas_populated: boolean[];
  nodes_freed: boolean[];
  vma_freed: boolean[];
  pgtables: Pgtables[];
  f_splat: boolean[];
  f_uaf: boolean[];
  f_touch: boolean[];
}

const DONE = 'done';
const MM_MT_FLAGS = 0x301; // ALLOC_RANGE | LOCK_EXTERN (base 2.2 row 14)
const LOCK_EXTERN_MASK = 0x300;
const OWNER_NONE = 0;
const OWNER_T1 = 1;
const HEAD = 0;

function checkParams(p: OracleParams): void {
  if (!VARIANTS.includes(p.variant)) throw new Error(`unknown variant ${String(p.variant)}`);
  if (!Number.isInteger(p.processes) || p.processes < 1) {
    throw new Error(`processes must be an integer >= 1, got ${p.processes}`);
  }
  if (!Number.isInteger(p.cursor) || p.cursor < 0 || p.cursor > p.processes) {
    throw new Error(`cursor must be 0 (head) or a slot 1..${p.processes}, got ${p.cursor}`);
  }
}

/** Initial state (base 2.2 default column, add. 3). */
export function initialState(p: OracleParams): OracleState {
  checkParams(p);
  const n = p.processes;
  const cfg = VARIANT_CONFIG[p.variant];
  const fill = <T>(v: T): T[] => Array.from({ length: n }, () => v);
  return {
    pc1: { step: 't1_lock_mmlist', mm: 0 },
    pc2: fill('t2_mmput_dec'),
    k2: fill(K2_UNSET),
    mm_users: fill(1),
    mm_count: fill(2),
    mm_freed: fill(false),
    mmap_readers: fill(0),
    mmap_writer: fill(false),
    mmlist_owner: OWNER_NONE,
    cursor: p.cursor,
    slot_listed: Array.from({ length: n }, (_, i) => i + 1),
    slot_freed: fill(false),
    rmap_nonempty: fill(p.rmapNonempty),
    mmf_mergeable: fill(true),
    // v6.0 (c) has no tree: the value is a constant 0 there (base 2.2 row 14).
    mt_flags: fill(cfg.maple ? MM_MT_FLAGS : 0),
    vmas_populated: fill(true),
    nodes_freed: fill(false),
    vma_freed: fill(false),
    pgtables: fill<Pgtables>('live'),
    f_splat: fill(false),
    f_uaf: fill(false),
    f_touch: fill(false),
  };
}

function cloneState(s: OracleState): OracleState {
  return {
    pc1: { ...s.pc1 },
    pc2: [...s.pc2],
    k2: [...s.k2],
    mm_users: [...s.mm_users],
    mm_count: [...s.mm_count],
    mm_freed: [...s.mm_freed],
    mmap_readers: [...s.mmap_readers],
    mmap_writer: [...s.mmap_writer],
    mmlist_owner: s.mmlist_owner,
    cursor: s.cursor,
    slot_listed: [...s.slot_listed],
    slot_freed: [...s.slot_freed],
    rmap_nonempty: [...s.rmap_nonempty],
    mmf_mergeable: [...s.mmf_mergeable],
    mt_flags: [...s.mt_flags],
    vmas_populated: [...s.vmas_populated],
    nodes_freed: [...s.nodes_freed],
    vma_freed: [...s.vma_freed],
    pgtables: [...s.pgtables],
    f_splat: [...s.f_splat],
    f_uaf: [...s.f_uaf],
    f_touch: [...s.f_touch],
  };
}

/** The canonical key. k2 is reset to K2_UNSET by every step that leaves t2_unlock_mmlist. */
export function stateKey(s: OracleState): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------------
// The list `ksm_mm_head` as positions (add. 3: slot_listed[i] is a 1-based position, no gaps)
// ---------------------------------------------------------------------------------------------

/** Listed slots (mm numbers) in list order. */
function listOrder(s: OracleState): number[] {
  const order: number[] = [];
  s.slot_listed.forEach((pos, idx) => {
    if (pos > 0) order[pos - 1] = idx + 1;
  });
  return order;
}

/** Write an order back as positions 1..m; every slot not in `order` becomes unlisted. */
function setListOrder(s: OracleState, order: number[]): void {
  s.slot_listed.fill(0);
  order.forEach((slot, idx) => {
    s.slot_listed[slot - 1] = idx + 1;
  });
}

/** `hash_del` + `list_del` of slot k (a no-op if it is not listed). */
function unlinkSlot(s: OracleState, k: number): void {
  setListOrder(
    s,
    listOrder(s).filter((x) => x !== k),
  );
}

/**
 * `list_move(&slot_i->mm_node, &ksm_scan.mm_slot->slot.mm_node)` (add. 4): slot i is put right
 * after the cursor slot; at the front when the cursor is head or the cursor slot is unlisted.
 * `deref(slot cursor)` when the cursor is a slot (list_add writes its `next`).
 */
function listMoveBehindCursor(s: OracleState, i: number): void {
  if (s.cursor !== HEAD) derefSlot(s, s.cursor);
  const order = listOrder(s).filter((x) => x !== i);
  const at = s.cursor === HEAD ? -1 : order.indexOf(s.cursor); // -1 also when unlisted
  order.splice(at + 1, 0, i);
  setListOrder(s, order);
}

// ---------------------------------------------------------------------------------------------
// Shared definitions (base 3, "Shared definitions"; add. 6 per-mm flags)
// ---------------------------------------------------------------------------------------------

function derefMm(s: OracleState, m: number): void {
  if (s.mm_freed[m - 1]) s.f_uaf[m - 1] = true;
}
function derefSlot(s: OracleState, k: number): void {
  if (s.slot_freed[k - 1]) s.f_uaf[k - 1] = true;
}
function derefVma(s: OracleState, m: number): void {
  if (s.vma_freed[m - 1]) s.f_uaf[m - 1] = true;
}

/** `mmdrop(mm m)`: on a freed mm only f_uaf; else mm_count -= 1, freeing the mm at 0. */
function mmdrop(s: OracleState, m: number): void {
  const i = m - 1;
  if (s.mm_freed[i]) {
    s.f_uaf[i] = true;
    return;
  }
  s.mm_count[i] -= 1;
  if (s.mm_count[i] === 0) s.mm_freed[i] = true;
}

/** mm_slot_free(slot k) (t1_free_slot / t2_free_slot): a second free is a use after free. */
function freeSlot(s: OracleState, k: number): void {
  if (s.slot_freed[k - 1]) s.f_uaf[k - 1] = true;
  s.slot_freed[k - 1] = true;
}

/**
 * `mt(T)` on mm m: lockdep is satisfied iff LOCK_EXTERN is set and T holds mm m's mmap_lock
 * (ma_lock is never held, no RCU reader). Always deref(mm); walking a populated root with freed
 * nodes is a use after free.
 */
function mt(s: OracleState, m: number, holdsMmapLock: boolean): void {
  const i = m - 1;
  const external = (s.mt_flags[i] & LOCK_EXTERN_MASK) === LOCK_EXTERN_MASK;
  if (!(external && holdsMmapLock)) s.f_splat[i] = true;
  derefMm(s, m);
  if (s.vmas_populated[i] && s.nodes_freed[i]) s.f_uaf[i] = true;
}

/** Task 1 steps (as pc1.step, before they run) during which task 1 holds mm k's read lock. */
const T1_HOLDS_READ_LOCK = new Set([
  't1_early_test_exit',
  't1_vma_first',
  't1_inloop_test_exit',
  't1_unmerge_test_exit',
  't1_break_ksm',
  't1_vma_next',
  't1_remove_trailing',
  't1_mmap_read_unlock',
]);

/** Task 2 steps (as pc2, before they run) during which task 2.i holds mm i's mmap_lock. */
const T2_HOLDS_MMAP_LOCK = new Set([
  't2_mmap_write_unlock',
  't2_unmap_vmas',
  't2_exit_read_unlock',
  't2_free_pgtables_vmas',
  't2_mt_destroy',
  't2_exit_write_unlock',
]);

/**
 * pc2 values at which task 2 has returned from `ksm_exit()` (base 3.2: "from t2_exit_read_lock
 * on", and from t2_exit_write_lock on in v6.0, whose exit_mmap has no read-locked part).
 */
const T2_RETURNED_FROM_KSM_EXIT = new Set([
  't2_exit_read_lock',
  't2_unmap_vmas',
  't2_exit_read_unlock',
  't2_exit_write_lock',
  't2_free_pgtables_vmas',
  't2_mt_destroy',
  't2_exit_write_unlock',
  't2_mmdrop',
  DONE,
]);

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/** One enabled step: its id (with suffix for N >= 2) and the state after it. */
interface Move {
  id: string;
  next: OracleState;
}

/** Step ids (add. 5): `<base>.<mm>` for N >= 2, the base id for N = 1 or mm-less steps. */
function stepId(base: string, mm: number, n: number): string {
  return n >= 2 && mm > 0 ? `${base}.${mm}` : base;
}

/**
 * The loop test of `unmerge_and_remove_all_rmap_items()` (add. 2), run at the end of
 * `t1_unlock_mmlist` and of every body (`t1_mmdrop.k`, `t1_unlock_mmlist_live.k`): cursor head →
 * done; else k' := cursor, `deref(slot k')` (`mm = mm_slot->slot.mm`), next `t1_mmap_read_lock.k'`.
 */
function loopTest(n: OracleState): Pc1 {
  if (n.cursor === HEAD) return { step: DONE, mm: 0 };
  derefSlot(n, n.cursor);
  return { step: 't1_mmap_read_lock', mm: n.cursor };
}

/** Task 1's enabled step, or null when it is done or blocked (base 3.1, base 4, add. 2). */
function task1Move(s: OracleState, p: OracleParams): Move | null {
  const cfg = VARIANT_CONFIG[p.variant];
  const { step, mm: k } = s.pc1;
  const x = k - 1; // array index of mm k (meaningless outside a body)

  // Guards (blocked acquisitions are simply not enabled).
  if (step === DONE) return null;
  if ((step === 't1_lock_mmlist' || step === 't1_relock_mmlist') && s.mmlist_owner !== OWNER_NONE) {
    return null;
  }
  if (step === 't1_mmap_read_lock' && s.mmap_writer[x]) return null;

  const n = cloneState(s);
  let next: Pc1;
  const body = (st: string): Pc1 => ({ step: st, mm: k });
  /** Where a VMA found by the walk leads: the in-loop check, unmerge check or break_ksm. */
  const afterVmaFound = (): Pc1 =>
    body(
      cfg.inloopCheck
        ? 't1_inloop_test_exit'
        : cfg.unmergeCheck
          ? 't1_unmerge_test_exit'
          : 't1_break_ksm',
    );

  switch (step) {
    case 't1_lock_mmlist':
      n.mmlist_owner = OWNER_T1;
      next = { step: 't1_set_cursor', mm: 0 };
      break;
    case 't1_set_cursor': {
      // cursor := the first listed slot, or head if the list is empty (add. 2)
      const order = listOrder(n);
      n.cursor = order.length > 0 ? order[0] : HEAD;
      next = { step: 't1_unlock_mmlist', mm: 0 };
      break;
    }
    case 't1_unlock_mmlist':
      n.mmlist_owner = OWNER_NONE;
      next = loopTest(n);
      break;
    case 't1_mmap_read_lock':
      n.mmap_readers[x] += 1;
      derefMm(n, k);
      next = body(cfg.earlyCheck ? 't1_early_test_exit' : 't1_vma_first');
      break;
    case 't1_early_test_exit': // b, d, f (v6.3.8 996–997)
      derefMm(n, k);
      next = body(n.mm_users[x] === 0 ? 't1_remove_trailing' : 't1_vma_first');
      break;
    case 't1_vma_first':
      if (cfg.maple) mt(n, k, T1_HOLDS_READ_LOCK.has(step));
      else derefMm(n, k); // v6.0: plain load of mm->mmap, no lockdep check
      if (n.vmas_populated[x]) {
        derefVma(n, k);
        next = afterVmaFound();
      } else {
        next = body('t1_remove_trailing'); // the walk returns NULL
      }
      break;
    case 't1_inloop_test_exit':
      derefMm(n, k);
      next =
        n.mm_users[x] === 0
          ? body('t1_remove_trailing')
          : body(cfg.unmergeCheck ? 't1_unmerge_test_exit' : 't1_break_ksm');
      break;
    case 't1_unmerge_test_exit':
      derefVma(n, k);
      derefMm(n, k);
      next = body(n.mm_users[x] === 0 ? 't1_vma_next' : 't1_break_ksm');
      break;
    case 't1_break_ksm':
      derefVma(n, k);
      derefMm(n, k);
      if (n.pgtables[x] === 'freed') n.f_uaf[x] = true;
      if (T2_RETURNED_FROM_KSM_EXIT.has(n.pc2[x])) n.f_touch[x] = true;
      next = body('t1_vma_next');
      break;
    case 't1_vma_next':
      if (cfg.maple) mt(n, k, T1_HOLDS_READ_LOCK.has(step));
      else derefVma(n, k); // vma = vma->vm_next
      next = body('t1_remove_trailing');
      break;
    case 't1_remove_trailing':
      derefSlot(n, k);
      n.rmap_nonempty[x] = false;
      next = body('t1_mmap_read_unlock');
      break;
    case 't1_mmap_read_unlock':
      derefMm(n, k);
      n.mmap_readers[x] -= 1;
      next = body('t1_relock_mmlist');
      break;
    case 't1_relock_mmlist':
      n.mmlist_owner = OWNER_T1;
      next = body('t1_advance_cursor');
      break;
    case 't1_advance_cursor': {
      // cursor := the slot following slot k on the list now; head if k is last or unlisted
      derefSlot(n, k);
      const order = listOrder(n);
      const pos = order.indexOf(k);
      n.cursor = pos >= 0 && pos + 1 < order.length ? order[pos + 1] : HEAD;
      next = body('t1_final_test_exit');
      break;
    }
    case 't1_final_test_exit':
      derefMm(n, k);
      next = body(n.mm_users[x] === 0 ? 't1_unlink_slot' : 't1_unlock_mmlist_live');
      break;
    case 't1_unlink_slot':
      derefSlot(n, k);
      unlinkSlot(n, k);
      next = body('t1_unlock_mmlist_exit');
      break;
    case 't1_unlock_mmlist_exit':
      n.mmlist_owner = OWNER_NONE;
      next = body('t1_free_slot');
      break;
    case 't1_free_slot':
      freeSlot(n, k);
      next = body('t1_clear_mergeable');
      break;
    case 't1_clear_mergeable':
      derefMm(n, k);
      n.mmf_mergeable[x] = false;
      next = body('t1_mmdrop');
      break;
    case 't1_mmdrop':
      mmdrop(n, k);
      next = loopTest(n);
      break;
    case 't1_unlock_mmlist_live':
      n.mmlist_owner = OWNER_NONE;
      next = loopTest(n);
      break;
    default:
      throw new Error(`task 1 at unknown step ${step}`);
  }
  n.pc1 = next;
  return { id: stepId(step, k, p.processes), next: n };
}

/** Task 2.i's enabled step, or null when it is done or blocked (base 3.2, add. 4). */
function task2Move(s: OracleState, p: OracleParams, i: number): Move | null {
  const cfg = VARIANT_CONFIG[p.variant];
  const x = i - 1;
  const step = s.pc2[x];
  const exitMmapStart = cfg.maple ? 't2_exit_read_lock' : 't2_exit_write_lock';

  // Guards.
  if (step === DONE) return null;
  if (step === 't2_lock_mmlist' && s.mmlist_owner !== OWNER_NONE) return null;
  if (
    (step === 't2_mmap_write_lock' || step === 't2_exit_write_lock') &&
    (s.mmap_readers[x] !== 0 || s.mmap_writer[x])
  ) {
    return null;
  }
  if (step === 't2_exit_read_lock' && s.mmap_writer[x]) return null;

  const n = cloneState(s);
  let next: string;
  switch (step) {
    case 't2_mmput_dec':
      n.mm_users[x] -= 1;
      next = 't2_ksm_exit_test';
      break;
    case 't2_ksm_exit_test':
      next = n.mmf_mergeable[x] ? 't2_lock_mmlist' : exitMmapStart;
      break;
    case 't2_lock_mmlist':
      n.mmlist_owner = 1 + i;
      next = 't2_lookup_slot';
      break;
    case 't2_lookup_slot': {
      let k2: K2;
      if (n.slot_listed[x] === 0) {
        k2 = 'none';
      } else {
        derefSlot(n, i);
        const atCursor = n.cursor === i;
        const empty = !n.rmap_nonempty[x];
        if (empty && (!atCursor || cfg.exitIgnoresCursor)) {
          // easy path: hash_del + list_del (f drops the cursor test here only, add. 4)
          unlinkSlot(n, i);
          k2 = 'easy';
        } else if (!atCursor) {
          listMoveBehindCursor(n, i); // non-empty rmap_list, not at the cursor
          k2 = 'sync';
        } else {
          k2 = 'sync'; // at the cursor: no list change, mmap_lock handshake
        }
      }
      n.k2[x] = k2;
      next = 't2_unlock_mmlist';
      break;
    }
    case 't2_unlock_mmlist': {
      n.mmlist_owner = OWNER_NONE;
      const k2 = n.k2[x];
      n.k2[x] = K2_UNSET; // k2 is dead once the branch is taken
      if (k2 === 'easy') next = 't2_free_slot';
      else if (k2 === 'sync') next = 't2_mmap_write_lock';
      else if (k2 === 'none') next = exitMmapStart;
      else throw new Error(`task 2.${i} at t2_unlock_mmlist without k2`);
      break;
    }
    case 't2_free_slot':
      freeSlot(n, i);
      next = 't2_clear_mergeable';
      break;
    case 't2_clear_mergeable':
      n.mmf_mergeable[x] = false;
      next = 't2_mmdrop_slot';
      break;
    case 't2_mmdrop_slot':
      mmdrop(n, i);
      next = exitMmapStart;
      break;
    case 't2_mmap_write_lock':
      n.mmap_writer[x] = true;
      next = 't2_mmap_write_unlock';
      break;
    case 't2_mmap_write_unlock':
      n.mmap_writer[x] = false;
      next = exitMmapStart;
      break;
    case 't2_exit_read_lock':
      n.mmap_readers[x] += 1;
      next = 't2_unmap_vmas';
      break;
    case 't2_unmap_vmas':
      if (cfg.maple) mt(n, i, T2_HOLDS_MMAP_LOCK.has(step));
      n.pgtables[x] = 'zapped';
      next = cfg.maple ? 't2_exit_read_unlock' : 't2_free_pgtables_vmas';
      break;
    case 't2_exit_read_unlock':
      n.mmap_readers[x] -= 1;
      next = 't2_exit_write_lock';
      break;
    case 't2_exit_write_lock':
      n.mmap_writer[x] = true;
      next = cfg.maple ? 't2_free_pgtables_vmas' : 't2_unmap_vmas';
      break;
    case 't2_free_pgtables_vmas':
      if (cfg.maple) mt(n, i, T2_HOLDS_MMAP_LOCK.has(step));
      n.pgtables[x] = 'freed';
      n.vma_freed[x] = true;
      if (!cfg.maple) n.vmas_populated[x] = false; // v6.0: mm->mmap = NULL
      next = cfg.maple ? 't2_mt_destroy' : 't2_exit_write_unlock';
      break;
    case 't2_mt_destroy':
      mt(n, i, T2_HOLDS_MMAP_LOCK.has(step));
      n.vmas_populated[x] = false;
      n.nodes_freed[x] = true;
      n.mt_flags[x] = 0;
      next = 't2_exit_write_unlock';
      break;
    case 't2_exit_write_unlock':
      n.mmap_writer[x] = false;
      next = 't2_mmdrop';
      break;
    case 't2_mmdrop':
      mmdrop(n, i);
      next = DONE;
      break;
    default:
      throw new Error(`task 2.${i} at unknown step ${step}`);
  }
  n.pc2[x] = next;
  return { id: stepId(step, i, p.processes), next: n };
}

/** Enabled steps in successor order: task 1, then task 2.1 … 2.N (add. 5). */
function enabledMoves(s: OracleState, p: OracleParams): Move[] {
  const moves: Move[] = [];
  const m1 = task1Move(s, p);
  if (m1) moves.push(m1);
  for (let i = 1; i <= p.processes; i++) {
    const m2 = task2Move(s, p, i);
    if (m2) moves.push(m2);
  }
  return moves;
}

// ---------------------------------------------------------------------------------------------
// Outcomes (base 5, add. 6)
// ---------------------------------------------------------------------------------------------

function allDone(s: OracleState): boolean {
  return s.pc1.step === DONE && s.pc2.every((pc) => pc === DONE);
}

/** Sticky-flag outcomes that hold in s (for any mm). */
function flagOutcomes(s: OracleState): BadOutcome[] {
  const out: BadOutcome[] = [];
  if (s.f_splat.some(Boolean)) out.push('LOCKDEP_SPLAT');
  if (s.f_uaf.some(Boolean)) out.push('USE_AFTER_FREE');
  if (s.f_touch.some(Boolean)) out.push('TOUCH_AFTER_KSM_EXIT');
  return out;
}

/** mm i leaks at the end when not (mm_freed[i] ∧ slot_freed[i]). */
function leaks(s: OracleState, x: number): boolean {
  return !(s.mm_freed[x] && s.slot_freed[x]);
}

/** Outcomes of a terminal state (no step enabled), in OUTCOMES order. */
function terminalOutcomes(s: OracleState): Outcome[] {
  const out: Outcome[] = flagOutcomes(s);
  const done = allDone(s);
  if (!done) out.push('DEADLOCK');
  if (done && s.mm_freed.some((_, x) => leaks(s, x))) out.push('LEAK');
  if (out.length === 0) out.push('CLEAN');
  return out;
}

/**
 * A terminal state's outcome signature as a bit mask: per mm i (x = i - 1) bit x = f_splat,
 * N + x = f_uaf, 2N + x = f_touch, 3N + x = leak; bit 4N = deadlock. 0 = CLEAN.
 */
function terminalMask(s: OracleState): number {
  const n = s.pc2.length;
  let mask = 0;
  const done = allDone(s);
  for (let x = 0; x < n; x++) {
    if (s.f_splat[x]) mask |= 1 << x;
    if (s.f_uaf[x]) mask |= 1 << (n + x);
    if (s.f_touch[x]) mask |= 1 << (2 * n + x);
    if (done && leaks(s, x)) mask |= 1 << (3 * n + x);
  }
  if (!done) mask |= 1 << (4 * n);
  return mask;
}

/** Does the mask satisfy outcome o for mm i (i = 0: for any mm)? */
function maskHas(mask: number, o: Outcome, n: number, i = 0): boolean {
  const perMm = (base: number): boolean => {
    const bits = i === 0 ? ((1 << n) - 1) << base : 1 << (base + i - 1);
    return (mask & bits) !== 0;
  };
  switch (o) {
    case 'LOCKDEP_SPLAT':
      return perMm(0);
    case 'USE_AFTER_FREE':
      return perMm(n);
    case 'TOUCH_AFTER_KSM_EXIT':
      return perMm(2 * n);
    case 'LEAK':
      return perMm(3 * n);
    case 'DEADLOCK':
      return (mask & (1 << (4 * n))) !== 0;
    case 'CLEAN':
      return mask === 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Exploration: BFS over canonical keys, counts by memoised DFS (base 5, 5.1; add. 6, 7)
// ---------------------------------------------------------------------------------------------

export interface OracleExploreResult {
  reachableStates: number;
  transitions: number;
  terminalStates: number;
  completeSchedules: bigint;
  schedulesWith: Record<Outcome, bigint>;
  /**
   * Per-mm counts (add. 6): `LOCKDEP_SPLAT.2` = complete schedules whose final state has
   * f_splat[2]; likewise USE_AFTER_FREE.i, TOUCH_AFTER_KSM_EXIT.i, LEAK.i. Keys always suffixed.
   */
  schedulesWithPerMm: Record<string, bigint>;
  /** Shortest schedule reaching each reachable bad outcome; ties: first found by BFS. */
  shortestWitness: Partial<Record<BadOutcome, string[]>>;
}

export function oracleExplore(p: OracleParams): OracleExploreResult {
  const n = p.processes;
  if (4 * n >= 31) throw new Error('the outcome mask supports at most 7 processes');
  const init = initialState(p);

  // --- BFS. States are numbered in discovery order; only keys are kept, the queue holds states.
  const index = new Map<string, number>();
  const successors: number[][] = [];
  const parent: number[] = [];
  const parentStep: string[] = [];
  const terminalMaskOf = new Map<number, number>();
  const witnessEnd = new Map<BadOutcome, number>();
  let transitions = 0;

  const discover = (s: OracleState, from: number, id: string): number => {
    const key = stateKey(s);
    const known = index.get(key);
    if (known !== undefined) return known;
    const idx = parent.length;
    index.set(key, idx);
    parent.push(from);
    parentStep.push(id);
    successors.push([]);
    // A sticky flag is reached the first time a state with it is discovered.
    for (const o of flagOutcomes(s)) if (!witnessEnd.has(o)) witnessEnd.set(o, idx);
    queue.push(s);
    return idx;
  };

  const queue: OracleState[] = [];
  discover(init, -1, '');
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    queue[head] = undefined as unknown as OracleState; // let it be collected
    const moves = enabledMoves(s, p);
    if (moves.length === 0) {
      const mask = terminalMask(s);
      terminalMaskOf.set(head, mask);
      for (const o of terminalOutcomes(s)) {
        if ((o === 'DEADLOCK' || o === 'LEAK') && !witnessEnd.has(o)) witnessEnd.set(o, head);
      }
      continue;
    }
    for (const m of moves) {
      successors[head].push(discover(m.next, head, m.id));
      transitions += 1;
    }
  }

  // --- Counts: memoised DFS giving, per state, the number of complete schedules from it per
  // terminal outcome mask. The state graph must be acyclic (a cycle would mean infinite runs).
  const memo: (Map<number, bigint> | undefined)[] = new Array(parent.length);
  const onStack = new Uint8Array(parent.length);
  const countFrom = (v: number): Map<number, bigint> => {
    const cached = memo[v];
    if (cached) return cached;
    if (onStack[v]) throw new Error(`cycle in the state graph through state ${v}`);
    onStack[v] = 1;
    const result = new Map<number, bigint>();
    const mask = terminalMaskOf.get(v);
    if (mask !== undefined) {
      result.set(mask, 1n);
    } else {
      for (const w of successors[v]) {
        for (const [m, c] of countFrom(w)) result.set(m, (result.get(m) ?? 0n) + c);
      }
    }
    onStack[v] = 0;
    memo[v] = result;
    return result;
  };
  const byMask = countFrom(0);

  const schedulesWith = Object.fromEntries(OUTCOMES.map((o) => [o, 0n])) as Record<Outcome, bigint>;
  const schedulesWithPerMm: Record<string, bigint> = {};
  const perMmOutcomes: Outcome[] = [
    'LOCKDEP_SPLAT',
    'USE_AFTER_FREE',
    'TOUCH_AFTER_KSM_EXIT',
    'LEAK',
  ];
  for (const o of perMmOutcomes) for (let i = 1; i <= n; i++) schedulesWithPerMm[`${o}.${i}`] = 0n;
  let completeSchedules = 0n;
  for (const [mask, c] of byMask) {
    completeSchedules += c;
    for (const o of OUTCOMES) if (maskHas(mask, o, n)) schedulesWith[o] += c;
    for (const o of perMmOutcomes) {
      for (let i = 1; i <= n; i++) if (maskHas(mask, o, n, i)) schedulesWithPerMm[`${o}.${i}`] += c;
    }
  }

  // --- Witnesses: follow the BFS parent links back to the initial state.
  const shortestWitness: Partial<Record<BadOutcome, string[]>> = {};
  for (const o of OUTCOMES) {
    if (o === 'CLEAN') continue;
    const end = witnessEnd.get(o);
    if (end === undefined) continue;
    const path: string[] = [];
    for (let v = end; v !== 0; v = parent[v]) path.push(parentStep[v]);
    shortestWitness[o] = path.reverse();
  }

  return {
    reachableStates: parent.length,
    transitions,
    terminalStates: terminalMaskOf.size,
    completeSchedules,
    schedulesWith,
    schedulesWithPerMm,
    shortestWitness,
  };
}

// ---------------------------------------------------------------------------------------------
// Replay (base 5: a schedule is a sequence of step ids, each enabled when applied)
// ---------------------------------------------------------------------------------------------

export interface OracleReplayResult {
  /**
   * For a complete schedule: the outcomes of its final state (CLEAN when none). For an incomplete
   * one: the sticky-flag outcomes reached so far (possibly empty; never DEADLOCK/LEAK/CLEAN).
   */
  outcomes: Outcome[];
  /** No step is enabled after the schedule. */
  complete: boolean;
  /** The state after the schedule (for tests that look inside). */
  finalState: OracleState;
}

export function oracleReplay(p: OracleParams, stepIds: readonly string[]): OracleReplayResult {
  let s = initialState(p);
  stepIds.forEach((id, turn) => {
    const moves = enabledMoves(s, p);
    const move = moves.find((m) => m.id === id);
    if (!move) {
      const enabled = moves.map((m) => m.id).join(', ') || 'none';
      throw new Error(`step ${turn + 1} (${id}) is not enabled; enabled: ${enabled}`);
    }
    s = move.next;
  });
  const complete = enabledMoves(s, p).length === 0;
  return { outcomes: complete ? terminalOutcomes(s) : flagOutcomes(s), complete, finalState: s };
}

/** The ids of the steps enabled after a schedule, in successor order (task 1, 2.1 … 2.N). */
export function oracleEnabled(p: OracleParams, stepIds: readonly string[]): string[] {
  let s = initialState(p);
  for (const id of stepIds) {
    const move = enabledMoves(s, p).find((m) => m.id === id);
    if (!move) throw new Error(`step ${id} is not enabled`);
    s = move.next;
  }
  return enabledMoves(s, p).map((m) => m.id);
}
