import { describe, expect, it } from 'vitest';
import { directClient } from './direct-client.ts';
import { parseSession, serializeSession, SESSION_KEY, startPersistence } from './persist.ts';
import { createAppStore } from './store.ts';

class MemoryStorage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

const fakeWindow = { addEventListener() {}, removeEventListener() {} } as unknown as Window;

async function edited() {
  const store = createAppStore(directClient());
  await store.getState().actions.openLink('', 'load');
  await store.getState().actions.setVariant('b_early_check');
  await store.getState().actions.chooseNext(1);
  return store;
}

describe('saved sessions', () => {
  it('round-trip the view and the undo history', async () => {
    const store = await edited();
    const parsed = parseSession(serializeSession(store.getState()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.session.history.past).toHaveLength(store.getState().history.past.length);
    expect(parsed.session.history.past.map((e) => e.snapshot)).toEqual(
      store.getState().history.past.map((e) => e.snapshot),
    );
  });

  it('restore into a fresh page with no URL view, undo included', async () => {
    const storage = new MemoryStorage();
    const before = await edited();
    storage.setItem(SESSION_KEY, serializeSession(before.getState()));

    const after = createAppStore(directClient());
    const p = startPersistence(after, storage, fakeWindow);
    await after.getState().actions.openLink(p.initialFragment(''), 'load');
    p.afterLoad();
    expect(after.getState().scenario).toEqual(before.getState().scenario);
    expect(after.getState().playback.cursor).toBe(before.getState().playback.cursor);
    await after.getState().actions.undo();
    await after.getState().actions.undo();
    expect(after.getState().scenario.variant).toBe('a_vma_iter');
    p.stop();
  });

  it.each([
    ['not JSON', '{oops'],
    ['another format', JSON.stringify({ format: 9 })],
    [
      'another model',
      JSON.stringify({ format: 1, model: 'other.1', view: '', past: [], future: [] }),
    ],
    [
      'a tampered view',
      JSON.stringify({
        format: 1,
        model: 'ksm-exit-race.1',
        view: 'v=1&m=ksm-exit-race.1&var=zz',
        past: [],
        future: [],
      }),
    ],
    [
      'a bad history',
      JSON.stringify({
        format: 1,
        model: 'ksm-exit-race.1',
        view: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=0',
        past: [{ link: 1 }],
        future: [],
      }),
    ],
  ])('set aside %s with a message and open the default view', async (_name, text) => {
    expect(parseSession(text).ok).toBe(false);
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, text);
    const store = createAppStore(directClient());
    const p = startPersistence(store, storage, fakeWindow);
    await store.getState().actions.openLink(p.initialFragment(''), 'load');
    p.afterLoad();
    expect(store.getState().scenario.variant).toBe('a_vma_iter');
    expect(store.getState().view.notice?.title).toBe(
      'The session saved in this browser could not be restored',
    );
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    p.stop();
  });

  it('let the URL win, keeping the history when it is the same scenario', async () => {
    const storage = new MemoryStorage();
    const before = await edited();
    storage.setItem(SESSION_KEY, serializeSession(before.getState()));
    const other = createAppStore(directClient());
    const p = startPersistence(other, storage, fakeWindow);
    const url = '#v=1&m=ksm-exit-race.1&var=c_linked_list&t=none&s=1x3.2x12.1x12&c=5';
    expect(p.initialFragment(url)).toBe(url);
    await other.getState().actions.openLink(url, 'load');
    p.afterLoad();
    expect(other.getState().scenario.variant).toBe('c_linked_list');
    expect(other.getState().history.past).toHaveLength(0);
    p.stop();
  });
});
