import { describe, expect, it } from 'vitest';
import { builtinLibrary, explore } from '../core/index.ts';
import { api } from '../worker/api.ts';
import { encode } from '../url/share.ts';
import { cannotRunReason, divergenceOf, fateTurns, outcomeAt } from './derive.ts';
import { directClient } from './direct-client.ts';
import {
  changedAt,
  EMAIL_TASKS,
  paramsOf,
  rawValues,
  SCENARIO,
  stateAt,
  VARIANT_IDS,
} from './ksm-bridge.ts';
import {
  createAppStore,
  DEFAULT_VIEW,
  defaultComparison,
  describeRepair,
  REPAIR_RULE,
  shareViewOf,
  type AppStore,
} from './store.ts';
import { ExploreCancelled, WorkerTimeout, type SimClient } from './worker-client.ts';

const LINKS_EMAIL = '#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=0';

/** The real core, called directly instead of through the worker. */
const simulate = async (req: Parameters<typeof api.simulate>[0]) => api.simulate(req);

async function loaded(fragment = '') {
  const store = createAppStore(simulate);
  await store.getState().actions.openLink(fragment, 'load');
  return store;
}

describe('store', () => {
  it('opens on the e-mail interleaving under variant a, cursor at the start', async () => {
    const store = await loaded();
    const s = store.getState();
    expect(EMAIL_TASKS.join('')).toBe('111' + '2'.repeat(15) + '1'.repeat(12));
    expect(shareViewOf(s)).toEqual(DEFAULT_VIEW);
    expect(s.sim.result?.trace.steps).toHaveLength(30);
    expect(s.sim.pending).toBe(0);
    expect(s.view.notice).toBeNull();
  });

  it('steps within 0…n and derives the state, changes and outcome at the cursor', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.stepBack();
    expect(store.getState().playback.cursor).toBe(0);
    actions.setCursor(4);
    const r = store.getState().sim.result!;
    expect(rawValues(stateAt(r, 4))).toMatchObject({ mm_users: '0', mm_count: '2' });
    expect([...changedAt(r, 4)]).toContain('mmUsers');
    expect(outcomeAt(r, 19)).toEqual(['RUNNING']);
    expect(outcomeAt(r, 20)).toEqual(['LOCKDEP_SPLAT']);
    expect(rawValues(stateAt(r, 16))).toMatchObject({ mt_flags: '0x0', mmap_writer: 'true' });
    actions.lastStep();
    expect(store.getState().playback.cursor).toBe(30);
    actions.stepForward();
    expect(store.getState().playback.cursor).toBe(30);
    actions.firstStep();
    expect(store.getState().playback.cursor).toBe(0);
  });

  it('plays to the end and stops; play at the end starts over', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    actions.setCursor(28);
    actions.togglePlay();
    expect(store.getState().playback.playing).toBe(true);
    actions.tick();
    actions.tick();
    expect(store.getState().playback).toMatchObject({ cursor: 30, playing: false });
    actions.togglePlay();
    expect(store.getState().playback).toMatchObject({ cursor: 0, playing: true });
    actions.pause();
    expect(store.getState().playback.playing).toBe(false);
  });

  it('the early-check switch keeps the interleaving and ends CLEAN', async () => {
    const store = await loaded();
    store.getState().actions.setCursor(20);
    await store.getState().actions.setEarlyCheck(true);
    const s = store.getState();
    expect(s.scenario.variant).toBe('b_early_check');
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.view.notice).toBeNull();
    expect(s.view.cause).toBe('user');
    expect(s.playback.cursor).toBe(20);
    expect(s.sim.result!.trace.steps[19].stepId).toBe('t1_early_test_exit');
    expect(outcomeAt(s.sim.result!, 30)).toEqual(['CLEAN']);
  });

  it('says which turns no longer apply under another variant', async () => {
    const store = await loaded();
    store.getState().actions.lastStep();
    await store.getState().actions.setVariant('c_linked_list');
    const s = store.getState();
    expect(s.sim.result!.trace.steps).toHaveLength(27);
    expect(s.playback.cursor).toBe(27);
    expect(s.view.notice?.kind).toBe('variant');
    expect(s.view.notice?.lines[0]).toBe(
      'Turns 16–18 (task 2) no longer apply: task 2 has finished.',
    );
  });

  it('describes repairs in words', () => {
    expect(
      describeRepair(
        [
          { position: 4, task: 1, reason: 'task 1 has finished' },
          { position: 9, task: 2, reason: 'r' },
          { position: 10, task: 2, reason: 'r' },
        ],
        1,
      ),
    ).toEqual([
      'Turn 5 (task 1) no longer applies: task 1 has finished.',
      'Turns 10–11 (task 2) no longer apply: r.',
      '1 turn added at the end, in task order, to run the schedule to completion.',
    ]);
  });

  it('opens a shared link exactly', async () => {
    const view = { ...DEFAULT_VIEW, variant: 'e_ctl_no_exit_checks' as const, cursor: 20 };
    const store = await loaded('#' + encode(view));
    expect(shareViewOf(store.getState())).toEqual(view);
    expect(store.getState().view.notice).toBeNull();
  });

  it('falls back to the default view on a link it cannot replay, and says why', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x1&c=2');
    const s = store.getState();
    expect(shareViewOf(s)).toEqual(DEFAULT_VIEW);
    expect(s.view.notice?.kind).toBe('link');
    expect(s.view.notice?.lines.join(' ')).toMatch(/cannot be replayed/);
  });

  it('keeps the variant of a link whose schedule is garbage', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=zzz&c=2');
    const s = store.getState();
    expect(s.scenario.variant).toBe('b_early_check');
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.playback.cursor).toBe(0);
    expect(s.view.notice?.lines[0]).toMatch(/schedule "zzz"/);
  });

  it('opens the default view for a link from a newer model', async () => {
    const store = await loaded('#v=1&m=ksm-exit-race.9&var=b_early_check&t=none&s=1x3&c=2');
    expect(shareViewOf(store.getState())).toEqual(DEFAULT_VIEW);
    expect(store.getState().view.notice?.lines[0]).toMatch(/newer than this page/);
  });

  it('shows a requested variant at once and commits it with its result', async () => {
    const store = await loaded();
    const done = store.getState().actions.setEarlyCheck(true);
    expect(store.getState().sim.requested?.variant).toBe('b_early_check');
    expect(store.getState().scenario.variant).toBe('a_vma_iter');
    await done;
    expect(store.getState().sim.requested).toBeNull();
    expect(store.getState().scenario.variant).toBe('b_early_check');
  });

  it('applies only the newest of two overlapping scenario changes', async () => {
    const store = await loaded();
    const { actions } = store.getState();
    const a = actions.setVariant('c_linked_list');
    const b = actions.setVariant('b_early_check');
    await Promise.all([a, b]);
    expect(store.getState().scenario.variant).toBe('b_early_check');
    expect(store.getState().sim.pending).toBe(0);
  });
});

// --- editing, undo, exploration, comparison (issue 5) ---------------------------------------

/** Lets the store's follow-up calls (fates, comparison) finish. */
async function settled(store: AppStore): Promise<void> {
  for (let i = 0; i < 200 && store.getState().sim.pending > 0; i++) {
    await new Promise((r) => setTimeout(r, 0));
  }
  expect(store.getState().sim.pending).toBe(0);
}

async function edited(fragment = '') {
  const store = createAppStore(directClient());
  await store.getState().actions.openLink(fragment, 'load');
  return store;
}

const MOVED = [1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

describe('store: reordering', () => {
  it('a legal drop yields a new complete schedule and says what the repair changed', async () => {
    const store = await edited();
    const { actions } = store.getState();
    actions.setCursor(7);
    expect(await actions.moveEvent(18, 3)).toBe(true);
    const s = store.getState();
    expect(s.scenario.tasks.slice(0, MOVED.length)).toEqual(MOVED);
    expect(s.sim.result!.trace.complete).toBe(true);
    expect(s.sim.result!.trace.steps[3].stepId).toBe('t1_mmap_read_lock');
    expect(s.sim.result!.trace.outcomes).toEqual(['CLEAN']);
    expect(s.playback.cursor).toBe(7);
    expect(s.view.notice).toMatchObject({
      kind: 'edit',
      title: 'Moved step 19, mmap_read_lock(mm) (task 1), to step 4',
    });
    expect(s.view.notice!.note).toBe(REPAIR_RULE);
    expect(s.view.notice!.lines.at(-1)).toBe(
      'The 31-step schedule now ends CLEAN (before: LOCKDEP_SPLAT).',
    );
    expect(s.history.past).toHaveLength(1);
    expect(s.history.past[0].snapshot).toEqual({ ...DEFAULT_VIEW, cursor: 7 });
    expect(s.view.cause).toBe('user');
  });

  it('an illegal drop changes nothing and gives the core’s reason', async () => {
    const store = await edited();
    expect(await store.getState().actions.moveEvent(18, 14)).toBe(false);
    const s = store.getState();
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
    const store = await edited();
    expect(await store.getState().actions.moveEvent(18, 19)).toBe(false);
    expect(store.getState().view.notice?.lines[0]).toMatch(
      /^mmap_read_lock\(mm\) cannot move past .* \(step 20\): task 1's own steps keep their order\.$/,
    );
  });

  it('asks the worker once per drag for every drop place', async () => {
    const store = await edited();
    const drag = store.getState().actions.startDrag(18);
    expect(store.getState().view.drag).toEqual({ from: 18, targets: null });
    await drag;
    const targets = store.getState().view.drag!.targets!;
    expect(targets).toHaveLength(30);
    expect(targets[3]).toEqual({ to: 3, legal: true });
    expect(targets[14].legal).toBe(false);
    store.getState().actions.cancelDrag();
    expect(store.getState().view.drag).toBeNull();
  });

  it('"run task N next" rewrites the schedule from the cursor and steps past it', async () => {
    const store = await edited();
    const { actions } = store.getState();
    actions.setCursor(3);
    expect(await actions.chooseNext(1)).toBe(true);
    let s = store.getState();
    expect(s.scenario.tasks.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(s.playback.cursor).toBe(4);
    expect(s.sim.result!.trace.steps[3].stepId).toBe('t1_mmap_read_lock');
    expect(s.view.notice?.title).toBe('Task 1 runs step 4');
    // Task 2 is already next: running it is just a step forward.
    const before = s.scenario.tasks;
    expect(before[4]).toBe(2);
    expect(await actions.chooseNext(2)).toBe(false);
    s = store.getState();
    expect(s.scenario.tasks).toBe(before);
    expect(s.playback.cursor).toBe(5);
    expect(s.history.past).toHaveLength(1);
  });

  it('"run task N next" is refused with the reason when the task is blocked or done', async () => {
    const store = await edited();
    const { actions } = store.getState();
    actions.setCursor(14); // task 2 holds mmap_lock for writing; task 1 waits for it
    expect(cannotRunReason(store.getState().sim.result!, 14, 1)).toBe(
      'task 1 waits in mmap_read_lock(mm) for mmap_lock, which task 2 holds for writing',
    );
    expect(await actions.chooseNext(1)).toBe(false);
    expect(store.getState().view.notice?.kind).toBe('refused');
    expect(store.getState().view.notice?.lines[0]).toMatch(/task 2 holds mmap_lock for writing/);
    actions.lastStep();
    expect(cannotRunReason(store.getState().sim.result!, 30, 2)).toBe('task 2 has finished');
  });
});

describe('store: undo and redo', () => {
  it('undoes and redoes every schedule change, restoring the cursor', async () => {
    const store = await edited();
    const { actions } = store.getState();
    actions.setCursor(5);
    await actions.moveEvent(18, 3);
    const moved = store.getState().scenario.tasks;
    actions.setCursor(9);
    await actions.setVariant('c_linked_list');
    expect(store.getState().history.past.map((e) => e.label)).toEqual([
      'move mmap_read_lock(mm) from step 19 to step 4',
      'switch to variant c',
    ]);

    await actions.undo();
    let s = store.getState();
    expect(s.scenario.variant).toBe('a_vma_iter');
    expect(s.scenario.tasks).toEqual(moved);
    expect(s.playback.cursor).toBe(9);
    expect(s.view.notice?.title).toBe('Undone: switch to variant c');
    await actions.undo();
    s = store.getState();
    expect(shareViewOf(s)).toEqual({ ...DEFAULT_VIEW, cursor: 5 });
    expect(s.history).toMatchObject({ past: [], future: [{}, {}] });
    await actions.undo(); // nothing left: a no-op
    expect(store.getState().scenario.tasks).toEqual(EMAIL_TASKS);

    await actions.redo();
    expect(store.getState().scenario.tasks).toEqual(moved);
    await actions.redo();
    expect(store.getState().scenario.variant).toBe('c_linked_list');
    expect(store.getState().history.future).toHaveLength(0);

    await actions.undo();
    await actions.setToggles({ rmapNonempty: true }); // a new change forgets the redo stack
    expect(store.getState().history.future).toHaveLength(0);
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('maps browser back and forward onto the undo stack', async () => {
    const store = await edited();
    const { actions } = store.getState();
    const start = encode(shareViewOf(store.getState()));
    await actions.moveEvent(18, 3);
    const after = encode(shareViewOf(store.getState()));
    await actions.openLink(start, 'history');
    let s = store.getState();
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.history.past).toHaveLength(0);
    expect(s.history.future).toHaveLength(1);
    await actions.openLink(after, 'history');
    s = store.getState();
    expect(s.history.past).toHaveLength(1);
    expect(s.history.future).toHaveLength(0);
  });
});

describe('store: exploration', () => {
  it('counts exactly what the core counts, for this variant and all six', async () => {
    const store = await edited();
    await store.getState().actions.startExplore();
    await settled(store);
    const s = store.getState();
    expect(s.explore.status).toBe('done');
    for (const r of [s.explore.current!, ...s.explore.all!]) {
      const direct = explore(
        builtinLibrary().instance(SCENARIO, paramsOf(r.variant, DEFAULT_VIEW.toggles)),
      );
      expect(direct.ok && direct.exploration.summary).toEqual(r.summary);
    }
    expect(s.explore.all!.map((r) => r.variant)).toEqual(VARIANT_IDS);
    expect(s.explore.current!.summary.completeSchedules).toBe(51_327_549n);
    expect(s.explore.current!.summary.schedulesWith.LOCKDEP_SPLAT).toBe(130n);
  });

  it('shades the e-mail’s schedule: open through step 13, doomed from step 14', async () => {
    const store = await edited();
    await store.getState().actions.startExplore();
    await settled(store);
    const s = store.getState();
    expect(s.explore.fatesFor).toBe(s.sim.result);
    const fates = s.explore.current!.fates;
    expect(fates).toHaveLength(31);
    expect(fates.slice(0, 14).every((f) => f === 'open')).toBe(true);
    expect(fates.slice(14).every((f) => f === 'doomed')).toBe(true);
    expect(fateTurns(fates)).toEqual({ doomedFrom: 14, safeFrom: null });
  });

  it('follows every schedule change with fresh fates', async () => {
    const store = await edited();
    await store.getState().actions.startExplore();
    await settled(store);
    await store.getState().actions.moveEvent(18, 3);
    await settled(store);
    const s = store.getState();
    expect(s.explore.fatesFor).toBe(s.sim.result);
    expect(s.explore.current!.fates).toHaveLength(s.sim.result!.trace.steps.length + 1);
    expect(s.explore.current!.fates.at(-1)).toBe('safe');
    await store.getState().actions.setVariant('b_early_check');
    await settled(store);
    expect(store.getState().explore.current!.variant).toBe('b_early_check');
    expect(store.getState().explore.current!.fates.every((f) => f === 'safe')).toBe(true);
  });

  it('loads the shortest witness, completed, with the cursor on the outcome step', async () => {
    const store = await edited();
    const { actions } = store.getState();
    await actions.startExplore();
    await settled(store);
    const witness = store.getState().explore.current!.summary.shortestWitness.LOCKDEP_SPLAT;
    expect(witness).toHaveLength(19);
    await actions.loadWitness('LOCKDEP_SPLAT');
    const s = store.getState();
    const r = s.sim.result!;
    expect(r.trace.steps.slice(0, 19).map((x) => x.stepId)).toEqual(witness);
    expect(r.trace.complete).toBe(true);
    expect(s.playback.cursor).toBe(19);
    expect(outcomeAt(r, 19)).toEqual(['LOCKDEP_SPLAT']);
    expect(outcomeAt(r, 18)).toEqual(['RUNNING']);
    expect(s.view.notice?.title).toBe(
      'The shortest LOCKDEP_SPLAT schedule: LOCKDEP_SPLAT at step 19',
    );
    expect(s.history.past.at(-1)?.label).toBe('load the shortest LOCKDEP_SPLAT schedule');
  });

  it('cancels by stopping the worker, and can start again', async () => {
    let release: (() => void) | undefined;
    const client: SimClient = {
      ...directClient(),
      explore: () =>
        new Promise((_, reject) => {
          release = () => reject(new ExploreCancelled());
        }),
      cancelExplore: () => release?.(),
    };
    const store = createAppStore(client);
    await store.getState().actions.openLink('', 'load');
    void store.getState().actions.startExplore();
    expect(store.getState().explore.status).toBe('running');
    expect(store.getState().explore.progress).toEqual({ done: 0, total: 7, states: 0 });
    store.getState().actions.cancelExplore();
    await settled(store);
    expect(store.getState().explore).toMatchObject({ status: 'cancelled', isOn: false });
    expect(store.getState().explore.current).toBeNull();
  });

  it('turns a failed exploration into a visible error', async () => {
    const client: SimClient = {
      ...directClient(),
      explore: () => Promise.reject(new WorkerTimeout('the exploration', 120_000)),
    };
    const store = createAppStore(client);
    await store.getState().actions.openLink('', 'load');
    await store.getState().actions.startExplore();
    expect(store.getState().explore).toMatchObject({
      status: 'error',
      isOn: false,
      error: 'the simulator did not answer the exploration within 120 s; it has been restarted',
    });
  });
});

describe('store: comparison', () => {
  it('runs the same task choices under the second variant and finds the divergence', async () => {
    const store = await edited(LINKS_EMAIL);
    store.getState().actions.setCompare('b_early_check');
    await settled(store);
    const s = store.getState();
    expect(s.compare.variant).toBe('b_early_check');
    const other = s.compare.result!;
    expect(other.tasks).toEqual(EMAIL_TASKS);
    expect(other.trace.outcomes).toEqual(['CLEAN']);
    expect(divergenceOf(s.sim.result!, other)).toBe(19);
    expect(encode(shareViewOf(s))).toContain('&cmp=b_early_check&c=0');

    store.getState().actions.setCompare('e_ctl_no_exit_checks');
    await settled(store);
    expect(divergenceOf(store.getState().sim.result!, store.getState().compare.result!)).toBe(null);
    store.getState().actions.setCompare('c_linked_list');
    await settled(store);
    expect(divergenceOf(store.getState().sim.result!, store.getState().compare.result!)).toBe(10);
  });

  it('pairs the bug with the fix by default and never compares a variant with itself', async () => {
    expect(defaultComparison('a_vma_iter')).toBe('b_early_check');
    expect(defaultComparison('b_early_check')).toBe('a_vma_iter');
    const store = await edited();
    store.getState().actions.setCompare('a_vma_iter');
    expect(store.getState().compare.variant).toBeNull();
    store.getState().actions.setCompare('b_early_check');
    await store.getState().actions.setVariant('b_early_check');
    await settled(store);
    expect(store.getState().compare.variant).toBe('a_vma_iter');
    expect(store.getState().compare.result?.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
  });

  it('opens a comparison from a link', async () => {
    const store = await edited(`#${encode({ ...DEFAULT_VIEW, compare: 'b_early_check' })}`);
    await settled(store);
    expect(store.getState().compare.result?.trace.outcomes).toEqual(['CLEAN']);
  });
});
