import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTask, enabledTasks, type Scenario, type TaskId } from './engine.ts';
import { chooseNext, dropTargets, moveTurn } from './reorder.ts';
import { replay } from './replay.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import { completeSchedule, defaultSchedule } from './schedule.ts';
import { checkProperty } from './testing/check.ts';

const VARIANT_IDS = builtinLibrary()
  .doc('ksm-exit-race')!
  .variants.list.map((v) => v.id);

const ksm = (variant: string) => builtinLibrary().instance('ksm-exit-race', { variant });

const a = ksm('a_vma_iter');
/** The e-mail's interleaving: task 1 three turns, then task 2 to its end, then task 1. */
const email = defaultSchedule(a);

function randomComplete(variant: string, choices: number[]): TaskId[] {
  const scenario = ksm(variant);
  let s = scenario.initial;
  const out: TaskId[] = [];
  for (let i = 0; ; i++) {
    const en = enabledTasks(scenario, s);
    if (en.length === 0) return out;
    const t = en[(choices[i % choices.length] ?? 0) % en.length];
    out.push(t);
    s = applyTask(scenario, s, t);
  }
}

/** The order with the turn at `from` taken out and put back at index `to`. */
function moved(tasks: readonly TaskId[], from: number, to: number): TaskId[] {
  const next = [...tasks];
  next.splice(from, 1);
  next.splice(to, 0, tasks[from]);
  return next;
}

/**
 * The rule of reorder.ts restated from scratch: a move is refused when the turn passes one of
 * its own task's turns, or when the new order, strictly replayed up to and including the moved
 * turn, cannot run; otherwise it is legal. Returns the refusal kind and, for a blocked one, the
 * position in the new order of the first turn that cannot run.
 */
function expectedVerdict(
  scenario: Scenario,
  tasks: readonly TaskId[],
  from: number,
  to: number,
):
  | { legal: true }
  | { legal: false; kind: 'own-task' }
  | { legal: false; kind: 'blocked'; at: number } {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  for (let k = lo; k <= hi; k++) {
    if (k !== from && tasks[k] === tasks[from]) return { legal: false, kind: 'own-task' };
  }
  const r = replay(scenario, moved(tasks, from, to).slice(0, to + 1));
  if (r.ok) return { legal: true };
  return { legal: false, kind: 'blocked', at: r.problem.position };
}

describe('moving a step in the e-mail schedule', () => {
  it('is the schedule the spec draws', () => {
    expect(email).toEqual([1, 1, 1, ...Array<TaskId>(15).fill(2), ...Array<TaskId>(12).fill(1)]);
  });

  it('explains why mmap_read_lock() cannot run inside task 2’s write-locked section', () => {
    const targets = dropTargets(a, email, 18);
    for (const to of [14, 15, 16]) {
      expect(targets[to].legal).toBe(false);
      expect(targets[to].reason).toBe(
        'mmap_read_lock(mm) cannot run here: task 2 holds mmap_lock for writing from step 14 to step 17',
      );
    }
    expect(targets[9].reason).toBe(
      'mmap_read_lock(mm) cannot run here: task 2 holds mmap_lock for writing from step 9 to step 10',
    );
    expect(targets[0].reason).toContain("task 1's own steps keep their order");
    expect(targets.filter((t) => t.legal).map((t) => t.to)).toEqual([
      3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 18,
    ]);
  });

  it('refuses to let task 2 take ksm_mmlist_lock while task 1 still holds it', () => {
    // Moving task 1's spin_unlock (step 3) later: it may pass task 2's mmput_dec and
    // ksm_exit_test (new places 3 and 4), but from place 5 on task 2's spin_lock would have to
    // run before it; past step 19 it would pass task 1's own mmap_read_lock.
    const targets = dropTargets(a, email, 2);
    expect(targets.filter((t) => t.legal).map((t) => t.to)).toEqual([2, 3, 4]);
    for (const to of [0, 1, 18, 29]) {
      expect(targets[to].reason).toContain("task 1's own steps keep their order");
    }
    for (let to = 5; to <= 17; to++) {
      expect(targets[to].reason).toBe(
        "task 2's spin_lock(&ksm_mmlist_lock) would have to run before " +
          'spin_unlock(&ksm_mmlist_lock); mm = mm_slot->slot.mm, and cannot: ' +
          'task 1 holds ksm_mmlist_lock from step 1 to step 3',
      );
    }
  });

  it('lets task 2’s first and last steps move only away from its own turns', () => {
    // t2_mmput_dec (step 4) can go before any of task 1's first three steps, never later.
    expect(
      dropTargets(a, email, 3)
        .filter((t) => t.legal)
        .map((t) => t.to),
    ).toEqual([0, 1, 2, 3]);
    // t2_mmdrop (step 18) can go after any of task 1's last twelve steps, never earlier.
    expect(
      dropTargets(a, email, 17)
        .filter((t) => t.legal)
        .map((t) => t.to),
    ).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    const last = moveTurn(a, email, 17, 29);
    expect(last).toEqual({
      ok: true,
      tasks: [1, 1, 1, ...Array<TaskId>(14).fill(2), ...Array<TaskId>(12).fill(1), 2],
      skipped: [],
      appended: 0,
    });
  });

  it('closes the race window: mmap_read_lock before __mt_destroy turns the splat into a clean run', () => {
    // Move task 1's mmap_read_lock (step 19) to just after task 2's mmdrop_slot-free exit test.
    const r = moveTurn(a, email, 18, 10);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = replay(a, r.tasks);
    expect(t.ok && t.trace.complete).toBe(true);
    if (!t.ok) return;
    expect(t.trace.steps[10].stepId).toBe('t1_mmap_read_lock');
    expect(t.trace.outcomes).toEqual(['CLEAN']);
  });

  it('repairs the rest by the documented rule and reports skipped turns', () => {
    const r = chooseNext(a, email, 3, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Task 1 takes mmap_lock at step 4; task 2's mmap_write_lock turns cannot run until task 1
    // releases it, so they are skipped and task 2 is completed at the end.
    expect(r.tasks.slice(0, 9)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(r.skipped.map((x) => x.position)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(r.skipped[0].reason).toBe(
      'task 2 is waiting in mmap_write_lock(mm): mmap_lock is held by task 1 (for reading)',
    );
    expect(r.appended).toBe(11);
  });

  it('refuses a blocked or finished task for "run next"', () => {
    const blocked = chooseNext(a, email, 14, 1);
    expect(blocked).toMatchObject({ ok: false, kind: 'blocked' });
    if (!blocked.ok) expect(blocked.reason).toContain('from step 14 to step 17');
    const done = chooseNext(a, email, 18, 2);
    expect(done).toEqual({ ok: false, kind: 'blocked', reason: 'task 2 has finished' });
  });

  it('rejects out-of-range positions and an invalid schedule', () => {
    expect(moveTurn(a, email, 0, 99)).toMatchObject({ ok: false, kind: 'out-of-range' });
    expect(moveTurn(a, [1, 2, 2, 2], 0, 1)).toMatchObject({ ok: false, kind: 'invalid-schedule' });
  });
});

/**
 * Moves `from` to `to` and checks the answer against the rule restated in `expectedVerdict`:
 * the same refusal, or a legal edit that runs as written. Returns what the rule said.
 */
function checkMove(
  scenario: Scenario,
  tasks: readonly TaskId[],
  from: number,
  to: number,
): 'own-task' | 'blocked' | 'legal' {
  const before = replay(scenario, tasks);
  if (!before.ok) throw new Error(before.problem.message);
  const r = moveTurn(scenario, tasks, from, to);
  const want = expectedVerdict(scenario, tasks, from, to);
  if (!want.legal) {
    expect(r).toMatchObject({ ok: false, kind: want.kind });
    return want.kind;
  }
  if (!r.ok) throw new Error(`refused a legal move ${from} → ${to}: ${r.reason}`);
  const after = replay(scenario, r.tasks);
  if (!after.ok) throw new Error(after.problem.message);
  expect(after.trace.complete).toBe(true);
  expect(after.trace.steps[to].stepId).toBe(before.trace.steps[from].stepId);
  // Everything up to the moved turn is the new order exactly, as written.
  expect(r.tasks.slice(0, to + 1)).toEqual(moved(tasks, from, to).slice(0, to + 1));
  // Every task ran to its end (no variant of this race can deadlock).
  expect(after.trace.steps.at(-1)!.statuses).toEqual(scenario.tasks.map(() => ({ kind: 'done' })));
  // Idempotent repair: the result is already complete.
  expect(completeSchedule(scenario, r.tasks)).toMatchObject({
    tasks: r.tasks,
    skipped: [],
    appended: 0,
  });
  return 'legal';
}

describe('properties of edits', () => {
  it('every move of the e-mail schedule, under every variant, follows the rule', () => {
    const seen = { 'own-task': 0, blocked: 0, legal: 0 };
    for (const variant of VARIANT_IDS) {
      const scenario = ksm(variant);
      const tasks = defaultSchedule(scenario);
      for (let from = 0; from < tasks.length; from++) {
        for (let to = 0; to < tasks.length; to++) seen[checkMove(scenario, tasks, from, to)]++;
      }
    }
    // Every kind of answer was exercised.
    expect(seen['own-task']).toBeGreaterThan(1000);
    expect(seen.blocked).toBeGreaterThan(50);
    expect(seen.legal).toBeGreaterThan(300);
  }, 30_000);

  it('a move is refused exactly when the rule says so, and a legal one runs as written', () => {
    const seen = { 'own-task': 0, blocked: 0, legal: 0 };
    checkProperty(
      'legal moves',
      fc.property(
        fc.constantFrom(...VARIANT_IDS),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        // Anywhere (which mostly passes one of the task's own turns), or somewhere between the
        // task's previous and next turns.
        fc.oneof(
          fc.nat(),
          fc.nat().map((n) => ({ n })),
        ),
        (variant, choices, f, t) => {
          const tasks = randomComplete(variant, choices);
          const from = f % tasks.length;
          let to: number;
          if (typeof t === 'number') to = t % tasks.length;
          else {
            const prev = from === 0 ? -1 : tasks.lastIndexOf(tasks[from], from - 1);
            const next = tasks.indexOf(tasks[from], from + 1);
            const lo = prev + 1;
            const hi = next < 0 ? tasks.length - 1 : next - 1;
            to = lo + (t.n % (hi - lo + 1));
          }
          seen[checkMove(ksm(variant), tasks, from, to)]++;
        },
      ),
      300,
    );
    expect(seen['own-task']).toBeGreaterThan(20);
    expect(seen.legal).toBeGreaterThan(20);
  });

  it('drop targets follow the rule, restated independently, for every place', () => {
    checkProperty(
      'drop targets',
      fc.property(
        fc.constantFrom(...VARIANT_IDS),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (variant, choices, f) => {
          const scenario = ksm(variant);
          const tasks = randomComplete(variant, choices);
          const from = f % tasks.length;
          const before = replay(scenario, tasks);
          if (!before.ok) throw new Error(before.problem.message);
          const label = scenario.steps.get(before.trace.steps[from].stepId)!.label;
          const targets = dropTargets(scenario, tasks, from);
          expect(targets.map((d) => d.to)).toEqual(tasks.map((_, i) => i));
          targets.forEach((d) => {
            const want = expectedVerdict(scenario, tasks, from, d.to);
            expect(d.legal).toBe(want.legal);
            if (want.legal) {
              expect(d.reason).toBeUndefined();
              return;
            }
            if (want.kind === 'own-task') {
              expect(d.reason).toMatch(
                new RegExp(
                  `^${escape(label)} cannot move past .*: task \\S+'s own steps keep their order$`,
                ),
              );
            } else if (want.at === d.to) {
              // The moved turn itself cannot run at its new place.
              expect(d.reason!.startsWith(`${label} cannot run here: `)).toBe(true);
            } else {
              // A turn before it cannot run any more: named by its task and its next step.
              const order = moved(tasks, from, d.to);
              const stuck = replay(scenario, order.slice(0, want.at));
              if (!stuck.ok) throw new Error(stuck.problem.message);
              const task = order[want.at];
              const pc = scenario.pcOf(stuck.trace.raw.at(-1)!, task);
              const what = scenario.steps.get(pc)?.label ?? 'turn';
              expect(
                d.reason!.startsWith(
                  `task ${task}'s ${what} would have to run before ${label}, and cannot: `,
                ),
              ).toBe(true);
            }
          });
        },
      ),
      50,
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
