/**
 * The first view, answered before the simulator starts. At build time the store opens the
 * default view once against the core (`seed-record.ts`), and the calls it made with their
 * answers are written into index.html as a JSON data block. On load, `seededClient` answers
 * exactly those calls from it, so the default view paints without waiting for the worker, and
 * the worker's script is fetched after the first paint (`warm`). Any other call, or a call whose
 * request differs in any way (a link, a saved session), goes to the worker as before.
 *
 * The seed is a memo of pure functions of their requests, made by the same core at every build,
 * so it cannot disagree with what the worker would answer; `seed.test.ts` checks that.
 */
import type { SimClient } from './worker-client.ts';

/** The calls a seed can answer: the ones opening a view makes. */
export type SeededMethod = 'catalog' | 'describe' | 'simulate';

export interface SeedCall {
  readonly method: SeededMethod;
  readonly request: unknown;
  readonly response: unknown;
}

export interface Seed {
  /** Bump when the shape of a call or an answer changes; an unknown version is ignored. */
  readonly format: 1;
  readonly calls: readonly SeedCall[];
}

/** The id of the data block in index.html. */
export const SEED_ELEMENT_ID = 'first-view';

/** A request's identity: JSON with object keys sorted, so key order cannot hide a match. */
export function requestKey(method: SeededMethod, request: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, sorted(o[k])]),
      );
    }
    return v;
  };
  return `${method} ${JSON.stringify(sorted(request ?? null))}`;
}

/**
 * The seed as the text of a `<script type="application/json">` block. `<` is escaped so that no
 * string in it can close the element.
 */
export function encodeSeed(seed: Seed): string {
  return JSON.stringify(seed).replace(/</g, '\\u003c');
}

/** Reads a seed from its block's text; null for anything that is not a format-1 seed. */
export function decodeSeed(text: string | null | undefined): Seed | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Seed>;
    if (v.format !== 1 || !Array.isArray(v.calls)) return null;
    const isCall = (c: Partial<SeedCall>) =>
      (c.method === 'catalog' || c.method === 'describe' || c.method === 'simulate') &&
      'response' in c;
    return v.calls.every(isCall) ? (v as Seed) : null;
  } catch {
    return null;
  }
}

/**
 * `client`, with the seed's calls answered from the seed (each answer is a fresh copy, as a
 * worker's structured clone would be). `warm()` starts the worker without waiting for a call.
 */
export function seededClient(client: SimClient, seed: Seed | null): SimClient {
  if (seed === null) return client;
  const answers = new Map(seed.calls.map((c) => [requestKey(c.method, c.request), c.response]));
  function answer<T>(method: SeededMethod, request: unknown, ask: () => Promise<T>): Promise<T> {
    const key = requestKey(method, request);
    if (!answers.has(key)) return ask();
    return Promise.resolve(structuredClone(answers.get(key)) as T);
  }
  return {
    ...client,
    catalog: () => answer('catalog', null, () => client.catalog()),
    describe: (req) => answer('describe', req, () => client.describe(req)),
    simulate: (req) => answer('simulate', req, () => client.simulate(req)),
  };
}
