/**
 * The Comlink side of the explorer worker. The page never runs the core on its own thread: every
 * simulation is a message to `src/worker/explorer.worker.ts`, which exposes `api` and nothing else.
 */
import { wrap, type Remote } from 'comlink';
import type { Api, SimulateRequest, SimulateResult } from '../worker/api.ts';

export type Simulate = (req: SimulateRequest) => Promise<SimulateResult>;

/** Spawns the worker on first use and returns a `simulate` that goes through it. */
export function workerSimulate(): Simulate {
  let remote: Remote<Api> | undefined;
  return (req) => {
    remote ??= wrap<Api>(
      new Worker(new URL('../worker/explorer.worker.ts', import.meta.url), {
        type: 'module',
        name: 'interleave-explorer',
      }),
    );
    return remote.simulate(req);
  };
}
