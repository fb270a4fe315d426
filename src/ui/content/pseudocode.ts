/**
 * The two tasks as pseudo-code in kernel vocabulary, per variant. Written for this page from the
 * spec's step tables (sections 3 and 4), not copied from the kernel: each line names the step it
 * stands for, and its link is that step's upstream source (or the function's, for structure lines).
 */
import type { Variant } from '../../state/index.ts';

export interface CodeLine {
  readonly text: string;
  readonly indent: number;
  /** The step this line stands for; several lines may share one step. */
  readonly step?: string;
  /** For lines with no step of their own: where the function or block starts upstream. */
  readonly href?: string;
}

const ELIXIR = 'https://elixir.bootlin.com/linux';
const RUN_STORE = `${ELIXIR}/v6.2.1/source/mm/ksm.c#L2954`;
const UNMERGE_ALL = `${ELIXIR}/v6.3-rc1/source/mm/ksm.c#L971`;
const UNMERGE_ALL_FIX = `${ELIXIR}/v6.3.8/source/mm/ksm.c#L996`;
const UNMERGE_ALL_V60 = `${ELIXIR}/v6.0/source/mm/ksm.c#L972`;
const MMPUT = `${ELIXIR}/v6.2.1/source/kernel/fork.c#L1224`;
const MMPUT_INNER = `${ELIXIR}/v6.2.1/source/kernel/fork.c#L1199`;
const KSM_EXIT = `${ELIXIR}/v6.2.1/source/mm/ksm.c#L2565`;
const EXIT_MMAP = `${ELIXIR}/v6.2.1/source/mm/mmap.c#L3063`;
const EXIT_MMAP_V60 = `${ELIXIR}/v6.0/source/mm/mmap.c#L3075`;

function line(indent: number, text: string, step?: string, href?: string): CodeLine {
  return { indent, text, step, href };
}

export function task1Code(v: Variant): CodeLine[] {
  const fn = v.maple ? (v.earlyCheck ? UNMERGE_ALL_FIX : UNMERGE_ALL) : UNMERGE_ALL_V60;
  const out: CodeLine[] = [
    line(0, 'run_store():  mutex_lock(&ksm_thread_mutex);', undefined, RUN_STORE),
    line(0, 'unmerge_and_remove_all_rmap_items():', undefined, fn),
    line(1, 'spin_lock(&ksm_mmlist_lock);', 't1_lock_mmlist'),
    line(1, 'ksm_scan.mm_slot = first slot on ksm_mm_head;', 't1_set_cursor'),
    line(1, 'spin_unlock(&ksm_mmlist_lock);', 't1_unlock_mmlist'),
    line(1, 'for (mm_slot = ksm_scan.mm_slot; mm_slot != &ksm_mm_head; ) {', 't1_unlock_mmlist'),
    line(2, 'mm = mm_slot->slot.mm;', 't1_unlock_mmlist'),
    line(2, 'mmap_read_lock(mm);', 't1_mmap_read_lock'),
  ];
  if (v.earlyCheck) {
    out.push(
      line(2, 'if (ksm_test_exit(mm))  goto mm_exiting;   /* the fix */', 't1_early_test_exit'),
    );
  }
  out.push(
    v.maple
      ? line(2, 'for_each_vma(vmi, vma) {   /* mas_find() → mas_root() */', 't1_vma_first')
      : line(2, 'for (vma = mm->mmap; vma; vma = vma->vm_next) {', 't1_vma_first'),
  );
  if (v.inloopCheck) out.push(line(3, 'if (ksm_test_exit(mm))  break;', 't1_inloop_test_exit'));
  if (v.unmergeCheck) {
    out.push(
      line(3, 'unmerge_ksm_pages(vma, start, end):', 't1_unmerge_test_exit'),
      line(4, 'if (ksm_test_exit(vma->vm_mm))  break;', 't1_unmerge_test_exit'),
      line(4, 'break_ksm(vma, addr);', 't1_break_ksm'),
    );
  } else {
    out.push(line(3, 'break_ksm(vma, addr);   /* no exit check at all */', 't1_break_ksm'));
  }
  out.push(
    line(
      2,
      v.maple ? '}   /* next: mas_find() → NULL */' : '}   /* vma->vm_next == NULL */',
      't1_vma_next',
    ),
  );
  if (v.earlyCheck) out.push(line(1, 'mm_exiting:', 't1_remove_trailing'));
  out.push(
    line(2, 'remove_trailing_rmap_items(&mm_slot->rmap_list);', 't1_remove_trailing'),
    line(2, 'mmap_read_unlock(mm);', 't1_mmap_read_unlock'),
    line(2, 'spin_lock(&ksm_mmlist_lock);', 't1_relock_mmlist'),
    line(2, 'ksm_scan.mm_slot = next slot;', 't1_advance_cursor'),
    line(2, 'if (ksm_test_exit(mm)) {', 't1_final_test_exit'),
    line(3, 'hash_del(&mm_slot->slot.hash);  list_del(&mm_slot->slot.mm_node);', 't1_unlink_slot'),
    line(3, 'spin_unlock(&ksm_mmlist_lock);', 't1_unlock_mmlist_exit'),
    line(3, 'mm_slot_free(mm_slot_cache, mm_slot);', 't1_free_slot'),
    line(3, 'clear_bit(MMF_VM_MERGEABLE, &mm->flags);', 't1_clear_mergeable'),
    line(3, 'mmdrop(mm);', 't1_mmdrop'),
    line(2, '} else', undefined, fn),
    line(3, 'spin_unlock(&ksm_mmlist_lock);', 't1_unlock_mmlist_live'),
    line(1, '}', undefined, fn),
  );
  return out;
}

export function task2Code(v: Variant): CodeLine[] {
  const out: CodeLine[] = [
    line(0, 'mmput(mm):', undefined, MMPUT),
    line(1, 'if (atomic_dec_and_test(&mm->mm_users))', 't2_mmput_dec'),
    line(1, '__mmput(mm):', undefined, MMPUT_INNER),
    line(2, 'ksm_exit(mm):  if (test_bit(MMF_VM_MERGEABLE, &mm->flags))', 't2_ksm_exit_test'),
    line(2, '__ksm_exit(mm):', undefined, KSM_EXIT),
    line(3, 'spin_lock(&ksm_mmlist_lock);', 't2_lock_mmlist'),
    line(3, 'mm_slot = mm_slot_lookup(mm_slots_hash, mm);', 't2_lookup_slot'),
    v.exitIgnoresCursor
      ? line(3, 'if (mm_slot) {   /* control: cursor not tested */', 't2_lookup_slot')
      : line(3, 'if (mm_slot && ksm_scan.mm_slot != mm_slot) {', 't2_lookup_slot'),
    line(
      4,
      'if (!mm_slot->rmap_list) { hash_del(); list_del(); easy_to_free = 1; }',
      't2_lookup_slot',
    ),
    line(
      4,
      'else list_move(&mm_slot->slot.mm_node, &ksm_scan.mm_slot->slot.mm_node);',
      't2_lookup_slot',
    ),
    line(3, '}', undefined, KSM_EXIT),
    line(3, 'spin_unlock(&ksm_mmlist_lock);', 't2_unlock_mmlist'),
    line(3, 'if (easy_to_free) {', 't2_unlock_mmlist'),
    line(4, 'mm_slot_free(mm_slot_cache, mm_slot);', 't2_free_slot'),
    line(4, 'clear_bit(MMF_VM_MERGEABLE, &mm->flags);', 't2_clear_mergeable'),
    line(4, 'mmdrop(mm);', 't2_mmdrop_slot'),
    line(3, '} else if (mm_slot) {', 't2_unlock_mmlist'),
    line(4, 'mmap_write_lock(mm);', 't2_mmap_write_lock'),
    line(4, 'mmap_write_unlock(mm);   /* return from ksm_exit() */', 't2_mmap_write_unlock'),
    line(3, '}', undefined, KSM_EXIT),
  ];
  if (v.maple) {
    out.push(
      line(2, 'exit_mmap(mm):', undefined, EXIT_MMAP),
      line(3, 'mmap_read_lock(mm);', 't2_exit_read_lock'),
      line(3, 'vma = mas_find(&mas, ULONG_MAX);  unmap_vmas(&tlb, …);', 't2_unmap_vmas'),
      line(3, 'mmap_read_unlock(mm);', 't2_exit_read_unlock'),
      line(3, 'mmap_write_lock(mm);', 't2_exit_write_lock'),
      line(3, 'free_pgtables(…);  do { remove_vma(vma); } while (…);', 't2_free_pgtables_vmas'),
      line(3, '__mt_destroy(&mm->mm_mt);   /* ma_root = NULL, ma_flags = 0 */', 't2_mt_destroy'),
      line(3, 'mmap_write_unlock(mm);', 't2_exit_write_unlock'),
    );
  } else {
    out.push(
      line(2, 'exit_mmap(mm):', undefined, EXIT_MMAP_V60),
      line(3, 'mmap_write_lock(mm);', 't2_exit_write_lock'),
      line(3, 'unmap_vmas(&tlb, vma, 0, -1);', 't2_unmap_vmas'),
      line(3, 'free_pgtables(…);  remove_vma(vma);  mm->mmap = NULL;', 't2_free_pgtables_vmas'),
      line(3, 'mmap_write_unlock(mm);', 't2_exit_write_unlock'),
    );
  }
  out.push(line(2, 'mmdrop(mm);', 't2_mmdrop'));
  return out;
}
