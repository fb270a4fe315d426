import { describe, expect, it } from 'vitest';
import { api } from '../../worker/api.ts';
import { linkViewOf } from './index.ts';
import { DEFAULT_VIEW, EMAIL_TASKS, loaded } from '../testing/store.ts';

describe('diagrams: copy a schedule out, paste it back in', () => {
  it('opens the schedule a copied diagram draws', async () => {
    const store = await loaded();
    const text = await store.getState().actions.diagramText();
    // The e-mail's interleaving, one line per step plus the header and banners.
    expect(text.split('\n').length).toBeGreaterThan(30);
    await store.getState().actions.chooseNext(2);
    expect(store.getState().scenario.tasks).not.toEqual(EMAIL_TASKS);
    expect(await store.getState().actions.openDiagram(text)).toBe(true);
    expect(linkViewOf(store.getState())).toEqual({ ...DEFAULT_VIEW, cursor: 30 });
    // Undo returns to the schedule before the paste.
    await store.getState().actions.undo();
    expect(store.getState().scenario.tasks).not.toEqual(EMAIL_TASKS);
  });

  it('completes a diagram that stops early, and says so', async () => {
    const store = await loaded();
    const text = (await store.getState().actions.diagramText()).split('\n').slice(0, 4).join('\n');
    expect(await store.getState().actions.openDiagram(text)).toBe(true);
    const s = store.getState();
    expect(s.scenario.tasks.slice(0, 3)).toEqual([1, 1, 1]);
    expect(s.sim.result!.trace.complete).toBe(true);
    expect(s.playback.cursor).toBe(3);
    expect(s.view.notice?.title).toBe('The pasted diagram’s schedule was completed');
    expect(s.view.notice?.lines[0]).toMatch(/^The link gives 3 turns|^The diagram gives 3 turns/);
  });

  it('refuses a diagram with a mistake, naming the line, and keeps the schedule', async () => {
    const store = await loaded();
    const lines = (await store.getState().actions.diagramText()).split('\n');
    lines[2] = 'spin_lokc(&ksm_mmlist_lock)';
    expect(await store.getState().actions.openDiagram(lines.join('\n'))).toBe(false);
    const s = store.getState();
    expect(s.scenario.tasks).toEqual(EMAIL_TASKS);
    expect(s.view.notice?.kind).toBe('refused');
    expect(s.view.notice?.title).toBe('This diagram could not be opened');
    expect(s.view.notice?.lines[0]).toMatch(/^Line 3: (?!line)/);
    expect(s.view.notice?.lines.at(-1)).toBe('The schedule is unchanged.');
  });

  it('fetches the fix as a diff once per instance', async () => {
    const store = await loaded();
    await store.getState().actions.loadFixDiff();
    const diff = store.getState().fix.diff!;
    const want = api.fixDiff({ scenario: 'ksm-exit-race', params: {} })!;
    expect(diff).toEqual(want);
    expect(
      Object.values(diff.tasks)
        .flat()
        .some((l) => l.kind === 'added'),
    ).toBe(true);
    expect(
      Object.values(diff.tasks)
        .flat()
        .some((l) => l.kind === 'removed'),
    ).toBe(true);
    const before = store.getState().fix;
    await store.getState().actions.loadFixDiff();
    expect(store.getState().fix).toBe(before);
  });
});
