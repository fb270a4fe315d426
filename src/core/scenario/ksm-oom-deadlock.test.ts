/**
 * scenarios/ksm-oom-deadlock.yaml against the independent oracle of the same specification
 * (/work/shared/model/ksm-oom-deadlock.md, src/core/testing/oracle-ksm-oom.ts): for every variant
 * and both toggles, the same state graph (state by state, in the spec's own terms), the same
 * counts and the same shortest witnesses; and the spec's section 6 facts through the scenario's
 * own default schedule.
 */
import { describe, expect, it } from 'vitest';
import type { State } from '../engine.ts';
import { explore } from '../explorer.ts';
import { replay } from '../replay.ts';
import { defaultSchedule } from '../schedule.ts';
import {
  ORACLE_VARIANTS,
  oracleDefaultSchedule,
  oracleExplore,
  oracleInitialState,
  oracleStateKey,
  oracleSuccessors,
  type OracleConfig,
  type OracleExit,
  type OracleOom,
  type OracleState,
  type OracleVariant,
} from '../testing/oracle-ksm-oom.ts';
import { builtinLibrary } from './builtin.ts';
import type { CompiledScenario } from './compile.ts';

const OOMS: OracleOom[] = ['waits', 'skips'];
const EXITS: OracleExit[] = ['any', 'oom'];
const CONFIGS: OracleConfig[] = ORACLE_VARIANTS.flatMap((variant) =>
  OOMS.flatMap((oom) => EXITS.map((exit) => ({ variant, oom, exit }))),
);

const instance = (cfg: OracleConfig): CompiledScenario =>
  builtinLibrary().instance('ksm-oom-deadlock', { ...cfg });

/** A compiled state in the spec's terms (section 2.2): the oracle's state. */
function toOracle(sc: CompiledScenario, s: State): OracleState {
  const v = sc.view(s);
  const locks = sc.lockViews(s);
  const mutex = locks.find((l) => l.lock === 'ksm_thread_mutex')!;
  const mmap = locks.find((l) => l.lock === 'mmap_sem')!;
  const readers = mmap.holders.filter((h) => h.mode === 'read');
  const writer = mmap.holders.filter((h) => h.mode === 'write');
  // Only task 1 reads and only task 2 writes outside a single step (spec 2.2).
  expect(readers.every((h) => h.task === 1)).toBe(true);
  expect(writer.every((h) => h.task === 2)).toBe(true);
  return {
    pc1: sc.pcOf(s, 1),
    pc2: sc.pcOf(s, 2),
    mutex: mutex.holders.length === 0 ? 'none' : mutex.holders[0].task === 1 ? 't1' : 't2',
    readers: readers.length as 0 | 1,
    writer: writer.length > 0,
    cursor: v.cursor as OracleState['cursor'],
    slot_listed: v.slot_listed as boolean,
    slot_freed: v.slot_freed as boolean,
    rmap_nonempty: v.rmap_nonempty as boolean,
    mergeable: v.mergeable as boolean,
    mm_users: v.mm_users as 0 | 1,
    killed: v.killed as boolean,
    pte: v.pte as OracleState['pte'],
    zapped: v.zapped as boolean,
    pgtables_freed: v.pgtables_freed as boolean,
    mem_free: v.mem_free as boolean,
    bystander_killed: v.bystander_killed as boolean,
    f_pte_after_zap: v.f_pte_after_zap as boolean,
    f_uaf: v.f_uaf as boolean,
  };
}

/** Every reachable state's labelled successors (`step→state key`), keyed by state. */
type Graph = Map<string, string[]>;

function oracleGraph(cfg: OracleConfig): Graph {
  const out: Graph = new Map();
  const queue: OracleState[] = [oracleInitialState()];
  out.set(oracleStateKey(queue[0]), []);
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i];
    const edges: string[] = [];
    for (const st of oracleSuccessors(s, cfg)) {
      const k = oracleStateKey(st.next);
      edges.push(`${st.id}→${k}`);
      if (!out.has(k)) {
        out.set(k, []);
        queue.push(st.next);
      }
    }
    out.set(oracleStateKey(s), edges);
  }
  return out;
}

function scenarioGraph(sc: CompiledScenario): Graph {
  const out: Graph = new Map();
  const key = (s: State) => oracleStateKey(toOracle(sc, s));
  const queue: State[] = [sc.initial];
  out.set(key(sc.initial), []);
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i];
    const edges: string[] = [];
    for (const t of [1, 2]) {
      if (!sc.isEnabled(s, t)) continue;
      const n = sc.apply(s, t);
      const k = key(n);
      edges.push(`${sc.pcOf(s, t)}→${k}`);
      if (!out.has(k)) {
        out.set(k, []);
        queue.push(n);
      }
    }
    out.set(key(s), edges);
  }
  return out;
}

const name = (cfg: OracleConfig) => `${cfg.variant} oom=${cfg.oom} exit=${cfg.exit}`;

describe('scenarios/ksm-oom-deadlock.yaml equals the oracle', () => {
  it.each(CONFIGS.map((cfg) => [name(cfg), cfg] as const))('%s', (_, cfg) => {
    const sc = instance(cfg);
    expect(sc.variant).toBe(cfg.variant);
    expect(sc.params).toEqual({ oom: cfg.oom, exit: cfg.exit });

    // The initial state and every transition, state by state.
    expect(toOracle(sc, sc.initial)).toEqual(oracleInitialState());
    const mine = scenarioGraph(sc);
    const theirs = oracleGraph(cfg);
    expect(mine.size).toBe(theirs.size);
    expect([...mine.entries()].sort()).toEqual([...theirs.entries()].sort());

    // The explorer's summary against the oracle's, exactly.
    const r = explore(sc);
    if (!r.ok) throw new Error(r.problem.message);
    const got = r.exploration.summary;
    const want = oracleExplore(cfg);
    expect(want.acyclic).toBe(true);
    expect(sc.outcomeNames).toEqual([
      'DEADLOCK',
      'PTE_AFTER_ZAP',
      'USE_AFTER_FREE',
      'WRONG_VICTIM',
      'LEAK',
      'CLEAN',
    ]);
    expect(got.reachableStates).toBe(want.reachableStates);
    expect(got.transitions).toBe(want.transitions);
    expect(got.terminalStates).toBe(want.terminalStates);
    expect(got.completeSchedules).toBe(want.completeSchedules);
    expect(got.schedulesWith).toEqual(want.schedulesWith);
    expect(got.shortestWitness).toEqual(want.shortestWitness);
  });
});

/** The scenario's default schedule, replayed: its step ids and outcomes. */
function runDefault(cfg: OracleConfig): { steps: string[]; outcomes: readonly string[] } {
  const sc = instance(cfg);
  const r = replay(sc, defaultSchedule(sc));
  if (!r.ok) throw new Error(r.problem.message);
  expect(r.trace.complete).toBe(true);
  return { steps: r.trace.steps.map((s) => s.stepId), outcomes: r.trace.outcomes };
}

const dflt = (variant: OracleVariant): OracleConfig => ({ variant, oom: 'waits', exit: 'any' });

describe('ksm-oom-deadlock: the default schedule (spec section 6)', () => {
  it('is task 1 until it blocks, then task 2, and so on, with no prefix', () => {
    expect(instance(dflt('b_exit_mmap_handshake')).defaultSchedule).toEqual({
      prefix: [],
      then: 'round-robin',
    });
  });

  it('a: the 9/12 changelog in 10 steps, ending in DEADLOCK', () => {
    const r = runDefault(dflt('a_mutex_in_ksm_exit'));
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
  });

  it('b: 24 steps, CLEAN', () => {
    const r = runDefault(dflt('b_exit_mmap_handshake'));
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
    expect(r.outcomes).toEqual(['CLEAN']);
  });

  it('c: 24 steps, CLEAN, the same path as b', () => {
    const r = runDefault(dflt('c_no_fault_checks'));
    expect(r.steps).toHaveLength(24);
    expect(r.steps).toEqual(runDefault(dflt('b_exit_mmap_handshake')).steps);
    expect(r.outcomes).toEqual(['CLEAN']);
  });

  it('d: 12 steps, DEADLOCK at t2_down_write', () => {
    const r = runDefault(dflt('d_ksm_exit_in_mmput'));
    expect(r.steps).toHaveLength(12);
    expect(r.steps.at(-1)).toBe('t2_lookup_slot');
    expect(r.outcomes).toEqual(['DEADLOCK']);
  });

  it('e: 25 steps, CLEAN, b plus t2_down_up_read', () => {
    const r = runDefault(dflt('e_down_read_in_mmput'));
    expect(r.steps).toHaveLength(25);
    expect(r.steps.filter((s) => s !== 't2_down_up_read')).toEqual(
      runDefault(dflt('b_exit_mmap_handshake')).steps,
    );
    expect(r.outcomes).toEqual(['CLEAN']);
  });

  it('d under oom = skips: WRONG_VICTIM in 23 steps', () => {
    const r = runDefault({ variant: 'd_ksm_exit_in_mmput', oom: 'skips', exit: 'any' });
    expect(r.steps).toHaveLength(23);
    expect(r.outcomes).toEqual(['WRONG_VICTIM']);
  });

  it.each(CONFIGS.map((cfg) => [name(cfg), cfg] as const))(
    'equals the oracle’s policy run: %s',
    (_, cfg) => {
      const want = oracleDefaultSchedule(cfg);
      const got = runDefault(cfg);
      expect(got.steps).toEqual(want.steps);
      expect(got.outcomes).toEqual(want.outcomes);
    },
  );
});
