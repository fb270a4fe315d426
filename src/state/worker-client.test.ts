import { expose } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { api } from '../worker/api.ts';
import { requestOf } from './store/instance.ts';
import {
  createWorkerClient,
  ExploreCancelled,
  WorkerTimeout,
  type ExploreProgressInfo,
  type WorkerLike,
} from './worker-client.ts';
import { VARIANTS } from '../core/testing/oracle-ksm-scaled.ts';

/** Variant a of ksm-exit-race with its default parameters, as the store asks for it. */
const A = requestOf({
  id: 'ksm-exit-race',
  params: { processes: 1, rmap_nonempty: false, cursor: 0 },
  variant: 'a_vma_iter',
});
const EMAIL = [1, 1, 1, ...Array<number>(15).fill(2), ...Array<number>(12).fill(1)];
const VARIANT_IDS = VARIANTS;

/**
 * "Workers" on MessageChannels: Comlink's real protocol, the real api (or a stand-in), and a
 * terminate() that closes the channel. Records every spawn.
 */
function fakeWorkers(make: () => object = () => api) {
  const spawned: string[] = [];
  const spawn = (name: string): WorkerLike => {
    spawned.push(name);
    const { port1, port2 } = new MessageChannel();
    expose(make(), port1 as unknown as Parameters<typeof expose>[1]);
    const ep = port2 as MessagePort & { terminate(): void };
    ep.terminate = () => {
      port1.close();
      port2.close();
    };
    return ep as unknown as WorkerLike;
  };
  return { spawn, spawned };
}

describe('worker client', () => {
  it('answers every api call through Comlink, on two lazily spawned workers', async () => {
    const { spawn, spawned } = fakeWorkers();
    const client = createWorkerClient({ spawn });
    expect(spawned).toEqual([]);
    expect((await client.catalog()).map((c) => c.id)).toEqual([
      'ksm-exit-race',
      'ksm-oom-deadlock',
    ]);
    const info = await client.describe(A);
    expect(info.defaultTasks).toEqual(EMAIL);
    expect(info.variants.map((v) => v.id)).toEqual(VARIANT_IDS);
    const r = await client.simulate({ ...A, tasks: EMAIL, mode: 'strict' });
    expect(r.ok && r.trace.outcomes).toEqual(['LOCKDEP_SPLAT']);
    expect(r.ok && r.info).toEqual(info);
    const req = { ...A, tasks: EMAIL };
    expect((await client.dropTargets({ ...req, from: 18 }))[14].legal).toBe(false);
    expect((await client.moveTurn({ ...req, from: 18, to: 3 })).ok).toBe(true);
    expect((await client.chooseNext({ ...req, cursor: 3, task: 1 })).ok).toBe(true);
    expect(spawned).toEqual(['interleave-simulator']);
    const ex = await client.explore(req);
    expect(ex.summary.completeSchedules).toBe(51_327_549n);
    expect(ex.fates[14]).toBe('doomed');
    expect(spawned).toEqual(['interleave-simulator', 'interleave-explorer']);
  });

  it('rejects a request for an instance that does not exist with the core’s words', async () => {
    const { spawn } = fakeWorkers();
    const client = createWorkerClient({ spawn });
    await expect(
      client.describe({ scenario: 'ksm-exit-race', params: { processes: 9 } }),
    ).rejects.toThrow('processes=9 is not allowed: processes is a whole number from 1 to 4');
    // The worker survives it.
    expect((await client.describe(A)).id).toBe('ksm-exit-race');
  });

  it('explores every variant of another scenario under its parameters', async () => {
    const { spawn } = fakeWorkers();
    const client = createWorkerClient({ spawn });
    const all = await client.exploreAll({ scenario: 'ksm-oom-deadlock', params: { oom: 'waits' } });
    expect(all.map((r) => r.variant)).toEqual([
      'a_mutex_in_ksm_exit',
      'b_exit_mmap_handshake',
      'c_no_fault_checks',
      'd_ksm_exit_in_mmput',
      'e_down_read_in_mmput',
    ]);
    expect(all[0].summary.schedulesWith.DEADLOCK).toBe(120n);
  });

  it('throttles progress but always passes the last report on', async () => {
    const { spawn } = fakeWorkers();
    const client = createWorkerClient({ spawn, progressEveryMs: 60_000 });
    const seen: ExploreProgressInfo[] = [];
    const all = await client.exploreAll(A, (p) => seen.push(p));
    expect(all.map((r) => r.variant)).toEqual(VARIANT_IDS);
    // Comlink delivers callbacks asynchronously; let the last one land.
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([
      { done: 1, total: 6, states: 0 },
      { done: 6, total: 6, states: 0 },
    ]);
  });

  it('cancels an exploration by terminating its worker; the simulator is untouched', async () => {
    const { spawn, spawned } = fakeWorkers(() => ({
      ...api,
      explore: () => new Promise(() => {}), // never answers
    }));
    const client = createWorkerClient({ spawn });
    const req = { ...A, tasks: EMAIL };
    const sim = client.simulate({ ...req, mode: 'strict' });
    const pending = client.explore(req);
    client.cancelExplore();
    await expect(pending).rejects.toBeInstanceOf(ExploreCancelled);
    expect((await sim).ok).toBe(true);
    // The next exploration gets a fresh worker.
    void client.explore(req).catch(() => {});
    expect(spawned.filter((n) => n === 'interleave-explorer')).toHaveLength(2);
    client.cancelExplore();
  });

  it('turns a hung call into an error and a fresh worker', async () => {
    let calls = 0;
    const { spawn, spawned } = fakeWorkers(() => ({
      ...api,
      simulate: (req: Parameters<typeof api.simulate>[0]) =>
        ++calls === 1 ? new Promise(() => {}) : api.simulate(req),
    }));
    const client = createWorkerClient({ spawn, callTimeoutMs: 50 });
    const req = { ...A, tasks: EMAIL, mode: 'strict' as const };
    const hung = client.simulate(req);
    await expect(hung).rejects.toBeInstanceOf(WorkerTimeout);
    await expect(hung).rejects.toThrow(
      'the simulator did not answer a replay within 0.05 s; it has been restarted',
    );
    expect((await client.simulate(req)).ok).toBe(true);
    expect(spawned).toEqual(['interleave-simulator', 'interleave-simulator']);
  });
});
