import { describe, expect, it } from 'vitest';
import type { TaskId } from '../../core/index.ts';
import {
  EMAIL_TASKS,
  requestOf,
  statesOf,
  stepIdsOf,
  VARIANTS,
  type SimOk,
  type VariantId,
} from '../../state/index.ts';
import { api } from '../../worker/api.ts';
import { placeNotes } from './email-notes.ts';
import { task1Code, task2Code } from './pseudocode.ts';
import { reportsFor } from './reports.ts';

function run(variant: VariantId, tasks: readonly TaskId[] = EMAIL_TASKS): SimOk {
  const r = api.simulate({
    ...requestOf(variant, { rmapNonempty: false, cursorAtSlot: false }),
    tasks,
    mode: 'repair',
  });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

const notesOf = (variant: VariantId, tasks?: readonly TaskId[]) => {
  const r = run(variant, tasks);
  return placeNotes(stepIdsOf(r), statesOf(r), VARIANTS[variant]).map((n) => `${n.k} ${n.step}`);
};

describe('the e-mail notes', () => {
  it('sit at the steps the thread talks about in the e-mail schedule', () => {
    expect(notesOf('a_vma_iter')).toEqual([
      '4 t2_mmput_dec',
      '7 t2_lookup_slot',
      '16 t2_mt_destroy',
      '19 t1_mmap_read_lock',
      '20 t1_vma_first',
    ]);
    expect(notesOf('b_early_check')).toEqual([
      '4 t2_mmput_dec',
      '7 t2_lookup_slot',
      '16 t2_mt_destroy',
      '20 t1_early_test_exit',
    ]);
  });

  it('stay away from steps that run in another situation', () => {
    // e's touch witness walks the tree before __mt_destroy(): no splat, so no lockdep note.
    const touch = [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1];
    expect(notesOf('e_ctl_no_exit_checks', touch).map((n) => n.split(' ')[1])).not.toContain(
      't1_vma_first',
    );
    // In the control that ignores the cursor, the thread's cursor note is replaced by ours.
    const f = run('f_ctl_exit_ignores_cursor');
    const notes = placeNotes(stepIdsOf(f), statesOf(f), VARIANTS.f_ctl_exit_ignores_cursor);
    expect(notes.find((n) => n.step === 't2_lookup_slot')?.title).toMatch(/control/);
  });
});

describe('the outcome reports', () => {
  it('render the splat with the lock task 1 holds and the step that cleared the flags', () => {
    const r = run('a_vma_iter');
    const [splat] = reportsFor(r, 20, ['LOCKDEP_SPLAT']);
    const text = splat.console.map((l) => l.text).join('\n');
    expect(text).toContain('WARNING: suspicious RCU usage');
    expect(text).toContain('lib/maple_tree.c:856 suspicious rcu_dereference_check() usage!');
    expect(text).toMatch(/#4: \(&mm->mmap_lock\).*\[read, since step 19\]/);
    expect(text).toContain('unmerge_and_remove_all_rmap_items [inline]   mm/ksm.c:991');
    expect(splat.step).toBe(20);
    expect(splat.explain).toContain('At step 16, __mt_destroy()');
  });

  it('render a KASAN-style report naming who freed the slot', () => {
    const r = run('f_ctl_exit_ignores_cursor');
    const [kasan] = reportsFor(r, r.trace.steps.length, ['USE_AFTER_FREE']);
    const text = kasan.console.map((l) => l.text).join('\n');
    expect(text).toContain('BUG: KASAN: slab-use-after-free in remove_trailing_rmap_items');
    expect(text).toMatch(/Freed by task task2\/2 at step \d+ \(t2_free_slot\)/);
  });

  it('say when task 2 returned from ksm_exit() in a touch report', () => {
    const r = run('e_ctl_no_exit_checks', [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1]);
    const [touch] = reportsFor(r, 13, ['TOUCH_AFTER_KSM_EXIT']);
    expect(touch.explain).toContain('returned from ksm_exit() after step 10');
  });

  it('state plainly that a clean run prints nothing', () => {
    const [clean] = reportsFor(run('b_early_check'), 30, ['CLEAN']);
    expect(clean.console).toEqual([]);
    expect(clean.explain).toMatch(/printed nothing/);
  });
});

describe('the pseudo-code', () => {
  it('names only steps the variant has, and every step of the variant', () => {
    for (const id of Object.keys(VARIANTS) as VariantId[]) {
      const r = run(id);
      const ids = new Set(r.steps.map((s) => s.id));
      const named = new Set(
        [...task1Code(VARIANTS[id]), ...task2Code(VARIANTS[id])].flatMap((l) =>
          l.step ? [l.step] : [],
        ),
      );
      expect(
        [...named].filter((s) => !ids.has(s)),
        id,
      ).toEqual([]);
      expect(
        [...ids].filter((s) => !named.has(s)),
        id,
      ).toEqual([]);
    }
  });
});
