/**
 * Block labels for the swimlanes: the step's kernel call, short enough for one line of a lane.
 * The full label (from the core) is in the step detail, the tooltip and the accessible name.
 */
const SHORT: Readonly<Record<string, string>> = {
  t1_lock_mmlist: 'spin_lock(&ksm_mmlist_lock)',
  t1_set_cursor: 'ksm_scan.mm_slot = slot',
  t1_unlock_mmlist: 'spin_unlock(&ksm_mmlist_lock)',
  t1_mmap_read_lock: 'mmap_read_lock(mm)',
  t1_early_test_exit: 'if (ksm_test_exit(mm)) goto',
  t1_vma_first: 'for_each_vma() → mas_root()',
  t1_inloop_test_exit: 'if (ksm_test_exit(mm)) break',
  t1_unmerge_test_exit: 'unmerge_ksm_pages(): test_exit',
  t1_break_ksm: 'break_ksm(vma, addr)',
  t1_vma_next: 'for_each_vma(): next',
  t1_remove_trailing: 'remove_trailing_rmap_items()',
  t1_mmap_read_unlock: 'mmap_read_unlock(mm)',
  t1_relock_mmlist: 'spin_lock(&ksm_mmlist_lock)',
  t1_advance_cursor: 'ksm_scan.mm_slot = next',
  t1_final_test_exit: 'if (ksm_test_exit(mm))',
  t1_unlink_slot: 'hash_del(); list_del()',
  t1_unlock_mmlist_exit: 'spin_unlock(&ksm_mmlist_lock)',
  t1_free_slot: 'mm_slot_free()',
  t1_clear_mergeable: 'clear_bit(MMF_VM_MERGEABLE)',
  t1_mmdrop: 'mmdrop(mm)',
  t1_unlock_mmlist_live: 'spin_unlock(&ksm_mmlist_lock)',
  t2_mmput_dec: 'atomic_dec_and_test(mm_users)',
  t2_ksm_exit_test: 'ksm_exit(): MMF_VM_MERGEABLE?',
  t2_lock_mmlist: 'spin_lock(&ksm_mmlist_lock)',
  t2_lookup_slot: 'mm_slot_lookup(); at cursor?',
  t2_unlock_mmlist: 'spin_unlock(&ksm_mmlist_lock)',
  t2_free_slot: 'mm_slot_free()',
  t2_clear_mergeable: 'clear_bit(MMF_VM_MERGEABLE)',
  t2_mmdrop_slot: 'mmdrop(mm)',
  t2_mmap_write_lock: 'mmap_write_lock(mm)',
  t2_mmap_write_unlock: 'mmap_write_unlock(mm)',
  t2_exit_read_lock: 'exit_mmap(): mmap_read_lock',
  t2_unmap_vmas: 'unmap_vmas()',
  t2_exit_read_unlock: 'mmap_read_unlock(mm)',
  t2_exit_write_lock: 'mmap_write_lock(mm)',
  t2_free_pgtables_vmas: 'free_pgtables(); remove_vma()',
  t2_mt_destroy: '__mt_destroy(&mm->mm_mt)',
  t2_exit_write_unlock: 'mmap_write_unlock(mm)',
  t2_mmdrop: 'mmdrop(mm)',
};

export function shortLabel(stepId: string, label: string): string {
  return SHORT[stepId] ?? label;
}
