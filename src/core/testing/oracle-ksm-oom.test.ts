import { describe, expect, it } from 'vitest';
import {
  ORACLE_BAD_OUTCOMES,
  ORACLE_OUTCOMES,
  ORACLE_VARIANTS,
  oracleDefaultSchedule,
  oracleExplore,
  oracleInitialState,
  oracleOutcomes,
  oracleSuccessors,
  type OracleConfig,
  type OracleOom,
  type OracleExit,
  type OracleOutcome,
  type OracleState,
  type OracleVariant,
} from './oracle-ksm-oom.ts';

// Tests of the independent oracle for /work/shared/model/ksm-oom-deadlock.md against the facts the
// specification states (sections 5.1 and 6), plus internal consistency checks against a naive
// enumeration of every schedule.

const A: OracleVariant = 'a_mutex_in_ksm_exit';
const B: OracleVariant = 'b_exit_mmap_handshake';
const C: OracleVariant = 'c_no_fault_checks';
const D: OracleVariant = 'd_ksm_exit_in_mmput';
const E: OracleVariant = 'e_down_read_in_mmput';

const OOMS: OracleOom[] = ['waits', 'skips'];
const EXITS: OracleExit[] = ['any', 'oom'];
const ALL_CONFIGS: OracleConfig[] = OOMS.flatMap((oom) =>
  EXITS.flatMap((exit) => ORACLE_VARIANTS.map((variant) => ({ variant, oom, exit }))),
);

const dflt = (variant: OracleVariant): OracleConfig => ({ variant, oom: 'waits', exit: 'any' });
const skips = (variant: OracleVariant): OracleConfig => ({ variant, oom: 'skips', exit: 'any' });

/** Replays `steps` from the initial state; fails if a step is not enabled. */
function replay(cfg: OracleConfig, steps: string[], from = oracleInitialState()): OracleState {
  let s = from;
  for (const id of steps) {
    const st = oracleSuccessors(s, cfg).find((x) => x.id === id);
    if (!st) throw new Error(`step ${id} not enabled`);
    s = st.next;
  }
  return s;
}

type Flag = 'PTE_AFTER_ZAP' | 'USE_AFTER_FREE' | 'WRONG_VICTIM';
const FLAGS: Record<Flag, (x: OracleState) => boolean> = {
  PTE_AFTER_ZAP: (x) => x.f_pte_after_zap,
  USE_AFTER_FREE: (x) => x.f_uaf,
  WRONG_VICTIM: (x) => x.bystander_killed,
};

interface Schedule {
  steps: string[];
  outcomes: OracleOutcome[];
  final: OracleState;
  /** Number of steps after which each sticky flag first held (absent if never). */
  flagAt: Partial<Record<Flag, number>>;
}

interface Naive {
  total: bigint;
  with: Record<OracleOutcome, bigint>;
  schedules: Schedule[];
}

/** Enumerates every complete schedule from `from` one by one (no memo, no state identity). */
function naive(cfg: OracleConfig, from = oracleInitialState()): Naive {
  const res: Naive = {
    total: 0n,
    with: {
      DEADLOCK: 0n,
      PTE_AFTER_ZAP: 0n,
      USE_AFTER_FREE: 0n,
      WRONG_VICTIM: 0n,
      LEAK: 0n,
      CLEAN: 0n,
    },
    schedules: [],
  };
  const path: string[] = [];
  const rec = (s: OracleState, flagAt: Partial<Record<Flag, number>>): void => {
    const at = { ...flagAt };
    for (const f of Object.keys(FLAGS) as Flag[]) {
      if (at[f] === undefined && FLAGS[f](s)) at[f] = path.length;
    }
    const succ = oracleSuccessors(s, cfg);
    if (succ.length === 0) {
      res.total++;
      const outs = oracleOutcomes(s);
      for (const o of outs) res.with[o]++;
      res.schedules.push({ steps: [...path], outcomes: outs, final: s, flagAt: at });
      return;
    }
    if (path.length > 200) throw new Error('schedule too long: cycle?');
    for (const st of succ) {
      path.push(st.id);
      rec(st.next, at);
      path.pop();
    }
  };
  rec(from, {});
  return res;
}

const naiveCache = new Map<string, Naive>();
function naiveAll(cfg: OracleConfig): Naive {
  const k = JSON.stringify(cfg);
  let n = naiveCache.get(k);
  if (!n) naiveCache.set(k, (n = naive(cfg)));
  return n;
}

const reaches = (cfg: OracleConfig, o: OracleOutcome): boolean =>
  (oracleExplore(cfg).schedulesWith![o] ?? 0n) > 0n;

describe('oracle ksm-oom-deadlock: section 6, the default schedule', () => {
  it('a: 10 steps ending in DEADLOCK, exactly the changelog clauses', () => {
    const r = oracleDefaultSchedule(dflt(A));
    expect(r.steps).toEqual([
      't1_mutex_lock',
      't1_set_cursor',
      't1_down_read',
      't1_follow_page',
      't1_read_pte',
      't1_alloc_wp',
      't1_oom_wp',
      't2_exit_mm',
      't2_mmput_dec',
      't2_ksm_exit_test',
    ]);
    expect(r.outcomes).toEqual(['DEADLOCK']);
    // Task 1 waits in t1_alloc_retry_wp, task 2 at t2_mutex_lock.
    expect(r.final.pc1).toBe('t1_alloc_retry_wp');
    expect(r.final.pc2).toBe('t2_mutex_lock');
    expect(r.final.mutex).toBe('t1');
    expect(r.final.killed).toBe(true);
    expect(r.final.mem_free).toBe(false);
  });

  it('b: 24 steps, CLEAN, along the path of section 6', () => {
    const r = oracleDefaultSchedule(dflt(B));
    expect(r.steps).toEqual([
      't1_mutex_lock',
      't1_set_cursor',
      't1_down_read',
      't1_test_exit',
      't1_follow_page',
      't1_read_pte',
      't1_alloc_wp',
      't1_oom_wp',
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
    ]);
    expect(r.steps).toHaveLength(24);
    expect(r.outcomes).toEqual(['CLEAN']);
    expect(r.final.pc1).toBe('done');
    expect(r.final.pc2).toBe('done');
    expect(r.final.slot_freed).toBe(true);
  });

  it('b: t1_commit_wp finds the pte zapped and releases the copy; t1_follow_page then sees none', () => {
    const steps = oracleDefaultSchedule(dflt(B)).steps;
    const i = steps.indexOf('t1_commit_wp');
    const before = replay(dflt(B), steps.slice(0, i));
    expect(before.pte).toBe('none');
    const after = replay(dflt(B), steps.slice(0, i + 1));
    expect(after.pte).toBe('none');
    expect(after.pc1).toBe('t1_follow_page');
    // t1_advance_cursor sees mm_users = 0 and unlinks.
    const j = steps.indexOf('t1_advance_cursor');
    const adv = replay(dflt(B), steps.slice(0, j + 1));
    expect(adv.slot_listed).toBe(false);
    expect(adv.pc1).toBe('t1_free_slot');
    // t2_lookup_slot found the slot at the cursor: handshake path.
    const k = steps.indexOf('t2_lookup_slot');
    expect(replay(dflt(B), steps.slice(0, k + 1)).pc2).toBe('t2_down_write');
  });

  it('c: 24 steps, CLEAN, same path as b', () => {
    const r = oracleDefaultSchedule(dflt(C));
    expect(r.steps).toHaveLength(24);
    expect(r.steps).toEqual(oracleDefaultSchedule(dflt(B)).steps);
    expect(r.outcomes).toEqual(['CLEAN']);
  });

  it('e: 25 steps, CLEAN, b plus t2_down_up_read', () => {
    const r = oracleDefaultSchedule(dflt(E));
    expect(r.steps).toHaveLength(25);
    const b = oracleDefaultSchedule(dflt(B)).steps;
    expect(r.steps.filter((x) => x !== 't2_down_up_read')).toEqual(b);
    expect(r.steps.indexOf('t2_down_up_read')).toBe(r.steps.indexOf('t2_mmput_dec') + 1);
    expect(r.outcomes).toEqual(['CLEAN']);
  });

  it('d: 12 steps, DEADLOCK, task 2 waits at t2_down_write before freeing anything', () => {
    const r = oracleDefaultSchedule(dflt(D));
    expect(r.steps).toEqual([
      't1_mutex_lock',
      't1_set_cursor',
      't1_down_read',
      't1_test_exit',
      't1_follow_page',
      't1_read_pte',
      't1_alloc_wp',
      't1_oom_wp',
      't2_exit_mm',
      't2_mmput_dec',
      't2_ksm_exit_test',
      't2_lookup_slot',
    ]);
    expect(r.outcomes).toEqual(['DEADLOCK']);
    expect(r.final.pc1).toBe('t1_alloc_retry_wp');
    expect(r.final.pc2).toBe('t2_down_write');
    expect(r.final.mem_free).toBe(false);
    expect(r.final.zapped).toBe(false);
  });

  it('d under oom = skips: WRONG_VICTIM in 23 steps', () => {
    const r = oracleDefaultSchedule(skips(D));
    expect(r.steps).toHaveLength(23);
    expect(r.outcomes).toEqual(['WRONG_VICTIM']);
    expect(r.final.bystander_killed).toBe(true);
    expect(r.final.pc1).toBe('done');
    expect(r.final.pc2).toBe('done');
  });

  it('the exit toggle does not change the default schedule (task 1 always kills first)', () => {
    for (const variant of ORACLE_VARIANTS) {
      for (const oom of OOMS) {
        expect(oracleDefaultSchedule({ variant, oom, exit: 'oom' })).toEqual(
          oracleDefaultSchedule({ variant, oom, exit: 'any' }),
        );
      }
    }
  });
});

describe('oracle ksm-oom-deadlock: section 5.1, qualitative results', () => {
  it('default scenario: a and d reach DEADLOCK, b, c and e do not', () => {
    expect(reaches(dflt(A), 'DEADLOCK')).toBe(true);
    expect(reaches(dflt(D), 'DEADLOCK')).toBe(true);
    expect(reaches(dflt(B), 'DEADLOCK')).toBe(false);
    expect(reaches(dflt(C), 'DEADLOCK')).toBe(false);
    expect(reaches(dflt(E), 'DEADLOCK')).toBe(false);
  });

  it('default scenario: c and e reach PTE_AFTER_ZAP, a, b and d do not', () => {
    expect(reaches(dflt(C), 'PTE_AFTER_ZAP')).toBe(true);
    expect(reaches(dflt(E), 'PTE_AFTER_ZAP')).toBe(true);
    expect(reaches(dflt(A), 'PTE_AFTER_ZAP')).toBe(false);
    expect(reaches(dflt(B), 'PTE_AFTER_ZAP')).toBe(false);
    expect(reaches(dflt(D), 'PTE_AFTER_ZAP')).toBe(false);
  });

  it('default scenario: b is CLEAN in every schedule', () => {
    const r = oracleExplore(dflt(B));
    expect(r.schedulesWith!.CLEAN).toBe(r.completeSchedules);
  });

  it('default scenario: no variant reaches USE_AFTER_FREE, LEAK or WRONG_VICTIM', () => {
    for (const variant of ORACLE_VARIANTS) {
      const r = oracleExplore(dflt(variant));
      expect(r.schedulesWith!.USE_AFTER_FREE, variant).toBe(0n);
      expect(r.schedulesWith!.LEAK, variant).toBe(0n);
      expect(r.schedulesWith!.WRONG_VICTIM, variant).toBe(0n);
    }
  });

  it('no configuration at all reaches USE_AFTER_FREE or LEAK', () => {
    for (const cfg of ALL_CONFIGS) {
      const r = oracleExplore(cfg);
      expect(r.schedulesWith!.USE_AFTER_FREE, JSON.stringify(cfg)).toBe(0n);
      expect(r.schedulesWith!.LEAK, JSON.stringify(cfg)).toBe(0n);
    }
  });

  it('oom = skips: no DEADLOCK anywhere; a, b and d reach WRONG_VICTIM', () => {
    for (const variant of ORACLE_VARIANTS) {
      expect(reaches(skips(variant), 'DEADLOCK'), variant).toBe(false);
    }
    expect(reaches(skips(A), 'WRONG_VICTIM')).toBe(true);
    expect(reaches(skips(B), 'WRONG_VICTIM')).toBe(true);
    expect(reaches(skips(D), 'WRONG_VICTIM')).toBe(true);
  });

  it("oom = skips: b's WRONG_VICTIM window lies between the victim's exit_mm and unmap_vmas", () => {
    const w = oracleExplore(skips(B)).shortestWitness.WRONG_VICTIM!;
    const s = replay(skips(B), w);
    expect(s.bystander_killed).toBe(true);
    expect(w).toContain('t2_exit_mm');
    expect(w).not.toContain('t2_unmap_vmas');
    expect(s.zapped).toBe(false);
  });

  it('oom = skips: every DEADLOCK schedule of a and d becomes WRONG_VICTIM', () => {
    for (const variant of [A, D]) {
      for (const exit of EXITS) {
        const waits: OracleConfig = { variant, oom: 'waits', exit };
        const sk: OracleConfig = { variant, oom: 'skips', exit };
        const dead = naiveAll(waits).schedules.filter((x) => x.outcomes.includes('DEADLOCK'));
        expect(dead.length).toBeGreaterThan(0);
        for (const d of dead) {
          // The same steps are possible under skips, and every completion kills the bystander.
          const s = replay(sk, d.steps);
          const rest = naive(sk, s);
          expect(rest.total).toBeGreaterThan(0n);
          expect(rest.with.WRONG_VICTIM).toBe(rest.total);
          expect(rest.with.DEADLOCK).toBe(0n);
        }
      }
    }
  });

  it('deadlocks are exactly the cases named in section 5', () => {
    for (const cfg of ALL_CONFIGS) {
      for (const sch of naiveAll(cfg).schedules) {
        if (!sch.outcomes.includes('DEADLOCK')) continue;
        const s = sch.final;
        expect(['t1_alloc_retry_wp', 't1_alloc_retry_anon']).toContain(s.pc1);
        expect(s.mem_free).toBe(false);
        const expected = cfg.variant === A ? 't2_mutex_lock' : 't2_down_write';
        expect(s.pc2).toBe(expected);
        expect([A, D]).toContain(cfg.variant);
      }
    }
  });
});

describe('oracle ksm-oom-deadlock: internal consistency', () => {
  it('every configuration is acyclic', () => {
    for (const cfg of ALL_CONFIGS) {
      const r = oracleExplore(cfg);
      expect(r.acyclic, JSON.stringify(cfg)).toBe(true);
      expect(r.cycle).toBeUndefined();
      expect(r.completeSchedules).toBeDefined();
    }
  });

  it('memoised counts equal a naive enumeration of every schedule', () => {
    for (const cfg of ALL_CONFIGS) {
      const r = oracleExplore(cfg);
      const n = naiveAll(cfg);
      expect(r.completeSchedules, JSON.stringify(cfg)).toBe(n.total);
      expect(r.schedulesWith, JSON.stringify(cfg)).toEqual(n.with);
    }
  });

  it('witnesses replay, show their outcome, and are as short as any schedule prefix can be', () => {
    for (const cfg of ALL_CONFIGS) {
      const r = oracleExplore(cfg);
      const all = naiveAll(cfg).schedules;
      for (const o of ORACLE_BAD_OUTCOMES) {
        const w = r.shortestWitness[o];
        const reached = r.schedulesWith![o] > 0n;
        expect(w !== undefined, `${JSON.stringify(cfg)} ${o}`).toBe(reached);
        if (!w) continue;
        const s = replay(cfg, w);
        if (o === 'DEADLOCK' || o === 'LEAK') {
          expect(oracleSuccessors(s, cfg)).toEqual([]);
          expect(oracleOutcomes(s)).toContain(o);
          const shortest = Math.min(
            ...all.filter((x) => x.outcomes.includes(o)).map((x) => x.steps.length),
          );
          expect(w.length).toBe(shortest);
        } else {
          expect(FLAGS[o](s)).toBe(true);
          // No complete schedule shows the flag after fewer steps than the witness.
          const shortest = Math.min(...all.map((x) => x.flagAt[o] ?? Infinity));
          expect(w.length).toBe(shortest);
        }
      }
    }
  });

  it('outcome lists follow the declared order and CLEAN stands alone', () => {
    for (const cfg of ALL_CONFIGS) {
      for (const sch of naiveAll(cfg).schedules) {
        const idx = sch.outcomes.map((o) => ORACLE_OUTCOMES.indexOf(o));
        expect([...idx].sort((x, y) => x - y)).toEqual(idx);
        if (sch.outcomes.includes('CLEAN')) expect(sch.outcomes).toEqual(['CLEAN']);
      }
    }
  });
});

// The oracle's own numbers (not stated by the specification; pinned so that a change to the
// oracle is noticed). Columns: states, transitions, terminal states, complete schedules, then
// schedules with DEADLOCK, PTE_AFTER_ZAP, USE_AFTER_FREE, WRONG_VICTIM, LEAK, CLEAN.
// prettier-ignore
const PINNED: [OracleVariant, OracleOom, OracleExit, number, number, number, bigint, bigint, bigint, bigint, bigint, bigint, bigint][] = [
  [A, 'waits', 'any', 49, 74, 3, 130n, 120n, 0n, 0n, 0n, 0n, 10n],
  [B, 'waits', 'any', 151, 249, 2, 16099n, 0n, 0n, 0n, 0n, 0n, 16099n],
  [C, 'waits', 'any', 182, 296, 3, 16099n, 0n, 1760n, 0n, 0n, 0n, 14339n],
  [D, 'waits', 'any', 102, 166, 3, 2916n, 210n, 0n, 0n, 0n, 0n, 2706n],
  [E, 'waits', 'any', 198, 325, 3, 36248n, 0n, 2560n, 0n, 0n, 0n, 33688n],
  [A, 'waits', 'oom', 11, 10, 1, 1n, 1n, 0n, 0n, 0n, 0n, 0n],
  [B, 'waits', 'oom', 48, 68, 1, 126n, 0n, 0n, 0n, 0n, 0n, 126n],
  [C, 'waits', 'oom', 48, 68, 1, 126n, 0n, 0n, 0n, 0n, 0n, 126n],
  [D, 'waits', 'oom', 13, 12, 1, 1n, 1n, 0n, 0n, 0n, 0n, 0n],
  [E, 'waits', 'oom', 49, 69, 1, 126n, 0n, 0n, 0n, 0n, 0n, 126n],
  [A, 'skips', 'any', 89, 134, 3, 430n, 0n, 0n, 0n, 420n, 0n, 10n],
  [B, 'skips', 'any', 269, 445, 4, 26591n, 0n, 0n, 0n, 18936n, 0n, 7655n],
  [C, 'skips', 'any', 300, 492, 5, 26591n, 0n, 1760n, 0n, 18936n, 0n, 5895n],
  [D, 'skips', 'any', 202, 334, 3, 13873n, 0n, 0n, 0n, 11167n, 0n, 2706n],
  [E, 'skips', 'any', 336, 559, 5, 75898n, 0n, 2560n, 0n, 61094n, 0n, 12244n],
  [A, 'skips', 'oom', 31, 40, 1, 21n, 0n, 0n, 0n, 21n, 0n, 0n],
  [B, 'skips', 'oom', 107, 166, 2, 714n, 0n, 0n, 0n, 588n, 0n, 126n],
  [C, 'skips', 'oom', 107, 166, 2, 714n, 0n, 0n, 0n, 588n, 0n, 126n],
  [D, 'skips', 'oom', 63, 96, 1, 448n, 0n, 0n, 0n, 448n, 0n, 0n],
  [E, 'skips', 'oom', 118, 186, 2, 1462n, 0n, 0n, 0n, 1336n, 0n, 126n],
];

// Witness lengths of this oracle (bad outcomes not listed are unreachable).
// prettier-ignore
const PINNED_WITNESS: [OracleVariant, OracleOom, OracleExit, Partial<Record<OracleOutcome, number>>][] = [
  [A, 'waits', 'any', { DEADLOCK: 10 }],
  [B, 'waits', 'any', {}],
  [C, 'waits', 'any', { PTE_AFTER_ZAP: 11 }],
  [D, 'waits', 'any', { DEADLOCK: 12 }],
  [E, 'waits', 'any', { PTE_AFTER_ZAP: 12 }],
  [A, 'waits', 'oom', { DEADLOCK: 10 }],
  [B, 'waits', 'oom', {}],
  [C, 'waits', 'oom', {}],
  [D, 'waits', 'oom', { DEADLOCK: 12 }],
  [E, 'waits', 'oom', {}],
  [A, 'skips', 'any', { WRONG_VICTIM: 8 }],
  [B, 'skips', 'any', { WRONG_VICTIM: 9 }],
  [C, 'skips', 'any', { PTE_AFTER_ZAP: 11, WRONG_VICTIM: 9 }],
  [D, 'skips', 'any', { WRONG_VICTIM: 9 }],
  [E, 'skips', 'any', { PTE_AFTER_ZAP: 12, WRONG_VICTIM: 9 }],
  [A, 'skips', 'oom', { WRONG_VICTIM: 9 }],
  [B, 'skips', 'oom', { WRONG_VICTIM: 10 }],
  [C, 'skips', 'oom', { WRONG_VICTIM: 10 }],
  [D, 'skips', 'oom', { WRONG_VICTIM: 10 }],
  [E, 'skips', 'oom', { WRONG_VICTIM: 10 }],
];

describe('oracle ksm-oom-deadlock: pinned numbers of this oracle', () => {
  it.each(PINNED_WITNESS)('witness lengths %s oom=%s exit=%s', (variant, oom, exit, lens) => {
    const w = oracleExplore({ variant, oom, exit }).shortestWitness;
    const got = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v!.length]));
    expect(got).toEqual(lens);
  });

  it('the c witness for PTE_AFTER_ZAP is the zap inside the fault', () => {
    expect(oracleExplore(dflt(C)).shortestWitness.PTE_AFTER_ZAP).toEqual([
      't1_mutex_lock',
      't1_set_cursor',
      't1_down_read',
      't1_test_exit',
      't1_follow_page',
      't2_exit_mm',
      't2_mmput_dec',
      't2_unmap_vmas',
      't1_read_pte',
      't1_alloc_anon',
      't1_commit_anon',
    ]);
  });

  it.each(PINNED)(
    '%s oom=%s exit=%s',
    (variant, oom, exit, st, tr, te, all, dl, pz, uaf, wv, lk, cl) => {
      const r = oracleExplore({ variant, oom, exit });
      expect([r.reachableStates, r.transitions, r.terminalStates]).toEqual([st, tr, te]);
      expect(r.completeSchedules).toBe(all);
      expect(r.schedulesWith).toEqual({
        DEADLOCK: dl,
        PTE_AFTER_ZAP: pz,
        USE_AFTER_FREE: uaf,
        WRONG_VICTIM: wv,
        LEAK: lk,
        CLEAN: cl,
      });
    },
  );
});
