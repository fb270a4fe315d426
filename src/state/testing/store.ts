/**
 * What the store's tests share: the default view of the default scenario as the spec gives it
 * (ksm-exit-race, the e-mail's interleaving), and loading a store to it. Test support only; the
 * page never imports it.
 */
import { expect } from 'vitest';
import { directClient } from '../direct-client.ts';
import type { LinkView } from '../link.ts';
import type { SimClient } from '../worker-client.ts';
import { createAppStore, type AppStore } from '../store/create.ts';
import { VARIANTS } from '../../core/testing/oracle-ksm-scaled.ts';

/** Liam Howlett's diagram run to completion: 1×3, 2×15, 1×12 (spec 6). */
export const EMAIL_TASKS = [1, 1, 1, ...Array<number>(15).fill(2), ...Array<number>(12).fill(1)];
export const DEFAULT_PARAMS = { processes: 1, rmap_nonempty: false, cursor: 0 };
export const DEFAULT_VIEW: LinkView = {
  scenario: 'ksm-exit-race',
  version: 1,
  params: DEFAULT_PARAMS,
  variant: 'a_vma_iter',
  tasks: EMAIL_TASKS,
  cursor: 0,
};
/** The spec's six variants, in its order. */
export const KSM_VARIANTS: readonly string[] = VARIANTS;

/** A store on the core (or `client`), opened at a link (empty: the default view). */
export async function loaded(fragment = '', client: SimClient = directClient()): Promise<AppStore> {
  const store = createAppStore(client);
  await store.getState().actions.openLink(fragment, 'load');
  return store;
}

/** Waits until no worker call is in flight. */
export async function settled(store: AppStore): Promise<void> {
  for (let i = 0; i < 200 && store.getState().sim.pending > 0; i++) {
    await new Promise((r) => setTimeout(r, 0));
  }
  expect(store.getState().sim.pending).toBe(0);
}
