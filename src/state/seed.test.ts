import { describe, expect, it } from 'vitest';
import { directClient } from './direct-client.ts';
import { decodeSeed, encodeSeed, requestKey, seededClient, type Seed } from './seed.ts';
import { recordFirstView } from './seed-record.ts';
import { DEFAULT_VIEW, loaded } from './testing/store.ts';
import type { SimClient } from './worker-client.ts';

/** A client whose every call fails: anything the seed does not answer shows up as an error. */
function refusingClient(): SimClient & { asked: string[] } {
  const asked: string[] = [];
  const refuse = (what: string) => () => {
    asked.push(what);
    return Promise.reject(new Error(`${what} reached the worker`));
  };
  return {
    asked,
    catalog: refuse('catalog'),
    describe: refuse('describe'),
    simulate: refuse('simulate'),
    moveTurn: refuse('moveTurn'),
    dropTargets: refuse('dropTargets'),
    chooseNext: refuse('chooseNext'),
    diagram: refuse('diagram'),
    readDiagram: refuse('readDiagram'),
    fixDiff: refuse('fixDiff'),
    badSchedule: refuse('badSchedule'),
    rankOf: refuse('rankOf'),
    sharedOrderings: refuse('sharedOrderings'),
    explore: refuse('explore'),
    exploreAll: refuse('exploreAll'),
    cancelExplore: () => {},
  };
}

/** What a person sees of a store: the view, the run and any notice. */
function viewOf(store: Awaited<ReturnType<typeof loaded>>) {
  const s = store.getState();
  return {
    scenario: s.scenario,
    cursor: s.playback.cursor,
    result: s.sim.result,
    notice: s.view.notice,
    catalog: s.catalog,
  };
}

describe('the first-view seed', () => {
  it('opens the default view with no call reaching the worker, equal to the core’s', async () => {
    const seed = decodeSeed(encodeSeed(await recordFirstView()));
    expect(seed).not.toBeNull();
    const worker = refusingClient();
    const seeded = await loaded('', seededClient(worker, seed));
    expect(worker.asked).toEqual([]);
    const direct = await loaded('');
    expect(viewOf(seeded)).toEqual(viewOf(direct));
    // The spec's default view, so the seed is not merely equal to itself.
    expect(seeded.getState().scenario.tasks).toEqual(DEFAULT_VIEW.tasks);
  });

  it('sends every other request to the worker', async () => {
    const seed = await recordFirstView();
    const worker = refusingClient();
    const client = seededClient(worker, seed);
    const simulated = seed.calls.find((c) => c.method === 'simulate')!.request as Parameters<
      SimClient['simulate']
    >[0];
    await expect(
      client.simulate({ ...simulated, tasks: simulated.tasks.slice(1) }),
    ).rejects.toThrow('simulate reached the worker');
    await expect(
      client.describe({ ...simulated, params: { ...simulated.params, variant: 'other' } }),
    ).rejects.toThrow('describe reached the worker');
    expect(worker.asked).toEqual(['simulate', 'describe']);
  });

  it('answers a fresh copy each time', async () => {
    const client = seededClient(refusingClient(), await recordFirstView());
    const a = await client.catalog();
    const b = await client.catalog();
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  it('matches a request whatever the order of its keys', () => {
    expect(requestKey('describe', { scenario: 'x', params: { a: 1, b: true } })).toBe(
      requestKey('describe', { params: { b: true, a: 1 }, scenario: 'x' }),
    );
    expect(requestKey('describe', { scenario: 'x', params: { a: 1 } })).not.toBe(
      requestKey('describe', { scenario: 'x', params: { a: 2 } }),
    );
  });

  it('survives embedding in HTML, and anything else is no seed', () => {
    const seed: Seed = {
      format: 1,
      calls: [{ method: 'catalog', request: null, response: ['</script><b>'] }],
    };
    const text = encodeSeed(seed);
    expect(text).not.toContain('<');
    expect(decodeSeed(text)).toEqual(seed);
    for (const bad of [
      '',
      'not json',
      '{"format":2,"calls":[]}',
      '{"format":1}',
      '{"format":1,"calls":[{"method":"explore","response":1}]}',
    ])
      expect(decodeSeed(bad)).toBeNull();
    const plain = directClient();
    expect(seededClient(plain, null)).toBe(plain);
  });
});
