/**
 * Independent reference implementation ("oracle") of the `ksm-oom-deadlock` model
 * (/work/shared/model/ksm-oom-deadlock.md, model version 1).
 *
 * Used only by tests, to cross-check the counts of the real engine. It is written by hand from the
 * specification and shares no code with src/core: the state is a plain object with the fields of
 * spec section 2.2, each task's next step is computed by a plain `switch` on its program counter,
 * exploration is a breadth-first search over a `Map` keyed by `JSON.stringify` of the state, and
 * schedule counts come from a memoised depth-first search in BigInt.
 *
 * Conventions (spec sections 3 and 5, and those of `ksm-exit-race`):
 * - Each task has at most one enabled step (its `pc` names it and its guard holds). Successors are
 *   listed task 1 first, then task 2.
 * - A complete schedule ends in a state where no step is enabled. Its outcomes are read from that
 *   final state; several can hold at once, and CLEAN means none of the others.
 * - The shortest witness of an outcome is the first shortest schedule prefix found by a
 *   breadth-first search that tries task 1 before task 2 and reaches a state with the outcome's
 *   predicate (for DEADLOCK and LEAK this is a terminal state; the flag-based outcomes are sticky,
 *   so the first state that has the flag is taken).
 */

export const ORACLE_VARIANTS = [
  'a_mutex_in_ksm_exit',
  'b_exit_mmap_handshake',
  'c_no_fault_checks',
  'd_ksm_exit_in_mmput',
  'e_down_read_in_mmput',
] as const;
export type OracleVariant = (typeof ORACLE_VARIANTS)[number];

export type OracleOom = 'waits' | 'skips';
export type OracleExit = 'any' | 'oom';

export interface OracleConfig {
  variant: OracleVariant;
  oom: OracleOom;
  exit: OracleExit;
}

export const ORACLE_BAD_OUTCOMES = [
  'DEADLOCK',
  'PTE_AFTER_ZAP',
  'USE_AFTER_FREE',
  'WRONG_VICTIM',
  'LEAK',
] as const;
export type OracleBadOutcome = (typeof ORACLE_BAD_OUTCOMES)[number];
export const ORACLE_OUTCOMES = [...ORACLE_BAD_OUTCOMES, 'CLEAN'] as const;
export type OracleOutcome = (typeof ORACLE_OUTCOMES)[number];

/** Spec section 2.2, fields in the order of the state key. */
export interface OracleState {
  pc1: string;
  pc2: string;
  mutex: 'none' | 't1' | 't2';
  readers: 0 | 1;
  writer: boolean;
  cursor: 'head' | 'slot';
  slot_listed: boolean;
  slot_freed: boolean;
  rmap_nonempty: boolean;
  mergeable: boolean;
  mm_users: 0 | 1;
  killed: boolean;
  pte: 'ksm' | 'none' | 'anon';
  zapped: boolean;
  pgtables_freed: boolean;
  mem_free: boolean;
  bystander_killed: boolean;
  f_pte_after_zap: boolean;
  f_uaf: boolean;
}

export function oracleInitialState(): OracleState {
  return {
    pc1: 't1_mutex_lock',
    pc2: 't2_exit_mm',
    mutex: 'none',
    readers: 0,
    writer: false,
    cursor: 'head',
    slot_listed: true,
    slot_freed: false,
    rmap_nonempty: true,
    mergeable: true,
    mm_users: 1,
    killed: false,
    pte: 'ksm',
    zapped: false,
    pgtables_freed: false,
    mem_free: false,
    bystander_killed: false,
    f_pte_after_zap: false,
    f_uaf: false,
  };
}

/** The state key: every field, in the order of spec section 2.2. */
export function oracleStateKey(s: OracleState): string {
  return JSON.stringify([
    s.pc1,
    s.pc2,
    s.mutex,
    s.readers,
    s.writer,
    s.cursor,
    s.slot_listed,
    s.slot_freed,
    s.rmap_nonempty,
    s.mergeable,
    s.mm_users,
    s.killed,
    s.pte,
    s.zapped,
    s.pgtables_freed,
    s.mem_free,
    s.bystander_killed,
    s.f_pte_after_zap,
    s.f_uaf,
  ]);
}

export interface OracleStep {
  task: 1 | 2;
  id: string;
  next: OracleState;
}

// ---------------------------------------------------------------------------------------------
// Variant properties (spec section 4)

/** a: before the fix. No t1_test_exit, no cursor write, no t1_advance_cursor / t1_free_slot. */
function isA(cfg: OracleConfig): boolean {
  return cfg.variant === 'a_mutex_in_ksm_exit';
}

/** The memory.c `ksm_test_exit()` checks: only b has them (a predates them, c/d/e remove them). */
function hasFaultChecks(cfg: OracleConfig): boolean {
  return cfg.variant === 'b_exit_mmap_handshake';
}

/** `ksm_exit()` sits in `mmput()` before `exit_mmap()` (a, d), not inside `exit_mmap()` (b, c, e). */
function ksmExitInMmput(cfg: OracleConfig): boolean {
  return cfg.variant === 'a_mutex_in_ksm_exit' || cfg.variant === 'd_ksm_exit_in_mmput';
}

/** Where task 2 goes once `ksm_exit()` is over. */
function afterKsmExit(cfg: OracleConfig): string {
  return ksmExitInMmput(cfg) ? 't2_unmap_vmas' : 't2_free_pgtables';
}

/** Derived: the victim still has its mm (`tsk->mm != NULL`). */
function victimHasMm(s: OracleState): boolean {
  return s.pc2 === 't2_exit_mm';
}

/** `oom_pass` (spec 3.1, below the table). Mutates `n`. */
function oomPass(n: OracleState, cfg: OracleConfig): void {
  if (victimHasMm(n)) {
    // Not killed: kill it. Already killed (TIF_MEMDIE): ERR_PTR(-1UL), nobody is killed.
    if (!n.killed) n.killed = true;
    return;
  }
  // The victim has released its mm.
  if (cfg.oom === 'skips' && !n.bystander_killed) {
    n.bystander_killed = true;
    n.mem_free = true;
  }
  // oom = waits: nobody is killed.
}

// ---------------------------------------------------------------------------------------------
// Task 1: run_store() -> unmerge_and_remove_all_rmap_items() (spec 3.1, variants per section 4)

export function oracleTask1Step(s: OracleState, cfg: OracleConfig): OracleStep | null {
  const id = s.pc1;
  const n: OracleState = { ...s };
  const go = (next: string): OracleStep => {
    n.pc1 = next;
    return { task: 1, id, next: n };
  };
  switch (id) {
    case 'done':
      return null;
    case 't1_mutex_lock':
      if (s.mutex !== 'none') return null;
      n.mutex = 't1';
      return go('t1_set_cursor');
    case 't1_set_cursor':
      if (s.slot_listed && !isA(cfg)) n.cursor = 'slot';
      return go(s.slot_listed ? 't1_down_read' : 't1_mutex_unlock');
    case 't1_down_read':
      if (s.writer) return null;
      n.readers = 1;
      return go(isA(cfg) ? 't1_follow_page' : 't1_test_exit');
    case 't1_test_exit':
      return go(s.mm_users === 0 ? 't1_remove_trailing' : 't1_follow_page');
    case 't1_follow_page':
      if (s.pgtables_freed) n.f_uaf = true;
      return go(s.pte === 'ksm' ? 't1_read_pte' : 't1_remove_trailing');
    case 't1_read_pte':
      if (s.pgtables_freed) n.f_uaf = true;
      if (s.pte === 'ksm') return go('t1_alloc_wp');
      if (s.pte === 'none') return go('t1_alloc_anon');
      return go('t1_follow_page');
    case 't1_alloc_wp':
      return go(s.mem_free ? 't1_commit_wp' : 't1_oom_wp');
    case 't1_alloc_anon':
      return go(s.mem_free ? 't1_commit_anon' : 't1_oom_anon');
    case 't1_oom_wp':
      oomPass(n, cfg);
      return go('t1_alloc_retry_wp');
    case 't1_oom_anon':
      oomPass(n, cfg);
      return go('t1_alloc_retry_anon');
    case 't1_alloc_retry_wp':
    case 't1_alloc_retry_anon': {
      const canHavePage =
        s.mem_free || (cfg.oom === 'skips' && !victimHasMm(s) && !s.bystander_killed);
      if (!canHavePage) return null;
      if (!s.mem_free) oomPass(n, cfg);
      return go(id === 't1_alloc_retry_wp' ? 't1_commit_wp' : 't1_commit_anon');
    }
    case 't1_commit_wp':
      if (s.pgtables_freed) n.f_uaf = true;
      if (s.pte === 'ksm') {
        n.pte = 'anon';
        return go('t1_remove_trailing');
      }
      return go('t1_follow_page');
    case 't1_commit_anon':
      if (s.pgtables_freed) n.f_uaf = true;
      if (s.pte === 'none' && !(hasFaultChecks(cfg) && s.mm_users === 0)) {
        n.pte = 'anon';
        if (s.zapped) n.f_pte_after_zap = true;
      }
      return go('t1_follow_page');
    case 't1_remove_trailing':
      if (s.slot_freed) n.f_uaf = true;
      n.rmap_nonempty = false;
      return go(isA(cfg) ? 't1_up_read' : 't1_advance_cursor');
    case 't1_advance_cursor':
      if (s.slot_freed) n.f_uaf = true;
      n.cursor = 'head';
      if (s.mm_users === 0) n.slot_listed = false;
      return go(s.mm_users === 0 ? 't1_free_slot' : 't1_up_read');
    case 't1_free_slot':
      if (s.slot_freed) n.f_uaf = true;
      n.slot_freed = true;
      n.mergeable = false;
      return go('t1_up_read');
    case 't1_up_read':
      n.readers = 0;
      return go('t1_mutex_unlock');
    case 't1_mutex_unlock':
      n.mutex = 'none';
      return go('done');
    default:
      throw new Error(`oracle: unknown task 1 pc ${id}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Task 2: do_exit() -> exit_mm() -> mmput() (spec 3.2, variants per section 4)

export function oracleTask2Step(s: OracleState, cfg: OracleConfig): OracleStep | null {
  const id = s.pc2;
  const n: OracleState = { ...s };
  const go = (next: string): OracleStep => {
    n.pc2 = next;
    return { task: 2, id, next: n };
  };
  switch (id) {
    case 'done':
      return null;
    case 't2_exit_mm':
      if (!(s.killed || cfg.exit === 'any')) return null;
      return go('t2_mmput_dec');
    case 't2_mmput_dec':
      n.mm_users = 0;
      if (ksmExitInMmput(cfg)) return go('t2_ksm_exit_test');
      if (cfg.variant === 'e_down_read_in_mmput') return go('t2_down_up_read');
      return go('t2_unmap_vmas');
    case 't2_down_up_read':
      if (s.writer) return null;
      return go('t2_unmap_vmas');
    case 't2_unmap_vmas':
      if (s.pgtables_freed) n.f_uaf = true;
      n.pte = 'none';
      n.zapped = true;
      n.mem_free = true;
      return go(ksmExitInMmput(cfg) ? 't2_free_pgtables' : 't2_ksm_exit_test');
    case 't2_ksm_exit_test':
      if (!s.mergeable) return go(afterKsmExit(cfg));
      return go(isA(cfg) ? 't2_mutex_lock' : 't2_lookup_slot');
    case 't2_lookup_slot': {
      if (!s.slot_listed) return go(afterKsmExit(cfg));
      if (s.slot_freed) n.f_uaf = true;
      if (s.cursor !== 'slot' && !s.rmap_nonempty) {
        n.slot_listed = false;
        return go('t2_easy_free');
      }
      return go('t2_down_write');
    }
    case 't2_easy_free':
      if (s.slot_freed) n.f_uaf = true;
      n.slot_freed = true;
      n.mergeable = false;
      return go(afterKsmExit(cfg));
    case 't2_down_write':
      if (!(s.readers === 0 && !s.writer)) return null;
      n.writer = true;
      return go('t2_up_write');
    case 't2_up_write':
      n.writer = false;
      return go(afterKsmExit(cfg));
    // Variant a: the old __ksm_exit() under ksm_thread_mutex.
    case 't2_mutex_lock':
      if (s.mutex !== 'none') return null;
      n.mutex = 't2';
      return go('t2_old_ksm_exit');
    case 't2_old_ksm_exit':
      // Removes the rmap_items, moves the cursor off the slot, unlinks and frees the slot, clears
      // MMF_VM_MERGEABLE.
      if (s.slot_freed) n.f_uaf = true;
      n.rmap_nonempty = false;
      n.cursor = 'head';
      n.slot_listed = false;
      n.slot_freed = true;
      n.mergeable = false;
      return go('t2_mutex_unlock');
    case 't2_mutex_unlock':
      n.mutex = 'none';
      return go(afterKsmExit(cfg));
    case 't2_free_pgtables':
      n.pgtables_freed = true;
      return go('done');
    default:
      throw new Error(`oracle: unknown task 2 pc ${id}`);
  }
}

/** Enabled steps, task 1 first. */
export function oracleSuccessors(s: OracleState, cfg: OracleConfig): OracleStep[] {
  const out: OracleStep[] = [];
  const a = oracleTask1Step(s, cfg);
  if (a) out.push(a);
  const b = oracleTask2Step(s, cfg);
  if (b) out.push(b);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checkers (spec section 5)

function isDeadlock(s: OracleState): boolean {
  return !(s.pc1 === 'done' && (s.pc2 === 'done' || s.pc2 === 't2_exit_mm'));
}

function isLeak(s: OracleState): boolean {
  return s.pc1 === 'done' && s.pc2 === 'done' && !s.slot_freed;
}

/** Outcomes of a terminal state (no step enabled), in the order of ORACLE_OUTCOMES. */
export function oracleOutcomes(s: OracleState): OracleOutcome[] {
  const out: OracleOutcome[] = [];
  if (isDeadlock(s)) out.push('DEADLOCK');
  if (s.f_pte_after_zap) out.push('PTE_AFTER_ZAP');
  if (s.f_uaf) out.push('USE_AFTER_FREE');
  if (s.bystander_killed) out.push('WRONG_VICTIM');
  if (isLeak(s)) out.push('LEAK');
  if (out.length === 0) out.push('CLEAN');
  return out;
}

/** Predicate used for witnesses: does this state (terminal or not) show the bad outcome? */
function witnesses(s: OracleState, terminal: boolean, o: OracleBadOutcome): boolean {
  switch (o) {
    case 'DEADLOCK':
      return terminal && isDeadlock(s);
    case 'LEAK':
      return terminal && isLeak(s);
    case 'PTE_AFTER_ZAP':
      return s.f_pte_after_zap;
    case 'USE_AFTER_FREE':
      return s.f_uaf;
    case 'WRONG_VICTIM':
      return s.bystander_killed;
  }
}

// ---------------------------------------------------------------------------------------------
// Exhaustive exploration

export interface OracleExploreResult {
  reachableStates: number;
  transitions: number;
  terminalStates: number;
  /** False if the state graph has a cycle; the schedule counts are then undefined. */
  acyclic: boolean;
  /** A cycle (as state keys), if one was found. */
  cycle?: string[];
  completeSchedules: bigint | undefined;
  schedulesWith: Record<OracleOutcome, bigint> | undefined;
  shortestWitness: Partial<Record<OracleBadOutcome, string[]>>;
}

interface Node {
  state: OracleState;
  /** Successor keys with their step ids, task 1 first. */
  succ: { id: string; key: string }[];
  parent: string | null;
  parentStep: string | null;
}

type Counts = Record<OracleOutcome | 'ALL', bigint>;

function zeroCounts(): Counts {
  return {
    DEADLOCK: 0n,
    PTE_AFTER_ZAP: 0n,
    USE_AFTER_FREE: 0n,
    WRONG_VICTIM: 0n,
    LEAK: 0n,
    CLEAN: 0n,
    ALL: 0n,
  };
}

export function oracleExplore(cfg: OracleConfig): OracleExploreResult {
  const init = oracleInitialState();
  const initKey = oracleStateKey(init);
  const nodes = new Map<string, Node>();
  nodes.set(initKey, { state: init, succ: [], parent: null, parentStep: null });
  const queue: string[] = [initKey];
  let transitions = 0;
  let terminalStates = 0;
  const shortestWitness: Partial<Record<OracleBadOutcome, string[]>> = {};

  const pathTo = (key: string): string[] => {
    const path: string[] = [];
    let k: string | null = key;
    while (k !== null) {
      const node: Node = nodes.get(k)!;
      if (node.parentStep !== null) path.push(node.parentStep);
      k = node.parent;
    }
    return path.reverse();
  };

  // BFS. States are examined in discovery order, which for a FIFO queue with task 1's successor
  // enqueued first is the order of their lexicographically smallest shortest schedules.
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head]!;
    const node = nodes.get(key)!;
    const succ = oracleSuccessors(node.state, cfg);
    const terminal = succ.length === 0;
    if (terminal) terminalStates++;
    for (const o of ORACLE_BAD_OUTCOMES) {
      if (shortestWitness[o] === undefined && witnesses(node.state, terminal, o)) {
        shortestWitness[o] = pathTo(key);
      }
    }
    for (const st of succ) {
      transitions++;
      const k = oracleStateKey(st.next);
      node.succ.push({ id: st.id, key: k });
      if (!nodes.has(k)) {
        nodes.set(k, { state: st.next, succ: [], parent: key, parentStep: st.id });
        queue.push(k);
      }
    }
  }

  // Cycle check and schedule counts: memoised DFS (iterative, white/grey/black).
  const memo = new Map<string, Counts>();
  const grey = new Set<string>();
  let cycle: string[] | undefined;
  const stack: { key: string; i: number }[] = [{ key: initKey, i: 0 }];
  grey.add(initKey);
  while (stack.length > 0 && cycle === undefined) {
    const top = stack[stack.length - 1]!;
    const node = nodes.get(top.key)!;
    if (top.i < node.succ.length) {
      const k = node.succ[top.i]!.key;
      top.i++;
      if (memo.has(k)) continue;
      if (grey.has(k)) {
        const from = stack.findIndex((f) => f.key === k);
        cycle = stack.slice(from).map((f) => f.key);
        break;
      }
      grey.add(k);
      stack.push({ key: k, i: 0 });
      continue;
    }
    // All successors done.
    const c = zeroCounts();
    if (node.succ.length === 0) {
      c.ALL = 1n;
      for (const o of oracleOutcomes(node.state)) c[o] = 1n;
    } else {
      for (const e of node.succ) {
        const sc = memo.get(e.key)!;
        for (const f of Object.keys(c) as (keyof Counts)[]) c[f] += sc[f];
      }
    }
    memo.set(top.key, c);
    grey.delete(top.key);
    stack.pop();
  }

  const result: OracleExploreResult = {
    reachableStates: nodes.size,
    transitions,
    terminalStates,
    acyclic: cycle === undefined,
    completeSchedules: undefined,
    schedulesWith: undefined,
    shortestWitness,
  };
  if (cycle !== undefined) {
    result.cycle = cycle;
    return result;
  }
  const root = memo.get(initKey)!;
  result.completeSchedules = root.ALL;
  result.schedulesWith = {
    DEADLOCK: root.DEADLOCK,
    PTE_AFTER_ZAP: root.PTE_AFTER_ZAP,
    USE_AFTER_FREE: root.USE_AFTER_FREE,
    WRONG_VICTIM: root.WRONG_VICTIM,
    LEAK: root.LEAK,
    CLEAN: root.CLEAN,
  };
  return result;
}

// ---------------------------------------------------------------------------------------------
// Default schedule (spec section 6)

export interface OracleDefaultSchedule {
  steps: string[];
  outcomes: OracleOutcome[];
  final: OracleState;
}

/**
 * Task 1 runs until it blocks or finishes, then task 2 until it blocks or finishes, and so on,
 * alternating, until neither task can move.
 */
export function oracleDefaultSchedule(cfg: OracleConfig): OracleDefaultSchedule {
  let s = oracleInitialState();
  const steps: string[] = [];
  let turn: 1 | 2 = 1;
  let idle = 0;
  while (idle < 2) {
    const st = turn === 1 ? oracleTask1Step(s, cfg) : oracleTask2Step(s, cfg);
    if (st) {
      s = st.next;
      steps.push(st.id);
      idle = 0;
    } else {
      turn = turn === 1 ? 2 : 1;
      idle++;
    }
    if (steps.length > 10_000) throw new Error('oracle: default schedule does not end');
  }
  return { steps, outcomes: oracleOutcomes(s), final: s };
}
