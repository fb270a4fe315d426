import { describe, expect, it } from 'vitest';
import { api } from '../../worker/api.ts';
import { cannotRunReason, outcomeAt, statusesAt } from '../derive.ts';
import { directClient } from '../direct-client.ts';
import { writeLink, type LinkView } from '../link.ts';
import { createAppStore, linkViewOf, shareFragment } from './index.ts';
import { COMPLETION_RULE } from './words.ts';
import { DEFAULT_PARAMS, DEFAULT_VIEW, EMAIL_TASKS, loaded, settled } from '../testing/store.ts';

/** The fragment a view is shared as. */
function viewFragment(view: LinkView): string {
  return `#${writeLink(view)}`;
}

const OOM_PARAMS = { oom: 'waits', exit: 'any' };
const FALLBACK = 'Showing the scenario’s own interleaving instead; nothing from the link was run.';

/** ksm-oom-deadlock without the fix, on its own default schedule, at the end. */
const OOM_VIEW: LinkView = {
  scenario: 'ksm-oom-deadlock',
  version: 1,
  params: OOM_PARAMS,
  variant: 'a_mutex_in_ksm_exit',
  tasks: [1, 1, 1, 1, 1, 1, 1, 2, 2, 2],
  cursor: 10,
};

describe('openLink: the default view', () => {
  it('opens ksm-exit-race under variant a on the e-mail interleaving, cursor at the start', async () => {
    const store = await loaded();
    const s = store.getState();
    expect(s.catalog.map((c) => c.id)).toEqual(['ksm-exit-race', 'ksm-oom-deadlock']);
    expect(linkViewOf(s)).toEqual(DEFAULT_VIEW);
    expect(s.scenario).toEqual({
      id: 'ksm-exit-race',
      params: DEFAULT_PARAMS,
      variant: 'a_vma_iter',
      tasks: EMAIL_TASKS,
    });
    const r = s.sim.result!;
    expect(r.info.defaultTasks).toEqual(EMAIL_TASKS);
    expect(r.trace.steps).toHaveLength(30);
    expect(r.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
    expect(s.playback.cursor).toBe(0);
    expect(s.sim.pending).toBe(0);
    expect(s.sim.requested).toBeNull();
    expect(s.view).toMatchObject({ notice: null, cause: 'load' });
    expect(s.history).toEqual({ past: [], future: [] });
    expect(s.compare).toEqual({ variant: null, result: null });
  });

  it('is what the core describes as the default scenario’s defaults', async () => {
    const store = await loaded();
    const info = api.describe({ scenario: 'ksm-exit-race', params: {} });
    expect(store.getState().sim.result!.info).toEqual(info);
    expect(store.getState().scenario.tasks).toEqual(info.defaultTasks);
  });
});

describe('openLink: links open strictly', () => {
  it('opens a shared link exactly', async () => {
    const view = { ...DEFAULT_VIEW, variant: 'e_ctl_no_exit_checks', cursor: 20 };
    const store = await loaded('#' + writeLink(view));
    expect(linkViewOf(store.getState())).toEqual(view);
    expect(store.getState().view.notice).toBeNull();
  });

  it('writes a fragment that opens the same view again', async () => {
    const first = await loaded();
    first.getState().actions.setCursor(12);
    await first.getState().actions.setParams({ rmap_nonempty: true });
    const again = await loaded(shareFragment(first.getState()));
    expect(linkViewOf(again.getState())).toEqual(linkViewOf(first.getState()));
    expect(again.getState().view.notice).toBeNull();
  });

  it('still opens a format-1 link with its toggles as the parameters they stand for', async () => {
    const store = await loaded(
      '#v=1&m=ksm-exit-race.1&var=b_early_check&t=rmap&s=1x3.2x15.1x12&c=7',
    );
    const s = store.getState();
    expect(s.view.notice).toBeNull();
    expect(s.scenario).toMatchObject({
      id: 'ksm-exit-race',
      params: { processes: 1, rmap_nonempty: true, cursor: 0 },
      variant: 'b_early_check',
    });
    expect(s.playback.cursor).toBe(7);
    expect(s.sim.result!.info.params.find((p) => p.name === 'rmap_nonempty')?.value).toBe(true);
  });

  it('opens a view of another scenario and instance exactly', async () => {
    const store = await loaded(viewFragment(OOM_VIEW));
    const s = store.getState();
    expect(linkViewOf(s)).toEqual(OOM_VIEW);
    expect(s.view.notice).toBeNull();
    const r = s.sim.result!;
    expect(r.info.id).toBe('ksm-oom-deadlock');
    expect(outcomeAt(r, 10)).toEqual(['DEADLOCK']);
    expect(statusesAt(r, 10).map((t) => t.kind)).toEqual(['blocked', 'blocked']);
    expect(cannotRunReason(r, 10, 2)).toMatch(/ksm_thread_mutex/);
  });

  it('opens a view with two processes: three lanes and the state of the second mm', async () => {
    const tasks = api.describe({
      scenario: 'ksm-exit-race',
      params: { processes: 2 },
    }).defaultTasks;
    const view: LinkView = {
      ...DEFAULT_VIEW,
      params: { ...DEFAULT_PARAMS, processes: 2 },
      tasks,
      cursor: 5,
    };
    const store = await loaded(viewFragment(view));
    expect(linkViewOf(store.getState())).toEqual(view);
    expect(store.getState().sim.result!.info.lanes.map((l) => l.key)).toEqual(['1', '2.1', '2.2']);
  });

  it('writes the link of another scenario that opens it again', async () => {
    const first = await loaded();
    await first.getState().actions.setScenario('ksm-oom-deadlock');
    await first.getState().actions.setParams({ exit: 'oom' });
    first.getState().actions.setCursor(3);
    const again = await loaded(shareFragment(first.getState()));
    expect(linkViewOf(again.getState())).toEqual(linkViewOf(first.getState()));
    expect(again.getState().scenario.params).toEqual({ oom: 'waits', exit: 'oom' });
    expect(again.getState().view.notice).toBeNull();
  });
});

describe('openLink: a bad link falls back, says why, and keeps what was fine', () => {
  it('falls back to the default view on a schedule it cannot replay', async () => {
    // Turn 4: task 1 waits for the spinlock task 2 took in turn 3.
    const store = await loaded('#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=2x3.1x1&c=2');
    const s = store.getState();
    expect(linkViewOf(s)).toEqual(DEFAULT_VIEW);
    expect(s.view.notice).toMatchObject({
      kind: 'link',
      title: 'This link could not be opened exactly as it was sent',
    });
    expect(s.view.notice!.lines.join(' ')).toMatch(/cannot be replayed/);
    expect(s.view.notice!.lines.at(-1)).toBe(FALLBACK);
  });

  it('keeps the variant of a link whose schedule is garbage', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=zzz&c=2');
    const s = store.getState();
    expect(s.scenario.variant).toBe('b_early_check');
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.playback.cursor).toBe(0);
    expect(s.view.notice?.kind).toBe('link');
    expect(s.view.notice?.lines[0]).toMatch(/schedule "zzz"/);
  });

  it('keeps the schedule and says which part was dropped when only the comparison is bad', async () => {
    const store = await loaded(
      '#v=1&m=ksm-exit-race.1&var=c_linked_list&t=none&s=1x3.2x12.1x12&cmp=zz&c=5',
    );
    const s = store.getState();
    expect(linkViewOf(s)).toEqual({
      ...DEFAULT_VIEW,
      variant: 'c_linked_list',
      tasks: [1, 1, 1, ...Array<number>(12).fill(2), ...Array<number>(12).fill(1)],
      cursor: 5,
    });
    expect(s.view.notice?.title).toBe('Part of this link could not be used');
    expect(s.view.notice?.lines[0]).toMatch(/"zz"/);
    expect(s.view.notice?.lines.at(-1)).toBe('The rest of the view is as the sender saw it.');
  });

  it('opens the default view for a format-1 link from a newer version of the scenario', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.9&var=b_early_check&t=none&s=1x3&c=2');
    expect(linkViewOf(store.getState())).toEqual(DEFAULT_VIEW);
    expect(store.getState().view.notice?.lines[0]).toMatch(/version 9.*newer than this page/);
  });

  it('names an unknown model of a format-1 link', async () => {
    const store = await loaded('#v=1&m=nope.1&var=a_vma_iter&t=none&s=1x3&c=0');
    expect(linkViewOf(store.getState())).toEqual(DEFAULT_VIEW);
    expect(store.getState().view.notice?.kind).toBe('link');
    expect(store.getState().view.notice?.lines[0]).toMatch(/"nope"/);
  });

  it('names an unknown scenario and opens the library’s default view', async () => {
    const store = await loaded(viewFragment({ ...DEFAULT_VIEW, scenario: 'ksm-nope' }));
    const s = store.getState();
    expect(linkViewOf(s)).toEqual(DEFAULT_VIEW);
    expect(s.view.notice).toEqual({
      kind: 'link',
      title: 'This link could not be opened exactly as it was sent',
      lines: [
        'The link is for the model "ksm-nope", which this page does not have (it has ksm-exit-race, ksm-oom-deadlock).',
        FALLBACK,
      ],
    });
  });

  it('names a parameter out of range, takes its default and keeps the rest', async () => {
    const store = await loaded(
      viewFragment({
        ...DEFAULT_VIEW,
        params: { processes: 9, rmap_nonempty: true, cursor: 0 },
        variant: 'b_early_check',
        cursor: 6,
      }),
    );
    const s = store.getState();
    expect(linkViewOf(s)).toEqual({
      ...DEFAULT_VIEW,
      params: { ...DEFAULT_PARAMS, rmap_nonempty: true },
      variant: 'b_early_check',
      cursor: 6,
    });
    expect(s.view.notice).toEqual({
      kind: 'link',
      title: 'Part of this link could not be used',
      lines: [
        'The parameter processes:9 is not allowed (processes is a whole number from 1 to 4).',
        'The rest of the view is as the sender saw it.',
      ],
    });
  });

  it('names a parameter out of range of another scenario and stays in that scenario', async () => {
    const store = await loaded(
      viewFragment({ ...OOM_VIEW, params: { ...OOM_PARAMS, oom: 'sometimes' } }),
    );
    const s = store.getState();
    expect(linkViewOf(s)).toEqual(OOM_VIEW);
    expect(s.view.notice?.lines[0]).toBe(
      'The parameter oom:sometimes is not allowed (oom is one of waits, skips).',
    );
  });

  it('names a parameter the scenario does not have', async () => {
    const store = await loaded(
      viewFragment({ ...DEFAULT_VIEW, params: { ...DEFAULT_PARAMS, bogus: 1 }, cursor: 3 }),
    );
    expect(linkViewOf(store.getState())).toEqual({ ...DEFAULT_VIEW, cursor: 3 });
    expect(store.getState().view.notice?.lines[0]).toBe(
      'The parameter "bogus" is not one of the model\'s parameters (processes, rmap_nonempty, cursor).',
    );
  });

  it('names a task the instance does not have and opens its own interleaving', async () => {
    const store = await loaded(viewFragment({ ...DEFAULT_VIEW, tasks: [1, 1, 1, 3], cursor: 2 }));
    expect(linkViewOf(store.getState())).toEqual(DEFAULT_VIEW);
    expect(store.getState().view.notice?.lines).toEqual([
      'The schedule "1x3.3x1" names a task the model does not have (tasks are 1 and 2).',
      FALLBACK,
    ]);
  });

  it('completes a schedule that runs as given but stops early, and says so', async () => {
    // The e-mail's 30 turns under two processes: task 2.2 never ran, so the run is not over.
    const store = await loaded(
      viewFragment({ ...DEFAULT_VIEW, params: { ...DEFAULT_PARAMS, processes: 2 }, cursor: 20 }),
    );
    const s = store.getState();
    expect(s.scenario.params.processes).toBe(2);
    expect(s.scenario.tasks.slice(0, 30)).toEqual(DEFAULT_VIEW.tasks);
    expect(s.scenario.tasks.length).toBeGreaterThan(30);
    // By the completion rule: the first task in lane order that can move, turn by turn.
    expect(s.sim.result!.trace.complete).toBe(true);
    expect(s.playback.cursor).toBe(20);
    expect(s.view.notice?.title).toBe('This link’s schedule was completed');
    expect(s.view.notice?.lines).toEqual([
      `The link gives 30 turns, after which a task can still move; ${s.scenario.tasks.length - 30} turns were added: ${COMPLETION_RULE}.`,
    ]);
  });

  it('completes a one-turn prefix by the completion rule', async () => {
    const store = await loaded(viewFragment({ ...DEFAULT_VIEW, tasks: [2], cursor: 1 }));
    const tasks = store.getState().scenario.tasks;
    // Task 2 dropped mm_users; from there the first task in lane order that can move runs:
    // task 1 to its end (it never waits: task 2 holds nothing), then task 2 to its end.
    const ones = tasks.slice(1).findIndex((t) => t !== 1) + 1;
    expect(tasks[0]).toBe(2);
    expect(tasks.slice(1, ones).every((t) => t === 1)).toBe(true);
    expect(tasks.slice(ones).every((t) => t === 2)).toBe(true);
    expect(store.getState().sim.result!.trace.complete).toBe(true);
    expect(store.getState().view.notice?.lines[0]).toMatch(
      /^The link gives 1 turn, after which a task can still move; \d+ turns were added/,
    );
  });

  it('still refuses a schedule with a turn that cannot run', async () => {
    // Task 1's fourth turn waits for the spinlock task 2 holds after its third.
    const store = await loaded(
      viewFragment({ ...DEFAULT_VIEW, tasks: [2, 2, 2, 1, 1, 1, 1], cursor: 2 }),
    );
    expect(linkViewOf(store.getState())).toEqual(DEFAULT_VIEW);
    expect(store.getState().view.notice?.lines).toEqual([
      expect.stringMatching(/^The schedule cannot be replayed: turn 4: task 1 is waiting in /),
      FALLBACK,
    ]);
  });

  it('refuses a view for another version of the scenario', async () => {
    const store = await loaded(
      viewFragment({ ...DEFAULT_VIEW, variant: 'b_early_check', version: 9 }),
    );
    expect(linkViewOf(store.getState())).toEqual(DEFAULT_VIEW);
    expect(store.getState().view.notice?.lines[0]).toBe(
      "The link is for version 9 of the model, newer than this page's version 1.",
    );
  });
});

describe('openLink: the comparison and the history', () => {
  it('opens a comparison from a link', async () => {
    const store = await loaded('#' + writeLink({ ...DEFAULT_VIEW, compare: 'b_early_check' }));
    await settled(store);
    const s = store.getState();
    expect(s.compare.variant).toBe('b_early_check');
    expect(s.compare.result?.trace.outcomes).toEqual(['CLEAN']);
    expect(linkViewOf(s).compare).toBe('b_early_check');
  });

  it('a load replaces the comparison and the undo history; back and forward keep the comparison', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    await actions.setVariant('c_linked_list');
    expect(store.getState().history.past).toHaveLength(1);
    actions.setCompare('b_early_check');
    await settled(store);

    await actions.openLink(
      writeLink({ ...DEFAULT_VIEW, variant: 'd_early_plus_inloop' }),
      'history',
    );
    expect(store.getState().compare.variant).toBe('b_early_check');
    expect(store.getState().view.cause).toBe('history');

    await actions.openLink(writeLink(DEFAULT_VIEW), 'load');
    expect(store.getState().compare.variant).toBeNull();
    expect(store.getState().history).toEqual({ past: [], future: [] });
    expect(store.getState().view.cause).toBe('load');
  });

  it('opens nothing and says so when the simulator cannot list the scenarios', async () => {
    const store = createAppStore({
      ...directClient(),
      catalog: () => Promise.reject(new Error('the worker is gone')),
    });
    await store.getState().actions.openLink('', 'load');
    const s = store.getState();
    expect(s.sim.result).toBeNull();
    expect(s.sim.pending).toBe(0);
    expect(s.view.notice).toMatchObject({
      kind: 'error',
      title: 'The simulator stopped unexpectedly',
      lines: ['The worker is gone.'],
    });
  });
});
