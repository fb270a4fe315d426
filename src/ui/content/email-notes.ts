/**
 * What the March 2023 thread says at the steps it talks about, in our own words (spec 1.1, 6).
 * A note is shown when the cursor sits right after its step. Notes for steps a variant does not
 * have simply do not appear.
 */
import type { KsmState, Variant } from '../../state/index.ts';

export interface EmailNote {
  /** The step after which the note applies. */
  readonly step: string;
  /** The variants whose code the note describes (default: all that have the step). */
  readonly applies?: (v: Variant) => boolean;
  /**
   * Whether the schedule is in the situation the thread describes, judged from the states
   * before and after the step (default: always). Another interleaving can run the same step in
   * a different situation, and then the note would mislead.
   */
  readonly when?: (before: KsmState, after: KsmState) => boolean;
  readonly title: string;
  readonly text: string;
  /** Who said it, for the reader who wants to find it in the thread. */
  readonly who: string;
}

export const THREAD_URL =
  'https://lore.kernel.org/linux-mm/20230308161927.lb4npblk2q4vkxmg@revolver/';

export const EMAIL_NOTES: readonly EmailNote[] = [
  {
    step: 't2_mmput_dec',
    title: 'mm_users is 0, but mm_count is not',
    who: 'Liam R. Howlett, 8 Mar',
    text: 'The process has dropped its last user reference, so the mm is exiting. But the KSM slot still holds an mm_count reference (taken by mmgrab() in __ksm_enter()), so the mm_struct itself stays allocated. That is why nothing in this race is a use after free.',
  },
  {
    step: 't2_lookup_slot',
    applies: (v) => !v.exitIgnoresCursor,
    when: (before) => before.slotListed && before.cursor === 'slot',
    title: 'The cursor test in __ksm_exit()',
    who: 'Liam R. Howlett, 8 Mar',
    text: 'Task 1 has already pointed ksm_scan.mm_slot at this slot, so __ksm_exit() may not free it. Instead it takes and drops mmap_lock for writing, to wait out any reader, and returns, leaving the slot for task 1 to clean up. This handshake is Hugh Dickins’s 2009 fix (9ba692948008).',
  },
  {
    step: 't2_mt_destroy',
    title: '__mt_destroy() clears the flags',
    who: 'Liam R. Howlett, 8 Mar',
    text: 'Liam’s correction to his first explanation: the mmap lock is not missing. __mt_destroy() frees all maple-tree nodes and sets ma_flags = 0, and with it goes LOCK_EXTERN, the flag that told lockdep “this tree is protected by mm->mmap_lock”.',
  },
  {
    step: 't1_mmap_read_lock',
    applies: (v) => v.maple && !v.earlyCheck,
    when: (_, after) => after.mtFlags === 0,
    title: '“I’m confused”: mmap_read_lock() is taken',
    who: 'David Hildenbrand, 8 Mar',
    text: 'David’s question: task 1 does take mmap_read_lock() before it walks the VMAs, so how can lockdep complain? The next step answers it. The lock is held; lockdep is asking about a different one.',
  },
  {
    step: 't1_vma_first',
    applies: (v) => v.maple && !v.earlyCheck,
    when: (before, after) => !before.fSplat && after.fSplat,
    title: 'lockdep checks the internal spinlock',
    who: 'Liam R. Howlett and David Hildenbrand, 8 Mar',
    text: 'for_each_vma() reads the tree root under rcu_dereference_check(..., mt_locked(mt)). With ma_flags = 0 the tree no longer says LOCK_EXTERN, so lockdep checks the never-taken ma_lock instead of mmap_lock and prints the splat. The tree is empty, so the walk ends at once: as David put it, the fix is “really only fixing a lockdep issue”.',
  },
  {
    step: 't2_lookup_slot',
    applies: (v) => v.exitIgnoresCursor,
    when: (before) => before.slotListed && before.cursor === 'slot',
    title: 'What the cursor test protects (control)',
    who: 'not in the thread: this variant removes the 2009 handshake',
    text: 'This control variant drops the “mm_slot != ksm_scan.mm_slot” test: with an empty rmap_list, __ksm_exit() unlinks the slot and will free it, although task 1 has already pointed ksm_scan.mm_slot at it and will use it again. The thread relies on this test being there.',
  },
  {
    step: 't1_early_test_exit',
    when: (_, after) => after.mmUsers === 0,
    title: 'The fix: test before walking',
    who: 'Liam R. Howlett, v2, 8 Mar',
    text: 'The patch moves the ksm_test_exit(mm) check to right after mmap_read_lock(). mm_users is already 0, so task 1 jumps to mm_exiting and never touches the destroyed tree. The old in-loop check is dropped: exit_mmap() now takes the mmap lock, which it did not when the check was added in 2009.',
  },
];

/**
 * The notes that apply to variant `v` and to this schedule, placed at their steps' numbers
 * (1-based). `states[k]` is the state after step k; `stepIds[k - 1]` is step k's id.
 */
export function placeNotes(
  stepIds: readonly string[],
  states: readonly KsmState[],
  v: Variant,
): (EmailNote & { readonly k: number })[] {
  return EMAIL_NOTES.flatMap((note) => {
    if (note.applies && !note.applies(v)) return [];
    const i = stepIds.indexOf(note.step);
    if (i < 0) return [];
    const k = i + 1;
    return !note.when || note.when(states[k - 1], states[k]) ? [{ ...note, k }] : [];
  }).sort((a, b) => a.k - b.k);
}
