import { describe, expect, it } from 'vitest';
import { cannotRunReason } from '../derive.ts';
import { directClient } from '../direct-client.ts';
import { writeLink } from '../link.ts';
import { linkViewOf, REPAIR_RULE, shareFragment } from './index.ts';
import { DEFAULT_PARAMS, DEFAULT_VIEW, EMAIL_TASKS, loaded } from '../testing/store.ts';

/** The e-mail interleaving with task 1's mmap_read_lock (step 19) moved to step 4. */
const MOVED = [1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

describe('moving a step', () => {
  it('a legal drop yields a new complete schedule and says what the repair changed', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(7);
    expect(await actions.moveEvent(18, 3)).toBe(true);
    const s = store.getState();
    const r = s.sim.result!;
    expect(s.scenario.tasks.slice(0, MOVED.length)).toEqual(MOVED);
    expect(r.trace.complete).toBe(true);
    expect(r.trace.steps[3].stepId).toBe('t1_mmap_read_lock');
    expect(r.trace.outcomes).toEqual(['CLEAN']);
    expect(s.playback.cursor).toBe(7);
    expect(s.view.notice).toMatchObject({
      kind: 'edit',
      title: 'Moved step 19, mmap_read_lock(mm) (task 1), to step 4',
      note: REPAIR_RULE,
    });
    expect(s.view.notice!.lines.at(-1)).toBe(
      'The 31-step schedule now ends CLEAN (before: LOCKDEP_SPLAT).',
    );
    expect(s.history.past).toEqual([
      {
        snapshot: {
          id: 'ksm-exit-race',
          params: DEFAULT_PARAMS,
          variant: 'a_vma_iter',
          tasks: EMAIL_TASKS,
          cursor: 7,
        },
        label: 'move mmap_read_lock(mm) from step 19 to step 4',
      },
    ]);
    expect(s.view.cause).toBe('user');
  });

  it('an illegal drop changes nothing and gives the core’s reason', async () => {
    const store = await loaded();
    const before = store.getState().sim.result;
    expect(await store.getState().actions.moveEvent(18, 14)).toBe(false);
    const s = store.getState();
    expect(s.sim.result).toBe(before);
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.history.past).toHaveLength(0);
    expect(s.view.notice).toEqual({
      kind: 'refused',
      title: 'Step 19 cannot move to step 15',
      lines: [
        'mmap_read_lock(mm) cannot run here: task 2 holds mmap_lock for writing from step 14 to step 17.',
        'The schedule is unchanged.',
      ],
    });
  });

  it('a step cannot pass a step of its own task', async () => {
    const store = await loaded();
    expect(await store.getState().actions.moveEvent(18, 19)).toBe(false);
    expect(store.getState().view.notice?.lines[0]).toMatch(
      /^mmap_read_lock\(mm\) cannot move past .* \(step 20\): task 1's own steps keep their order\.$/,
    );
  });

  it('a drop on its own place changes nothing and says nothing', async () => {
    const store = await loaded();
    const before = store.getState();
    expect(await before.actions.moveEvent(5, 5)).toBe(false);
    expect(store.getState().sim.result).toBe(before.sim.result);
    expect(store.getState().view.notice).toBeNull();
  });

  it('asks the worker once per drag for every drop place', async () => {
    const store = await loaded();
    const drag = store.getState().actions.startDrag(18);
    expect(store.getState().view.drag).toEqual({ from: 18, targets: null });
    await drag;
    const targets = store.getState().view.drag!.targets!;
    expect(targets).toHaveLength(30);
    expect(targets[3]).toEqual({ to: 3, legal: true });
    expect(targets[14].legal).toBe(false);
    store.getState().actions.cancelDrag();
    expect(store.getState().view.drag).toBeNull();
    await store.getState().actions.startDrag(30); // past the last step: no drag
    expect(store.getState().view.drag).toBeNull();
  });

  it('a drop ends the drag', async () => {
    const store = await loaded();
    await store.getState().actions.startDrag(18);
    await store.getState().actions.moveEvent(18, 3);
    expect(store.getState().view.drag).toBeNull();
  });

  it('reports a simulator failure during an edit and keeps the schedule', async () => {
    const store = await loaded('', {
      ...directClient(),
      moveTurn: () => Promise.reject(new Error('the worker crashed')),
    });
    expect(await store.getState().actions.moveEvent(18, 3)).toBe(false);
    const s = store.getState();
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.sim.pending).toBe(0);
    expect(s.view.notice).toMatchObject({
      kind: 'error',
      lines: ['The worker crashed.', expect.any(String)],
    });
  });

  it('says so when an edit’s schedule cannot be replayed', async () => {
    const base = directClient();
    let isStrictBroken = false;
    const store = await loaded('', {
      ...base,
      simulate: async (req) =>
        isStrictBroken && req.mode === 'strict'
          ? { ok: false, problem: { kind: 'blocked', position: 3, message: 'turn 4 cannot run' } }
          : base.simulate(req),
    });
    isStrictBroken = true;
    expect(await store.getState().actions.moveEvent(18, 3)).toBe(false);
    const s = store.getState();
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.history.past).toHaveLength(0);
    expect(s.view.notice).toEqual({
      kind: 'error',
      title: 'The edit could not be replayed',
      lines: ['Turn 4 cannot run.', 'The schedule is unchanged.'],
    });
  });
});

describe('choosing the next task', () => {
  it('"run task N next" rewrites the schedule from the cursor and steps past it', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(3);
    expect(await actions.chooseNext(1)).toBe(true);
    let s = store.getState();
    expect(s.scenario.tasks.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(s.playback.cursor).toBe(4);
    expect(s.sim.result!.trace.steps[3].stepId).toBe('t1_mmap_read_lock');
    expect(s.view.notice?.title).toBe('Task 1 runs step 4');
    expect(s.history.past.at(-1)?.label).toBe('run task 1 at step 4');
    // Task 2 is already next: running it is just a step forward.
    const before = s.scenario.tasks;
    expect(before[4]).toBe(2);
    expect(await actions.chooseNext(2)).toBe(false);
    s = store.getState();
    expect(s.scenario.tasks).toBe(before);
    expect(s.playback.cursor).toBe(5);
    expect(s.history.past).toHaveLength(1);
  });

  it('is refused with the reason when the task is blocked or done', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(14); // task 2 holds mmap_lock for writing; task 1 waits for it
    expect(cannotRunReason(store.getState().sim.result!, 14, 1)).toBe(
      'task 1 is waiting in mmap_read_lock(mm): mm->mmap_lock is held by task 2 (for writing)',
    );
    expect(await actions.chooseNext(1)).toBe(false);
    expect(store.getState().view.notice).toMatchObject({
      kind: 'refused',
      title: 'Task 1 cannot run next at step 15',
    });
    expect(store.getState().view.notice?.lines[0]).toMatch(/task 2 holds mmap_lock for writing/);
    actions.lastStep();
    expect(cannotRunReason(store.getState().sim.result!, 30, 2)).toBe('task 2 has finished');
    expect(await actions.chooseNext(2)).toBe(false);
    expect(store.getState().view.notice?.title).toBe('Task 2 cannot run next at step 31');
  });

  it('names the tasks of two processes by their lanes', async () => {
    const store = await loaded();
    await store.getState().actions.setParams({ processes: 2 });
    const { actions } = store.getState();
    expect(await actions.chooseNext(3)).toBe(true);
    let s = store.getState();
    expect(s.scenario.tasks[0]).toBe(3);
    expect(s.view.notice?.title).toBe('Task 2.2 runs step 1');
    expect(s.history.past.at(-1)?.label).toBe('run task 2.2 at step 1');
    actions.lastStep();
    expect(await actions.chooseNext(2)).toBe(false);
    s = store.getState();
    expect(s.view.notice?.title).toBe(`Task 2.1 cannot run next at step ${s.playback.cursor + 1}`);
    expect(s.view.notice?.lines[0]).toBe('Task 2.1 has finished.');
  });
});

describe('undo and redo', () => {
  it('undoes and redoes every schedule change, restoring the cursor, with labels', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(5);
    await actions.moveEvent(18, 3);
    const moved = store.getState().scenario.tasks;
    actions.setCursor(9);
    await actions.setVariant('c_linked_list');
    expect(store.getState().history.past.map((e) => e.label)).toEqual([
      'move mmap_read_lock(mm) from step 19 to step 4',
      'switch to variant c_linked_list',
    ]);

    await actions.undo();
    let s = store.getState();
    expect(s.scenario.variant).toBe('a_vma_iter');
    expect(s.scenario.tasks).toEqual(moved);
    expect(s.playback.cursor).toBe(9);
    expect(s.view.notice).toEqual({
      kind: 'edit',
      title: 'Undone: switch to variant c_linked_list',
      lines: [],
    });
    expect(s.history.future.map((e) => e.label)).toEqual(['switch to variant c_linked_list']);
    await actions.undo();
    s = store.getState();
    expect(linkViewOf(s)).toEqual({ ...DEFAULT_VIEW, cursor: 5 });
    expect(s.history.past).toEqual([]);
    expect(s.history.future.map((e) => e.label)).toEqual([
      'switch to variant c_linked_list',
      'move mmap_read_lock(mm) from step 19 to step 4',
    ]);
    const result = s.sim.result;
    await actions.undo(); // nothing left: a no-op
    expect(store.getState().sim.result).toBe(result);

    await actions.redo();
    s = store.getState();
    expect(s.scenario.tasks).toEqual(moved);
    expect(s.view.notice?.title).toBe('Redone: move mmap_read_lock(mm) from step 19 to step 4');
    await actions.redo();
    expect(store.getState().scenario.variant).toBe('c_linked_list');
    expect(store.getState().history.future).toHaveLength(0);
    await actions.redo(); // nothing left: a no-op
    expect(store.getState().scenario.variant).toBe('c_linked_list');

    await actions.undo();
    await actions.setParams({ rmap_nonempty: true }); // a new change forgets the redo stack
    expect(store.getState().history.future).toHaveLength(0);
    expect(store.getState().history.past.map((e) => e.label)).toEqual([
      'move mmap_read_lock(mm) from step 19 to step 4',
      'set rmap_nonempty = true',
    ]);
  });

  it('undoes a change of the number of processes, lanes and all', async () => {
    const store = await loaded();
    await store.getState().actions.setParams({ processes: 2 });
    expect(store.getState().sim.result!.info.lanes).toHaveLength(3);
    await store.getState().actions.undo();
    const s = store.getState();
    expect(s.scenario).toEqual({
      id: 'ksm-exit-race',
      params: DEFAULT_PARAMS,
      variant: 'a_vma_iter',
      tasks: EMAIL_TASKS,
    });
    expect(s.sim.result!.info.lanes).toHaveLength(2);
    expect(s.history.future.map((e) => e.label)).toEqual(['set processes = 2']);
  });

  it('maps browser back and forward onto the undo stack', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    const start = shareFragment(store.getState());
    await actions.moveEvent(18, 3);
    const after = shareFragment(store.getState());
    await actions.openLink(start, 'history');
    let s = store.getState();
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.view.cause).toBe('history');
    expect(s.history.past).toHaveLength(0);
    expect(s.history.future.map((e) => e.label)).toEqual([
      'move mmap_read_lock(mm) from step 19 to step 4',
    ]);
    await actions.openLink(after, 'history');
    s = store.getState();
    expect(s.scenario.tasks.slice(0, MOVED.length)).toEqual(MOVED);
    expect(s.history.past.map((e) => e.label)).toEqual([
      'move mmap_read_lock(mm) from step 19 to step 4',
    ]);
    expect(s.history.future).toHaveLength(0);
  });

  it('records a jump through the browser history to an unrelated page as a change', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    await actions.openLink(writeLink({ ...DEFAULT_VIEW, variant: 'b_early_check' }), 'history');
    expect(store.getState().history.past).toEqual([
      {
        snapshot: {
          id: 'ksm-exit-race',
          params: DEFAULT_PARAMS,
          variant: 'a_vma_iter',
          tasks: EMAIL_TASKS,
          cursor: 0,
        },
        label: 'a page from the browser history',
      },
    ]);
  });
});
