/**
 * The generic hung-task report of a DEADLOCK without a template: every blocked task, its call
 * trace from the document's pseudo-code, and every task's held locks in lockdep's format.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { replay, type Trace } from '../replay.ts';
import { defaultSchedule } from '../schedule.ts';
import { builtinLibrary } from '../scenario/builtin.ts';
import { compileScenario } from '../scenario/compile.ts';
import type { CompiledScenario } from '../scenario/instance.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { timelineFacts } from '../timeline.ts';
import { reportsOf } from './reports.ts';

function deadlockOf(sc: CompiledScenario, tasks: readonly number[]) {
  const r = replay(sc, tasks);
  if (!r.ok) throw new Error(r.problem.message);
  const trace: Trace = r.trace;
  expect(trace.outcomes).toEqual(['DEADLOCK']);
  const [report] = reportsOf(sc, trace, timelineFacts(sc, trace));
  return { report, text: report.console.map((l) => l.text) };
}

describe('the hung-task report', () => {
  it('shows both tasks of the 2009 deadlock blocked, and the locks task 1 holds', () => {
    const sc = builtinLibrary().instance('ksm-oom-deadlock', { variant: 'a_mutex_in_ksm_exit' });
    const { report, text } = deadlockOf(sc, defaultSchedule(sc));
    expect(report.outcome).toBe('DEADLOCK');
    expect(report.step).toBeNull();
    expect(text).toContain('INFO: task task1:1 blocked for more than 120 seconds.');
    expect(text).toContain('INFO: task task2:2 blocked for more than 120 seconds.');
    expect(
      text.filter((l) => l.startsWith('"echo 0 > /proc/sys/kernel/hung_task_timeout_secs"')),
    ).toHaveLength(2);
    expect(text).toContain('      Not tainted 2.6.31-rc5 #1');
    // Task 2 sleeps on the mutex in the old __ksm_exit(), called from its exit.
    const t2 = text.slice(text.indexOf('INFO: task task2:2 blocked for more than 120 seconds.'));
    expect(t2.slice(t2.indexOf(' <TASK>') + 1, t2.indexOf(' </TASK>'))).toEqual([
      ' __schedule',
      ' schedule',
      ' schedule_preempt_disabled',
      ' __mutex_lock',
      ' mutex_lock_nested',
      ' __ksm_exit   mm/ksm.c:1387',
      ' ksm_exit',
      ' mmput',
      ' exit_mm',
      ' do_exit',
    ]);
    const locks = text.slice(text.indexOf('Showing all locks held in the system:'));
    expect(locks.slice(1, 5)).toEqual([
      '2 locks held by task1/1:',
      ' #0: ffff... (ksm_thread_mutex){+.+.}-{3:3}, at: run_store',
      ' #1: ffff... (&mm->mmap_sem){++++}-{3:3}, at: unmerge_and_remove_all_rmap_items',
      'no locks held by task2/2.',
    ]);
    expect(report.explain).toContain(
      'task 2 is waiting in __ksm_exit(): mutex_lock(&ksm_thread_mutex): ksm_thread_mutex is held by task 1 (mutex)',
    );
  });

  it('shows where v2.6.32 hangs instead: the victim in down_write of mmap_sem', () => {
    const sc = builtinLibrary().instance('ksm-oom-deadlock', { variant: 'd_ksm_exit_in_mmput' });
    const { text } = deadlockOf(sc, defaultSchedule(sc));
    expect(text).toContain('      Not tainted 2.6.32 #1');
    expect(text).toContain(' rwsem_down_write_slowpath');
    expect(text).toContain(' __ksm_exit   mm/ksm.c:1464');
  });

  it('works for a scenario with no page content at all, from its labels', () => {
    const file = 'docs/examples/abba-deadlock.yaml';
    const loaded = parseScenarioText(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error(loaded.problems[0].message);
    const sc = compileScenario(loaded.doc);
    const { text } = deadlockOf(sc, [1, 1, 2, 2]);
    expect(text).toContain('INFO: task task1:1 blocked for more than 120 seconds.');
    expect(text).toContain(' mutex_lock(&b->lock)');
    expect(text).toContain('1 lock held by task1/1:');
    expect(text).toContain(' #0: ffff... (&a->lock){+.+.}-{3:3}, at: mutex_lock(&a->lock)');
    expect(text).toContain('1 lock held by task2/2:');
    expect(text.some((l) => l.includes('Not tainted'))).toBe(false);
  });
});
