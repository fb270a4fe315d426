import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { directClient } from './direct-client.ts';
import { createAppStore } from './store/index.ts';
import { startUrlSync, WRITE_BUDGET, WRITE_WINDOW_MS } from './url-sync.ts';

/**
 * A window with just what url-sync touches: a location whose hash the history calls change, a
 * count of those calls, the idle attribute, and listeners a test can fire.
 */
function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const on = (type: string, f: () => void) => listeners.set(type, f);
  const off = (type: string, f: () => void) => {
    if (listeners.get(type) === f) listeners.delete(type);
  };
  const location = { pathname: '/', search: '', hash: '' };
  const writes: string[] = [];
  const setUrl = (_: unknown, __: string, url: string) => {
    location.hash = url.slice(url.indexOf('#'));
    writes.push(location.hash);
  };
  const document = {
    visibilityState: 'visible' as DocumentVisibilityState,
    documentElement: { dataset: {} as DOMStringMap },
    addEventListener: on,
    removeEventListener: off,
  };
  const win = {
    location,
    document,
    history: { pushState: setUrl, replaceState: setUrl },
    addEventListener: on,
    removeEventListener: off,
  } as unknown as Window;
  return { win, document, writes, listeners, fire: (type: string) => listeners.get(type)?.() };
}

async function started() {
  const store = createAppStore(directClient());
  const fake = fakeWindow();
  let loaded!: () => void;
  const load = new Promise<void>((r) => (loaded = r));
  const sync = startUrlSync(store, fake.win, { afterLoad: () => loaded() });
  await load;
  sync.markRendered();
  return { store, sync, ...fake };
}

function cursorIn(hash: string): number {
  return Number(/[#&]c=(\d+)/.exec(hash)?.[1]);
}

/**
 * Moves the cursor back and forth until a move is not written at once (the window is full), and
 * returns how many history writes the page had made by then.
 */
function fillWindow(store: ReturnType<typeof createAppStore>, writes: string[]): number {
  for (let i = 0; ; i++) {
    const before = writes.length;
    store.getState().actions.setCursor(i % 2 === 0 ? 1 : 2);
    if (writes.length === before) return writes.length;
  }
}

describe('url sync', () => {
  // Only the timers and the clock are fake: the store's promises still settle on their own.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('writes every cursor move at once while the window has room', async () => {
    const { store, writes, sync } = await started();
    const before = writes.length;
    for (let c = 1; c <= 20; c++) store.getState().actions.setCursor(c);
    expect(writes.slice(before).map(cursorIn)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(sync.isIdle()).toBe(true);
    sync.stop();
  });

  it(`past ${WRITE_BUDGET} writes in ${WRITE_WINDOW_MS / 1000} s, moves wait for the oldest to leave the window and are written as one`, async () => {
    const { store, writes, sync } = await started();
    // Every write so far was made at the same (fake) moment.
    expect(fillWindow(store, writes)).toBe(WRITE_BUDGET);
    const full = writes.length;
    store.getState().actions.setCursor(6);
    store.getState().actions.setCursor(7);
    expect(writes).toHaveLength(full);
    expect(sync.isIdle()).toBe(false);
    vi.advanceTimersByTime(WRITE_WINDOW_MS - 1);
    expect(writes).toHaveLength(full);
    vi.advanceTimersByTime(1);
    expect(writes.slice(full).map(cursorIn)).toEqual([7]);
    expect(sync.isIdle()).toBe(true);
    sync.stop();
  });

  it.each([
    ['pagehide', () => {}],
    [
      'visibilitychange',
      (d: { visibilityState: DocumentVisibilityState }) => {
        d.visibilityState = 'hidden';
      },
    ],
  ])('flushes a waiting cursor write on %s, once', async (event, hide) => {
    const { store, writes, sync, fire, document, win } = await started();
    const full = fillWindow(store, writes);
    store.getState().actions.setCursor(6);
    store.getState().actions.setCursor(7);
    expect(writes).toHaveLength(full);
    hide(document);
    fire(event);
    expect(writes.slice(full).map(cursorIn)).toEqual([7]);
    expect(cursorIn(win.location.hash)).toBe(7);
    expect(sync.isIdle()).toBe(true);
    // Neither the cancelled timer nor a second event writes it again.
    fire(event);
    vi.runAllTimers();
    expect(writes).toHaveLength(full + 1);
    sync.stop();
  });

  it('does not flush when the page becomes visible', async () => {
    const { store, writes, sync, fire } = await started();
    const full = fillWindow(store, writes);
    store.getState().actions.setCursor(6);
    store.getState().actions.setCursor(7);
    fire('visibilitychange'); // still 'visible'
    expect(writes).toHaveLength(full);
    vi.runAllTimers();
    expect(writes.slice(full).map(cursorIn)).toEqual([7]);
    sync.stop();
  });

  it('stops listening when stopped', async () => {
    const { store, writes, sync, fire, listeners } = await started();
    expect([...listeners.keys()].sort()).toEqual(['pagehide', 'popstate', 'visibilitychange']);
    fillWindow(store, writes);
    store.getState().actions.setCursor(3);
    store.getState().actions.setCursor(4);
    sync.stop();
    expect(listeners.size).toBe(0);
    const before = writes.length;
    fire('pagehide');
    vi.runAllTimers();
    expect(writes).toHaveLength(before);
  });
});
