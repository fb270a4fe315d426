/**
 * scenarios/ksm-oom-deadlock.yaml against the independent oracle of the same specification
 * (/work/shared/model/ksm-oom-deadlock.md, src/core/testing/oracle-ksm-oom.ts): for every variant
 * and both toggles, the same state graph (state by state, in the spec's own terms), the same
 * counts and the same shortest witnesses; and the spec's section 6 facts (written once, in
 * src/core/testing/spec-facts/ksm-oom-deadlock.ts) through the scenario's own default schedule.
 */
import { describe, expect, it } from 'vitest';
import type { State } from '../engine.ts';
import { explore } from '../explorer.ts';
import { replay } from '../replay.ts';
import { defaultSchedule } from '../schedule.ts';
import {
  ORACLE_OUTCOMES,
  oracleDefaultSchedule,
  oracleExplore,
  oracleInitialState,
  oracleStateKey,
  oracleSuccessors,
  type OracleConfig,
  type OracleState,
} from '../testing/oracle-ksm-oom.ts';
import * as spec from '../testing/spec-facts/ksm-oom-deadlock.ts';
import { fieldsOf } from '../testing/summary-fields.ts';
import { builtinLibrary } from './builtin.ts';
import type { CompiledScenario } from './compile.ts';

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
const CASES = spec.ALL_CONFIGS.map((cfg) => [name(cfg), cfg] as const);

describe('scenarios/ksm-oom-deadlock.yaml equals the oracle', () => {
  it('has the spec’s variants', () => {
    expect(
      builtinLibrary()
        .doc('ksm-oom-deadlock')!
        .variants.list.map((v) => v.id),
    ).toEqual(spec.VARIANTS);
  });

  it.each(CASES)('%s', (_, cfg) => {
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
    expect(sc.outcomeNames).toEqual(ORACLE_OUTCOMES);
    expect(fieldsOf(got)).toEqual(fieldsOf(want));
  });
});

/** The scenario's default schedule, replayed: its step ids, outcomes and final state. */
function runDefault(cfg: OracleConfig) {
  const sc = instance(cfg);
  const r = replay(sc, defaultSchedule(sc));
  if (!r.ok) throw new Error(r.problem.message);
  expect(r.trace.complete).toBe(true);
  return {
    steps: r.trace.steps.map((s) => s.stepId),
    outcomes: r.trace.outcomes,
    final: toOracle(sc, r.trace.raw.at(-1)!),
  };
}

describe('ksm-oom-deadlock: the default schedule (spec section 6)', () => {
  it('is task 1 until it blocks, then task 2, and so on, with no prefix', () => {
    expect(instance(spec.defaultConfig('b_exit_mmap_handshake')).defaultSchedule).toEqual({
      prefix: [],
      then: 'round-robin',
    });
  });

  it.each(spec.DEFAULT_RUNS)('$title', ({ config, want }) => {
    const r = runDefault(config);
    expect({ ...r, length: r.steps.length }).toMatchObject(want);
  });

  it.each(CASES)('equals the oracle’s policy run: %s', (_, cfg) => {
    const want = oracleDefaultSchedule(cfg);
    const got = runDefault(cfg);
    expect(got.steps).toEqual(want.steps);
    expect(got.outcomes).toEqual(want.outcomes);
  });
});
