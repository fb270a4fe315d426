import { describe, expect, it, vi } from 'vitest';
import { directClient } from './direct-client.ts';
import { readLink, writeLink } from './link.ts';
import {
  MAX_SAVED_HISTORY,
  parseSession,
  serializeSession,
  SESSION_KEY,
  startPersistence,
} from './persist.ts';
import { createAppStore, linkViewOf, type AppStore } from './store/index.ts';
import { DEFAULT_PARAMS, EMAIL_TASKS } from './testing/store.ts';

class MemoryStorage {
  private m = new Map<string, string>();
  isBroken = false;
  /** How many times anything was written. */
  writes = 0;
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    if (this.isBroken) throw new Error('denied');
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    if (this.isBroken) throw new Error('quota');
    this.writes++;
    this.m.set(k, v);
  }
}

/**
 * A window (and its document) that only records listeners, so a test can fire `pagehide` and
 * `visibilitychange`, and set whether the page is hidden.
 */
function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const on = (type: string, f: () => void) => listeners.set(type, f);
  const off = (type: string, f: () => void) => {
    if (listeners.get(type) === f) listeners.delete(type);
  };
  const document = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: on,
    removeEventListener: off,
  };
  const win = { document, addEventListener: on, removeEventListener: off } as unknown as Window;
  return { win, document, fire: (type: string) => listeners.get(type)?.(), listeners };
}

const EMAIL_LINK = 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=0';

async function edited(): Promise<AppStore> {
  const store = createAppStore(directClient());
  await store.getState().actions.openLink('', 'load');
  await store.getState().actions.setVariant('b_early_check');
  await store.getState().actions.chooseNext(2);
  return store;
}

async function restored(storage: MemoryStorage, hash = '') {
  const store = createAppStore(directClient());
  const p = startPersistence(store, storage, fakeWindow().win);
  await store.getState().actions.openLink(p.initialFragment(hash), 'load');
  p.afterLoad();
  p.stop();
  return store;
}

describe('saved sessions', () => {
  it('round-trip the view and the undo history', async () => {
    const store = await edited();
    const s = store.getState();
    const text = serializeSession(s);
    expect(JSON.parse(text)).toMatchObject({ format: 2 });
    const parsed = parseSession(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(readLink(parsed.session.view)).toEqual({ ok: true, value: linkViewOf(s) });
    expect(parsed.session.history.past).toEqual(s.history.past);
    expect(parsed.session.history.past.map((e) => e.label)).toEqual([
      'switch to variant b_early_check',
      'run task 2 at step 1',
    ]);
    expect(parsed.session.history.future).toEqual([]);
  });

  it('restore into a fresh page with no URL view, undo included', async () => {
    const storage = new MemoryStorage();
    const before = await edited();
    storage.setItem(SESSION_KEY, serializeSession(before.getState()));
    const after = await restored(storage);
    expect(after.getState().scenario).toEqual(before.getState().scenario);
    expect(after.getState().playback.cursor).toBe(before.getState().playback.cursor);
    expect(after.getState().history).toEqual(before.getState().history);
    expect(after.getState().view.notice).toBeNull();
    await after.getState().actions.undo();
    await after.getState().actions.undo();
    expect(after.getState().scenario).toEqual({
      id: 'ksm-exit-race',
      params: DEFAULT_PARAMS,
      variant: 'a_vma_iter',
      tasks: EMAIL_TASKS,
    });
  });

  it('still restore a format-1 session, undo included', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      SESSION_KEY,
      JSON.stringify({
        format: 1,
        model: 'ksm-exit-race.1',
        view: 'v=1&m=ksm-exit-race.1&var=b_early_check&t=rmap&s=1x3.2x15.1x12&c=12',
        past: [{ link: EMAIL_LINK, label: 'switch to variant b' }],
        future: [],
      }),
    );
    const store = await restored(storage);
    const s = store.getState();
    expect(s.view.notice).toBeNull();
    expect(s.scenario).toEqual({
      id: 'ksm-exit-race',
      params: { ...DEFAULT_PARAMS, rmap_nonempty: true },
      variant: 'b_early_check',
      tasks: EMAIL_TASKS,
    });
    expect(s.playback.cursor).toBe(12);
    expect(s.history.past).toEqual([
      {
        snapshot: {
          id: 'ksm-exit-race',
          params: DEFAULT_PARAMS,
          variant: 'a_vma_iter',
          tasks: EMAIL_TASKS,
          cursor: 0,
        },
        label: 'switch to variant b',
      },
    ]);
    await store.getState().actions.undo();
    expect(store.getState().scenario.variant).toBe('a_vma_iter');
    expect(store.getState().scenario.params).toEqual(DEFAULT_PARAMS);
    expect(store.getState().view.notice?.title).toBe('Undone: switch to variant b');
  });

  it('restore a session of another instance and scenario', async () => {
    const storage = new MemoryStorage();
    const before = createAppStore(directClient());
    await before.getState().actions.openLink('', 'load');
    await before.getState().actions.setParams({ processes: 2 });
    await before.getState().actions.setScenario('ksm-oom-deadlock');
    storage.setItem(SESSION_KEY, serializeSession(before.getState()));
    const after = await restored(storage);
    expect(after.getState().scenario).toEqual(before.getState().scenario);
    expect(after.getState().history).toEqual(before.getState().history);
    await after.getState().actions.undo();
    expect(after.getState().scenario.params.processes).toBe(2);
  });

  it.each([
    ['not JSON', '{oops', 'it is not valid JSON'],
    ['not an object', 'null', 'it is not a saved session'],
    ['another format', JSON.stringify({ format: 9 }), 'it has format 9, not 2'],
    [
      'another model',
      JSON.stringify({ format: 1, model: 'other.1', view: '', past: [], future: [] }),
      'it is for the model other.1, not ksm-exit-race.1',
    ],
    ['no view', JSON.stringify({ format: 2, past: [], future: [] }), 'it has no view'],
    [
      'a tampered view',
      JSON.stringify({
        format: 1,
        model: 'ksm-exit-race.1',
        view: 'v=1&m=ksm-exit-race.1&var=zz',
        past: [],
        future: [],
      }),
      undefined,
    ],
    [
      'a bad history',
      JSON.stringify({ format: 2, view: EMAIL_LINK, past: [{ link: 1 }], future: [] }),
      'undo entry 1 is malformed',
    ],
    [
      'a history that is not a list',
      JSON.stringify({ format: 2, view: EMAIL_LINK, past: {}, future: [] }),
      'its undo history is not a list',
    ],
    [
      'a history that is too long',
      JSON.stringify({
        format: 2,
        view: EMAIL_LINK,
        past: [],
        future: Array.from({ length: MAX_SAVED_HISTORY + 1 }, () => ({
          link: EMAIL_LINK,
          label: 'x',
        })),
      }),
      'its redo history is too long',
    ],
    [
      'a history entry with a broken link',
      JSON.stringify({
        format: 2,
        view: EMAIL_LINK,
        past: [],
        future: [{ link: 'v=1', label: 'x' }],
      }),
      undefined,
    ],
  ])('set aside %s with a message and open the default view', async (_name, text, problem) => {
    const parsed = parseSession(text);
    expect(parsed.ok).toBe(false);
    if (problem !== undefined && !parsed.ok) expect(parsed.problem).toBe(problem);
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, text);
    const store = await restored(storage);
    const s = store.getState();
    expect(s.scenario).toMatchObject({
      id: 'ksm-exit-race',
      variant: 'a_vma_iter',
      tasks: EMAIL_TASKS,
    });
    expect(s.history).toEqual({ past: [], future: [] });
    expect(s.view.notice?.kind).toBe('error');
    expect(s.view.notice?.title).toBe('The session saved in this browser could not be restored');
    expect(s.view.notice?.lines[0]).toMatch(/^It was set aside: .+\.$/);
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('let the URL win, dropping the history of another scenario', async () => {
    const storage = new MemoryStorage();
    const before = await edited();
    storage.setItem(SESSION_KEY, serializeSession(before.getState()));
    const url = '#v=1&m=ksm-exit-race.1&var=c_linked_list&t=none&s=1x3.2x12.1x12&c=5';
    const other = await restored(storage, url);
    expect(other.getState().scenario.variant).toBe('c_linked_list');
    expect(other.getState().playback.cursor).toBe(5);
    expect(other.getState().history.past).toHaveLength(0);
  });

  it('let the URL win, keeping the history when it is the same scenario (a reload)', async () => {
    const storage = new MemoryStorage();
    const before = await edited();
    before.getState().actions.setCursor(3);
    const text = serializeSession(before.getState());
    storage.setItem(SESSION_KEY, text);
    const parsed = parseSession(text);
    if (!parsed.ok) throw new Error(parsed.problem);
    // The URL is the saved view with the cursor elsewhere: the same scenario.
    const url = '#' + writeLink({ ...linkViewOf(before.getState()), cursor: 9 });
    const after = await restored(storage, url);
    expect(after.getState().playback.cursor).toBe(9);
    expect(after.getState().history).toEqual(before.getState().history);
  });

  it('start from the URL alone when storage is denied', async () => {
    const storage = new MemoryStorage();
    storage.isBroken = true;
    const store = await restored(storage, '#' + EMAIL_LINK.replace('c=0', 'c=4'));
    expect(store.getState().playback.cursor).toBe(4);
    expect(store.getState().view.notice).toBeNull();
  });
});

describe('saving', () => {
  it('saves after a change, at once when the page is hidden, and stops', async () => {
    const storage = new MemoryStorage();
    const store = createAppStore(directClient());
    const { win, fire, listeners } = fakeWindow();
    const p = startPersistence(store, storage, win);
    await store.getState().actions.openLink(p.initialFragment(''), 'load');
    p.afterLoad();
    await store.getState().actions.setParams({ rmap_nonempty: true });
    fire('pagehide');
    const saved = parseSession(storage.getItem(SESSION_KEY)!);
    expect(saved.ok && readLink(saved.session.view)).toEqual({
      ok: true,
      value: linkViewOf(store.getState()),
    });
    expect(saved.ok && saved.session.history.past.map((e) => e.label)).toEqual([
      'set rmap_nonempty = true',
    ]);
    store.getState().actions.setCursor(6);
    await new Promise((r) => setTimeout(r, 300));
    const again = parseSession(storage.getItem(SESSION_KEY)!);
    expect(again.ok && readLink(again.session.view).ok && again.session.view).toMatch(/c=6/);
    p.stop();
    expect(listeners.size).toBe(0);
    storage.clear();
    store.getState().actions.setCursor(7);
    await new Promise((r) => setTimeout(r, 300));
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it.each([
    ['pagehide', () => {}],
    [
      'visibilitychange',
      (d: { visibilityState: DocumentVisibilityState }) => {
        d.visibilityState = 'hidden';
      },
    ],
  ])('flushes a pending save on %s, once', async (event, hide) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const storage = new MemoryStorage();
      const store = createAppStore(directClient());
      const { win, document, fire } = fakeWindow();
      const p = startPersistence(store, storage, win);
      await store.getState().actions.openLink(p.initialFragment(''), 'load');
      p.afterLoad();
      vi.runAllTimers();
      const before = storage.writes;
      store.getState().actions.setCursor(8);
      expect(storage.writes).toBe(before);
      hide(document);
      fire(event);
      expect(storage.writes).toBe(before + 1);
      const saved = parseSession(storage.getItem(SESSION_KEY)!);
      expect(saved.ok && saved.session.view).toMatch(/&c=8$/);
      // Neither the cancelled timer nor a second event writes it again.
      fire(event);
      vi.runAllTimers();
      expect(storage.writes).toBe(before + 1);
      p.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not flush when the page becomes visible', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const storage = new MemoryStorage();
      const store = createAppStore(directClient());
      const { win, fire } = fakeWindow();
      const p = startPersistence(store, storage, win);
      await store.getState().actions.openLink(p.initialFragment(''), 'load');
      vi.runAllTimers();
      const before = storage.writes;
      store.getState().actions.setCursor(8);
      fire('visibilitychange'); // still 'visible'
      expect(storage.writes).toBe(before);
      vi.runAllTimers();
      expect(storage.writes).toBe(before + 1);
      p.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('saves nothing before the first view and survives a full storage', async () => {
    const storage = new MemoryStorage();
    const store = createAppStore(directClient());
    const { win, fire } = fakeWindow();
    const p = startPersistence(store, storage, win);
    fire('pagehide');
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    await store.getState().actions.openLink('', 'load');
    storage.isBroken = true;
    expect(() => fire('pagehide')).not.toThrow();
    p.stop();
  });

  it('keeps at most MAX_SAVED_HISTORY undo steps', async () => {
    const store = await edited();
    const entry = store.getState().history.past[0];
    store.setState({
      history: { past: Array.from({ length: MAX_SAVED_HISTORY + 10 }, () => entry), future: [] },
    });
    const parsed = parseSession(serializeSession(store.getState()));
    expect(parsed.ok && parsed.session.history.past).toHaveLength(MAX_SAVED_HISTORY);
  });
});
