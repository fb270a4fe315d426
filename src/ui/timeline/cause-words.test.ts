import { describe, expect, it } from 'vitest';
import { api } from '../../worker/api.ts';
import { edgeWords, windowSpans, windowWords } from './cause-words.ts';
import { timelineNames } from './lanes.ts';

function simulate(variant: string, more: Record<string, number> = {}) {
  const params = { variant, ...more };
  const info = api.describe({ scenario: 'ksm-exit-race', params });
  const r = api.simulate({
    scenario: 'ksm-exit-race',
    params,
    tasks: info.defaultTasks,
    mode: 'repair',
  });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

describe('the cause in words (ksm-exit-race, the e-mail’s schedule)', () => {
  const r = simulate('a_vma_iter');
  const names = timelineNames(r.info);

  it('names the writer, the change and the reader of an edge', () => {
    expect(edgeWords(r, names, 16, 20, 'mt_flags 0x301 → 0x0')).toBe(
      'Step 16 (task 2: __mt_destroy(&mm->mm_mt)) wrote mt_flags 0x301 → 0x0, read by step 20 (task 1: for_each_vma(vmi, vma) → mas_find() → mas_root())',
    );
  });

  it('finds task 1’s window 3 → 20 with task 2’s causal writes inside (spec: the chain 2→7, 7→8, 16→20)', () => {
    const spans = windowSpans(r);
    expect(spans).toEqual([
      {
        task: 1,
        from: 3,
        to: 20,
        outcomes: [r.info.outcomes.find((o) => o.name === 'LOCKDEP_SPLAT')!.title],
        writes: [
          { step: 7, task: 2 },
          { step: 16, task: 2 },
        ],
      },
    ]);
    expect(windowWords(r, names, spans[0])).toBe(
      `Race window of task 1, from step 3 (task 1: ${r.trace.steps[2].label}) to step 20 (task 1: ${r.trace.steps[19].label}), where ${spans[0].outcomes[0]} fires: task 2's writes at steps 7 and 16 land between these steps.`,
    );
  });

  it('has no cause and no window with the fix on', () => {
    const fix = simulate('b_early_check');
    expect(fix.info.variant).toBe('b_early_check');
    expect(fix.causes).toEqual([]);
    expect(windowSpans(fix)).toEqual([]);
  });

  it('with three processes, the window is task 1’s 3 → 52 and the writes are task 2.1’s', () => {
    const r3 = simulate('a_vma_iter', { processes: 3 });
    const [span] = windowSpans(r3);
    expect([span.from, span.to]).toEqual([3, 52]);
    expect(windowWords(r3, timelineNames(r3.info), span)).toContain(
      "task 2.1's writes at steps 7 and 16 land between these steps.",
    );
  });
});
