/**
 * Schedule k of N (Exploration.scheduleOf / rankOf) against an independent enumeration of every
 * complete schedule in lexicographic task order (src/core/testing/every-schedule.ts), on small
 * scenarios: a hand-sized race, the KSM OOM deadlock in every variant and setting, and random
 * scenario documents. On the KSM exit race at two and three processes (counts past 2^53, so the
 * bigint path), random k: the schedule replays to its outcome, ranks back to k, and sorts
 * between its neighbours.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from './engine.ts';
import type { Exploration } from './explorer.ts';
import { replay } from './replay.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import { checkProperty } from './testing/check.ts';
import { checkThenUse } from './testing/check-then-use.ts';
import {
  everySchedule,
  exploreOk,
  smallGenerated,
  type WalkedSchedule,
} from './testing/every-schedule.ts';
import { validDocArb, type GeneratedDoc } from './testing/scenario-docs/index.ts';

/**
 * Every schedule numbered by the exploration, outcome by outcome, is the walk's list of the
 * schedules with that outcome, in the same order; each ranks back to its number, and a
 * schedule without the outcome has no number.
 */
function expectSameAsWalk(
  scenario: Scenario,
  ex: Exploration,
  walked: readonly WalkedSchedule[],
): void {
  for (const o of scenario.outcomeNames) {
    const withIt = walked.filter((s) => s.outcomes.includes(o));
    expect(ex.summary.schedulesWith[o], o).toBe(BigInt(withIt.length));
    // Compared as lines of text: deep equality of 75,000 arrays is slow.
    const got = withIt.map((_, k) => ex.scheduleOf(o, BigInt(k)).join(' '));
    expect(got, o).toEqual(withIt.map((s) => s.steps.join(' ')));
    const numberOf = new Map(withIt.map((s, k) => [s, BigInt(k)]));
    // Every schedule with the outcome, and a sample of at least 5,000 of the others.
    const every = Math.ceil(walked.length / 5000);
    const asked = walked.filter((s, i) => numberOf.has(s) || i % every === 0);
    const ranks = asked.map((s) => String(ex.rankOf(o, s.steps)));
    expect(ranks, o).toEqual(asked.map((s) => String(numberOf.get(s))));
  }
}

/** `x` comes before `y` in lexicographic task order (task numbers of the steps, in turn). */
function isBefore(scenario: Scenario, x: readonly string[], y: readonly string[]): boolean {
  const taskOf = (id: string) => scenario.steps.get(id)!.task;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return taskOf(x[i]) < taskOf(y[i]);
  }
  return false;
}

describe('schedule k of N against every schedule walked one by one', () => {
  it('check-then-use: the one use after free and the four clean schedules, in task order', () => {
    const sc = checkThenUse();
    const ex = exploreOk(sc);
    expect(ex.scheduleOf('USE_AFTER_FREE', 0n)).toEqual([
      't1_check',
      't2_unpublish',
      't2_free',
      't1_use',
    ]);
    // Task 1 first wherever it can move: it checks and uses before task 2 unpublishes; last,
    // task 2 runs whole and task 1 finds nothing to use.
    expect([0n, 1n, 2n, 3n].map((k) => ex.scheduleOf('CLEAN', k))).toEqual([
      ['t1_check', 't1_use', 't2_unpublish', 't2_free'],
      ['t1_check', 't2_unpublish', 't1_use', 't2_free'],
      ['t2_unpublish', 't1_check', 't2_free'],
      ['t2_unpublish', 't2_free', 't1_check'],
    ]);
    expectSameAsWalk(sc, ex, everySchedule(sc));
  });

  it('ksm-oom-deadlock: every variant and setting', () => {
    const lib = builtinLibrary();
    const doc = lib.doc('ksm-oom-deadlock')!;
    let compared = 0;
    for (const v of doc.variants.list) {
      for (const oom of ['waits', 'skips']) {
        for (const exit of ['any', 'oom']) {
          const sc = lib.instance('ksm-oom-deadlock', { variant: v.id, oom, exit });
          const walked = everySchedule(sc);
          expectSameAsWalk(sc, exploreOk(sc), walked);
          compared += walked.length;
        }
      }
    }
    // The fifteen settings with at most one parameter changed alone have 215,255 schedules.
    expect(compared).toBeGreaterThan(200_000);
  }, 120_000);

  it('from a state other than the initial one: schedules start there', () => {
    const sc = builtinLibrary().instance('ksm-oom-deadlock', { variant: 'a_mutex_in_ksm_exit' });
    const first = sc.tasks[0].id;
    const from = sc.apply(sc.initial, first);
    const walked = everySchedule(sc, 100_000, from);
    expectSameAsWalk(sc, exploreOk(sc, from), walked);
    const k = walked.findIndex((s) => s.outcomes.includes('DEADLOCK'));
    expect(k).toBeGreaterThanOrEqual(0);
  });

  it('random scenario documents with up to 3,000 schedules', () => {
    let compared = 0;
    const check = (d: GeneratedDoc) => {
      const small = smallGenerated(d, 3000n);
      if (!small) return;
      const { sc, ex } = small;
      expectSameAsWalk(sc, ex, everySchedule(sc));
      compared++;
    };
    checkProperty('unranking on random documents', fc.property(validDocArb(), check), 150);
    expect(compared).toBeGreaterThan(50);
  }, 120_000);
});

describe('schedule k of N when N is past 2^53', () => {
  const lib = builtinLibrary();
  const cases = [2, 3].map((processes) => {
    const sc = lib.instance('ksm-exit-race', { processes });
    return { processes, sc, ex: exploreOk(sc) };
  });

  it.each(cases)('ksm-exit-race, $processes processes: counts are bigints', ({ ex }) => {
    for (const o of ['LOCKDEP_SPLAT', 'CLEAN']) {
      expect(ex.summary.schedulesWith[o]).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    }
  });

  it.each(cases)(
    'ksm-exit-race, $processes processes: random k replays, ranks back and sorts in place',
    ({ sc, ex }) => {
      const outcomeArb = fc.constantFrom('LOCKDEP_SPLAT', 'CLEAN');
      const pairArb = outcomeArb.chain((o) =>
        fc.tuple(fc.constant(o), fc.bigInt({ min: 0n, max: ex.summary.schedulesWith[o] - 1n })),
      );
      const check = ([o, k]: [string, bigint]) => {
        const steps = ex.scheduleOf(o, k);
        const r = replay(sc, steps);
        if (!r.ok) throw new Error(r.problem.message);
        expect(r.trace.complete).toBe(true);
        expect(r.trace.outcomes).toContain(o);
        expect(ex.rankOf(o, steps)).toBe(k);
        const other = o === 'CLEAN' ? 'LOCKDEP_SPLAT' : 'CLEAN';
        expect(ex.rankOf(other, steps)).toBeUndefined();
        if (k > 0n) expect(isBefore(sc, ex.scheduleOf(o, k - 1n), steps)).toBe(true);
        if (k + 1n < ex.summary.schedulesWith[o]) {
          expect(isBefore(sc, steps, ex.scheduleOf(o, k + 1n))).toBe(true);
        }
      };
      checkProperty('unranking past 2^53', fc.property(pairArb, check), 100);
    },
    60_000,
  );

  it('the first and the last schedule with an outcome are the ends of task order', () => {
    const { sc, ex } = cases[0];
    const n = ex.summary.schedulesWith.LOCKDEP_SPLAT;
    // The witness is the shortest splat with task 1 first on ties; the first splat in task
    // order may be longer but it starts the same way (task 1 runs to t1_unlock_mmlist).
    const first = ex.scheduleOf('LOCKDEP_SPLAT', 0n);
    const last = ex.scheduleOf('LOCKDEP_SPLAT', n - 1n);
    expect(first.slice(0, 3)).toEqual(ex.summary.shortestWitness.LOCKDEP_SPLAT.slice(0, 3));
    expect(isBefore(sc, first, last)).toBe(true);
    expect(ex.rankOf('LOCKDEP_SPLAT', last)).toBe(n - 1n);
  });
});

describe('out of range and not a schedule', () => {
  const sc = checkThenUse();
  const ex = exploreOk(sc);

  it('throws a RangeError for k outside [0, N) and for an unknown outcome', () => {
    expect(() => ex.scheduleOf('USE_AFTER_FREE', 1n)).toThrow(RangeError);
    expect(() => ex.scheduleOf('USE_AFTER_FREE', 1n)).toThrow(
      'there is no schedule 1 with USE_AFTER_FREE: they are numbered 0 to 0',
    );
    expect(() => ex.scheduleOf('CLEAN', -1n)).toThrow(RangeError);
    expect(() => ex.scheduleOf('DEADLOCK', 0n)).toThrow(/"DEADLOCK" is not an outcome/);
    expect(() => ex.rankOf('DEADLOCK', [])).toThrow(RangeError);
  });

  it('says when no schedule has the outcome', () => {
    const oom = builtinLibrary().instance('ksm-oom-deadlock', {});
    const oomEx = exploreOk(oom);
    expect(oomEx.summary.schedulesWith.DEADLOCK).toBe(0n);
    expect(() => oomEx.scheduleOf('DEADLOCK', 0n)).toThrow('no complete schedule ends in DEADLOCK');
  });

  it('gives no number to a prefix, a wrong order, an unknown step or another outcome', () => {
    expect(ex.rankOf('USE_AFTER_FREE', ['t1_check', 't2_unpublish', 't2_free'])).toBeUndefined();
    expect(ex.rankOf('CLEAN', ['t1_use', 't1_check', 't2_unpublish', 't2_free'])).toBeUndefined();
    expect(ex.rankOf('CLEAN', ['t1_check', 't1_use', 't2_unpublish', 'x'])).toBeUndefined();
    expect(
      ex.rankOf('CLEAN', ['t1_check', 't1_use', 't2_unpublish', 't2_free', 't2_free']),
    ).toBeUndefined();
    expect(ex.rankOf('CLEAN', ['t1_check', 't2_unpublish', 't2_free', 't1_use'])).toBeUndefined();
    expect(ex.rankOf('USE_AFTER_FREE', ['t1_check', 't2_unpublish', 't2_free', 't1_use'])).toBe(0n);
  });
});
