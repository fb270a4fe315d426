/**
 * Reports rendered from templates: the report's step, task and flag index bound as the template
 * expects, placeholders filled from the run, and the fallbacks where a document has no template.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay, type Trace } from '../replay.ts';
import { completeSchedule } from '../schedule.ts';
import { builtinLibrary } from '../scenario/builtin.ts';
import { compileScenario } from '../scenario/compile.ts';
import type { CompiledScenario } from '../scenario/instance.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { timelineFacts } from '../timeline.ts';
import { reportsOf } from './reports.ts';

function run(sc: CompiledScenario, tasks: readonly number[], complete = true): Trace {
  const r = replay(sc, complete ? completeSchedule(sc, tasks).tasks : tasks);
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace;
}
const reports = (sc: CompiledScenario, trace: Trace) =>
  reportsOf(sc, trace, timelineFacts(sc, trace));

const repeat = (task: number, n: number) => Array<number>(n).fill(task);

describe('reportsOf', () => {
  it('binds the mm whose flag was set: a splat on the second process names its mmap_lock', () => {
    // Task 1 visits mm 1 and moves the cursor to slot 2 (15 steps); task 2.2 then exits through
    // the handshake and destroys its tree (15 steps); task 1 walks mm 2 (2 steps) and splats.
    const sc = builtinLibrary().instance('ksm-exit-race', { processes: 2 });
    const trace = run(sc, [...repeat(1, 15), ...repeat(3, 15), 1, 1]);
    expect(trace.steps[31].stepId).toBe('t1_vma_first.2');
    expect(trace.steps[31].state['f_splat.2']).toBe(true);
    expect(trace.steps[31].state['f_splat.1']).toBe(false);
    const splat = reports(sc, trace).find((r) => r.outcome === 'LOCKDEP_SPLAT')!;
    expect(splat.step).toBe(32);
    const text = splat.console.map((l) => l.text);
    expect(text).toContain(
      ' #4: (&mm->mmap_lock){++++}-{3:3}, at: run_store   [read, since step 31]',
    );
    expect(splat.console.find((l) => l.text.startsWith(' #4:'))?.strong).toBe(true);
    expect(splat.explain).toMatch(/^At step 32 task 1 holds mm->mmap_lock for reading/);
    // The step that cleared mm 2's flags, not mm 1's.
    const cleared = trace.steps.findIndex((s) => s.stepId === 't2_mt_destroy.2') + 1;
    expect(splat.explain).toContain(`At step ${cleared}, __mt_destroy()`);
  });

  it('prints expression values as the state reads them: an enum word', () => {
    const sc = builtinLibrary().instance('ksm-exit-race', { variant: 'e_ctl_no_exit_checks' });
    const trace = run(sc, [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1]);
    const touch = reports(sc, trace).find((r) => r.outcome === 'TOUCH_AFTER_KSM_EXIT')!;
    expect(touch.step).toBe(13);
    expect(touch.console.map((l) => l.text)).toContain(
      'whose ksm_exit() had already returned (page tables: live).',
    );
    expect(touch.explain).toContain('Task 2 returned from ksm_exit() after step 10');
  });

  it('reports the flags set so far in a run that is not over', () => {
    const sc = builtinLibrary().instance('ksm-exit-race', { variant: 'a_vma_iter' });
    const full = run(sc, [1, 1, 1, ...repeat(2, 15), 1, 1]);
    const part = run(
      sc,
      full.steps.slice(0, 20).map((s) => s.task),
      false,
    );
    expect(part.complete).toBe(false);
    expect(reports(sc, part).map((r) => [r.outcome, r.step])).toEqual([['LOCKDEP_SPLAT', 20]]);
    expect(reports(sc, run(sc, [1], false))).toEqual([]);
  });

  it('finds earlier steps by condition: the 2009 OOM killer kills the victim, then a bystander', () => {
    const sc = builtinLibrary().instance('ksm-oom-deadlock', {
      variant: 'a_mutex_in_ksm_exit',
      oom: 'skips',
    });
    const trace = run(sc, [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1]);
    const [wrong] = reports(sc, trace);
    expect(wrong.outcome).toBe('WRONG_VICTIM');
    const killer = trace.steps.findIndex((s) => s.state.killed) + 1;
    expect(trace.steps[killer - 1].stepId).toBe('t1_oom_wp');
    expect(wrong.console).toEqual([
      { text: 'task1 invoked oom-killer: gfp_mask=0x…, order=0, oomkilladj=0' },
      { text: 'Out of memory: kill process 2 (task2) score … or a child' },
      { text: 'Killed process 2 (task2)' },
      { text: 'task1 invoked oom-killer: gfp_mask=0x…, order=0, oomkilladj=0' },
      { text: 'Out of memory: kill process … (bystander) score … or a child', strong: true },
      { text: 'Killed process … (bystander)', strong: true },
    ]);
    expect(wrong.explain).toContain(`at step ${wrong.step}, killed another process`);
  });

  it('uses a DEADLOCK template when the document has one, and descriptions where it has none', () => {
    const file = 'docs/examples/abba-deadlock.yaml';
    const base = readFileSync(file, 'utf8');
    const plain = parseScenarioText(base, file);
    if (!plain.ok) throw new Error(plain.problems[0].message);
    const clean = compileScenario(plain.doc, { variant: 'b_same_order' });
    expect(reports(clean, run(clean, [1]))).toEqual([
      {
        outcome: 'CLEAN',
        step: null,
        console: [],
        explain: 'Both entries moved and both locks were released.',
      },
    ]);
    const text = `${base}
reports:
  outcomes:
    DEADLOCK:
      console:
        - { each: held, text: "\${comm} holds \${lock} (\${lock.mode}) since step \${lock.since}" }
      explain:
        - Task \${task} took the last step, \${label}, at step \${step}.
        - { if: { after: "holds(lock_b)" }, text: " It holds b->lock." }
        - { if: { after: "holds(lock_a)" }, text: " It holds a->lock." }
`;
    const loaded = parseScenarioText(text, file);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    const sc = compileScenario(loaded.doc);
    const [deadlock] = reports(sc, run(sc, [1, 1, 2, 2]));
    expect(deadlock).toEqual({
      outcome: 'DEADLOCK',
      step: null,
      console: [{ text: 'task2 holds &b->lock (spin) since step 3' }],
      // holds() asks about the task that ran the report's step: task 2, holding B.
      explain: 'Task 2 took the last step, list_del(&e2->node), at step 4. It holds b->lock.',
    });
  });
});
