/**
 * Keeps the address bar equal to the view (STYLE.md, URL): read on load and on popstate, write
 * from a store subscription. Scenario changes made with the controls (variant, toggles, every
 * edit of the schedule, undo and redo) push a history entry, so back/forward walk through them;
 * the store maps a step back onto its undo stack. Cursor moves and the comparison replace the
 * current entry (cursor moves are coalesced, since Chrome throttles more than ~100 history
 * writes per 10 s).
 *
 * Also publishes the idle signal end-to-end tests and benchmarks wait on:
 * `<html data-idle="true">` when the page has painted, no worker call is in flight and the URL
 * is up to date.
 */
import { writeLink } from './link.ts';
import { linkViewOf, type AppState, type AppStore } from './store/index.ts';

const CURSOR_WRITE_DELAY_MS = 120;

function scenarioPart(fragment: string): string {
  return fragment
    .replace(/^#/, '')
    .split('&')
    .filter((p) => !p.startsWith('c=') && !p.startsWith('cmp='))
    .join('&');
}

export interface UrlSync {
  isIdle(): boolean;
  /** The page calls this once it has painted its first view; idle waits for it. */
  markRendered(): void;
  stop(): void;
}

/** How the first view is chosen on load (src/state/persist.ts restores a saved session). */
export interface LoadHooks {
  /** The fragment to open on load, given the URL's. */
  initialFragment?(hash: string): string;
  /** Runs once the first view is open. */
  afterLoad?(): void;
}

export function startUrlSync(
  store: AppStore,
  win: Window = window,
  hooks: LoadHooks = {},
): UrlSync {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rendered = false;
  const root = win.document.documentElement;

  const idle = () => {
    const { sim } = store.getState();
    return rendered && sim.result !== null && sim.pending === 0 && timer === undefined;
  };
  const publishIdle = () => {
    const v = String(idle());
    if (root.dataset.idle !== v) root.dataset.idle = v;
  };

  const write = (s: AppState) => {
    timer = undefined;
    if (!s.sim.result) return;
    const target = `#${writeLink(linkViewOf(s))}`;
    const current = win.location.hash;
    if (target === current) return;
    const url = `${win.location.pathname}${win.location.search}${target}`;
    if (s.view.cause === 'user' && scenarioPart(target) !== scenarioPart(current)) {
      win.history.pushState(null, '', url);
    } else {
      win.history.replaceState(null, '', url);
    }
  };

  const unsubscribe = store.subscribe((s, prev) => {
    const scenarioChanged =
      s.scenario !== prev.scenario ||
      s.sim.result !== prev.sim.result ||
      s.compare.variant !== prev.compare.variant;
    const cursorChanged = s.playback.cursor !== prev.playback.cursor;
    if (scenarioChanged) {
      if (timer !== undefined) clearTimeout(timer);
      write(s);
    } else if (cursorChanged && timer === undefined) {
      timer = setTimeout(() => {
        write(store.getState());
        publishIdle();
      }, CURSOR_WRITE_DELAY_MS);
    }
    publishIdle();
  });

  const onPop = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    void store.getState().actions.openLink(win.location.hash, 'history');
  };
  win.addEventListener('popstate', onPop);

  const first = hooks.initialFragment?.(win.location.hash) ?? win.location.hash;
  void store
    .getState()
    .actions.openLink(first, 'load')
    .then(() => hooks.afterLoad?.());
  publishIdle();

  return {
    isIdle: idle,
    markRendered() {
      rendered = true;
      publishIdle();
    },
    stop() {
      unsubscribe();
      win.removeEventListener('popstate', onPop);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
