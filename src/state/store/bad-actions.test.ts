import { describe, expect, it } from 'vitest';
import { api } from '../../worker/api.ts';
import { writeLink } from '../link.ts';
import { currentBad } from './bad-actions.ts';
import { linkViewOf } from './index.ts';
import { DEFAULT_VIEW, loaded, settled } from '../testing/store.ts';

const SPLAT = 'LOCKDEP_SPLAT';

async function explored() {
  const store = await loaded();
  await store.getState().actions.startExplore();
  await settled(store);
  return store;
}

describe('every bad schedule, browsable', () => {
  it('walks all the splat schedules, each once, each replaying to the splat', async () => {
    const store = await explored();
    const total = store.getState().explore.current!.summary.schedulesWith[SPLAT];
    expect(total).toBe(130n);
    const seen = new Set<string>();
    let first: bigint | null = null;
    for (let i = 0; i < Number(total); i++) {
      await store.getState().actions.stepBad(SPLAT, 1);
      const s = store.getState();
      const pick = currentBad(s)!;
      first ??= pick.k;
      expect(pick.total).toBe(total);
      seen.add(s.scenario.tasks.join(''));
      const r = s.sim.result!;
      expect(r.trace.outcomes).toContain(SPLAT);
      // The cursor is where the splat fires.
      expect(s.playback.cursor).toBe(r.facts.flags.find((f) => f.outcome === SPLAT)!.step);
    }
    expect(seen.size).toBe(130);
    // Around once more: back where the walk started.
    await store.getState().actions.stepBad(SPLAT, 1);
    expect(currentBad(store.getState())!.k).toBe(first);
  });

  it('starts from the current schedule’s own number, and goes back as well as forward', async () => {
    const store = await explored();
    const rank = api.rankOf({
      scenario: 'ksm-exit-race',
      params: { ...DEFAULT_VIEW.params, variant: DEFAULT_VIEW.variant },
      outcome: SPLAT,
      tasks: DEFAULT_VIEW.tasks,
    })!;
    expect(rank).not.toBeNull();
    await store.getState().actions.stepBad(SPLAT, -1);
    expect(currentBad(store.getState())!.k).toBe((rank - 1n + 130n) % 130n);
    await store.getState().actions.stepBad(SPLAT, 1);
    expect(currentBad(store.getState())!.k).toBe(rank);
    expect(store.getState().scenario.tasks).toEqual(DEFAULT_VIEW.tasks);
  });

  it('puts the exploration and the bad schedule in the link, and an edit ends the pick', async () => {
    const store = await explored();
    await store.getState().actions.showBad(SPLAT, 6n);
    const view = linkViewOf(store.getState());
    expect(view).toMatchObject({ explore: true, bad: { outcome: SPLAT, number: '7' } });
    await store.getState().actions.chooseNext(2);
    expect(currentBad(store.getState())).toBeNull();
    expect(linkViewOf(store.getState()).bad).toBeUndefined();
    expect(linkViewOf(store.getState()).explore).toBe(true);

    // The link opens the same view: explored, and that bad schedule.
    const again = await loaded(`#${writeLink(view)}`);
    await settled(again);
    expect(again.getState().explore.isOn).toBe(true);
    expect(currentBad(again.getState())).toMatchObject({ outcome: SPLAT, k: 6n, total: 130n });
    expect(again.getState().view.notice).toBeNull();
  });

  it('says so when a link’s schedule is not the bad schedule it names', async () => {
    const link = writeLink({
      ...DEFAULT_VIEW,
      explore: true,
      bad: { outcome: SPLAT, number: '1' },
    });
    const store = await loaded(`#${link}`);
    await settled(store);
    const rank = currentBad(store.getState());
    expect(rank).toBeNull();
    expect(store.getState().scenario.tasks).toEqual(DEFAULT_VIEW.tasks);
    expect(store.getState().view.notice?.lines[0]).toMatch(
      /^The link calls its schedule LOCKDEP_SPLAT schedule 1, but it is number \d+\.$/,
    );
  });

  it('states what all splat schedules share, in kernel words', async () => {
    const store = await explored();
    await store.getState().actions.loadShared(SPLAT);
    const words = store.getState().explore.shared[SPLAT];
    expect(words).toHaveProperty('sentences');
    const sentences = (words as { sentences: string[] }).sentences;
    expect(sentences.length).toBeGreaterThan(0);
    for (const s of sentences) expect(s).not.toMatch(/\bt[12]_/);
  });
});
