/**
 * The generic report of a deadlock, for any scenario without a DEADLOCK template: what the
 * kernel's hung-task detector prints for each blocked task (kernel/hung_task.c, check_hung_task()
 * and sched_show_task()), then lockdep's list of the locks every task holds
 * (debug_show_all_locks(), lockdep_print_held_locks(), print_lock()). Everything is read from the
 * trace's last state and the instance; call traces come from the document's pseudo-code.
 */
import type { LockMode } from '../engine.ts';
import type { Trace } from '../replay.ts';
import type { CompiledScenario } from '../scenario/instance.ts';
import type { TimelineFacts } from '../timeline.ts';
import { acquiredIn, commOf, functionsOf, heldAt, lockWords, sourceLine } from './kernel-names.ts';
import type { Report, ReportLine } from './reports.ts';
import { whyNotRunning } from '../words.ts';

/** The scheduler frames of a task asleep on a lock, innermost first, by lock kind and mode. */
function waitFrames(kind: string | undefined, mode: LockMode): string[] {
  if (kind === 'mutex')
    return [
      '__schedule',
      'schedule',
      'schedule_preempt_disabled',
      '__mutex_lock',
      'mutex_lock_nested',
    ];
  if (kind === 'rwsem' && mode === 'read')
    return ['__schedule', 'schedule', 'rwsem_down_read_slowpath', 'down_read'];
  if (kind === 'rwsem')
    return ['__schedule', 'schedule', 'rwsem_down_write_slowpath', 'down_write'];
  if (kind === 'spinlock') return ['do_raw_spin_lock', '_raw_spin_lock'];
  return [];
}

/**
 * The hung-task report of the run's end: an `INFO: task … blocked for more than 120 seconds.`
 * block per blocked task, then `Showing all locks held in the system:` with each task's locks.
 */
export function hungTaskReport(
  sc: CompiledScenario,
  trace: Trace,
  facts: TimelineFacts,
  outcome: string,
): Report {
  const n = trace.steps.length;
  const statuses = n > 0 ? trace.steps[n - 1].statuses : trace.initialStatuses;
  const kernel = sc.lowered.content.kernel;
  const lines: ReportLine[] = [];
  const waits: string[] = [];
  statuses.forEach((st, i) => {
    if (st.kind !== 'blocked') return;
    const task = sc.tasks[i];
    const comm = commOf(sc, task.id);
    const def = sc.steps.get(st.stepId);
    lines.push(
      { text: `INFO: task ${comm}:${task.id} blocked for more than 120 seconds.`, strong: true },
      ...(kernel ? [{ text: `      Not tainted ${kernel} #1` }] : []),
      { text: '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.' },
      {
        text: `task:${comm.padEnd(15)} state:D stack:0     pid:${String(task.id).padEnd(5)} ppid:0      flags:0x00000000`,
      },
      { text: 'Call Trace:' },
      { text: ' <TASK>' },
    );
    for (const f of waitFrames(st.lockKind, st.mode)) lines.push({ text: ` ${f}` });
    const where = def?.source ? `   ${sourceLine(def.source)}` : '';
    const fns = functionsOf(sc, st.stepId);
    if (fns.length === 0) lines.push({ text: ` ${def?.label ?? st.stepId}${where}` });
    fns.forEach((f, j) => lines.push({ text: ` ${f}${j === 0 ? where : ''}` }));
    lines.push({ text: ' </TASK>' });
    waits.push(
      whyNotRunning(st, task.id, {
        task: (t) => `task ${sc.tasks[t - 1]?.key ?? t}`,
        step: (id) => sc.steps.get(id)?.label ?? id,
        lock: (name) =>
          sc.doc.locks?.find((l) => l.name === lockWords(sc, name).base)?.label ?? name,
      }) ?? '',
    );
  });
  lines.push({ text: '' }, { text: 'Showing all locks held in the system:' });
  for (const task of sc.tasks) {
    const held = heldAt(facts, task.id, n);
    const blocked = statuses[task.id - 1]?.kind === 'blocked';
    if (held.length === 0 && !blocked) continue;
    const who = `${commOf(sc, task.id)}/${task.id}`;
    if (held.length === 0) {
      lines.push({ text: `no locks held by ${who}.` });
      continue;
    }
    lines.push({ text: `${held.length} lock${held.length > 1 ? 's' : ''} held by ${who}:` });
    held.forEach((h, i) => {
      const w = lockWords(sc, h.lock);
      lines.push({
        text: ` #${i}: ffff... (${w.lockdep})${w.usage}, at: ${acquiredIn(sc, trace, h)}`,
      });
    });
  }
  lines.push({ text: '' }, { text: '=============================================' });
  return {
    outcome,
    step: null,
    console: lines,
    explain:
      `No task can take another step, but not every task has finished: ${waits.join('; ')}. ` +
      'The hung-task detector names each task that has slept that long, and lockdep lists the locks every task holds. ' +
      'A task waiting on a condition or spinning on a spinlock is not asleep in the kernel, so the real detector might stay silent about it; the model counts it as blocked all the same.',
  };
}
