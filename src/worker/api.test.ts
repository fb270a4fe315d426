/**
 * The worker API, called directly and through Comlink over Node's MessageChannel, so the shell
 * the page talks to is tested without a browser.
 */
import { expose, proxy, wrap } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TOGGLES } from '../core/index.ts';
import { api, type Api } from './api.ts';

const EMAIL_TASKS = [1, 1, 1, ...Array(15).fill(2), ...Array(12).fill(1)];

describe('worker api', () => {
  it('simulates the e-mail schedule strictly and repairs it under c', () => {
    const a = api.simulate({
      variant: 'a_vma_iter',
      toggles: DEFAULT_TOGGLES,
      tasks: EMAIL_TASKS,
      mode: 'strict',
    });
    expect(a.ok && a.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
    expect(a.ok && a.facts.flags).toEqual([{ outcome: 'LOCKDEP_SPLAT', step: 20, task: 1 }]);
    const c = api.simulate({
      variant: 'c_linked_list',
      toggles: DEFAULT_TOGGLES,
      tasks: EMAIL_TASKS,
      mode: 'repair',
    });
    expect(c.ok && c.tasks.length).toBe(27);
    expect(c.ok && c.skipped.map((s) => s.position)).toEqual([15, 16, 17]);
    const strictC = api.simulate({
      variant: 'c_linked_list',
      toggles: DEFAULT_TOGGLES,
      tasks: EMAIL_TASKS,
      mode: 'strict',
    });
    expect(strictC.ok).toBe(false);
  });

  it('refuses an incomplete schedule in strict mode', () => {
    const r = api.simulate({
      variant: 'a_vma_iter',
      toggles: DEFAULT_TOGGLES,
      tasks: [1, 1],
      mode: 'strict',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toContain('a task can still move');
  });

  it('explores with fates along the schedule', () => {
    const r = api.explore({ variant: 'a_vma_iter', toggles: DEFAULT_TOGGLES, tasks: EMAIL_TASKS });
    expect(r.summary.schedulesWith.LOCKDEP_SPLAT).toBe(130n);
    expect(r.fates).toHaveLength(31);
    expect(r.fates[0]).toBe('open');
    expect(r.fates[30]).toBe('doomed');
    // The splat is sealed at step 14: task 2 holds mmap_lock for writing in exit_mmap() while
    // task 1 waits to take it for reading, so __mt_destroy() must come before task 1's walk.
    expect(r.fates.indexOf('doomed')).toBe(14);
    expect(r.fates[13]).toBe('open');
  });
});

describe('through comlink', () => {
  const { port1, port2 } = new MessageChannel();
  expose(api, port1 as never);
  const remote = wrap<Api>(port2 as never);
  afterAll(() => {
    port1.close();
    port2.close();
  });

  it('returns the same trace as a direct call', async () => {
    const req = {
      variant: 'b_early_check',
      toggles: DEFAULT_TOGGLES,
      tasks: EMAIL_TASKS,
      mode: 'strict',
    } as const;
    expect(await remote.simulate(req)).toEqual(api.simulate(req));
  });

  it('streams exploration progress through a proxied callback', async () => {
    const seen: number[] = [];
    const r = await remote.exploreAll(
      { rmapNonempty: true, cursorAtSlot: false },
      proxy((done: number) => void seen.push(done)),
    );
    expect(r.map((x) => x.variant)).toHaveLength(6);
    // Callback messages travel on their own channel; wait for them to arrive.
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3, 4, 5, 6]));
  });
});
