/**
 * The explorer against the independent brute-force enumerator, and its invariants, on the KSM
 * exit race of scenarios/ksm-exit-race.yaml.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  applyTask,
  enabledTasks,
  isTerminal,
  type Scenario,
  type State,
  type TaskId,
} from './engine.ts';
import { explore, type Exploration, type ExploreSummary } from './explorer.ts';
import { chooseNext, dropTargets } from './reorder.ts';
import { replay } from './replay.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import {
  bruteForceCounts,
  bruteForceWitnesses,
  fullKey,
  reachableStates,
  type BruteCounts,
} from './testing/brute-force.ts';
import { checkProperty } from './testing/check.ts';

interface Toggles {
  readonly rmapNonempty: boolean;
  readonly cursorAtSlot: boolean;
}

const DEFAULT_TOGGLES: Toggles = { rmapNonempty: false, cursorAtSlot: false };
const VARIANT_IDS = builtinLibrary()
  .doc('ksm-exit-race')!
  .variants.list.map((v) => v.id);

function ksm(variant: string, toggles: Toggles = DEFAULT_TOGGLES, processes = 1): Scenario {
  return builtinLibrary().instance('ksm-exit-race', {
    variant,
    rmap_nonempty: toggles.rmapNonempty,
    cursor: toggles.cursorAtSlot ? 1 : 0,
    processes,
  });
}

const toggleArb = fc.record({ rmapNonempty: fc.boolean(), cursorAtSlot: fc.boolean() });
const variantArb = fc.constantFrom(...VARIANT_IDS);

/**
 * Walks `choices` (each picks among the enabled tasks) from the initial state, recording the
 * task numbers, the step ids (read before each step) and every state.
 */
function walk(variant: string, toggles: Toggles, choices: number[], processes = 1) {
  const scenario = ksm(variant, toggles, processes);
  let s = scenario.initial;
  const tasks: TaskId[] = [];
  const ids: string[] = [];
  const states: State[] = [s];
  for (const c of choices) {
    const enabled = enabledTasks(scenario, s);
    if (enabled.length === 0) break;
    const t = enabled[c % enabled.length];
    tasks.push(t);
    ids.push(scenario.pcOf(s, t));
    s = applyTask(scenario, s, t);
    states.push(s);
  }
  return { scenario, state: s, tasks, ids, states };
}

/** Explorations from the initial state, shared by the properties (a scenario is immutable). */
const explored = new Map<string, Exploration>();

function exploreOk(variant: string, toggles: Toggles, from?: State): Exploration {
  const key = JSON.stringify([variant, toggles]);
  if (from === undefined && explored.has(key)) return explored.get(key)!;
  const r = explore(ksm(variant, toggles), { from });
  if (!r.ok) throw new Error(r.problem.message);
  if (from === undefined) explored.set(key, r.exploration);
  return r.exploration;
}

/** The explorer's summary says what enumerating every schedule one by one says. */
function expectSameCounts(summary: ExploreSummary, brute: BruteCounts): void {
  expect(summary.completeSchedules).toBe(BigInt(brute.schedules));
  expect(summary.reachableStates).toBe(brute.states);
  expect(summary.transitions).toBe(brute.transitions);
  expect(summary.terminalStates).toBe(brute.terminals);
  expect(Object.keys(summary.schedulesWith)).toEqual(Object.keys(brute.with));
  for (const [o, n] of Object.entries(brute.with)) {
    expect(summary.schedulesWith[o]).toBe(BigInt(n));
  }
}

describe('explorer = brute force', () => {
  it('from mid-schedule states of every variant and toggle (random prefixes)', () => {
    let compared = 0;
    let biggest = 0;
    checkProperty(
      'explorer counts equal brute force from a random reachable state',
      fc.property(
        variantArb,
        toggleArb,
        fc.array(fc.nat(), { minLength: 12, maxLength: 24 }),
        (variant, toggles, choices) => {
          const { scenario, state } = walk(variant, toggles, choices);
          let brute;
          try {
            brute = bruteForceCounts(scenario, state, 40_000);
          } catch {
            fc.pre(false); // too many schedules left to enumerate one by one
            return;
          }
          compared++;
          biggest = Math.max(biggest, brute.schedules);
          expectSameCounts(exploreOk(variant, toggles, state).summary, brute);
        },
      ),
      60,
    );
    // The preconditions must leave real comparisons, some of them from states with many
    // schedules left, not a vacuous pass.
    expect(compared).toBeGreaterThan(20);
    expect(biggest).toBeGreaterThan(5000);
  }, 60_000);

  it('from mid-schedule states with two processes (random prefixes)', () => {
    let compared = 0;
    let biggest = 0;
    checkProperty(
      'explorer counts equal brute force from a random reachable state, N = 2',
      fc.property(
        variantArb,
        toggleArb,
        fc.array(fc.nat(), { minLength: 30, maxLength: 50 }),
        (variant, toggles, choices) => {
          const { scenario, state } = walk(variant, toggles, choices, 2);
          let brute;
          try {
            brute = bruteForceCounts(scenario, state, 20_000);
          } catch {
            fc.pre(false);
            return;
          }
          compared++;
          biggest = Math.max(biggest, brute.schedules);
          const r = explore(scenario, { from: state });
          if (!r.ok) throw new Error(r.problem.message);
          expectSameCounts(r.exploration.summary, brute);
        },
      ),
      40,
    );
    // Real comparisons, some of them far from the end.
    expect(compared).toBeGreaterThan(10);
    expect(biggest).toBeGreaterThan(500);
  }, 60_000);

  it.each(VARIANT_IDS)(
    'shortest witnesses of %s from the initial state',
    (variant) => {
      const scenario = ksm(variant);
      const brute = bruteForceWitnesses(scenario, 20);
      expect(exploreOk(variant, DEFAULT_TOGGLES).summary.shortestWitness).toEqual(brute);
    },
    60_000,
  );

  it('the packed key is injective: states by key = states by full contents', () => {
    const cases: [string, Toggles, number][] = [
      ...VARIANT_IDS.map((v): [string, Toggles, number] => [v, DEFAULT_TOGGLES, 1]),
      ...VARIANT_IDS.map((v): [string, Toggles, number] => [
        v,
        { rmapNonempty: true, cursorAtSlot: true },
        1,
      ]),
      ['a_vma_iter', DEFAULT_TOGGLES, 2],
      ['f_ctl_exit_ignores_cursor', { rmapNonempty: true, cursorAtSlot: false }, 2],
    ];
    for (const [variant, toggles, processes] of cases) {
      const scenario = ksm(variant, toggles, processes);
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      // The distinct states of the whole graph by a plain DFS with a set of full contents.
      const states = reachableStates(scenario);
      expect(r.exploration.summary.reachableStates).toBe(states.length);
      // Packing round-trips every reachable state exactly.
      const words = new Uint32Array(scenario.keyWords);
      for (const s of states) {
        scenario.pack(s, words, 0);
        expect(fullKey(scenario.unpack(words, 0))).toBe(fullKey(s));
      }
    }
  }, 60_000);
});

describe('explorer options', () => {
  it('stops at the state limit with a clear problem', () => {
    const r = explore(ksm('a_vma_iter'), { limit: 50 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.kind).toBe('limit');
    expect(r.problem.message).toMatch(/More than 50 reachable states/);
  });

  it('reports progress and can be cancelled', () => {
    const seen: number[] = [];
    const ok = explore(ksm('f_ctl_exit_ignores_cursor'), {
      progressEvery: 100,
      onProgress: (p) => seen.push(p.states),
    });
    expect(ok.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(507);
    const controller = new AbortController();
    const r = explore(ksm('f_ctl_exit_ignores_cursor'), {
      progressEvery: 100,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.kind).toBe('aborted');
  });
});

describe('properties of the model and its exploration', () => {
  it('one trace, whether replayed by task numbers, by step ids or walked directly', () => {
    checkProperty(
      'replay by tasks = replay by step ids = the states of a direct walk',
      fc.property(
        variantArb,
        toggleArb,
        fc.constantFrom(1, 2),
        fc.array(fc.nat(), { maxLength: 60 }),
        (v, tg, n, ch) => {
          const { scenario, tasks, ids, states } = walk(v, tg, ch, n);
          const byTask = replay(scenario, tasks);
          const byId = replay(scenario, ids);
          if (!byTask.ok) throw new Error(byTask.problem.message);
          if (!byId.ok) throw new Error(byId.problem.message);
          // Two ways in (the task to run, or the step expected), one trace.
          expect(byId.trace).toEqual(byTask.trace);
          // The engine states are those of a direct walk with applyTask, and the trace's steps
          // name what was run.
          expect(byTask.trace.raw.map(fullKey)).toEqual(states.map(fullKey));
          expect(byTask.trace.steps.map((s) => s.stepId)).toEqual(ids);
          expect(byTask.trace.steps.map((s) => s.task)).toEqual(tasks);
          // Views and changed fields follow from the raw states.
          byTask.trace.steps.forEach((st, i) => {
            const before = scenario.view(states[i]);
            const after = scenario.view(states[i + 1]);
            expect(st.state).toEqual(after);
            expect(st.changed).toEqual(Object.keys(after).filter((k) => after[k] !== before[k]));
          });
          expect(byTask.trace.complete).toBe(isTerminal(scenario, states.at(-1)!));
        },
      ),
    );
  });

  it('the same schedule gives the same trace in a fresh copy of the core as in one that has worked', async () => {
    // States are plain arrays, and the library caches compiled scenarios (initial state included)
    // for the whole process: a caller that wrote into a shared state, or a cache keyed too
    // loosely, would change later replays here but not in a fresh module graph (a new worker or
    // CLI run starts from one).
    const cases = fc.sample(
      fc.record({
        variant: variantArb,
        toggles: toggleArb,
        processes: fc.constantFrom(1, 2),
        choices: fc.array(fc.nat(), { minLength: 1, maxLength: 60, size: 'max' }),
      }),
      { seed: 20260311, numRuns: 40 },
    );
    const worked = cases.map(({ variant, toggles, processes, choices }) => {
      const { scenario, tasks } = walk(variant, toggles, choices, processes);
      // Work this copy of the core does between replays: explorations, drop targets, edits.
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      const at = tasks.length >> 1;
      dropTargets(scenario, tasks, at);
      chooseNext(scenario, tasks, at, tasks[at] === 1 ? 2 : 1);
      const t = replay(scenario, tasks);
      if (!t.ok) throw new Error(t.problem.message);
      return { tasks, trace: t.trace };
    });
    vi.resetModules();
    const fresh = {
      ...(await import('./replay.ts')),
      ...(await import('./scenario/builtin.ts')),
    };
    expect(fresh.builtinLibrary()).not.toBe(builtinLibrary());
    cases.forEach(({ variant, toggles, processes }, i) => {
      const scenario = fresh.builtinLibrary().instance('ksm-exit-race', {
        variant,
        rmap_nonempty: toggles.rmapNonempty,
        cursor: toggles.cursorAtSlot ? 1 : 0,
        processes,
      });
      const t = fresh.replay(scenario, worked[i].tasks);
      if (!t.ok) throw new Error(t.problem.message);
      expect(t.trace).toEqual(worked[i].trace);
    });
    // Explorations and edits for 40 schedules: under a second on a quiet machine.
  }, 30_000);

  it('program order holds: each step is its task’s next step and follows its branch', () => {
    checkProperty(
      'program order',
      fc.property(
        variantArb,
        toggleArb,
        fc.constantFrom(1, 2),
        fc.array(fc.nat(), { maxLength: 60 }),
        (v, tg, n, ch) => {
          const { scenario, tasks } = walk(v, tg, ch, n);
          const r = replay(scenario, tasks);
          if (!r.ok) throw new Error(r.problem.message);
          r.trace.steps.forEach((st, i) => {
            const prev = r.trace.raw[i];
            const next = r.trace.raw[i + 1];
            expect(scenario.pcOf(prev, st.task)).toBe(st.stepId);
            const def = scenario.steps.get(st.stepId)!;
            expect(def.task).toBe(st.task);
            // No other task's program point moves on this task's step.
            for (const other of scenario.tasks) {
              if (other.id !== st.task) {
                expect(scenario.pcOf(next, other.id)).toBe(scenario.pcOf(prev, other.id));
              }
            }
          });
        },
      ),
    );
  });

  it('refcounts and lock counts stay within their domains in every reachable state', () => {
    const cases: [Toggles, number][] = [
      [DEFAULT_TOGGLES, 1],
      [{ rmapNonempty: true, cursorAtSlot: true }, 1],
      [{ rmapNonempty: true, cursorAtSlot: false }, 2],
    ];
    let checked = 0;
    // One message per broken rule and state (expect() per field would be slow on 100k checks).
    const broken: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && broken.length < 20) broken.push(what);
    };
    for (const [tg, n] of cases) {
      for (const v of VARIANT_IDS) {
        const scenario = ksm(v, tg, n);
        const mms = n === 1 ? [''] : Array.from({ length: n }, (_, i) => `.${i + 1}`);
        for (const s of reachableStates(scenario)) {
          const view = scenario.view(s);
          const locks = scenario.lockViews(s);
          const where = `${v} N=${n} ${JSON.stringify(view)}`;
          for (const m of mms) {
            const users = view[`mm_users${m}`];
            const count = view[`mm_count${m}`];
            check(users === 0 || users === 1, `mm_users${m} out of 0..1 in ${where}`);
            check(
              count === 0 || count === 1 || count === 2,
              `mm_count${m} out of 0..2 in ${where}`,
            );
            // mm_users holds one mm_count reference: the mm cannot be freed while it has users.
            check(users <= count, `mm_users${m} > mm_count${m} in ${where}`);
            // mm_freed exactly when the count reached zero.
            check(view[`mm_freed${m}`] === (count === 0), `mm_freed${m} wrong in ${where}`);
            const mmap = locks.find((l) => l.lock === `mmap_lock${m}`)!;
            const readers = mmap.holders.filter((h) => h.mode === 'read').length;
            const writers = mmap.holders.filter((h) => h.mode === 'write').length;
            check(readers <= 2 && writers <= 1, `mmap_lock${m} count wrong in ${where}`);
            check(!(writers > 0 && readers > 0), `mmap_lock${m} read and written in ${where}`);
          }
          const mmlist = locks.find((l) => l.lock === 'ksm_mmlist_lock')!;
          check(mmlist.holders.length <= 1, `ksm_mmlist_lock held twice in ${where}`);
          // Every holder a lock view names, and only those, says it holds the lock.
          for (const t of scenario.tasks) {
            const held = locks
              .flatMap((l) => l.holders.filter((h) => h.task === t.id).map(() => l.lock))
              .sort()
              .join();
            const says = scenario
              .locksHeld(s, t.id)
              .map((h) => h.lock)
              .sort()
              .join();
            check(
              held === says,
              `task ${t.key}: locksHeld ${says} ≠ lock views ${held} in ${where}`,
            );
          }
          checked++;
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(90_000);
  }, 60_000);

  it('a random complete schedule agrees with the explorer’s classification', () => {
    checkProperty(
      'random schedule vs explorer',
      fc.property(
        variantArb,
        toggleArb,
        fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
        (v, tg, ch) => {
          const { scenario, state, tasks } = walk(v, tg, ch);
          expect(isTerminal(scenario, state)).toBe(true);
          const r = replay(scenario, tasks);
          if (!r.ok) throw new Error(r.problem.message);
          const ex = exploreOk(v, tg);
          const outcomes = r.trace.outcomes;
          const last = ex.countsFrom(state)!;
          expect(last.total).toBe(1n);
          for (const [o, n] of Object.entries(last.with))
            expect(n).toBe(outcomes.includes(o) ? 1n : 0n);
          const isBad = !outcomes.includes('CLEAN');
          for (const s of r.trace.raw) {
            const fate = ex.fateOf(s);
            expect(fate).toBeDefined();
            expect(fate).not.toBe(isBad ? 'safe' : 'doomed');
          }
          // Fates only narrow along a schedule: once doomed or safe, always so.
          const fates = r.trace.raw.map((s) => ex.fateOf(s));
          const settled = fates.findIndex((f) => f !== 'open');
          if (settled >= 0) expect(new Set(fates.slice(settled)).size).toBe(1);
          expect(fates.at(-1)).toBe(isBad ? 'doomed' : 'safe');
          // Per bad outcome: doomed at the end exactly for the outcomes this run has.
          const end = ex.fatesOf(state)!;
          for (const o of scenario.badOutcomes) {
            expect(end[o]).toBe(outcomes.includes(o) ? 'doomed' : 'safe');
          }
          // Along the run, each state's schedule count is the sum of its successors' counts.
          for (let i = 0; i + 1 < r.trace.raw.length; i++) {
            const here = ex.countsFrom(r.trace.raw[i])!;
            const succ = enabledTasks(scenario, r.trace.raw[i]).map(
              (t) => ex.countsFrom(applyTask(scenario, r.trace.raw[i], t))!.total,
            );
            expect(here.total).toBe(succ.reduce((x, y) => x + y, 0n));
          }
        },
      ),
      100,
    );
  });
});
