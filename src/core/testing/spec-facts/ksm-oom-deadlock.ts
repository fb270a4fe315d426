/**
 * The facts about scenarios/ksm-oom-deadlock.yaml that its specification states, each written once
 * for the tests that check them: the engine's (src/core/scenario/ksm-oom-deadlock.test.ts) and the
 * independent oracle's (src/core/testing/oracle-ksm-oom.test.ts). "Section" is a section of
 * /work/shared/model/ksm-oom-deadlock.md. The oracle's own counts, pinned at the end, are not spec
 * facts.
 */
import type {
  OracleBadOutcome,
  OracleConfig,
  OracleExit,
  OracleOom,
  OracleOutcome,
  OracleState,
  OracleVariant,
} from '../oracle-ksm-oom.ts';

const A: OracleVariant = 'a_mutex_in_ksm_exit';
const B: OracleVariant = 'b_exit_mmap_handshake';
const C: OracleVariant = 'c_no_fault_checks';
const D: OracleVariant = 'd_ksm_exit_in_mmput';
const E: OracleVariant = 'e_down_read_in_mmput';

/** Section 4: the variants. */
export const VARIANTS: readonly OracleVariant[] = [A, B, C, D, E];

/** Section 2.3: the values of the two scenario toggles. */
export const OOMS: readonly OracleOom[] = ['waits', 'skips'];
export const EXITS: readonly OracleExit[] = ['any', 'oom'];

/** Section 2.3: the default scenario is `oom = waits`, `exit = any`. */
export const defaultConfig = (variant: OracleVariant): OracleConfig => ({
  variant,
  oom: 'waits',
  exit: 'any',
});

/** Every configuration: each variant under each value of the toggles, `oom` slowest. */
export const ALL_CONFIGS: readonly OracleConfig[] = OOMS.flatMap((oom) =>
  EXITS.flatMap((exit) => VARIANTS.map((variant) => ({ variant, oom, exit }))),
);

// -------------------------------------------------------------------------------------------------
// Section 6: the thread's interleaving, the default schedule
// -------------------------------------------------------------------------------------------------

// Hugh's 9/12 changelog, clause by clause, as section 6's table gives its steps.
/** "KSM_RUN_UNMERGE handling, holding ksm_thread_mutex" (b–e also `t1_test_exit`). */
const RUN_UNMERGE = ['t1_mutex_lock', 't1_set_cursor', 't1_down_read'];
/** "trying to allocate a page to break KSM in an mm", "which becomes the OOM victim". */
const OOM_KILL = ['t1_follow_page', 't1_read_pte', 't1_alloc_wp', 't1_oom_wp'];
/** "it's killed and goes to exit". */
const GOES_TO_EXIT = ['t2_exit_mm', 't2_mmput_dec', 't2_ksm_exit_test'];

/** b–e up to the OOM kill: task 1 also tests for exit after taking the read lock. */
const FIXED_START = [...RUN_UNMERGE, 't1_test_exit', ...OOM_KILL];

/** b's 24 steps, as section 6 lists them; c takes the same path. */
const PATH_B = [
  ...FIXED_START,
  't2_exit_mm',
  't2_mmput_dec',
  't2_unmap_vmas',
  't2_ksm_exit_test',
  't2_lookup_slot',
  't1_alloc_retry_wp',
  't1_commit_wp',
  't1_follow_page',
  't1_remove_trailing',
  't1_advance_cursor',
  't1_free_slot',
  't1_up_read',
  't1_mutex_unlock',
  't2_down_write',
  't2_up_write',
  't2_free_pgtables',
];

/** What section 6 says of the default schedule in one configuration. */
export interface DefaultRun {
  /** The test's title. */
  title: string;
  config: OracleConfig;
  want: {
    /** Its steps, where the spec gives them. */
    steps?: readonly string[];
    length: number;
    outcomes: readonly OracleOutcome[];
    /** What the spec says of its final state. */
    final?: Partial<OracleState>;
  };
}

export const DEFAULT_RUNS: readonly DefaultRun[] = [
  {
    title: 'a: the 9/12 changelog in 10 steps, ending in DEADLOCK',
    config: defaultConfig(A),
    want: {
      steps: [...RUN_UNMERGE, ...OOM_KILL, ...GOES_TO_EXIT],
      length: 10,
      outcomes: ['DEADLOCK'],
      // Task 1 waits in t1_alloc_retry_wp, task 2 at t2_mutex_lock, "hangs there waiting to acquire
      // ksm_thread_mutex".
      final: {
        pc1: 't1_alloc_retry_wp',
        pc2: 't2_mutex_lock',
        mutex: 't1',
        killed: true,
        mem_free: false,
      },
    },
  },
  {
    title: 'b: 24 steps, CLEAN, along the path of section 6',
    config: defaultConfig(B),
    want: {
      steps: PATH_B,
      length: 24,
      outcomes: ['CLEAN'],
      final: { pc1: 'done', pc2: 'done', slot_freed: true },
    },
  },
  {
    title: 'c: 24 steps, CLEAN, the same path as b',
    config: defaultConfig(C),
    want: {
      steps: PATH_B,
      length: 24,
      outcomes: ['CLEAN'],
    },
  },
  {
    title: 'd: 12 steps, DEADLOCK, task 2 waits at t2_down_write before freeing anything',
    config: defaultConfig(D),
    want: {
      steps: [...FIXED_START, ...GOES_TO_EXIT, 't2_lookup_slot'],
      length: 12,
      outcomes: ['DEADLOCK'],
      final: { pc1: 't1_alloc_retry_wp', pc2: 't2_down_write', mem_free: false, zapped: false },
    },
  },
  {
    // Section 4: e's task 2 runs t2_down_up_read right after t2_mmput_dec.
    title: 'e: 25 steps, CLEAN, b plus t2_down_up_read',
    config: defaultConfig(E),
    want: {
      steps: PATH_B.flatMap((s) => (s === 't2_mmput_dec' ? [s, 't2_down_up_read'] : [s])),
      length: 25,
      outcomes: ['CLEAN'],
    },
  },
  {
    title: 'd under oom = skips: WRONG_VICTIM in 23 steps',
    config: { variant: D, oom: 'skips', exit: 'any' },
    want: {
      length: 23,
      outcomes: ['WRONG_VICTIM'],
      final: { bystander_killed: true, pc1: 'done', pc2: 'done' },
    },
  },
];

// -------------------------------------------------------------------------------------------------
// Section 5.1: what exploration must show
// -------------------------------------------------------------------------------------------------

/**
 * The bad outcomes each variant reaches in the default scenario: a and d reach DEADLOCK, c and e
 * PTE_AFTER_ZAP, b neither; no variant reaches USE_AFTER_FREE or LEAK (nor, under `oom = waits`,
 * WRONG_VICTIM).
 */
export const DEFAULT_REACHES: Readonly<Record<OracleVariant, readonly OracleBadOutcome[]>> = {
  [A]: ['DEADLOCK'],
  [B]: [],
  [C]: ['PTE_AFTER_ZAP'],
  [D]: ['DEADLOCK'],
  [E]: ['PTE_AFTER_ZAP'],
};

/** Under `oom = skips`, every DEADLOCK of these variants becomes WRONG_VICTIM. */
export const DEADLOCKS_BECOME_WRONG_VICTIM: readonly OracleVariant[] = [A, D];

/** Under `oom = skips`, these variants (at least) reach WRONG_VICTIM: b too, not only a and d. */
export const SKIPS_REACH_WRONG_VICTIM: readonly OracleVariant[] = [A, B, D];

/** Section 5: a DEADLOCK leaves task 1 here, and task 2 where its variant waits for task 1. */
export const DEADLOCK_PC1: readonly string[] = ['t1_alloc_retry_wp', 't1_alloc_retry_anon'];
export const DEADLOCK_PC2: Readonly<Partial<Record<OracleVariant, string>>> = {
  [A]: 't2_mutex_lock',
  [D]: 't2_down_write',
};

// -------------------------------------------------------------------------------------------------
// The oracle's own numbers (not stated by the specification; pinned so that a change to the
// oracle is noticed)
// -------------------------------------------------------------------------------------------------

/** An exploration's counts, named as in OracleExploreResult and ExploreSummary. */
export interface Counts {
  reachableStates: number;
  transitions: number;
  terminalStates: number;
  completeSchedules: bigint;
  schedulesWith: Record<OracleOutcome, bigint>;
}

// Columns: states, transitions, terminal states, complete schedules, then schedules with
// DEADLOCK, PTE_AFTER_ZAP, USE_AFTER_FREE, WRONG_VICTIM, LEAK, CLEAN; then the length of the
// shortest witness of each bad outcome reached.
// prettier-ignore
type Row = [
  OracleVariant, OracleOom, OracleExit,
  number, number, number, bigint,
  bigint, bigint, bigint, bigint, bigint, bigint,
  Partial<Record<OracleBadOutcome, number>>,
];
// prettier-ignore
const ROWS: Row[] = [
  [A, 'waits', 'any', 49, 74, 3, 130n, 120n, 0n, 0n, 0n, 0n, 10n, { DEADLOCK: 10 }],
  [B, 'waits', 'any', 151, 249, 2, 16099n, 0n, 0n, 0n, 0n, 0n, 16099n, {}],
  [C, 'waits', 'any', 182, 296, 3, 16099n, 0n, 1760n, 0n, 0n, 0n, 14339n, { PTE_AFTER_ZAP: 11 }],
  [D, 'waits', 'any', 102, 166, 3, 2916n, 210n, 0n, 0n, 0n, 0n, 2706n, { DEADLOCK: 12 }],
  [E, 'waits', 'any', 198, 325, 3, 36248n, 0n, 2560n, 0n, 0n, 0n, 33688n, { PTE_AFTER_ZAP: 12 }],
  [A, 'waits', 'oom', 11, 10, 1, 1n, 1n, 0n, 0n, 0n, 0n, 0n, { DEADLOCK: 10 }],
  [B, 'waits', 'oom', 48, 68, 1, 126n, 0n, 0n, 0n, 0n, 0n, 126n, {}],
  [C, 'waits', 'oom', 48, 68, 1, 126n, 0n, 0n, 0n, 0n, 0n, 126n, {}],
  [D, 'waits', 'oom', 13, 12, 1, 1n, 1n, 0n, 0n, 0n, 0n, 0n, { DEADLOCK: 12 }],
  [E, 'waits', 'oom', 49, 69, 1, 126n, 0n, 0n, 0n, 0n, 0n, 126n, {}],
  [A, 'skips', 'any', 89, 134, 3, 430n, 0n, 0n, 0n, 420n, 0n, 10n, { WRONG_VICTIM: 8 }],
  [B, 'skips', 'any', 269, 445, 4, 26591n, 0n, 0n, 0n, 18936n, 0n, 7655n, { WRONG_VICTIM: 9 }],
  [C, 'skips', 'any', 300, 492, 5, 26591n, 0n, 1760n, 0n, 18936n, 0n, 5895n, { PTE_AFTER_ZAP: 11, WRONG_VICTIM: 9 }],
  [D, 'skips', 'any', 202, 334, 3, 13873n, 0n, 0n, 0n, 11167n, 0n, 2706n, { WRONG_VICTIM: 9 }],
  [E, 'skips', 'any', 336, 559, 5, 75898n, 0n, 2560n, 0n, 61094n, 0n, 12244n, { PTE_AFTER_ZAP: 12, WRONG_VICTIM: 9 }],
  [A, 'skips', 'oom', 31, 40, 1, 21n, 0n, 0n, 0n, 21n, 0n, 0n, { WRONG_VICTIM: 9 }],
  [B, 'skips', 'oom', 107, 166, 2, 714n, 0n, 0n, 0n, 588n, 0n, 126n, { WRONG_VICTIM: 10 }],
  [C, 'skips', 'oom', 107, 166, 2, 714n, 0n, 0n, 0n, 588n, 0n, 126n, { WRONG_VICTIM: 10 }],
  [D, 'skips', 'oom', 63, 96, 1, 448n, 0n, 0n, 0n, 448n, 0n, 0n, { WRONG_VICTIM: 10 }],
  [E, 'skips', 'oom', 118, 186, 2, 1462n, 0n, 0n, 0n, 1336n, 0n, 126n, { WRONG_VICTIM: 10 }],
];

/** The oracle's counts and witness lengths in each of the 20 configurations, as ALL_CONFIGS. */
export const ORACLE_PINNED: readonly {
  config: OracleConfig;
  counts: Counts;
  witnessLengths: Partial<Record<OracleBadOutcome, number>>;
}[] = ROWS.map(
  ([variant, oom, exit, st, tr, te, all, dl, pz, uaf, wv, lk, cl, witnessLengths]) => ({
    config: { variant, oom, exit },
    counts: {
      reachableStates: st,
      transitions: tr,
      terminalStates: te,
      completeSchedules: all,
      schedulesWith: {
        DEADLOCK: dl,
        PTE_AFTER_ZAP: pz,
        USE_AFTER_FREE: uaf,
        WRONG_VICTIM: wv,
        LEAK: lk,
        CLEAN: cl,
      },
    },
    witnessLengths,
  }),
);
