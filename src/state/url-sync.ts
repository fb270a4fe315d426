/**
 * Keeps the address bar equal to the view (STYLE.md, URL): read on load and on popstate, write
 * from a store subscription. Scenario changes made with the controls (variant, toggles, every
 * edit of the schedule, undo and redo) push a history entry, so back/forward walk through them;
 * the store maps a step back onto its undo stack. Cursor moves and the comparison replace the
 * current entry. Every write is made at once, since a reload reloads the URL the address bar holds
 * when it starts: nothing the page does after that, not even on `pagehide`, changes what comes
 * back. Browsers ignore or refuse history writes past a rate (Chromium: 200 in 10 s; WebKit: 100
 * in 30 s), so the page keeps to 90 in any 30 s: past that, cursor moves wait for the oldest write
 * to leave the window and are written as one, the latest (holding → or Play at 8 steps/s gets there;
 * stepping by hand seldom does). A write still waiting when the page is hidden or left is
 * flushed then (the saved session, src/state/persist.ts, flushes likewise and is what a reopened
 * tab shows).
 *
 * Also publishes the idle signal end-to-end tests and benchmarks wait on:
 * `<html data-idle="true">` when the page has painted, no worker call is in flight and the URL
 * is up to date.
 */
import { writeLink } from './link.ts';
import { linkViewOf, type AppState, type AppStore } from './store/index.ts';

/** History writes allowed in any window of `WRITE_WINDOW_MS` (under WebKit's 100 in 30 s). */
export const WRITE_BUDGET = 90;
export const WRITE_WINDOW_MS = 30_000;

function scenarioPart(fragment: string): string {
  return fragment
    .replace(/^#/, '')
    .split('&')
    .filter((p) => !/^(c|cmp|x|b)=/.test(p))
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
  /** When the history writes of the last WRITE_WINDOW_MS were made, oldest first. */
  const written: number[] = [];
  /** Set while a cursor move waits for room in the window (`isCursorPending`). */
  let waiting: ReturnType<typeof setTimeout> | undefined;
  let isCursorPending = false;
  let rendered = false;
  const root = win.document.documentElement;

  const idle = () => {
    const { sim } = store.getState();
    return rendered && sim.result !== null && sim.pending === 0 && !isCursorPending;
  };
  const publishIdle = () => {
    const v = String(idle());
    if (root.dataset.idle !== v) root.dataset.idle = v;
  };

  const write = (s: AppState) => {
    isCursorPending = false;
    if (!s.sim.result) return;
    const target = `#${writeLink(linkViewOf(s))}`;
    const current = win.location.hash;
    if (target === current) return;
    const url = `${win.location.pathname}${win.location.search}${target}`;
    written.push(Date.now());
    if (s.view.cause === 'user' && scenarioPart(target) !== scenarioPart(current)) {
      win.history.pushState(null, '', url);
    } else {
      win.history.replaceState(null, '', url);
    }
  };
  /** Milliseconds until the window has room for another write (0: now). */
  const untilRoom = () => {
    const now = Date.now();
    while (written.length > 0 && written[0] <= now - WRITE_WINDOW_MS) written.shift();
    return written.length < WRITE_BUDGET ? 0 : written[0] + WRITE_WINDOW_MS - now;
  };
  const stopWaiting = () => {
    if (waiting !== undefined) clearTimeout(waiting);
    waiting = undefined;
  };
  const writeCursor = () => {
    if (waiting !== undefined) {
      isCursorPending = true;
      return;
    }
    const wait = untilRoom();
    if (wait === 0) {
      write(store.getState());
      return;
    }
    isCursorPending = true;
    waiting = setTimeout(() => {
      waiting = undefined;
      if (isCursorPending) writeCursor();
      publishIdle();
    }, wait);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    const scenarioChanged =
      s.scenario !== prev.scenario ||
      s.sim.result !== prev.sim.result ||
      s.compare.variant !== prev.compare.variant ||
      s.explore.isOn !== prev.explore.isOn ||
      s.explore.bad !== prev.explore.bad;
    const cursorChanged = s.playback.cursor !== prev.playback.cursor;
    if (scenarioChanged) {
      write(s);
    } else if (cursorChanged) {
      writeCursor();
    }
    publishIdle();
  });

  const onPop = () => {
    stopWaiting();
    isCursorPending = false;
    void store.getState().actions.openLink(win.location.hash, 'history');
  };
  win.addEventListener('popstate', onPop);
  // `pagehide` covers a closed tab and navigating away; `visibilitychange` to hidden is the last
  // event a mobile browser reliably fires before it discards a tab in the background.
  const flush = () => {
    if (!isCursorPending) return;
    stopWaiting();
    write(store.getState());
    publishIdle();
  };
  const onVisibility = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.addEventListener('pagehide', flush);
  win.document.addEventListener('visibilitychange', onVisibility);

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
      win.removeEventListener('pagehide', flush);
      win.document.removeEventListener('visibilitychange', onVisibility);
      stopWaiting();
    },
  };
}
