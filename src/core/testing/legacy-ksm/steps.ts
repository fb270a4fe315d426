/**
 * The canonical steps of spec section 3, per variant (section 4). Each step is one atomic action
 * with the spec's guard, effect and branch, written against a private draft of the state.
 */
import { DONE, type LockHold, type SourceRef, type StepContext, type StepDef } from './engine.ts';
import { MT_FLAGS_LOCK_EXTERN, type Draft, type KsmState } from './state.ts';
import type { Variant } from './variants.ts';

export const MMAP_LOCK = 'mmap_lock';
export const MMLIST_LOCK = 'ksm_mmlist_lock';

const SPIN: LockHold = { lock: MMLIST_LOCK, mode: 'spin' };
const READ: LockHold = { lock: MMAP_LOCK, mode: 'read' };
const WRITE: LockHold = { lock: MMAP_LOCK, mode: 'write' };

function ref(version: string, file: string, lines: string): SourceRef {
  const first = lines.split(/[–-]/)[0];
  return {
    file,
    lines,
    version,
    url: `https://elixir.bootlin.com/linux/${version}/source/${file}#L${first}`,
  };
}
const ksm = (lines: string) => ref('v6.3-rc1', 'mm/ksm.c', lines);
const ksm2 = (lines: string) => ref('v6.2.1', 'mm/ksm.c', lines);
const fork = (lines: string) => ref('v6.2.1', 'kernel/fork.c', lines);
const mmap = (lines: string) => ref('v6.2.1', 'mm/mmap.c', lines);
const mmap60 = (lines: string) => ref('v6.0', 'mm/mmap.c', lines);

// --- shared definitions under spec 3.2 -------------------------------------------------------

/** `deref(mm)`: reading or writing a freed mm is a use after free. */
function derefMm(d: Draft): void {
  if (d.mmFreed) d.fUaf = true;
}
function derefSlot(d: Draft): void {
  if (d.slotFreed) d.fUaf = true;
}
function derefVma(d: Draft): void {
  if (d.vmaFreed) d.fUaf = true;
}

/**
 * `mt(T)`: a maple-tree read through `rcu_dereference_check(p, mt_locked(mt))`. Lockdep accepts
 * it only if the tree says LOCK_EXTERN and T holds `mmap_lock` in any mode; `ma_lock` is never
 * held and no task is in an RCU read-side section, so anything else prints the splat.
 */
function mapleRead(d: Draft, holds: readonly LockHold[]): void {
  const external = (d.mtFlags & MT_FLAGS_LOCK_EXTERN) === MT_FLAGS_LOCK_EXTERN;
  const holdsMmapLock = holds.some((h) => h.lock === MMAP_LOCK);
  if (!(external && holdsMmapLock)) d.fSplat = true;
  derefMm(d); // mm_mt is embedded in the mm
  if (d.vmasPopulated && d.nodesFreed) d.fUaf = true;
}

/** `mmdrop(mm)`: an atomic on a freed mm is a use after free and changes nothing else. */
function mmdrop(d: Draft): void {
  if (d.mmFreed) {
    d.fUaf = true;
    return;
  }
  d.mmCount -= 1;
  if (d.mmCount === 0) d.mmFreed = true; // __mmdrop()
}

/** `mm_slot_free()`: a second free is a double free. */
function freeSlot(d: Draft): void {
  if (d.slotFreed) d.fUaf = true;
  d.slotFreed = true;
}

/** Task 2 has returned from `ksm_exit()` once it is at `exit_mmap` start or later (spec 3.2). */
const AFTER_KSM_EXIT = new Set([
  't2_exit_read_lock',
  't2_unmap_vmas',
  't2_exit_read_unlock',
  't2_exit_write_lock',
  't2_free_pgtables_vmas',
  't2_mt_destroy',
  't2_exit_write_unlock',
  't2_mmdrop',
  DONE,
]);

/** Whether task 2 has returned from `ksm_exit()` in `s`. */
export function hasReturnedFromKsmExit(s: KsmState): boolean {
  return AFTER_KSM_EXIT.has(s.pc2);
}

// --- building the programs -------------------------------------------------------------------

type Effect = (d: Draft, ctx: StepContext<KsmState>) => void;

interface Spec {
  id: string;
  label: string;
  explain: string;
  source: SourceRef;
  holds?: readonly LockHold[];
  acquires?: LockHold;
  guard?: (s: KsmState) => boolean;
  effect?: Effect;
  next: string | ((s: KsmState) => string);
}

function step(task: 1 | 2, spec: Spec): StepDef<KsmState> {
  const effect = spec.effect ?? (() => {});
  const next = spec.next;
  return {
    id: spec.id,
    task,
    label: spec.label,
    explain: spec.explain,
    source: spec.source,
    holds: spec.holds ?? [],
    acquires: spec.acquires,
    guard: spec.guard,
    effect: (s, ctx) => effect(s as Draft, ctx),
    next: typeof next === 'string' ? () => next : next,
  };
}

const mmlistFree = (s: KsmState) => s.mmlistOwner === 'none';
const noWriter = (s: KsmState) => !s.mmapWriter;
const lockFree = (s: KsmState) => s.mmapReaders === 0 && !s.mmapWriter;

/** Task 1's program: `run_store()` → `unmerge_and_remove_all_rmap_items()`. */
function task1Steps(v: Variant): StepDef<KsmState>[] {
  const afterVmaFound = v.inloopCheck
    ? 't1_inloop_test_exit'
    : v.unmergeCheck
      ? 't1_unmerge_test_exit'
      : 't1_break_ksm';
  const afterInloopLive = v.unmergeCheck ? 't1_unmerge_test_exit' : 't1_break_ksm';
  const steps: StepDef<KsmState>[] = [
    step(1, {
      id: 't1_lock_mmlist',
      label: 'spin_lock(&ksm_mmlist_lock)',
      explain:
        'Task 1 takes the spinlock that guards the list of KSM mm slots and the scan cursor.',
      source: ksm('979'),
      acquires: SPIN,
      guard: mmlistFree,
      effect: (d) => {
        d.mmlistOwner = 't1';
      },
      next: 't1_set_cursor',
    }),
    step(1, {
      id: 't1_set_cursor',
      label: 'ksm_scan.mm_slot = first slot on ksm_mm_head',
      explain: 'Task 1 points the KSM scan cursor at the first registered mm, our exiting process.',
      source: ksm('980–982'),
      holds: [SPIN],
      effect: (d) => {
        d.cursor = d.slotListed ? 'slot' : 'head';
      },
      next: 't1_unlock_mmlist',
    }),
    step(1, {
      id: 't1_unlock_mmlist',
      label: 'spin_unlock(&ksm_mmlist_lock); mm = mm_slot->slot.mm',
      explain:
        'Task 1 drops the spinlock and, if the cursor found a slot, reads the mm from it; with no slot the loop ends.',
      source: ksm('983–989'),
      holds: [SPIN],
      effect: (d) => {
        d.mmlistOwner = 'none';
        if (d.cursor === 'slot') derefSlot(d);
      },
      next: (s) => (s.cursor === 'head' ? DONE : 't1_mmap_read_lock'),
    }),
    step(1, {
      id: 't1_mmap_read_lock',
      label: 'mmap_read_lock(mm)',
      explain: 'Task 1 takes mmap_lock for reading, the lock that protects the VMA tree.',
      source: ksm('990'),
      acquires: READ,
      guard: noWriter,
      effect: (d) => {
        d.mmapReaders += 1;
        derefMm(d);
      },
      next: v.earlyCheck ? 't1_early_test_exit' : 't1_vma_first',
    }),
  ];
  if (v.earlyCheck) {
    steps.push(
      step(1, {
        id: 't1_early_test_exit',
        label: 'if (ksm_test_exit(mm)) goto mm_exiting',
        explain:
          'The fix: before walking any VMA, task 1 checks mm_users; a dying mm skips the walk entirely.',
        source: ref('v6.3.8', 'mm/ksm.c', '996–997'),
        holds: [READ],
        effect: derefMm,
        next: (s) => (s.mmUsers === 0 ? 't1_remove_trailing' : 't1_vma_first'),
      }),
    );
  }
  steps.push(
    v.maple
      ? step(1, {
          id: 't1_vma_first',
          label: 'for_each_vma(vmi, vma) → mas_find() → mas_root()',
          explain:
            'The first VMA lookup reads the maple tree root; lockdep checks that the lock the tree names is held.',
          source: ksm('991'),
          holds: [READ],
          effect: (d, ctx) => {
            mapleRead(d, ctx.holds);
            if (d.vmasPopulated) derefVma(d);
          },
          next: (s) => (s.vmasPopulated ? afterVmaFound : 't1_remove_trailing'),
        })
      : step(1, {
          id: 't1_vma_first',
          label: 'for (vma = mm->mmap; vma; vma = vma->vm_next)',
          explain:
            'v6.0 reads the first VMA from the mm’s linked list: a plain load with no lockdep check.',
          source: ref('v6.0', 'mm/ksm.c', '988'),
          holds: [READ],
          effect: (d) => {
            derefMm(d);
            if (d.vmasPopulated) derefVma(d);
          },
          next: (s) => (s.vmasPopulated ? afterVmaFound : 't1_remove_trailing'),
        }),
  );
  if (v.inloopCheck) {
    steps.push(
      step(1, {
        id: 't1_inloop_test_exit',
        label: 'if (ksm_test_exit(mm)) break;',
        explain:
          'Inside the loop body task 1 checks mm_users; by now the iterator has already read the tree.',
        source: v.maple ? ksm('992–993') : ref('v6.0', 'mm/ksm.c', '989'),
        holds: [READ],
        effect: derefMm,
        next: (s) => (s.mmUsers === 0 ? 't1_remove_trailing' : afterInloopLive),
      }),
    );
  }
  if (v.unmergeCheck) {
    steps.push(
      step(1, {
        id: 't1_unmerge_test_exit',
        label: 'unmerge_ksm_pages(vma): ksm_test_exit(vma->vm_mm)',
        explain:
          'unmerge_ksm_pages() checks mm_users for each address before it breaks COW; a dying mm stops it.',
        source: ksm('994–996'),
        holds: [READ],
        effect: (d) => {
          derefVma(d);
          derefMm(d);
        },
        next: (s) => (s.mmUsers === 0 ? 't1_vma_next' : 't1_break_ksm'),
      }),
    );
  }
  steps.push(
    step(1, {
      id: 't1_break_ksm',
      label: 'break_ksm(vma, addr)',
      explain:
        'Task 1 faults the KSM page back to a private copy, walking and changing the page tables.',
      source: ksm('856'),
      holds: [READ],
      effect: (d, ctx) => {
        derefVma(d);
        derefMm(d);
        if (d.pgtables === 'freed') d.fUaf = true;
        if (hasReturnedFromKsmExit(ctx.before)) d.fTouch = true;
      },
      next: 't1_vma_next',
    }),
    v.maple
      ? step(1, {
          id: 't1_vma_next',
          label: 'for_each_vma(): mas_find() → mas_next_entry()',
          explain: 'The iterator asks the maple tree for the next VMA; there is none.',
          source: ksm('991'),
          holds: [READ],
          effect: (d, ctx) => mapleRead(d, ctx.holds),
          next: 't1_remove_trailing',
        })
      : step(1, {
          id: 't1_vma_next',
          label: 'vma = vma->vm_next',
          explain: 'v6.0 follows the VMA’s list link to the next VMA; there is none.',
          source: ref('v6.0', 'mm/ksm.c', '988'),
          holds: [READ],
          effect: derefVma,
          next: 't1_remove_trailing',
        }),
    step(1, {
      id: 't1_remove_trailing',
      label: 'remove_trailing_rmap_items(&mm_slot->rmap_list)',
      explain: 'Task 1 empties the slot’s list of rmap items (the fix’s mm_exiting label).',
      source: v.earlyCheck ? ref('v6.3.8', 'mm/ksm.c', '1008') : ksm('1002'),
      holds: [READ],
      effect: (d) => {
        derefSlot(d);
        d.rmapNonempty = false;
      },
      next: 't1_mmap_read_unlock',
    }),
    step(1, {
      id: 't1_mmap_read_unlock',
      label: 'mmap_read_unlock(mm)',
      explain: 'Task 1 releases mmap_lock.',
      source: ksm('1003'),
      holds: [READ],
      effect: (d) => {
        derefMm(d);
        d.mmapReaders -= 1;
      },
      next: 't1_relock_mmlist',
    }),
    step(1, {
      id: 't1_relock_mmlist',
      label: 'spin_lock(&ksm_mmlist_lock)',
      explain: 'Task 1 takes the slot-list spinlock again to move the cursor on.',
      source: ksm('1005'),
      acquires: SPIN,
      guard: mmlistFree,
      effect: (d) => {
        d.mmlistOwner = 't1';
      },
      next: 't1_advance_cursor',
    }),
    step(1, {
      id: 't1_advance_cursor',
      label: 'ksm_scan.mm_slot = next slot',
      explain: 'Task 1 moves the scan cursor past our slot, back to the list head.',
      source: ksm('1006–1008'),
      holds: [SPIN],
      effect: (d) => {
        derefSlot(d);
        d.cursor = 'head';
      },
      next: 't1_final_test_exit',
    }),
    step(1, {
      id: 't1_final_test_exit',
      label: 'if (ksm_test_exit(mm))',
      explain: 'If the mm is exiting, task 1 will unlink and free the slot itself.',
      source: ksm('1009'),
      holds: [SPIN],
      effect: derefMm,
      next: (s) => (s.mmUsers === 0 ? 't1_unlink_slot' : 't1_unlock_mmlist_live'),
    }),
    step(1, {
      id: 't1_unlink_slot',
      label: 'hash_del(&mm_slot->slot.hash); list_del(&mm_slot->slot.mm_node)',
      explain: 'Task 1 removes the slot from the hash table and the KSM mm list.',
      source: ksm('1010–1011'),
      holds: [SPIN],
      effect: (d) => {
        derefSlot(d);
        d.slotListed = false;
      },
      next: 't1_unlock_mmlist_exit',
    }),
    step(1, {
      id: 't1_unlock_mmlist_exit',
      label: 'spin_unlock(&ksm_mmlist_lock)',
      explain: 'Task 1 drops the spinlock before freeing.',
      source: ksm('1012'),
      holds: [SPIN],
      effect: (d) => {
        d.mmlistOwner = 'none';
      },
      next: 't1_free_slot',
    }),
    step(1, {
      id: 't1_free_slot',
      label: 'mm_slot_free(mm_slot_cache, mm_slot)',
      explain: 'Task 1 frees the slot.',
      source: ksm('1014'),
      effect: freeSlot,
      next: 't1_clear_mergeable',
    }),
    step(1, {
      id: 't1_clear_mergeable',
      label: 'clear_bit(MMF_VM_MERGEABLE, &mm->flags)',
      explain: 'Task 1 marks the mm as no longer registered with KSM.',
      source: ksm('1015'),
      effect: (d) => {
        derefMm(d);
        d.mmfMergeable = false;
      },
      next: 't1_mmdrop',
    }),
    step(1, {
      id: 't1_mmdrop',
      label: 'mmdrop(mm)',
      explain: 'Task 1 drops the slot’s mm_count reference; the last one frees the mm.',
      source: ksm('1016'),
      effect: mmdrop,
      next: DONE,
    }),
    step(1, {
      id: 't1_unlock_mmlist_live',
      label: 'spin_unlock(&ksm_mmlist_lock)',
      explain: 'The mm is still live: task 1 leaves the slot registered and drops the spinlock.',
      source: ksm('1018'),
      holds: [SPIN],
      effect: (d) => {
        d.mmlistOwner = 'none';
      },
      next: DONE,
    }),
  );
  return steps;
}

/** Task 2's program: the last `mmput()` → `__mmput()` → `ksm_exit()`, `exit_mmap()`, `mmdrop()`. */
function task2Steps(v: Variant): StepDef<KsmState>[] {
  const exitStart = v.maple ? 't2_exit_read_lock' : 't2_exit_write_lock';
  const steps: StepDef<KsmState>[] = [
    step(2, {
      id: 't2_mmput_dec',
      label: 'atomic_dec_and_test(&mm->mm_users)',
      explain:
        'The exiting process drops the last user reference: mm_users is 0, but mm_count is not.',
      source: fork('1228'),
      effect: (d) => {
        d.mmUsers -= 1;
      },
      next: 't2_ksm_exit_test',
    }),
    step(2, {
      id: 't2_ksm_exit_test',
      label: 'ksm_exit(mm): test_bit(MMF_VM_MERGEABLE, &mm->flags)',
      explain: '__mmput() calls ksm_exit(), which does work only if the mm is registered with KSM.',
      source: ref('v6.2.1', 'include/linux/ksm.h', '33'),
      next: (s) => (s.mmfMergeable ? 't2_lock_mmlist' : exitStart),
    }),
    step(2, {
      id: 't2_lock_mmlist',
      label: 'spin_lock(&ksm_mmlist_lock)',
      explain: '__ksm_exit() takes the slot-list spinlock.',
      source: ksm2('2580'),
      acquires: SPIN,
      guard: mmlistFree,
      effect: (d) => {
        d.mmlistOwner = 't2';
      },
      next: 't2_lookup_slot',
    }),
    step(2, {
      id: 't2_lookup_slot',
      label: 'mm_slot_lookup(); mm_slot != ksm_scan.mm_slot?',
      explain: v.exitIgnoresCursor
        ? 'Control: __ksm_exit() frees a slot with an empty rmap_list without looking at the scan cursor.'
        : '__ksm_exit() finds the slot; it may free it only if the scanner’s cursor is elsewhere and it has no rmap items.',
      source: ksm2('2581–2592'),
      holds: [SPIN],
      effect: (d) => {
        if (!d.slotListed) {
          d.k2 = 'none';
          return;
        }
        derefSlot(d);
        if (!v.exitIgnoresCursor && d.cursor === 'slot') {
          d.k2 = 'sync';
        } else if (!d.rmapNonempty) {
          d.slotListed = false; // hash_del + list_del: the easy path
          d.k2 = 'easy';
        } else {
          d.k2 = 'sync'; // list_move behind the cursor: no modelled change
        }
      },
      next: 't2_unlock_mmlist',
    }),
    step(2, {
      id: 't2_unlock_mmlist',
      label: 'spin_unlock(&ksm_mmlist_lock)',
      explain: '__ksm_exit() drops the spinlock and acts on what it decided under it.',
      source: ksm2('2593'),
      holds: [SPIN],
      effect: (d) => {
        d.mmlistOwner = 'none';
      },
      next: (s) =>
        s.k2 === 'easy' ? 't2_free_slot' : s.k2 === 'sync' ? 't2_mmap_write_lock' : exitStart,
    }),
    step(2, {
      id: 't2_free_slot',
      label: 'mm_slot_free(mm_slot_cache, mm_slot)',
      explain: 'The easy path: task 2 frees the slot itself.',
      source: ksm2('2596'),
      effect: freeSlot,
      next: 't2_clear_mergeable',
    }),
    step(2, {
      id: 't2_clear_mergeable',
      label: 'clear_bit(MMF_VM_MERGEABLE, &mm->flags)',
      explain: 'Task 2 marks the mm as no longer registered with KSM.',
      source: ksm2('2597'),
      effect: (d) => {
        d.mmfMergeable = false;
      },
      next: 't2_mmdrop_slot',
    }),
    step(2, {
      id: 't2_mmdrop_slot',
      label: 'mmdrop(mm)',
      explain: 'Task 2 drops the slot’s mm_count reference.',
      source: ksm2('2598'),
      effect: mmdrop,
      next: exitStart,
    }),
    step(2, {
      id: 't2_mmap_write_lock',
      label: 'mmap_write_lock(mm)',
      explain:
        'The slot is in the scanner’s hands: task 2 waits for any reader of mmap_lock to finish.',
      source: ksm2('2600'),
      acquires: WRITE,
      guard: lockFree,
      effect: (d) => {
        d.mmapWriter = true;
      },
      next: 't2_mmap_write_unlock',
    }),
    step(2, {
      id: 't2_mmap_write_unlock',
      label: 'mmap_write_unlock(mm); return from ksm_exit()',
      explain:
        'Task 2 releases the lock at once and returns from ksm_exit(), leaving the slot to task 1.',
      source: ksm2('2601'),
      holds: [WRITE],
      effect: (d) => {
        d.mmapWriter = false;
      },
      next: exitStart,
    }),
  ];
  if (v.maple) {
    steps.push(
      step(2, {
        id: 't2_exit_read_lock',
        label: 'exit_mmap(): mmap_read_lock(mm)',
        explain: 'exit_mmap() takes mmap_lock for reading to unmap the VMAs.',
        source: mmap('3074'),
        acquires: READ,
        guard: noWriter,
        effect: (d) => {
          d.mmapReaders += 1;
        },
        next: 't2_unmap_vmas',
      }),
      step(2, {
        id: 't2_unmap_vmas',
        label: 'mas_find(); unmap_vmas()',
        explain: 'Task 2 finds the VMA in the tree and zaps its page-table entries.',
        source: mmap('3075–3089'),
        holds: [READ],
        effect: (d, ctx) => {
          mapleRead(d, ctx.holds);
          d.pgtables = 'zapped';
        },
        next: 't2_exit_read_unlock',
      }),
      step(2, {
        id: 't2_exit_read_unlock',
        label: 'mmap_read_unlock(mm)',
        explain: 'Task 2 drops the read lock before taking it for writing.',
        source: mmap('3090'),
        holds: [READ],
        effect: (d) => {
          d.mmapReaders -= 1;
        },
        next: 't2_exit_write_lock',
      }),
      step(2, {
        id: 't2_exit_write_lock',
        label: 'mmap_write_lock(mm)',
        explain: 'exit_mmap() takes mmap_lock for writing to free page tables and VMAs.',
        source: mmap('3097'),
        acquires: WRITE,
        guard: lockFree,
        effect: (d) => {
          d.mmapWriter = true;
        },
        next: 't2_free_pgtables_vmas',
      }),
      step(2, {
        id: 't2_free_pgtables_vmas',
        label: 'free_pgtables(); remove_vma() loop',
        explain: 'Task 2 frees the page tables and the VMA.',
        source: mmap('3098–3113'),
        holds: [WRITE],
        effect: (d, ctx) => {
          mapleRead(d, ctx.holds);
          d.pgtables = 'freed';
          d.vmaFreed = true;
        },
        next: 't2_mt_destroy',
      }),
      step(2, {
        id: 't2_mt_destroy',
        label: '__mt_destroy(&mm->mm_mt)',
        explain:
          'Task 2 frees the maple nodes, sets ma_root = NULL and ma_flags = 0: LOCK_EXTERN is gone.',
        source: mmap('3118'),
        holds: [WRITE],
        effect: (d, ctx) => {
          mapleRead(d, ctx.holds); // mt_root_locked()
          d.vmasPopulated = false;
          d.nodesFreed = true; // not in RCU mode: freed at once
          d.mtFlags = 0;
        },
        next: 't2_exit_write_unlock',
      }),
    );
  } else {
    steps.push(
      step(2, {
        id: 't2_exit_write_lock',
        label: 'exit_mmap(): mmap_write_lock(mm)',
        explain: 'v6.0’s exit_mmap() holds mmap_lock for writing for the whole teardown.',
        source: mmap60('3101'),
        acquires: WRITE,
        guard: lockFree,
        effect: (d) => {
          d.mmapWriter = true;
        },
        next: 't2_unmap_vmas',
      }),
      step(2, {
        id: 't2_unmap_vmas',
        label: 'unmap_vmas()',
        explain: 'Task 2 zaps the VMA’s page-table entries.',
        source: mmap60('3116'),
        holds: [WRITE],
        effect: (d) => {
          d.pgtables = 'zapped';
        },
        next: 't2_free_pgtables_vmas',
      }),
      step(2, {
        id: 't2_free_pgtables_vmas',
        label: 'free_pgtables(); remove_vma(); mm->mmap = NULL',
        explain: 'Task 2 frees the page tables and the VMA and empties the VMA list.',
        source: mmap60('3117–3127'),
        holds: [WRITE],
        effect: (d) => {
          d.pgtables = 'freed';
          d.vmaFreed = true;
          d.vmasPopulated = false;
        },
        next: 't2_exit_write_unlock',
      }),
    );
  }
  steps.push(
    step(2, {
      id: 't2_exit_write_unlock',
      label: 'mmap_write_unlock(mm)',
      explain: 'Task 2 releases mmap_lock; the mm has no VMAs left.',
      source: v.maple ? mmap('3119') : mmap60('3128'),
      holds: [WRITE],
      effect: (d) => {
        d.mmapWriter = false;
      },
      next: 't2_mmdrop',
    }),
    step(2, {
      id: 't2_mmdrop',
      label: 'mmdrop(mm)',
      explain: '__mmput() drops the reference that stood for all mm_users.',
      source: fork('1218'),
      effect: mmdrop,
      next: DONE,
    }),
  );
  return steps;
}

/** Every step of a variant, task 1's first, each task's in program order. */
export function buildSteps(v: Variant): StepDef<KsmState>[] {
  return [...task1Steps(v), ...task2Steps(v)];
}
