/**
 * Build time only (vite.config.ts): opens the default view in a store on the core directly and
 * records the calls that made it, as the seed index.html carries (`seed.ts`). Never imported by
 * the page.
 */
import { directClient } from './direct-client.ts';
import { requestKey, type Seed, type SeedCall, type SeededMethod } from './seed.ts';
import { createAppStore } from './store/create.ts';
import type { SimClient } from './worker-client.ts';

/** The seed of the view an empty link opens. */
export async function recordFirstView(): Promise<Seed> {
  const direct = directClient();
  const calls = new Map<string, SeedCall>();
  const record =
    <R, T>(method: SeededMethod, ask: (req?: R) => Promise<T>) =>
    async (req?: R): Promise<T> => {
      const response = await ask(req);
      const request = method === 'catalog' ? null : req;
      calls.set(requestKey(method, request), { method, request, response });
      return response;
    };
  const client: SimClient = {
    ...direct,
    catalog: record('catalog', () => direct.catalog()),
    describe: record('describe', (req) => direct.describe(req!)),
    simulate: record('simulate', (req) => direct.simulate(req!)),
  };
  const store = createAppStore(client);
  await store.getState().actions.openLink('', 'load');
  if (store.getState().sim.result === null) throw new Error('the default view did not open');
  return { format: 1, calls: [...calls.values()] };
}
