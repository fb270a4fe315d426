import { beforeAll, describe, expect, it } from 'vitest';
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
  type OracleOutcome,
  type OracleState,
  type OracleVariant,
} from './oracle-ksm-oom.ts';
import * as spec from './spec-facts/ksm-oom-deadlock.ts';
import { fieldsOf } from './summary-fields.ts';

// Tests of the independent oracle for /work/shared/model/ksm-oom-deadlock.md against the facts the
// specification states (sections 5.1 and 6, written once in spec-facts/ksm-oom-deadlock.ts), plus
// internal consistency checks against a naive enumeration of every schedule.

const skips = (variant: OracleVariant): OracleConfig => ({
  ...spec.defaultConfig(variant),
  oom: 'skips',
});
const B: OracleVariant = 'b_exit_mmap_handshake';

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
    with: Object.fromEntries(ORACLE_OUTCOMES.map((o) => [o, 0n])) as Record<OracleOutcome, bigint>,
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

// Enumerating every schedule of every configuration takes about a second on a quiet machine, and
// several on a busy one: done once, here, with its own time limit, not inside the first test.
beforeAll(() => {
  for (const cfg of spec.ALL_CONFIGS) naiveAll(cfg);
}, 60_000);

const reaches = (cfg: OracleConfig, o: OracleOutcome): boolean =>
  (oracleExplore(cfg).schedulesWith![o] ?? 0n) > 0n;

describe('oracle ksm-oom-deadlock: section 6, the default schedule', () => {
  it('covers the spec’s variants', () => {
    expect(ORACLE_VARIANTS).toEqual(spec.VARIANTS);
  });

  it.each(spec.DEFAULT_RUNS)('$title', ({ config, want }) => {
    const r = oracleDefaultSchedule(config);
    expect({ ...r, length: r.steps.length }).toMatchObject(want);
  });

  it('b: t1_commit_wp finds the pte zapped and releases the copy; t1_follow_page then sees none', () => {
    const b = spec.defaultConfig(B);
    const steps = oracleDefaultSchedule(b).steps;
    const i = steps.indexOf('t1_commit_wp');
    const before = replay(b, steps.slice(0, i));
    expect(before.pte).toBe('none');
    const after = replay(b, steps.slice(0, i + 1));
    expect(after.pte).toBe('none');
    expect(after.pc1).toBe('t1_follow_page');
    // t1_advance_cursor sees mm_users = 0 and unlinks.
    const j = steps.indexOf('t1_advance_cursor');
    const adv = replay(b, steps.slice(0, j + 1));
    expect(adv.slot_listed).toBe(false);
    expect(adv.pc1).toBe('t1_free_slot');
    // t2_lookup_slot found the slot at the cursor: handshake path.
    const k = steps.indexOf('t2_lookup_slot');
    expect(replay(b, steps.slice(0, k + 1)).pc2).toBe('t2_down_write');
  });

  it('the exit toggle does not change the default schedule (task 1 always kills first)', () => {
    for (const variant of spec.VARIANTS) {
      for (const oom of spec.OOMS) {
        expect(oracleDefaultSchedule({ variant, oom, exit: 'oom' })).toEqual(
          oracleDefaultSchedule({ variant, oom, exit: 'any' }),
        );
      }
    }
  });
});

describe('oracle ksm-oom-deadlock: section 5.1, qualitative results', () => {
  it.each(spec.VARIANTS)('default scenario: the bad outcomes %s reaches', (variant) => {
    const reached = ORACLE_BAD_OUTCOMES.filter((o) => reaches(spec.defaultConfig(variant), o));
    expect(reached).toEqual(spec.DEFAULT_REACHES[variant]);
  });

  it('default scenario: b is CLEAN in every schedule', () => {
    const r = oracleExplore(spec.defaultConfig(B));
    expect(r.schedulesWith!.CLEAN).toBe(r.completeSchedules);
  });

  it('no configuration at all reaches USE_AFTER_FREE or LEAK', () => {
    for (const cfg of spec.ALL_CONFIGS) {
      const r = oracleExplore(cfg);
      expect(r.schedulesWith!.USE_AFTER_FREE, JSON.stringify(cfg)).toBe(0n);
      expect(r.schedulesWith!.LEAK, JSON.stringify(cfg)).toBe(0n);
    }
  });

  it('oom = skips: no DEADLOCK anywhere; a, b and d reach WRONG_VICTIM', () => {
    for (const variant of spec.VARIANTS) {
      expect(reaches(skips(variant), 'DEADLOCK'), variant).toBe(false);
    }
    for (const variant of spec.SKIPS_REACH_WRONG_VICTIM) {
      expect(reaches(skips(variant), 'WRONG_VICTIM'), variant).toBe(true);
    }
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
    for (const variant of spec.DEADLOCKS_BECOME_WRONG_VICTIM) {
      for (const exit of spec.EXITS) {
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
    // One expect over the distinct final states, not three per schedule: there are tens of
    // thousands of schedules, and expect() calls that many take seconds on a busy machine.
    const finals = new Set<string>();
    for (const cfg of spec.ALL_CONFIGS) {
      for (const sch of naiveAll(cfg).schedules) {
        if (!sch.outcomes.includes('DEADLOCK')) continue;
        const { pc1, mem_free, pc2 } = sch.final;
        finals.add(JSON.stringify({ variant: cfg.variant, pc1, mem_free, pc2 }));
      }
    }
    const parsed = [...finals].map(
      (f) =>
        JSON.parse(f) as { variant: OracleVariant; pc1: string; mem_free: boolean; pc2: string },
    );
    expect(parsed.length).toBeGreaterThan(0);
    for (const { variant, pc1, mem_free, pc2 } of parsed) {
      expect(spec.DEADLOCK_PC1).toContain(pc1);
      expect(mem_free).toBe(false);
      expect(pc2).toBe(spec.DEADLOCK_PC2[variant]);
    }
  });
});

describe('oracle ksm-oom-deadlock: internal consistency', () => {
  it('every configuration is acyclic', () => {
    for (const cfg of spec.ALL_CONFIGS) {
      const r = oracleExplore(cfg);
      expect(r.acyclic, JSON.stringify(cfg)).toBe(true);
      expect(r.cycle).toBeUndefined();
      expect(r.completeSchedules).toBeDefined();
    }
  });

  it('memoised counts equal a naive enumeration of every schedule', () => {
    for (const cfg of spec.ALL_CONFIGS) {
      const r = oracleExplore(cfg);
      const n = naiveAll(cfg);
      expect(r.completeSchedules, JSON.stringify(cfg)).toBe(n.total);
      expect(r.schedulesWith, JSON.stringify(cfg)).toEqual(n.with);
    }
  });

  it('witnesses replay, show their outcome, and are as short as any schedule prefix can be', () => {
    for (const cfg of spec.ALL_CONFIGS) {
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
    // One expect over the distinct outcome lists, not one or two per schedule (see above).
    const lists = new Set<string>();
    for (const cfg of spec.ALL_CONFIGS) {
      for (const sch of naiveAll(cfg).schedules) lists.add(JSON.stringify(sch.outcomes));
    }
    for (const outcomes of [...lists].map((l) => JSON.parse(l) as OracleOutcome[])) {
      const idx = outcomes.map((o) => ORACLE_OUTCOMES.indexOf(o));
      expect([...idx].sort((x, y) => x - y)).toEqual(idx);
      if (outcomes.includes('CLEAN')) expect(outcomes).toEqual(['CLEAN']);
    }
  });
});

describe('oracle ksm-oom-deadlock: pinned numbers of this oracle', () => {
  const pinned = spec.ORACLE_PINNED.map(
    (p) => [p.config.variant, p.config.oom, p.config.exit, p] as const,
  );

  it('has a row for every configuration', () => {
    expect(spec.ORACLE_PINNED.map((p) => p.config)).toEqual(spec.ALL_CONFIGS);
  });

  it.each(pinned)('witness lengths %s oom=%s exit=%s', (_v, _o, _e, { config, witnessLengths }) => {
    const w = oracleExplore(config).shortestWitness;
    const got = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v!.length]));
    expect(got).toEqual(witnessLengths);
  });

  it('the c witness for PTE_AFTER_ZAP is the zap inside the fault', () => {
    expect(
      oracleExplore(spec.defaultConfig('c_no_fault_checks')).shortestWitness.PTE_AFTER_ZAP,
    ).toEqual([
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

  it.each(pinned)('%s oom=%s exit=%s', (_v, _o, _e, { config, counts }) => {
    expect(fieldsOf(oracleExplore(config), Object.keys(counts))).toEqual(counts);
  });
});
