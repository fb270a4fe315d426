import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTask, enabledTasks, type TaskId } from './engine.ts';
import { ksmScenario } from './ksm/scenario.ts';
import { DEFAULT_TOGGLES } from './ksm/state.ts';
import { VARIANT_IDS } from './ksm/variants.ts';
import { chooseNext, dropTargets, moveTurn } from './reorder.ts';
import { replay } from './replay.ts';
import { completeSchedule, policySchedule } from './schedule.ts';
import { checkProperty } from './testing/check.ts';

const a = ksmScenario('a_vma_iter', DEFAULT_TOGGLES);
const email = policySchedule(a, 3);

function randomComplete(variant: (typeof VARIANT_IDS)[number], choices: number[]): TaskId[] {
  const scenario = ksmScenario(variant, DEFAULT_TOGGLES);
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

describe('moving a step in the e-mail schedule', () => {
  it('explains why mmap_read_lock() cannot run inside task 2’s write-locked section', () => {
    const targets = dropTargets(a, email, 18);
    for (const to of [14, 15, 16]) {
      expect(targets[to].legal).toBe(false);
      expect(targets[to].reason).toBe(
        'mmap_read_lock(mm) cannot run here: task 2 holds mmap_lock for writing from step 14 to step 17',
      );
    }
    expect(targets[9].reason).toContain('from step 9 to step 10');
    expect(targets[0].reason).toContain("task 1's own steps keep their order");
    expect(targets.filter((t) => t.legal).map((t) => t.to)).toEqual([
      3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 18,
    ]);
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

describe('properties of edits', () => {
  it('a legal move yields a complete schedule with the moved step at its new place', () => {
    checkProperty(
      'legal moves',
      fc.property(
        fc.constantFrom(...VARIANT_IDS),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (variant, choices, f, t) => {
          const scenario = ksmScenario(variant, DEFAULT_TOGGLES);
          const tasks = randomComplete(variant, choices);
          const from = f % tasks.length;
          const to = t % tasks.length;
          const before = replay(scenario, tasks);
          if (!before.ok) throw new Error(before.problem.message);
          const r = moveTurn(scenario, tasks, from, to);
          const lo = Math.min(from, to);
          const hi = Math.max(from, to);
          const passesOwn = tasks
            .slice(lo, hi + 1)
            .some((x, i) => lo + i !== from && x === tasks[from]);
          if (passesOwn) {
            expect(r).toMatchObject({ ok: false, kind: 'own-task' });
            return;
          }
          if (!r.ok) {
            expect(r.kind).toBe('blocked');
            return;
          }
          const after = replay(scenario, r.tasks);
          if (!after.ok) throw new Error(after.problem.message);
          expect(after.trace.complete).toBe(true);
          expect(after.trace.steps[to].stepId).toBe(before.trace.steps[from].stepId);
          expect(r.tasks.slice(0, lo)).toEqual(tasks.slice(0, lo));
          // Idempotent repair: the result is already complete.
          expect(completeSchedule(scenario, r.tasks)).toMatchObject({
            tasks: r.tasks,
            skipped: [],
            appended: 0,
          });
        },
      ),
      300,
    );
  });

  it('drop targets agree with moveTurn', () => {
    checkProperty(
      'drop targets',
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), fc.nat(), (choices, f) => {
        const tasks = randomComplete('b_early_check', choices);
        const from = f % tasks.length;
        const targets = dropTargets(ksmScenario('b_early_check', DEFAULT_TOGGLES), tasks, from);
        expect(targets).toHaveLength(tasks.length);
        targets.forEach((d) => {
          const r = moveTurn(ksmScenario('b_early_check', DEFAULT_TOGGLES), tasks, from, d.to);
          expect(d.legal).toBe(r.ok);
          if (!r.ok) expect(d.reason).toBe(r.reason);
        });
      }),
      50,
    );
  });
});
