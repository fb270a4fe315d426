/**
 * Notes placed on a run: at the first instance of their step whose `when` holds in the state
 * before it, with family indices bound per instance step.
 */
import { describe, expect, it } from 'vitest';
import { replay, type Trace } from '../replay.ts';
import { completeSchedule } from '../schedule.ts';
import { defaultSchedule } from '../schedule.ts';
import { builtinLibrary } from '../scenario/builtin.ts';
import type { CompiledScenario } from '../scenario/instance.ts';
import { notesOf } from './notes.ts';

function run(sc: CompiledScenario, tasks: readonly number[]): Trace {
  const r = replay(sc, completeSchedule(sc, tasks).tasks);
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace;
}
const placed = (sc: CompiledScenario, trace: Trace) =>
  notesOf(sc, trace).map((n) => `${n.k} ${n.step} ${n.title}`);

describe('notesOf', () => {
  it('places the thread at the default schedule of the scaled race, on instance steps', () => {
    const sc = builtinLibrary().instance('ksm-exit-race', { processes: 2 });
    expect(placed(sc, run(sc, defaultSchedule(sc)))).toEqual([
      '4 t2_mmput_dec.1 mm_users is 0, but mm_count is not',
      '7 t2_lookup_slot.1 The cursor test in __ksm_exit()',
      '16 t2_mt_destroy.1 __mt_destroy() clears the flags',
      '35 t1_mmap_read_lock.1 “I’m confused”: mmap_read_lock() is taken',
      '36 t1_vma_first.1 lockdep checks the internal spinlock',
    ]);
  });

  it('reads a note condition with the family index of its instance step', () => {
    // Tasks: 1 = task 1, 2 = task 2.1, 3 = task 2.2, 4 = task 2.3. Task 2.1 exits first by the
    // easy path (cursor at the head); task 1 then points the cursor at slot 2, the first slot
    // left, and task 2.2 finds its slot under the cursor: the note sits at t2_lookup_slot.2.
    const sc = builtinLibrary().instance('ksm-exit-race', { processes: 3 });
    const trace = run(sc, [2, 2, 2, 2, 2, 1, 1, 1, 3, 3, 3, 3]);
    const notes = notesOf(sc, trace);
    expect(notes.find((n) => n.title === 'The cursor test in __ksm_exit()')).toMatchObject({
      k: 12,
      step: 't2_lookup_slot.2',
    });
    expect(notes[0]).toMatchObject({ k: 1, step: 't2_mmput_dec.1' });
  });

  it('leaves a note out where its situation does not arise', () => {
    // The fix never walks a destroyed tree: no lockdep note, but the fix's own note.
    const sc = builtinLibrary().instance('ksm-exit-race', { variant: 'b_early_check' });
    const titles = notesOf(sc, run(sc, defaultSchedule(sc))).map((n) => n.title);
    expect(titles).not.toContain('lockdep checks the internal spinlock');
    expect(titles).toContain('The fix: test before walking');
  });

  it('follows Hugh Dickins’s changelog through the 2009 deadlock', () => {
    const sc = builtinLibrary().instance('ksm-oom-deadlock', { variant: 'a_mutex_in_ksm_exit' });
    const notes = notesOf(sc, run(sc, defaultSchedule(sc)));
    expect(notes.map((n) => n.step)).toEqual([
      't1_mutex_lock',
      't1_alloc_wp',
      't1_oom_wp',
      't2_exit_mm',
      't2_ksm_exit_test',
    ]);
    expect(notes[0].messageId).toBe('Pine.LNX.4.64.0908031317190.16754@sister.anvils');
    // Under the literal v2.6.31 OOM killer the same story does not hang, and Hugh says why.
    const skips = builtinLibrary().instance('ksm-oom-deadlock', {
      variant: 'a_mutex_in_ksm_exit',
      oom: 'skips',
    });
    const titles = notesOf(skips, run(skips, defaultSchedule(skips))).map((n) => n.title);
    expect(titles).toContain('Not a deadlock, because p->mm is NULL now');
    expect(titles).not.toContain('…and hangs waiting for ksm_thread_mutex');
  });
});
