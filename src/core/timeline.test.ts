import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario, TaskId } from './engine.ts';
import { chooseNext } from './reorder.ts';
import { replay, type Trace } from './replay.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import { defaultSchedule } from './schedule.ts';
import { checkProperty } from './testing/check.ts';
import { builtinInstances, choiceWalk } from './testing/instances.ts';
import { timelineFacts } from './timeline.ts';

function traceOf(scenario: Scenario, tasks: readonly TaskId[]): Trace {
  const r = replay(scenario, tasks);
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace;
}

function defaultTrace(id: string, variant: string) {
  const scenario = builtinLibrary().instance(id, { variant });
  return { scenario, trace: traceOf(scenario, defaultSchedule(scenario)) };
}

describe('timeline facts of the default schedules', () => {
  it('ksm-exit-race, the e-mail under variant a', () => {
    const { scenario, trace } = defaultTrace('ksm-exit-race', 'a_vma_iter');
    expect(trace.steps.map((s) => s.task).join('')).toBe(`111${'2'.repeat(15)}${'1'.repeat(12)}`);
    expect(timelineFacts(scenario, trace)).toEqual({
      // From the acquiring step to the releasing one, read off the step ids: task 1's
      // spin_lock/unlock at 1 and 3, task 2's at 6 and 8; task 2's mmap_write_lock at 9, its
      // exit_mmap read section 11–13 and write section 14–17; then task 1's read section from
      // step 19 and its relock of ksm_mmlist_lock from 23.
      holds: [
        { task: 1, lock: 'ksm_mmlist_lock', mode: 'spin', from: 1, to: 3 },
        { task: 2, lock: 'ksm_mmlist_lock', mode: 'spin', from: 6, to: 8 },
        { task: 2, lock: 'mmap_lock', mode: 'write', from: 9, to: 10 },
        { task: 2, lock: 'mmap_lock', mode: 'read', from: 11, to: 13 },
        { task: 2, lock: 'mmap_lock', mode: 'write', from: 14, to: 17 },
        { task: 1, lock: 'mmap_lock', mode: 'read', from: 19, to: 22 },
        { task: 1, lock: 'ksm_mmlist_lock', mode: 'spin', from: 23, to: 27 },
      ],
      // Task 1 waits at mmap_read_lock from step 3 on; it is blocked only while task 2 holds
      // mmap_lock for writing (after steps 9 and 14–16).
      blocked: [
        { task: 1, lock: 'mmap_lock', from: 9, to: 9, heldBy: [2] },
        { task: 1, lock: 'mmap_lock', from: 14, to: 16, heldBy: [2] },
      ],
      // Task 2's mmap_write_unlock at 17 ends the second wait and, with only task 2's mmdrop in
      // between, task 1 takes the lock at 19. The first wait is no hand-off: task 2 took the lock
      // back at 11.
      handOffs: [{ lock: 'mmap_lock', release: 17, acquire: 19, fromTask: 2, toTask: 1 }],
      // The splat is printed by t1_vma_first, step 20 (spec 6).
      flags: [{ outcome: 'LOCKDEP_SPLAT', step: 20, task: 1 }],
    });
  });

  it('ksm-exit-race, task 1 run next at step 4: one hand-off, across task 1’s other steps', () => {
    const scenario = builtinLibrary().instance('ksm-exit-race', { variant: 'a_vma_iter' });
    const edit = chooseNext(scenario, defaultSchedule(scenario), 3, 1);
    if (!edit.ok) throw new Error(edit.reason);
    const trace = traceOf(scenario, edit.tasks);
    expect(edit.tasks.join('')).toBe(`1111${'2'.repeat(5)}${'1'.repeat(12)}${'2'.repeat(10)}`);
    expect(timelineFacts(scenario, trace)).toEqual({
      holds: [
        { task: 1, lock: 'ksm_mmlist_lock', mode: 'spin', from: 1, to: 3 },
        { task: 1, lock: 'mmap_lock', mode: 'read', from: 4, to: 13 },
        { task: 2, lock: 'ksm_mmlist_lock', mode: 'spin', from: 7, to: 9 },
        { task: 1, lock: 'ksm_mmlist_lock', mode: 'spin', from: 14, to: 18 },
        { task: 2, lock: 'mmap_lock', mode: 'write', from: 22, to: 23 },
        { task: 2, lock: 'mmap_lock', mode: 'read', from: 24, to: 26 },
        { task: 2, lock: 'mmap_lock', mode: 'write', from: 27, to: 30 },
      ],
      // Task 2 reaches mmap_write_lock after step 9 and waits while task 1 reads (to step 12).
      blocked: [{ task: 2, lock: 'mmap_lock', from: 9, to: 12, heldBy: [1] }],
      // Task 1's mmap_read_unlock at 13 lets task 2's mmap_write_lock through at 22, though task 1
      // runs on in between. Task 2's later acquisitions (24, 27) follow its own steps: no arrow.
      handOffs: [{ lock: 'mmap_lock', release: 13, acquire: 22, fromTask: 1, toTask: 2 }],
      flags: [],
    });
  });

  it('ksm-oom-deadlock, variant a_mutex_in_ksm_exit: held to the end, both tasks stuck', () => {
    const { scenario, trace } = defaultTrace('ksm-oom-deadlock', 'a_mutex_in_ksm_exit');
    expect(trace.steps.map((s) => s.stepId)).toEqual([
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
    expect(timelineFacts(scenario, trace)).toEqual({
      // Task 1 takes ksm_thread_mutex at 1 and mmap_sem at 3 and never lets go.
      holds: [
        { task: 1, lock: 'ksm_thread_mutex', mode: 'spin', from: 1, to: null },
        { task: 1, lock: 'mmap_sem', mode: 'read', from: 3, to: null },
      ],
      // Task 1 waits for the OOM victim to exit from step 7 (a condition, no lock); task 2 waits
      // for the mutex task 1 holds once it has passed its exit test at 10.
      blocked: [
        { task: 1, lock: null, from: 7, to: 10, heldBy: [] },
        { task: 2, lock: 'ksm_thread_mutex', from: 10, to: 10, heldBy: [1] },
      ],
      handOffs: [],
      // DEADLOCK is an outcome of the final state, not a flag set by a step.
      flags: [],
    });
  });
});

/** Every instance the property draws from. */
const INSTANCES = builtinInstances();

/** A schedule that picks among the enabled tasks by `choices`, run until no task can move. */
function randomTrace(scenario: Scenario, choices: readonly number[]): Trace {
  const walk = choiceWalk(scenario, choices, Infinity);
  if (walk.refused) scenario.apply(walk.refused.s, walk.refused.task); // throws the model error
  return traceOf(
    scenario,
    walk.steps.map((st) => st.task),
  );
}

describe('timeline facts of any schedule', () => {
  it('a hold span is exactly the steps over which the lock views show the task holding it', () => {
    checkProperty(
      'hold spans = lock views',
      fc.property(
        fc.nat({ max: INSTANCES.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 80, size: 'max' }),
        (i, choices) => {
          const scenario = INSTANCES[i];
          const trace = randomTrace(scenario, choices);
          const n = trace.steps.length;
          const views = [trace.initialLocks, ...trace.steps.map((s) => s.locks)];
          const modeAt = (k: number, task: TaskId, lock: string) =>
            views[k].find((l) => l.lock === lock)?.holders.find((h) => h.task === task)?.mode;
          const { holds } = timelineFacts(scenario, trace);
          const covered = new Set<string>();
          for (const h of holds) {
            const end = h.to ?? n + 1;
            expect(h.from).toBeLessThan(end);
            // Held in that mode over [from, to), and not just before nor at `to`.
            for (let k = h.from; k < end; k++) {
              expect({ h, k, mode: modeAt(k, h.task, h.lock) }).toEqual({ h, k, mode: h.mode });
              covered.add(`${k} ${h.task} ${h.lock}`);
            }
            if (h.from > 0) expect(modeAt(h.from - 1, h.task, h.lock)).toBeUndefined();
            if (h.to !== null) expect(modeAt(h.to, h.task, h.lock)).toBeUndefined();
          }
          // And every holding the lock views show is inside exactly one span.
          let held = 0;
          views.forEach((v, k) =>
            v.forEach((l) =>
              l.holders.forEach((x) => {
                held++;
                expect(covered.has(`${k} ${x.task} ${l.lock}`)).toBe(true);
              }),
            ),
          );
          expect(covered.size).toBe(held);
        },
      ),
      300,
    );
  });

  it('a blocked span is exactly the states in which the task waits on that lock', () => {
    checkProperty(
      'blocked spans = statuses',
      fc.property(
        fc.nat({ max: INSTANCES.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 80, size: 'max' }),
        (i, choices) => {
          const scenario = INSTANCES[i];
          const trace = randomTrace(scenario, choices);
          const statuses = [trace.initialStatuses, ...trace.steps.map((s) => s.statuses)];
          const want: string[] = [];
          statuses.forEach((st, k) =>
            st.forEach((x, ti) => {
              if (x.kind === 'blocked') want.push(`${k} ${scenario.tasks[ti].id} ${x.lock}`);
            }),
          );
          const got = timelineFacts(scenario, trace).blocked.flatMap((b) =>
            Array.from(
              { length: b.to - b.from + 1 },
              (_, j) => `${b.from + j} ${b.task} ${b.lock}`,
            ),
          );
          expect(got.sort()).toEqual(want.sort());
        },
      ),
      300,
    );
  });
});
