/** The six variants of spec section 4: which checks task 1 makes and how task 2 tears down. */

export const VARIANT_IDS = [
  'a_vma_iter',
  'b_early_check',
  'c_linked_list',
  'd_early_plus_inloop',
  'e_ctl_no_exit_checks',
  'f_ctl_exit_ignores_cursor',
] as const;

export type VariantId = (typeof VARIANT_IDS)[number];

export interface Variant {
  readonly id: VariantId;
  /** Short name for menus. */
  readonly title: string;
  /** Which kernel it is, or that it is a control. */
  readonly kernel: string;
  /** One line for people. */
  readonly description: string;
  /** The VMA walk goes through the maple tree (false: v6.0's `mm->mmap` list). */
  readonly maple: boolean;
  /** `ksm_test_exit()` right after `mmap_read_lock()` (the fix, 6db504ce55bd). */
  readonly earlyCheck: boolean;
  /** `ksm_test_exit()` inside the `for_each_vma()` body (992–993). */
  readonly inloopCheck: boolean;
  /** `unmerge_ksm_pages()`'s per-address `ksm_test_exit()` (851). */
  readonly unmergeCheck: boolean;
  /** Control: `__ksm_exit()` takes the easy path even when the slot is at the cursor. */
  readonly exitIgnoresCursor: boolean;
}

export const VARIANTS: Readonly<Record<VariantId, Variant>> = {
  a_vma_iter: {
    id: 'a_vma_iter',
    title: 'a — v6.3-rc1, VMA iterator (the bug)',
    kernel: 'v6.3-rc1 (since a5f18ba07276, v6.1)',
    description:
      'Walks the maple tree with for_each_vma(); the only exit check is inside the loop body.',
    maple: true,
    earlyCheck: false,
    inloopCheck: true,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  b_early_check: {
    id: 'b_early_check',
    title: 'b — the fix (6db504ce55bd)',
    kernel: 'v6.3-rc4, 6db504ce55bd',
    description: 'Checks ksm_test_exit(mm) right after mmap_read_lock(), before for_each_vma().',
    maple: true,
    earlyCheck: true,
    inloopCheck: false,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  c_linked_list: {
    id: 'c_linked_list',
    title: 'c — v6.0, VMA linked list',
    kernel: 'v6.0 (before the maple tree)',
    description:
      'Walks mm->mmap with no lockdep check; exit_mmap() holds the write lock throughout.',
    maple: false,
    earlyCheck: false,
    inloopCheck: true,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  d_early_plus_inloop: {
    id: 'd_early_plus_inloop',
    title: 'd — fix plus the old in-loop check',
    kernel: 'not merged (David Hildenbrand’s question)',
    description: 'The early check of the fix, with the in-loop check kept as well.',
    maple: true,
    earlyCheck: true,
    inloopCheck: true,
    unmergeCheck: true,
    exitIgnoresCursor: false,
  },
  e_ctl_no_exit_checks: {
    id: 'e_ctl_no_exit_checks',
    title: 'e — control: no exit checks',
    kernel: 'control, not kernel code',
    description: 'No early, in-loop or unmerge ksm_test_exit(): shows what the checks protect.',
    maple: true,
    earlyCheck: false,
    inloopCheck: false,
    unmergeCheck: false,
    exitIgnoresCursor: false,
  },
  f_ctl_exit_ignores_cursor: {
    id: 'f_ctl_exit_ignores_cursor',
    title: 'f — control: exit ignores the scan cursor',
    kernel: 'control, not kernel code',
    description: 'Task 1 as in the fix, but __ksm_exit() frees the slot even at ksm_scan’s cursor.',
    maple: true,
    earlyCheck: true,
    inloopCheck: false,
    unmergeCheck: true,
    exitIgnoresCursor: true,
  },
};

export function isVariantId(x: unknown): x is VariantId {
  return typeof x === 'string' && (VARIANT_IDS as readonly string[]).includes(x);
}
