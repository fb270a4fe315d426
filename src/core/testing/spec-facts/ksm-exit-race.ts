/**
 * The facts about scenarios/ksm-exit-race.yaml that its specifications state, each written once for
 * the tests that check them: the engine's (src/core/scenario/ksm-exit-race.test.ts) and the
 * independent oracle's (src/core/testing/oracle-ksm-scaled.test.ts).
 *
 * "base" is /work/shared/model/ksm-exit-race.md, "add." is
 * /work/shared/model/ksm-exit-race-scaled.md, "README" is the section "What `npm run explore`
 * prints" of README.md. The N = 2 and N = 3 counts are partly the oracle's own measurements; see
 * their comments.
 */
import type { BadOutcome, Outcome, Variant } from '../oracle-ksm-scaled.ts';

/** The four initial states (base 2.4; add. 3): `rmap_list` empty or not, cursor at head or slot 1. */
export const INITIAL_STATES = [
  { name: 'default', rmapNonempty: false, cursor: 0 },
  { name: 'rmap_nonempty', rmapNonempty: true, cursor: 0 },
  { name: 'cursor at slot 1', rmapNonempty: false, cursor: 1 },
  { name: 'rmap_nonempty + cursor at slot 1', rmapNonempty: true, cursor: 1 },
] as const;
export type InitialState = (typeof INITIAL_STATES)[number];

// -------------------------------------------------------------------------------------------------
// Verdicts and minimal witnesses (base 5.1)
// -------------------------------------------------------------------------------------------------

/** Base 5.1's verdict table: the outcomes reachable per variant (default scenario). */
export const VERDICTS: Readonly<Record<Variant, readonly Outcome[]>> = {
  a_vma_iter: ['LOCKDEP_SPLAT', 'CLEAN'],
  b_early_check: ['CLEAN'],
  c_linked_list: ['CLEAN'],
  d_early_plus_inloop: ['CLEAN'],
  e_ctl_no_exit_checks: ['LOCKDEP_SPLAT', 'TOUCH_AFTER_KSM_EXIT', 'CLEAN'],
  f_ctl_exit_ignores_cursor: ['USE_AFTER_FREE', 'TOUCH_AFTER_KSM_EXIT', 'CLEAN'],
};

/**
 * The verdicts in any of the four initial states (base 5.1): the same as in the default scenario,
 * with one exception: in f with a non-empty `rmap_list`, TOUCH_AFTER_KSM_EXIT is not reachable.
 */
export function verdictsIn(variant: Variant, rmapNonempty: boolean): readonly Outcome[] {
  const v = VERDICTS[variant];
  return variant === 'f_ctl_exit_ignores_cursor' && rmapNonempty
    ? v.filter((o) => o !== 'TOUCH_AFTER_KSM_EXIT')
    : v;
}

/** Base 5.1's minimal witness of LOCKDEP_SPLAT in a (also e). */
const SPLAT_A = [
  't1_lock_mmlist',
  't1_set_cursor',
  't1_unlock_mmlist',
  't2_mmput_dec',
  't2_ksm_exit_test',
  't2_lock_mmlist',
  't2_lookup_slot',
  't2_unlock_mmlist',
  't2_mmap_write_lock',
  't2_mmap_write_unlock',
  't2_exit_read_lock',
  't2_unmap_vmas',
  't2_exit_read_unlock',
  't2_exit_write_lock',
  't2_free_pgtables_vmas',
  't2_mt_destroy',
  't2_exit_write_unlock',
  't1_mmap_read_lock',
  't1_vma_first',
] as const;

/** Base 5.1's witness of TOUCH_AFTER_KSM_EXIT in e: SPLAT_A's first ten steps, then task 1's. */
const TOUCH_E = [...SPLAT_A.slice(0, 10), 't1_mmap_read_lock', 't1_vma_first', 't1_break_ksm'];

/** Base 5.1's witness of USE_AFTER_FREE in f (the slot is freed under task 1). */
const UAF_F = [
  't1_lock_mmlist',
  't1_set_cursor',
  't1_unlock_mmlist',
  't1_mmap_read_lock',
  't2_mmput_dec',
  't1_early_test_exit',
  't2_ksm_exit_test',
  't2_lock_mmlist',
  't2_lookup_slot',
  't2_unlock_mmlist',
  't2_free_slot',
  't1_remove_trailing',
];

/** Base 5.1's witness of TOUCH_AFTER_KSM_EXIT in f. */
const TOUCH_F = [
  ...UAF_F.slice(0, 4),
  't1_early_test_exit',
  't1_vma_first',
  't1_unmerge_test_exit',
  't2_mmput_dec',
  't2_ksm_exit_test',
  't2_lock_mmlist',
  't2_lookup_slot',
  't2_unlock_mmlist',
  't2_free_slot',
  't2_clear_mergeable',
  't2_mmdrop_slot',
  't1_break_ksm',
];

/** Base 5.1's minimal witnesses per variant (default scenario); b, c and d have none. */
export const MINIMAL_WITNESSES: Readonly<
  Record<Variant, Readonly<Partial<Record<BadOutcome, readonly string[]>>>>
> = {
  a_vma_iter: { LOCKDEP_SPLAT: SPLAT_A },
  b_early_check: {},
  c_linked_list: {},
  d_early_plus_inloop: {},
  e_ctl_no_exit_checks: { LOCKDEP_SPLAT: SPLAT_A, TOUCH_AFTER_KSM_EXIT: TOUCH_E },
  f_ctl_exit_ignores_cursor: { USE_AFTER_FREE: UAF_F, TOUCH_AFTER_KSM_EXIT: TOUCH_F },
};

/** Base 5.1: "Minimal witnesses (19, 13, 12 and 16 steps)": a's splat, e's touch, f's two. */
export const MINIMAL_WITNESS_LENGTHS: readonly (readonly [Variant, BadOutcome, number])[] = [
  ['a_vma_iter', 'LOCKDEP_SPLAT', 19],
  ['e_ctl_no_exit_checks', 'TOUCH_AFTER_KSM_EXIT', 13],
  ['f_ctl_exit_ignores_cursor', 'USE_AFTER_FREE', 12],
  ['f_ctl_exit_ignores_cursor', 'TOUCH_AFTER_KSM_EXIT', 16],
];

/** Every (variant, outcome, witness) of MINIMAL_WITNESSES, one row each. */
export const WITNESS_CASES: readonly (readonly [Variant, BadOutcome, readonly string[]])[] =
  Object.entries(MINIMAL_WITNESSES).flatMap(([variant, byOutcome]) =>
    Object.entries(byOutcome).map(
      ([outcome, steps]) => [variant as Variant, outcome as BadOutcome, steps] as const,
    ),
  );

// -------------------------------------------------------------------------------------------------
// The e-mail's interleaving (base 6)
// -------------------------------------------------------------------------------------------------

/**
 * Base 6's default schedule (variant a, 30 steps): Liam Howlett's diagram run to completion. Task 1
 * takes its first three steps, task 2 runs to its end, then task 1 does. Its first 17 steps are
 * SPLAT_A's; task 2 then drops its reference before task 1's walk.
 */
const EMAIL_A = [
  ...SPLAT_A.slice(0, 17),
  't2_mmdrop',
  't1_mmap_read_lock',
  't1_vma_first',
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
];

/** Base 6, b and d: "step 20 is `t1_early_test_exit` instead of `t1_vma_first`". */
const EMAIL_EARLY_CHECK = EMAIL_A.map((s, i) => (i === 19 ? 't1_early_test_exit' : s));

/**
 * Base 6, c: "task 2's `exit_mmap` is `t2_exit_write_lock, t2_unmap_vmas, t2_free_pgtables_vmas,
 * t2_exit_write_unlock`".
 */
const EMAIL_C = [
  ...EMAIL_A.slice(0, 10),
  't2_exit_write_lock',
  't2_unmap_vmas',
  't2_free_pgtables_vmas',
  't2_exit_write_unlock',
  ...EMAIL_A.slice(17),
];

/**
 * Base 6, f: "task 2 takes the easy path (`t2_free_slot, t2_clear_mergeable, t2_mmdrop_slot`)
 * although the slot is at the cursor", and task 1 checks early as in b.
 */
const EMAIL_F = [
  ...EMAIL_EARLY_CHECK.slice(0, 8),
  't2_free_slot',
  't2_clear_mergeable',
  't2_mmdrop_slot',
  ...EMAIL_EARLY_CHECK.slice(10),
];

/**
 * Base 6's policy (task 1 for three steps, then task 2 to its end, then task 1 to its end) in each
 * variant: the schedule, its length as the spec states it, and the outcomes it ends in.
 */
export const EMAIL: Readonly<
  Record<Variant, { schedule: readonly string[]; steps: number; outcomes: readonly Outcome[] }>
> = {
  a_vma_iter: { schedule: EMAIL_A, steps: 30, outcomes: ['LOCKDEP_SPLAT'] },
  b_early_check: { schedule: EMAIL_EARLY_CHECK, steps: 30, outcomes: ['CLEAN'] },
  c_linked_list: { schedule: EMAIL_C, steps: 27, outcomes: ['CLEAN'] },
  d_early_plus_inloop: { schedule: EMAIL_EARLY_CHECK, steps: 30, outcomes: ['CLEAN'] },
  e_ctl_no_exit_checks: { schedule: EMAIL_A, steps: 30, outcomes: ['LOCKDEP_SPLAT'] },
  f_ctl_exit_ignores_cursor: { schedule: EMAIL_F, steps: 31, outcomes: ['USE_AFTER_FREE'] },
};

// -------------------------------------------------------------------------------------------------
// Counts
// -------------------------------------------------------------------------------------------------

/** An exploration's counts, named as in SUMMARY_FIELDS (../summary-fields.ts). */
export interface Counts {
  reachableStates: number;
  transitions: number;
  completeSchedules: bigint;
  schedulesWith: Record<Outcome, bigint>;
}
/** Counts with the number of terminal states, where that is known. */
export type CountsWithTerminals = Counts & { terminalStates: number };

/** Complete schedules, then those with LOCKDEP_SPLAT, USE_AFTER_FREE, TOUCH_AFTER_KSM_EXIT, CLEAN. */
type Schedules = [complete: bigint, splat: bigint, uaf: bigint, touch: bigint, clean: bigint];

/** The counts, where (as everywhere below) no schedule deadlocks or leaks. */
function counts<T extends { reachableStates: number; transitions: number }>(
  graph: T,
  [complete, splat, uaf, touch, clean]: Schedules,
): T & Counts {
  return {
    ...graph,
    completeSchedules: complete,
    schedulesWith: {
      LOCKDEP_SPLAT: splat,
      USE_AFTER_FREE: uaf,
      TOUCH_AFTER_KSM_EXIT: touch,
      DEADLOCK: 0n,
      LEAK: 0n,
      CLEAN: clean,
    },
  };
}

const perVariant = <R, C>(rows: Record<Variant, R>, f: (row: R) => C): Record<Variant, C> =>
  Object.fromEntries(Object.entries(rows).map(([v, row]) => [v, f(row as R)])) as Record<
    Variant,
    C
  >;

/**
 * README's table "What `npm run explore` prints" (N = 1, default scenario): states, transitions,
 * complete schedules, then the schedules with LOCKDEP_SPLAT, USE_AFTER_FREE, TOUCH_AFTER_KSM_EXIT
 * and CLEAN. "No variant can deadlock or leak."
 */
// prettier-ignore
export const README_TABLE: Readonly<Record<Variant, Counts>> = perVariant({
  a_vma_iter:                [286, 496,  51_327_549n, 130n,           0n,         0n, 51_327_419n],
  b_early_check:             [264, 464,  38_054_055n,   0n,           0n,         0n, 38_054_055n],
  c_linked_list:             [217, 372,   7_377_351n,   0n,           0n,         0n,  7_377_351n],
  d_early_plus_inloop:       [270, 475,  37_138_137n,   0n,           0n,         0n, 37_138_137n],
  e_ctl_no_exit_checks:      [359, 625,  71_746_967n, 130n,           0n, 1_866_150n, 69_880_687n],
  f_ctl_exit_ignores_cursor: [507, 910, 173_399_551n,   0n, 173_352_452n,    94_380n,     47_099n],
}, ([states, transitions, ...schedules]: [number, number, ...Schedules]) =>
  counts({ reachableStates: states, transitions }, schedules));

/**
 * N = 2, default scenario: states, transitions, terminal states, then README_TABLE's schedule
 * columns. The README states variant a's states, complete schedules and splats; the rest are the
 * oracle's own output, pinned as a regression check (not spec facts).
 */
// prettier-ignore
export const N2_TABLE: Readonly<Record<Variant, CountsWithTerminals>> = perVariant({
  a_vma_iter:                [10359, 27266, 4, 12971775000028382690302n, 3314293034853840672n, 0n, 0n, 12968460706993528849630n],
  b_early_check:             [9017, 24139, 1, 5366722898091180894493n, 0n, 0n, 0n, 5366722898091180894493n],
  c_linked_list:             [6144, 16003, 1, 4859720281846461967n, 0n, 0n, 0n, 4859720281846461967n],
  d_early_plus_inloop:       [9245, 24759, 1, 5310116405639754476600n, 0n, 0n, 0n, 5310116405639754476600n],
  e_ctl_no_exit_checks:      [16185, 42730, 9, 32533228429396889974631n, 4795006348998847932n, 0n, 16648442614833088882074n, 15879996588607976548235n],
  f_ctl_exit_ignores_cursor: [17645, 47665, 5, 1371823213546599036442n, 0n, 1371739528497600598630n, 530064232758590400n, 83685048998437812n],
}, ([states, transitions, terminalStates, ...schedules]: [number, number, number, ...Schedules]) =>
  counts({ reachableStates: states, transitions, terminalStates }, schedules));

/**
 * N = 3, variant a, default scenario, in N2_TABLE's terms. The README states the states
 * ("307,110") and "about 10^39" schedules; the rest the oracle measured (about 8 s and 650 MB).
 */
export const N3_A: CountsWithTerminals = counts(
  { reachableStates: 307110, transitions: 1078871, terminalStates: 8 },
  [
    1024929205191101140481584978117222099573n,
    235975651661679487994007701472521289n,
    0n,
    0n,
    1024693229539439460993590970415749578284n,
  ],
);

/**
 * Add. 7's sizes for variant a, default scenario, "about 10^4 reachable states at N = 2, about
 * 3 × 10^5 at N = 3", complete schedules "about 10^22 at N = 2, 10^39 at N = 3": read as within
 * these bounds (lowest, highest).
 */
export const SIZES: Readonly<
  Record<2 | 3, { states: readonly [number, number]; schedules: readonly [bigint, bigint] }>
> = {
  2: { states: [3_000, 30_000], schedules: [10n ** 21n, 10n ** 23n] },
  3: { states: [100_000, 1_000_000], schedules: [10n ** 38n, 10n ** 40n] },
};
