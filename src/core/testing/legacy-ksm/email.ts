/**
 * The e-mail's interleaving (spec section 6): Liam Howlett's diagram of 8 March 2023 run to
 * completion. Task 1 takes its first three steps, task 2 runs to its end, then task 1 does.
 */
export const EMAIL_SCHEDULE: readonly string[] = [
  't1_lock_mmlist',
  't1_set_cursor',
  't1_unlock_mmlist',
  't2_mmput_dec',
  't2_ksm_exit_test',
  't2_lock_mmlist',
  't2_lookup_slot',
  't2_unlock_mmlist',
  't2_mmap_write_lock',
  't2_mmap_write_unlock',
  't2_exit_read_lock',
  't2_unmap_vmas',
  't2_exit_read_unlock',
  't2_exit_write_lock',
  't2_free_pgtables_vmas',
  't2_mt_destroy',
  't2_exit_write_unlock',
  't2_mmdrop',
  't1_mmap_read_lock',
  't1_vma_first',
  't1_remove_trailing',
  't1_mmap_read_unlock',
  't1_relock_mmlist',
  't1_advance_cursor',
  't1_final_test_exit',
  't1_unlink_slot',
  't1_unlock_mmlist_exit',
  't1_free_slot',
  't1_clear_mergeable',
  't1_mmdrop',
];

/**
 * The e-mail's policy as a sequence of task choices: task 1 for three turns, then task 2 to its
 * end, then task 1 to its end. Applied to any variant it gives that variant's version of the
 * diagram (spec section 6, last list).
 */
export const EMAIL_POLICY = { firstTask1Turns: 3 } as const;
