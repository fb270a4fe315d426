/**
 * Keeps the address bar equal to the view (STYLE.md, URL): read on load and on popstate, write
 * from a store subscription. Scenario changes made with the controls (variant, toggles, every
 * edit of the schedule, undo and redo) push a history entry, so back/forward walk through them;
 * the store maps a step back onto its undo stack. Cursor moves and the comparison replace the
 * current entry. Cursor moves are throttled, since Chrome throttles a page that writes history
 * more than ~100 times per 10 s: the first move is written at once, and moves within the next
 * 120 ms are coalesced into one write at its end (at most ~80 writes per 10 s). At once, because a
 * reload reloads the URL the address bar holds when it starts; nothing the page does after that,
 * not even on `pagehide`, changes what comes back. A coalesced write still pending when the page
 * is hidden or left is flushed then (the saved session, src/state/persist.ts, flushes likewise and
 * is what a reopened tab shows).
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
  /** Runs for 120 ms after a cursor write; moves meanwhile wait for it (`isCursorPending`). */
  let cooldown: ReturnType<typeof setTimeout> | undefined;
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
    if (s.view.cause === 'user' && scenarioPart(target) !== scenarioPart(current)) {
      win.history.pushState(null, '', url);
    } else {
      win.history.replaceState(null, '', url);
    }
  };
  const stopCooldown = () => {
    if (cooldown !== undefined) clearTimeout(cooldown);
    cooldown = undefined;
  };
  const writeCursor = () => {
    write(store.getState());
    cooldown = setTimeout(() => {
      cooldown = undefined;
      if (isCursorPending) writeCursor();
      publishIdle();
    }, CURSOR_WRITE_DELAY_MS);
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
      if (cooldown === undefined) writeCursor();
      else isCursorPending = true;
    }
    publishIdle();
  });

  const onPop = () => {
    stopCooldown();
    isCursorPending = false;
    void store.getState().actions.openLink(win.location.hash, 'history');
  };
  win.addEventListener('popstate', onPop);
  // `pagehide` covers a closed tab and navigating away; `visibilitychange` to hidden is the last
  // event a mobile browser reliably fires before it discards a tab in the background.
  const flush = () => {
    if (!isCursorPending) return;
    stopCooldown();
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
      stopCooldown();
    },
  };
}
