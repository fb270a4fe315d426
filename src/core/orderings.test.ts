/**
 * Shared orderings (Exploration.sharedOrderings) against a brute force that walks every complete
 * schedule and checks each pair of steps directly (src/core/testing/every-schedule.ts), on small
 * scenarios; their reduction to the tightest statements; their words; and the KSM exit race's
 * splat checked by hand against the spec (../shared/model/ksm-exit-race.md, 5.2 and 6).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from './engine.ts';
import type { Exploration } from './explorer.ts';
import { describeOrderings, type Ordering } from './orderings.ts';
import { replay } from './replay.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import { checkProperty } from './testing/check.ts';
import { checkThenUse } from './testing/check-then-use.ts';
import {
  everySchedule,
  exploreOk,
  runsBeforeInEvery,
  smallGenerated,
  sharedByBruteForce,
  type WalkedSchedule,
} from './testing/every-schedule.ts';
import { validDocArb, type GeneratedDoc } from './testing/scenario-docs/index.ts';

function orderingsOf(ex: Exploration, outcome: string, all = false): readonly Ordering[] {
  const r = ex.sharedOrderings(outcome, { all });
  if (r.kind !== 'orderings') throw new Error(`${outcome}: ${r.kind}`);
  return r.orderings;
}

/**
 * For every bad outcome: the unreduced orderings are the brute force's, and the reduced ones are
 * the tightest: each unreduced ordering is a reduced one or follows from one through steps each
 * task always runs in that order (checked on the walked schedules), and no reduced one follows
 * from another. Returns how many outcomes had orderings to compare.
 */
function expectSameAsBruteForce(
  scenario: Scenario,
  ex: Exploration,
  walked: readonly WalkedSchedule[],
): number {
  let compared = 0;
  const isClean = (s: WalkedSchedule) => !s.outcomes.some((o) => scenario.badOutcomes.includes(o));
  for (const o of scenario.badOutcomes) {
    const withIt = walked.filter((s) => s.outcomes.includes(o));
    const r = ex.sharedOrderings(o);
    if (withIt.length === 0) {
      expect(r.kind, o).toBe('no-schedules');
      continue;
    }
    if (!walked.some(isClean)) {
      expect(r.kind, o).toBe('no-clean-schedules');
      continue;
    }
    compared++;
    const all = orderingsOf(ex, o, true);
    expect(all, o).toEqual(sharedByBruteForce(scenario, walked, o));
    const reduced = orderingsOf(ex, o);
    const taskOf = (id: string) => scenario.steps.get(id)!.task;
    const atOrBefore = (x: string, y: string) =>
      x === y || (taskOf(x) === taskOf(y) && runsBeforeInEvery(withIt, x, y));
    const follows = (x: Ordering, from: Ordering) =>
      atOrBefore(x.before, from.before) && atOrBefore(from.after, x.after);
    for (const x of reduced) expect(all, o).toContainEqual(x);
    for (const x of all)
      expect(
        reduced.some((k) => follows(x, k)),
        `${o}: ${x.before} < ${x.after}`,
      );
    for (const x of reduced) {
      for (const y of reduced) if (x !== y) expect(follows(x, y), o).toBe(false);
    }
  }
  return compared;
}

describe('shared orderings against every schedule walked one by one', () => {
  it('check-then-use: the check before the unpublish, the free before the use', () => {
    const sc = checkThenUse();
    const ex = exploreOk(sc);
    // The one bad schedule is check, unpublish, free, use. Of its four orderings across tasks,
    // a clean schedule breaks each: use before free (check, use, unpublish, free), unpublish
    // before check (unpublish, check, free: then there is no use at all).
    expect(orderingsOf(ex, 'USE_AFTER_FREE', true)).toEqual([
      { before: 't2_unpublish', after: 't1_use' },
      { before: 't2_free', after: 't1_use' },
      { before: 't1_check', after: 't2_unpublish' },
      { before: 't1_check', after: 't2_free' },
    ]);
    // Unpublish before use follows from free before use, and check before free from check
    // before unpublish.
    expect(orderingsOf(ex, 'USE_AFTER_FREE')).toEqual([
      { before: 't2_free', after: 't1_use' },
      { before: 't1_check', after: 't2_unpublish' },
    ]);
    expect(expectSameAsBruteForce(sc, ex, everySchedule(sc))).toBe(1);
  });

  it('ksm-oom-deadlock: every variant and setting', () => {
    const lib = builtinLibrary();
    let compared = 0;
    for (const v of lib.doc('ksm-oom-deadlock')!.variants.list) {
      for (const oom of ['waits', 'skips']) {
        for (const exit of ['any', 'oom']) {
          const sc = lib.instance('ksm-oom-deadlock', { variant: v.id, oom, exit });
          compared += expectSameAsBruteForce(sc, exploreOk(sc), everySchedule(sc));
        }
      }
    }
    // DEADLOCK in a and d (oom: waits), WRONG_VICTIM (oom: skips), PTE_AFTER_ZAP in c and e.
    expect(compared).toBeGreaterThanOrEqual(8);
  }, 120_000);

  it('random scenario documents with up to 3,000 schedules', () => {
    let compared = 0;
    const check = (d: GeneratedDoc) => {
      const small = smallGenerated(d, 3000n);
      if (!small) return;
      const { sc, ex } = small;
      compared += expectSameAsBruteForce(sc, ex, everySchedule(sc));
    };
    // About one random document in twenty has both a bad and a clean schedule (most are
    // doomed or safe): some ten per run.
    checkProperty('shared orderings on random documents', fc.property(validDocArb(), check), 200);
    expect(compared).toBeGreaterThan(0);
  }, 120_000);
});

describe('the KSM exit race (variant a): what every splat shares', () => {
  const sc = builtinLibrary().instance('ksm-exit-race', {});
  const ex = exploreOk(sc);
  const splats = Array.from({ length: Number(ex.summary.schedulesWith.LOCKDEP_SPLAT) }, (_, k) =>
    ex.scheduleOf('LOCKDEP_SPLAT', BigInt(k)),
  );
  // Clean schedules spread over the whole task order (51 million of them: no walking all).
  const nClean = ex.summary.schedulesWith.CLEAN;
  const cleans = Array.from({ length: 2001 }, (_, i) =>
    ex.scheduleOf('CLEAN', ((nClean - 1n) * BigInt(i)) / 2000n),
  );
  const walked = (list: string[][], outcome: string): WalkedSchedule[] =>
    list.map((steps) => ({ steps, outcomes: [outcome] }));

  it('spec 5.2 and 6: task 2 runs exit_mmap() between task 1 dropping the spinlock and its mmap_read_lock()', () => {
    expect(splats).toHaveLength(130);
    for (const s of splats) {
      const r = replay(sc, s);
      expect(r.ok && r.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
    }
    // The tightest statements. Task 2 can take ksm_mmlist_lock only after task 1 has set the
    // cursor and dropped it: had it looked the slot up before, the slot would not be at the
    // cursor and the easy path would unlist it, so task 1 would never walk the VMAs. And task 2's
    // exit_mmap() write section (where __mt_destroy() clears LOCK_EXTERN) must end before task 1
    // takes mmap_lock for reading: once task 1 holds it, task 2's mmap_write_lock() waits until
    // after the walk.
    expect(orderingsOf(ex, 'LOCKDEP_SPLAT')).toEqual([
      { before: 't2_exit_write_unlock', after: 't1_mmap_read_lock' },
      { before: 't1_unlock_mmlist', after: 't2_lock_mmlist' },
    ]);
    // The spec's condition is among the unreduced ones: t2_mt_destroy after t1_unlock_mmlist
    // and before t1_vma_first. It follows from the two above through each task's own order.
    const all = orderingsOf(ex, 'LOCKDEP_SPLAT', true);
    expect(all).toContainEqual({ before: 't1_unlock_mmlist', after: 't2_mt_destroy' });
    expect(all).toContainEqual({ before: 't2_mt_destroy', after: 't1_vma_first' });
    // Every one holds in each of the 130 splats, and some clean schedule breaks each.
    for (const x of all) {
      expect(runsBeforeInEvery(walked(splats, 'LOCKDEP_SPLAT'), x.before, x.after)).toBe(true);
      expect(runsBeforeInEvery(walked(cleans, 'CLEAN'), x.before, x.after)).toBe(false);
    }
  });

  it('in words', () => {
    expect(describeOrderings(sc, orderingsOf(ex, 'LOCKDEP_SPLAT'))).toEqual([
      "task 1's mmap_read_lock(mm) runs after task 2's second mmap_write_unlock(mm)",
      "task 2's spin_lock(&ksm_mmlist_lock) runs after task 1's first spin_unlock(&ksm_mmlist_lock)",
    ]);
    // A step between two steps of another task is one sentence about it.
    expect(
      describeOrderings(sc, [
        { before: 't2_mt_destroy', after: 't1_vma_first' },
        { before: 't1_unlock_mmlist', after: 't2_mt_destroy' },
      ]),
    ).toEqual([
      "task 2's __mt_destroy(&mm->mm_mt) runs after task 1's first spin_unlock(&ksm_mmlist_lock) and before its for_each_vma() → mas_root()",
    ]);
  });

  it('with two exiting processes the splats share nothing: each mm can be the one that splats', () => {
    const two = exploreOk(builtinLibrary().instance('ksm-exit-race', { processes: 2 }));
    expect(two.sharedOrderings('LOCKDEP_SPLAT')).toEqual({ kind: 'orderings', orderings: [] });
    const shortest = two.summary.shortestWitness.LOCKDEP_SPLAT;
    expect(shortest).toContain('t2_mt_destroy.1');
  });

  it('says when there is nothing to compare, or too much', () => {
    expect(ex.sharedOrderings('USE_AFTER_FREE')).toEqual({
      kind: 'no-schedules',
      message: 'No complete schedule ends in USE_AFTER_FREE.',
    });
    expect(ex.sharedOrderings('LOCKDEP_SPLAT', { limit: 100 })).toEqual({
      kind: 'too-big',
      states: 286,
      limit: 100,
      message:
        'What the schedules ending in LOCKDEP_SPLAT share is worked out for up to 100 states; this exploration has 286.',
    });
    const oom = builtinLibrary().instance('ksm-oom-deadlock', {
      variant: 'a_mutex_in_ksm_exit',
      exit: 'oom',
    });
    expect(exploreOk(oom).sharedOrderings('DEADLOCK')).toEqual({
      kind: 'no-clean-schedules',
      message:
        'Every complete schedule ends in a bad outcome: no clean schedule sets DEADLOCK apart.',
    });
    expect(() => ex.sharedOrderings('NOPE')).toThrow(RangeError);
  });
});
