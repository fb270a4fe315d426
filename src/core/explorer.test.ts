/**
 * The explorer against the independent brute-force enumerator, and its invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTask, enabledTasks, isTerminal, type TaskId } from './engine.ts';
import { explore } from './explorer.ts';
import { ksmScenario } from './ksm/scenario.ts';
import { DEFAULT_TOGGLES, type KsmState, type Toggles } from './ksm/state.ts';
import { VARIANT_IDS, type VariantId } from './ksm/variants.ts';
import { replay } from './replay.ts';
import { bruteForceCounts, bruteForceWitnesses, reachableStates } from './testing/brute-force.ts';
import { checkProperty } from './testing/check.ts';

const toggleArb = fc.record({ rmapNonempty: fc.boolean(), cursorAtSlot: fc.boolean() });
const variantArb = fc.constantFrom(...VARIANT_IDS);

/** Walks `choices` (each picks among the enabled tasks) from the initial state. */
function walk(variant: VariantId, toggles: Toggles, choices: number[]) {
  const scenario = ksmScenario(variant, toggles);
  let s = scenario.initial;
  const tasks: TaskId[] = [];
  for (const c of choices) {
    const enabled = enabledTasks(scenario, s);
    if (enabled.length === 0) break;
    const t = enabled[c % enabled.length];
    tasks.push(t);
    s = applyTask(scenario, s, t);
  }
  return { scenario, state: s, tasks };
}

function exploreOk(variant: VariantId, toggles: Toggles, from?: KsmState) {
  const r = explore(ksmScenario(variant, toggles), { from });
  if (!r.ok) throw new Error(r.problem.message);
  return r.exploration;
}

describe('explorer = brute force', () => {
  it('from mid-schedule states of every variant and toggle (random prefixes)', () => {
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
          const summary = exploreOk(variant, toggles, state).summary;
          expect(summary.completeSchedules).toBe(BigInt(brute.schedules));
          expect(summary.reachableStates).toBe(brute.states);
          expect(summary.transitions).toBe(brute.transitions);
          expect(summary.terminalStates).toBe(brute.terminals);
          for (const [o, n] of Object.entries(brute.with)) {
            expect(summary.schedulesWith[o]).toBe(BigInt(n));
          }
        },
      ),
      60,
    );
  }, 60_000);

  it.each(VARIANT_IDS)(
    'shortest witnesses of %s from the initial state',
    (variant) => {
      const scenario = ksmScenario(variant, DEFAULT_TOGGLES);
      const brute = bruteForceWitnesses(scenario, 20);
      expect(exploreOk(variant, DEFAULT_TOGGLES).summary.shortestWitness).toEqual(brute);
    },
    60_000,
  );

  it('the packed key is injective: states by key = states by full JSON', () => {
    for (const variant of VARIANT_IDS) {
      const ex = exploreOk(variant, DEFAULT_TOGGLES);
      // The distinct states of the whole graph by a plain DFS with a JSON set.
      const states = reachableStates(ksmScenario(variant, DEFAULT_TOGGLES));
      expect(ex.summary.reachableStates).toBe(states.length);
    }
  });
});

describe('explorer options', () => {
  it('stops at the state limit with a clear problem', () => {
    const r = explore(ksmScenario('a_vma_iter', DEFAULT_TOGGLES), { limit: 50 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.kind).toBe('limit');
    expect(r.problem.message).toMatch(/More than 50 reachable states/);
  });

  it('reports progress and can be cancelled', () => {
    const seen: number[] = [];
    const ok = explore(ksmScenario('f_ctl_exit_ignores_cursor', DEFAULT_TOGGLES), {
      progressEvery: 100,
      onProgress: (p) => seen.push(p.states),
    });
    expect(ok.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const controller = new AbortController();
    const r = explore(ksmScenario('f_ctl_exit_ignores_cursor', DEFAULT_TOGGLES), {
      progressEvery: 100,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.kind).toBe('aborted');
  });
});

describe('properties of the model and its exploration', () => {
  it('the same schedule always yields the same trace', () => {
    checkProperty(
      'replay is deterministic',
      fc.property(variantArb, toggleArb, fc.array(fc.nat(), { maxLength: 40 }), (v, tg, ch) => {
        const { scenario, tasks } = walk(v, tg, ch);
        expect(replay(scenario, tasks)).toEqual(replay(scenario, tasks));
      }),
    );
  });

  it('program order holds: each step is its task’s next step and follows its branch', () => {
    checkProperty(
      'program order',
      fc.property(variantArb, toggleArb, fc.array(fc.nat(), { maxLength: 40 }), (v, tg, ch) => {
        const { scenario, tasks } = walk(v, tg, ch);
        const r = replay(scenario, tasks);
        if (!r.ok) throw new Error(r.problem.message);
        let prev = r.trace.initial;
        for (const st of r.trace.steps) {
          expect(scenario.pcOf(prev, st.task)).toBe(st.stepId);
          const def = scenario.steps.get(st.stepId)!;
          expect(def.task).toBe(st.task);
          // The other task's program point never moves on this task's step.
          const other = st.task === 1 ? 2 : 1;
          expect(scenario.pcOf(st.state, other)).toBe(scenario.pcOf(prev, other));
          prev = st.state;
        }
      }),
    );
  });

  it('refcounts and lock counts stay within their domains in every reachable state', () => {
    for (const tg of [DEFAULT_TOGGLES, { rmapNonempty: true, cursorAtSlot: true }]) {
      for (const v of VARIANT_IDS) {
        for (const s of reachableStates(ksmScenario(v, tg))) {
          expect(s.mmUsers).toBeGreaterThanOrEqual(0);
          expect(s.mmCount).toBeGreaterThanOrEqual(0);
          expect(s.mmCount).toBeLessThanOrEqual(2);
          expect(s.mmapReaders).toBeGreaterThanOrEqual(0);
          expect(s.mmapReaders).toBeLessThanOrEqual(2);
          expect(s.mmapWriter && s.mmapReaders > 0).toBe(false);
          // mm_freed exactly when the count reached zero.
          expect(s.mmFreed).toBe(s.mmCount === 0);
        }
      }
    }
  });

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
          for (const s of [r.trace.initial, ...r.trace.steps.map((x) => x.state)]) {
            const fate = ex.fateOf(s);
            expect(fate).not.toBe(isBad ? 'safe' : 'doomed');
          }
          // Fates only narrow along a schedule: once doomed or safe, always so.
          const fates = [r.trace.initial, ...r.trace.steps.map((x) => x.state)].map((s) =>
            ex.fateOf(s),
          );
          const settled = fates.findIndex((f) => f !== 'open');
          if (settled >= 0) expect(new Set(fates.slice(settled)).size).toBe(1);
          expect(fates.at(-1)).toBe(isBad ? 'doomed' : 'safe');
        },
      ),
      100,
    );
  });
});
