/**
 * What the kernel would print for each outcome, rendered from the trace: the lockdep splat in
 * lockdep_rcu_suspicious()'s format (spec 1.3, 5), a KASAN-style report for a use after free,
 * and so on. Frames and line numbers come from the spec; nothing here is copied kernel output
 * except the splat's fixed banner lines, which the spec quotes.
 */
import {
  changedAt,
  locksHeldAt,
  stateAt,
  statesOf,
  statusesAt,
  type FieldKey,
  type SimOk,
} from '../../state/index.ts';

export interface ReportLine {
  readonly text: string;
  /** Shown dimmed: context the model does not cover. */
  readonly dim?: boolean;
  /** The line a reader should look at first. */
  readonly strong?: boolean;
}

export interface Report {
  readonly outcome: string;
  /** The step where the outcome first showed (1-based), if it is a flag. */
  readonly step: number | null;
  /** Console text, or empty when the kernel prints nothing. */
  readonly console: readonly ReportLine[];
  /** One paragraph of explanation, as sentences. */
  readonly explain: string;
}

const COMM = ['', 'task1/1', 'task2/2'];

/** Task 2's program points from exit_mmap() on (spec 3.2): it has returned from ksm_exit(). */
const EXIT_MMAP_STEPS = new Set([
  't2_exit_read_lock',
  't2_unmap_vmas',
  't2_exit_read_unlock',
  't2_exit_write_lock',
  't2_free_pgtables_vmas',
  't2_mt_destroy',
  't2_exit_write_unlock',
  't2_mmdrop',
  'done',
]);
const CALL_TAIL = [
  'run_store',
  'kobj_attr_store',
  'sysfs_kf_write',
  'kernfs_fop_write_iter',
  'vfs_write',
  'ksys_write',
];

const LOCK_LINES: Record<string, { name: string; usage: string }> = {
  mmap_lock: { name: '&mm->mmap_lock', usage: '{++++}-{3:3}' },
  ksm_mmlist_lock: { name: 'ksm_mmlist_lock', usage: '{+.+.}-{2:2}' },
};

function firstChange(r: SimOk, key: FieldKey, upTo: number): number | null {
  for (let k = 1; k <= upTo; k++) if (changedAt(r, k).has(key)) return k;
  return null;
}

function stepIdAt(r: SimOk, k: number): string {
  return r.trace.steps[k - 1]?.stepId ?? '';
}

function flagStep(r: SimOk, outcome: string): number | null {
  return r.facts.flags.find((f) => f.outcome === outcome)?.step ?? null;
}

export function lockdepSplat(r: SimOk): Report {
  const k = flagStep(r, 'LOCKDEP_SPLAT') ?? 0;
  const flag = r.facts.flags.find((f) => f.outcome === 'LOCKDEP_SPLAT');
  const task = flag?.task ?? 1;
  const id = stepIdAt(r, k);
  const held = locksHeldAt(r, task, k);
  const lines: ReportLine[] = [
    { text: '=============================' },
    { text: 'WARNING: suspicious RCU usage', strong: true },
    { text: '6.3.0-rc1 #1 Not tainted' },
    { text: '-----------------------------' },
    { text: 'lib/maple_tree.c:856 suspicious rcu_dereference_check() usage!', strong: true },
    { text: '' },
    { text: 'other info that might help us debug this:' },
    { text: '' },
    { text: 'rcu_scheduler_active = 2, debug_locks = 1' },
  ];
  if (task === 1) {
    lines.push(
      { text: `${3 + 1 + held.length} locks held by ${COMM[1]}:` },
      {
        text: ' #0–#2: sb_writers, &of->mutex, kn->active (sysfs write path, not modelled)',
        dim: true,
      },
      { text: ' #3: (ksm_thread_mutex){+.+.}-{3:3}, at: run_store' },
    );
    held.forEach((h, i) => {
      const l = LOCK_LINES[h.lock] ?? { name: h.lock, usage: '' };
      lines.push({
        text: ` #${4 + i}: (${l.name})${l.usage}, at: run_store   [${h.mode}, since step ${h.from}]`,
        strong: h.lock === 'mmap_lock',
      });
    });
  } else {
    lines.push({ text: `${held.length} locks held by ${COMM[task]}:` });
    held.forEach((h, i) => {
      const l = LOCK_LINES[h.lock] ?? { name: h.lock, usage: '' };
      lines.push({ text: ` #${i}: (${l.name})${l.usage}, at: exit_mmap` });
    });
  }
  const frames =
    id === 't1_vma_next'
      ? ['mas_next_entry', 'mas_find', 'vma_find [inline]', 'vma_next [inline]']
      : [
          'mas_root [inline]           lib/maple_tree.c:856',
          'mas_start [inline]',
          'mas_state_walk [inline]',
          'mas_walk',
          'mas_find',
          'vma_find [inline]           include/linux/mm.h:672',
          'vma_next [inline]           include/linux/mm.h:677',
        ];
  lines.push(
    { text: '' },
    { text: 'stack backtrace:' },
    { text: 'Call Trace:' },
    { text: ' <TASK>' },
    { text: ' dump_stack_lvl' },
    { text: ' lockdep_rcu_suspicious' },
    ...frames.map((f) => ({ text: ` ${f}` })),
    ...(task === 1
      ? [
          { text: ' unmerge_and_remove_all_rmap_items [inline]   mm/ksm.c:991' },
          ...CALL_TAIL.map((f) => ({ text: ` ${f}` })),
        ]
      : [{ text: ' exit_mmap' }]),
    { text: ' </TASK>' },
  );

  const cleared = firstChange(r, 'mtFlags', k);
  const s = stateAt(r, k);
  const readMode = held.find((h) => h.lock === 'mmap_lock');
  const explain =
    `At step ${k} task ${task} ${readMode ? `holds mm->mmap_lock for ${readMode.mode === 'read' ? 'reading' : 'writing'} (lock #4 above), which is exactly the lock that protects the VMA tree` : 'does not hold mm->mmap_lock'}. ` +
    'But mas_root() asks lockdep through mt_locked(mt), and mt_locked() asks about mmap_lock only while the tree’s ma_flags say LOCK_EXTERN (0x300). ' +
    (cleared
      ? `At step ${cleared}, __mt_destroy() in task 2’s exit_mmap() set ma_flags to 0, so lockdep checked the tree’s own ma_lock instead — a spinlock nobody ever takes for the mm’s tree. `
      : 'ma_flags do not say LOCK_EXTERN, so lockdep checked the tree’s own ma_lock, which nobody takes. ') +
    `The reader held the right lock and was judged against the wrong one. ${
      s.vmasPopulated
        ? 'The tree still had VMAs.'
        : 'The tree was already empty (ma_root = NULL), so the walk ended at once and no memory was misused: only the warning is printed.'
    }`;
  return { outcome: 'LOCKDEP_SPLAT', step: k, console: lines, explain };
}

interface Victim {
  struct: string;
  kind: string;
  freedBy: string | null;
  freedKey: FieldKey;
  alloc: string[];
  free: string[];
}

function victimOf(r: SimOk, k: number): Victim {
  const before = stateAt(r, k - 1);
  const id = stepIdAt(r, k);
  if (before.slotFreed && (id === 't1_free_slot' || id === 't2_free_slot')) {
    return {
      struct: 'struct ksm_mm_slot',
      kind: 'double-free',
      freedBy: 'slotFreed',
      freedKey: 'slotFreed',
      alloc: ['__ksm_enter', 'madvise(MADV_MERGEABLE)'],
      free: ['mm_slot_free'],
    };
  }
  if (before.slotFreed)
    return {
      struct: 'struct ksm_mm_slot',
      kind: 'slab-use-after-free',
      freedBy: 'slotFreed',
      freedKey: 'slotFreed',
      alloc: ['__ksm_enter', 'madvise(MADV_MERGEABLE)'],
      free: ['mm_slot_free'],
    };
  if (before.mmFreed)
    return {
      struct: 'struct mm_struct',
      kind: 'slab-use-after-free',
      freedBy: 'mmFreed',
      freedKey: 'mmFreed',
      alloc: ['mm_alloc', 'dup_mm', 'copy_process'],
      free: ['__mmdrop', 'mmdrop'],
    };
  if (before.vmaFreed)
    return {
      struct: 'struct vm_area_struct',
      kind: 'slab-use-after-free',
      freedBy: 'vmaFreed',
      freedKey: 'vmaFreed',
      alloc: ['vm_area_alloc', 'mmap_region'],
      free: ['remove_vma', 'exit_mmap'],
    };
  if (before.pgtables === 'freed')
    return {
      struct: 'page table page',
      kind: 'use-after-free',
      freedBy: 'pgtables',
      freedKey: 'pgtables',
      alloc: ['__pte_alloc', 'handle_mm_fault'],
      free: ['free_pgtables', 'exit_mmap'],
    };
  return {
    struct: 'struct maple_node',
    kind: 'slab-use-after-free',
    freedBy: 'nodesFreed',
    freedKey: 'nodesFreed',
    alloc: ['mas_alloc_nodes', 'mmap_region'],
    free: ['mte_destroy_walk', '__mt_destroy', 'exit_mmap'],
  };
}

const FUNCTION_OF_STEP: Record<string, string> = {
  t1_remove_trailing: 'remove_trailing_rmap_items',
  t1_advance_cursor: 'unmerge_and_remove_all_rmap_items',
  t1_unlink_slot: 'unmerge_and_remove_all_rmap_items',
  t1_unlock_mmlist: 'unmerge_and_remove_all_rmap_items',
  t1_free_slot: 'mm_slot_free',
  t2_free_slot: 'mm_slot_free',
  t1_mmdrop: 'mmdrop',
  t2_mmdrop: 'mmdrop',
  t2_mmdrop_slot: 'mmdrop',
  t1_break_ksm: 'break_ksm',
  t1_vma_first: 'mas_walk',
  t1_vma_next: 'mas_find',
};

export function kasanReport(r: SimOk): Report {
  const k = flagStep(r, 'USE_AFTER_FREE') ?? 0;
  const st = r.trace.steps[k - 1];
  const task = st?.task ?? 1;
  const v = victimOf(r, k);
  const fn = FUNCTION_OF_STEP[st?.stepId ?? ''] ?? st?.stepId ?? '?';
  const freedAt = firstChange(r, v.freedKey, k);
  const freer = freedAt ? r.trace.steps[freedAt - 1] : undefined;
  const lines: ReportLine[] = [
    { text: '==================================================================' },
    { text: `BUG: KASAN: ${v.kind} in ${fn}`, strong: true },
    {
      text: `${v.kind === 'double-free' ? 'Free' : 'Read'} of ${v.struct} by task ${COMM[task]} at step ${k}`,
    },
    { text: '' },
    { text: 'Call Trace:' },
    { text: ` ${fn}` },
    ...(task === 1
      ? [{ text: ' unmerge_and_remove_all_rmap_items' }, { text: ' run_store' }]
      : [{ text: ' __mmput' }, { text: ' mmput' }]),
    { text: '' },
    { text: 'Allocated by task (before the race):', dim: true },
    ...v.alloc.map((f) => ({ text: ` ${f}`, dim: true })),
    { text: '' },
    {
      text: freer
        ? `Freed by task ${COMM[freer.task]} at step ${freedAt} (${freer.stepId}):`
        : 'Freed earlier:',
      strong: true,
    },
    ...v.free.map((f) => ({ text: ` ${f}` })),
    ...(freer?.task === 2 ? [{ text: ' __ksm_exit' }, { text: ' __mmput' }] : []),
    { text: '' },
    { text: `The buggy address belongs to a freed ${v.struct}.` },
    { text: '==================================================================' },
  ];
  const explain =
    v.struct === 'struct ksm_mm_slot'
      ? `Task 2 freed the KSM slot ${freedAt ? `at step ${freedAt}` : ''} although task 1 still had it as ksm_scan.mm_slot, and task 1 then used it at step ${k}. __ksm_exit() may take the easy path only when the slot is not at the scan cursor; this variant skips that test, which is exactly what the cursor test protects.`
      : `Task ${task} used a freed ${v.struct} at step ${k}${freedAt ? `, freed at step ${freedAt}` : ''}.`;
  return { outcome: 'USE_AFTER_FREE', step: k, console: lines, explain };
}

export function touchReport(r: SimOk): Report {
  const k = flagStep(r, 'TOUCH_AFTER_KSM_EXIT') ?? 0;
  // Task 2 has returned from ksm_exit() once its next step is exit_mmap()'s first (spec 3.2).
  const states = statesOf(r);
  const returned = r.trace.steps.findIndex(
    (_, i) => i < k && EXIT_MMAP_STEPS.has(states[i + 1].pc2),
  );
  const s = stateAt(r, k);
  const lines: ReportLine[] = [
    { text: '(nothing is printed at this step)', dim: true },
    { text: '' },
    { text: `break_ksm() at step ${k} faulted on the page tables of an mm`, strong: true },
    { text: `whose ksm_exit() had already returned (page tables: ${s.pgtables}).` },
    { text: '' },
    { text: 'One possible later symptom, when the mm is finally freed:', dim: true },
    { text: 'BUG: Bad rss-counter state mm:… type:MM_ANONPAGES val:1', dim: true },
  ];
  const explain = `The rule above ksm_test_exit() in mm/ksm.c says KSM must not touch an mm’s page tables after it has passed through ksm_exit(). Task 2 returned from ksm_exit()${returned >= 0 ? ` after step ${returned + 1}` : ''} and is tearing the mm down in exit_mmap(), yet task 1 broke COW on its page at step ${k}. The ksm_test_exit() checks (in the loop and in unmerge_ksm_pages()) exist to stop exactly this; this variant has removed them.`;
  return { outcome: 'TOUCH_AFTER_KSM_EXIT', step: k, console: lines, explain };
}

export function deadlockReport(r: SimOk, k: number): Report {
  const statuses = statusesAt(r, k);
  const lines: ReportLine[] = [];
  statuses.forEach((st, i) => {
    if (st.kind !== 'blocked') return;
    lines.push(
      {
        text: `INFO: task ${COMM[i + 1].split('/')[0]}:${i + 1} blocked for more than 120 seconds.`,
        strong: true,
      },
      { text: '      Not tainted 6.3.0-rc1 #1' },
      { text: '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.' },
      {
        text: ` waiting in ${st.stepId} for ${st.lock ?? st.waitsFor} (${st.mode}), held by ${st.heldBy.map((h) => `task ${h.task} (${h.mode})`).join(', ') || 'nobody'}`,
      },
    );
  });
  return {
    outcome: 'DEADLOCK',
    step: null,
    console: lines,
    explain:
      'No task can take another step, but not every task has finished: each one waits for a lock the other holds or will never release.',
  };
}

export function leakReport(r: SimOk, k: number): Report {
  const s = stateAt(r, k);
  const lines: ReportLine[] = [];
  if (!s.slotFreed) {
    lines.push(
      { text: 'unreferenced object (struct ksm_mm_slot):', strong: true },
      { text: '  backtrace:' },
      { text: '    __ksm_enter' },
      { text: '    madvise(MADV_MERGEABLE)' },
    );
  }
  if (!s.mmFreed) {
    lines.push(
      { text: `unreferenced object (struct mm_struct, mm_count = ${s.mmCount}):`, strong: true },
      { text: '  backtrace:' },
      { text: '    mm_alloc' },
      { text: '    dup_mm' },
    );
  }
  return {
    outcome: 'LEAK',
    step: null,
    console: lines,
    explain:
      'Both tasks have finished, but the slot or the mm was never freed: a reference was dropped by nobody. kmemleak would report it on its next scan.',
  };
}

export function cleanReport(): Report {
  return {
    outcome: 'CLEAN',
    step: null,
    console: [],
    explain:
      'Both tasks finished and the kernel printed nothing: every lockdep check was satisfied, nothing was used after it was freed, and the slot and the mm were each freed exactly once.',
  };
}

/** The reports for the outcome names at the cursor (RUNNING has none). */
export function reportsFor(r: SimOk, k: number, outcomes: readonly string[]): Report[] {
  return outcomes.flatMap((o): Report[] => {
    switch (o) {
      case 'LOCKDEP_SPLAT':
        return [lockdepSplat(r)];
      case 'USE_AFTER_FREE':
        return [kasanReport(r)];
      case 'TOUCH_AFTER_KSM_EXIT':
        return [touchReport(r)];
      case 'DEADLOCK':
        return [deadlockReport(r, k)];
      case 'LEAK':
        return [leakReport(r, k)];
      case 'CLEAN':
        return [cleanReport()];
      default:
        return [];
    }
  });
}
