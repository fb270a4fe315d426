import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { directClient } from './direct-client.ts';
import { createAppStore } from './store/index.ts';
import { startUrlSync } from './url-sync.ts';

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

describe('url sync', () => {
  // Only the timers are fake: the store's promises still settle on their own.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('writes a cursor move at once, and moves within 120 ms once at its end', async () => {
    const { store, writes, sync } = await started();
    const before = writes.length;
    store.getState().actions.setCursor(4);
    expect(writes.slice(before).map(cursorIn)).toEqual([4]);
    expect(sync.isIdle()).toBe(true);
    store.getState().actions.setCursor(5);
    store.getState().actions.setCursor(6);
    expect(writes).toHaveLength(before + 1);
    expect(sync.isIdle()).toBe(false);
    vi.advanceTimersByTime(119);
    expect(writes).toHaveLength(before + 1);
    vi.advanceTimersByTime(1);
    expect(writes.slice(before).map(cursorIn)).toEqual([4, 6]);
    expect(sync.isIdle()).toBe(true);
    // The trailing write starts another 120 ms: a move in it waits too.
    store.getState().actions.setCursor(7);
    expect(writes).toHaveLength(before + 2);
    vi.runAllTimers();
    expect(writes.slice(before).map(cursorIn)).toEqual([4, 6, 7]);
    // Quiet again: the next move is written at once.
    store.getState().actions.setCursor(8);
    expect(writes.slice(before).map(cursorIn)).toEqual([4, 6, 7, 8]);
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
  ])('flushes a pending cursor write on %s, once', async (event, hide) => {
    const { store, writes, sync, fire, document, win } = await started();
    const before = writes.length;
    store.getState().actions.setCursor(6);
    store.getState().actions.setCursor(7);
    expect(writes.slice(before).map(cursorIn)).toEqual([6]);
    hide(document);
    fire(event);
    expect(writes.slice(before).map(cursorIn)).toEqual([6, 7]);
    expect(cursorIn(win.location.hash)).toBe(7);
    expect(sync.isIdle()).toBe(true);
    // Neither the cancelled timer nor a second event writes it again.
    fire(event);
    vi.runAllTimers();
    expect(writes).toHaveLength(before + 2);
    sync.stop();
  });

  it('does not flush when the page becomes visible', async () => {
    const { store, writes, sync, fire } = await started();
    const before = writes.length;
    store.getState().actions.setCursor(6);
    store.getState().actions.setCursor(7);
    fire('visibilitychange'); // still 'visible'
    expect(writes).toHaveLength(before + 1);
    vi.runAllTimers();
    expect(writes).toHaveLength(before + 2);
    sync.stop();
  });

  it('stops listening when stopped', async () => {
    const { store, writes, sync, fire, listeners } = await started();
    expect([...listeners.keys()].sort()).toEqual(['pagehide', 'popstate', 'visibilitychange']);
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
