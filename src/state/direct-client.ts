/**
 * A `SimClient` that calls the core on the current thread: for store tests and Node scripts,
 * never for the page (it would block the main thread). Not exported from `index.ts` so that the
 * page's bundle does not pull the core in through it.
 */
import { api } from '../worker/api.ts';
import type { SimClient } from './worker-client.ts';

export function directClient(): SimClient {
  return {
    catalog: async () => api.catalog(),
    describe: async (req) => api.describe(req),
    simulate: async (req) => api.simulate(req),
    moveTurn: async (req) => api.moveTurn(req),
    dropTargets: async (req) => api.dropTargets(req),
    chooseNext: async (req) => api.chooseNext(req),
    diagram: async (req) => api.diagram(req),
    readDiagram: async (req) => api.readDiagram(req),
    fixDiff: async (req) => api.fixDiff(req),
    badSchedule: async (req) => api.badSchedule(req),
    rankOf: async (req) => api.rankOf(req),
    sharedOrderings: async (req) => api.sharedOrderings(req),
    explore: async (req, onProgress) =>
      api.explore(req, onProgress && ((p) => onProgress({ done: 0, total: 1, ...p }))),
    exploreAll: async (req, onProgress) =>
      api.exploreAll(req, onProgress && ((done, total) => onProgress({ done, total, states: 0 }))),
    cancelExplore() {
      // Calls here finish before they return; there is nothing in flight to stop.
    },
  };
}
