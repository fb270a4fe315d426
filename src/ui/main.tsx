/**
 * Entry point. The store starts first, from a small chunk; React and the page load in a second
 * chunk. The default view is answered from the seed the build wrote into index.html
 * (src/state/seed.ts), so it paints without the worker; the workers start after that first
 * paint. Any other view (a link, a saved session) overlaps the worker's replay with React's
 * loading instead of queueing them (bench/page.bench.ts measures the first render).
 */
import {
  createAppStore,
  createWorkerClient,
  decodeSeed,
  SEED_ELEMENT_ID,
  seededClient,
  startPersistence,
  startUrlSync,
  type AppStore,
  type SimClient,
} from '../state/index.ts';

declare global {
  interface Window {
    /** For end-to-end tests and benchmarks: the store and the idle signal. */
    __interleave?: {
      store: AppStore;
      idle: () => boolean;
      /** A fresh store on the same workers, with no page attached (bulk link tests). */
      createStore: () => AppStore;
      /** Fault injection into the workers, for the fault tests. */
      injectFault: NonNullable<SimClient['injectFault']>;
    };
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to mount into');

// `?worker-limit-ms=N` shortens the simulator's per-call time limit (15 s), for fault tests.
const limit = Number(new URLSearchParams(window.location.search).get('worker-limit-ms'));
const workers = createWorkerClient(limit > 0 ? { callTimeoutMs: limit } : {});
const client = seededClient(
  workers,
  decodeSeed(document.getElementById(SEED_ELEMENT_ID)?.textContent),
);
// After the frame that paints an edit: a task queued from requestAnimationFrame runs after paint.
const afterPaint = (f: () => void) => requestAnimationFrame(() => setTimeout(f, 0));
const store = createAppStore(client, { afterPaint });
/** Local storage, or null where the browser refuses it (private modes, sandboxed frames). */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
const sync = startUrlSync(store, window, startPersistence(store, localStorageOrNull()));
window.__interleave = {
  store,
  idle: sync.isIdle,
  createStore: () => createAppStore(client),
  injectFault: (lane, fault) => client.injectFault?.(lane, fault),
};

const onFirstPaint = () => {
  workers.warm?.();
  sync.markRendered();
};
void import('./mount.tsx').then(({ mount }) => mount(container, store, onFirstPaint));
