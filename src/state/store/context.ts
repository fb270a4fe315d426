/**
 * What every group of verbs shares: the store's get/set, the core client, and request
 * sequencing. A scenario call's answer is applied only if no newer scenario call has started, so
 * a slow answer can never overwrite a newer choice.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { SimulateRequest, SimulateResult } from '../../worker/api.ts';
import type { SimClient } from '../worker-client.ts';
import type { AppState } from './slices.ts';
import { errorNotice } from './words.ts';

export interface StoreContext {
  readonly get: () => AppState;
  readonly set: StoreApi<AppState>['setState'];
  readonly core: SimClient;
  /** Runs follow-up work once the page has painted (tests: at once). */
  readonly afterPaint: (f: () => void) => void;
  /** Counts a worker call as in flight until it settles. */
  track<T>(p: Promise<T>): Promise<T>;
  /**
   * Numbers a scenario change that must ask the worker something before it can run; `run`
   * then applies its answer only if nothing newer started (`isLatest`).
   */
  begin(): number;
  isLatest(token: number): boolean;
  /**
   * Runs one simulation and applies `commit`'s patch, unless a newer scenario call started in
   * the meantime. Resolves true when the patch changed the result.
   */
  run(
    req: SimulateRequest,
    commit: (r: SimulateResult) => Partial<AppState> | null,
  ): Promise<boolean>;
}

export function createContext(
  get: () => AppState,
  set: StoreApi<AppState>['setState'],
  core: SimClient,
  afterPaint: (f: () => void) => void,
): StoreContext {
  let seq = 0;

  async function track<T>(p: Promise<T>): Promise<T> {
    set((s) => ({ sim: { ...s.sim, pending: s.sim.pending + 1 } }));
    try {
      return await p;
    } finally {
      set((s) => ({ sim: { ...s.sim, pending: s.sim.pending - 1 } }));
    }
  }

  async function run(
    req: SimulateRequest,
    commit: (r: SimulateResult) => Partial<AppState> | null,
  ): Promise<boolean> {
    const mine = ++seq;
    let patch: Partial<AppState> | null = null;
    try {
      const r = await track(core.simulate(req));
      if (mine === seq) patch = commit(r);
    } catch (e) {
      if (mine === seq) patch = { view: { ...get().view, notice: errorNotice(e) } };
    }
    set((s) => ({
      ...patch,
      sim: {
        ...(patch?.sim ?? s.sim),
        pending: s.sim.pending,
        requested: mine === seq ? null : s.sim.requested,
      },
    }));
    return patch?.sim !== undefined;
  }

  return {
    get,
    set,
    core,
    afterPaint,
    track,
    run,
    begin: () => ++seq,
    isLatest: (token) => token === seq,
  };
}
