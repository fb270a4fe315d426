import { describe, expect, it } from 'vitest';
import { api } from '../../worker/api.ts';
import type { SimOk } from './slices.ts';
import { describeRepair, REPAIR_RULE, errorNotice, sentence, verdictLine } from './words.ts';

function run(variant: string): SimOk {
  const params = { variant };
  const tasks = api.describe({ scenario: 'ksm-exit-race', params }).defaultTasks;
  const r = api.simulate({ scenario: 'ksm-exit-race', params, tasks, mode: 'repair' });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

describe('the store’s words', () => {
  it('describes repairs in words, grouping runs of one task and reason', () => {
    expect(
      describeRepair(
        [
          { position: 4, task: 1, reason: 'task 1 has finished' },
          { position: 9, task: 2, reason: 'r' },
          { position: 10, task: 2, reason: 'r' },
          { position: 11, task: 2, reason: 's' },
        ],
        1,
        String,
      ),
    ).toEqual([
      'Turn 5 (task 1) no longer applies: task 1 has finished.',
      'Turns 10–11 (task 2) no longer apply: r.',
      'Turn 12 (task 2) no longer applies: s.',
      '1 turn added at the end, in task order, to run the schedule to completion.',
    ]);
    expect(describeRepair([], 3, String)).toEqual([
      '3 turns added at the end, in task order, to run the schedule to completion.',
    ]);
    expect(describeRepair([], 0, String)).toEqual([]);
  });

  it('makes sentences, leaving kernel names as they are spelt', () => {
    expect(sentence('task 2 has finished')).toBe('Task 2 has finished.');
    expect(sentence('mmap_read_lock(mm) cannot run here')).toBe(
      'mmap_read_lock(mm) cannot run here.',
    );
    expect(sentence('Done!')).toBe('Done!');
  });

  it('says how an edit changed the verdict', () => {
    const bug = run('a_vma_iter');
    const fix = run('b_early_check');
    expect(verdictLine(bug, fix)).toBe(
      'The 30-step schedule now ends CLEAN (before: LOCKDEP_SPLAT).',
    );
    expect(verdictLine(bug, bug)).toBe('The 30-step schedule still ends LOCKDEP_SPLAT.');
    expect(verdictLine(null, bug)).toBe('The 30-step schedule still ends LOCKDEP_SPLAT.');
  });

  it('turns any failure into an error notice', () => {
    expect(errorNotice(new Error('the worker crashed'))).toEqual({
      kind: 'error',
      title: 'The simulator stopped unexpectedly',
      lines: ['The worker crashed.', 'Try again; reload the page if it keeps happening.'],
    });
    expect(errorNotice('gone').lines[0]).toBe('Gone.');
  });
});

describe('the repair rule', () => {
  it('is the README’s, word for word', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    const rule = REPAIR_RULE.replace(/^How the rest was repaired: /, '');
    expect(flat(readme)).toContain(flat(rule));
  });
});
