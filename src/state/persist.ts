/**
 * Nothing lost on reload: the view and the undo/redo history are kept in local storage as well as
 * in the URL. On load the URL wins; with no URL view the saved session is opened. A saved copy
 * that is broken, foreign or from another model is set aside with a message, never fatal.
 *
 * Each saved view is a share link (src/url/share.ts), so it is checked by the same decoder as a
 * link from an e-mail, and replayed strictly by the same store action.
 */
import { readLink, writeLink } from './link.ts';
import {
  linkViewOf,
  sameScenario as sameSlice,
  snapshotLink,
  snapshotOfLink,
  type AppState,
  type AppStore,
  type HistoryEntry,
  type HistorySlice,
} from './store/index.ts';

export const SESSION_KEY = 'interleave.session';
/**
 * Format 2 keeps views as links of any scenario. Format 1 (one model, `ksm-exit-race.1`) is still
 * read: its links are format-1 links, which the codec still opens.
 */
const FORMAT = 2;
const FORMAT_1_MODEL = 'ksm-exit-race.1';
/** Undo steps kept across reloads, each way. */
export const MAX_SAVED_HISTORY = 100;
const SAVE_DELAY_MS = 150;

interface SavedEntry {
  readonly link: string;
  readonly label: string;
}

export interface Session {
  /** The view as a share-link fragment. */
  readonly view: string;
  readonly history: HistorySlice;
}

function entryLink(e: HistoryEntry, s: AppState): SavedEntry {
  // Undo can cross scenarios: each entry is a link to its own scenario's current version.
  const version = s.catalog.find((c) => c.id === e.snapshot.id)?.version ?? 1;
  return { link: writeLink(snapshotLink(e.snapshot, version)), label: e.label };
}

/** The saved form of the page's state. */
export function serializeSession(s: AppState): string {
  return JSON.stringify({
    format: FORMAT,
    view: writeLink(linkViewOf(s)),
    past: s.history.past.slice(-MAX_SAVED_HISTORY).map((e) => entryLink(e, s)),
    future: s.history.future.slice(-MAX_SAVED_HISTORY).map((e) => entryLink(e, s)),
  });
}

export type ParsedSession = { ok: true; session: Session } | { ok: false; problem: string };

function entries(raw: unknown, which: string): HistoryEntry[] {
  if (!Array.isArray(raw)) throw new Error(`its ${which} history is not a list`);
  if (raw.length > MAX_SAVED_HISTORY) throw new Error(`its ${which} history is too long`);
  return raw.map((e, i) => {
    if (typeof e !== 'object' || e === null)
      throw new Error(`${which} entry ${i + 1} is not an entry`);
    const { link, label } = e as Record<string, unknown>;
    if (typeof link !== 'string' || typeof label !== 'string' || label.length > 300) {
      throw new Error(`${which} entry ${i + 1} is malformed`);
    }
    const d = readLink(link);
    if (!d.ok) throw new Error(`${which} entry ${i + 1}: ${d.problems[0].message}`);
    return { snapshot: snapshotOfLink(d.value), label };
  });
}

/** Reads a saved session; never throws. */
export function parseSession(text: string): ParsedSession {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (typeof o !== 'object' || o === null)
      return { ok: false, problem: 'it is not a saved session' };
    if (o.format !== FORMAT && o.format !== 1)
      return { ok: false, problem: `it has format ${String(o.format)}, not ${FORMAT}` };
    if (o.format === 1 && o.model !== FORMAT_1_MODEL) {
      return {
        ok: false,
        problem: `it is for the model ${String(o.model)}, not ${FORMAT_1_MODEL}`,
      };
    }
    if (typeof o.view !== 'string') return { ok: false, problem: 'it has no view' };
    const view = readLink(o.view);
    if (!view.ok) return { ok: false, problem: view.problems[0].message };
    return {
      ok: true,
      session: {
        view: o.view,
        history: { past: entries(o.past, 'undo'), future: entries(o.future, 'redo') },
      },
    };
  } catch (e) {
    return {
      ok: false,
      problem: e instanceof SyntaxError ? 'it is not valid JSON' : (e as Error).message,
    };
  }
}

function sameScenario(a: string, b: string): boolean {
  const da = readLink(a);
  const db = readLink(b);
  return da.ok && db.ok && sameSlice(snapshotOfLink(da.value), snapshotOfLink(db.value));
}

export interface Persistence {
  /**
   * The fragment to open on load (the URL's, else the saved view's), and what to do once it is
   * open: restore the undo history, or say that a saved copy was set aside.
   */
  initialFragment(hash: string): string;
  afterLoad(): void;
  stop(): void;
}

/** Saves the session on every change (and when the page is hidden) and restores it on load. */
export function startPersistence(
  store: AppStore,
  storage: Storage | null,
  win: Window = window,
): Persistence {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { history?: HistorySlice; problem?: string } = {};

  const save = () => {
    timer = undefined;
    const s = store.getState();
    if (!storage || !s.sim.result) return;
    try {
      storage.setItem(SESSION_KEY, serializeSession(s));
    } catch {
      // Storage full or denied: the URL still carries the view.
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.scenario === prev.scenario &&
      s.playback.cursor === prev.playback.cursor &&
      s.history === prev.history
    )
      return;
    if (timer === undefined) timer = setTimeout(save, SAVE_DELAY_MS);
  });
  // Flush a pending save when the page is left (`pagehide`) or hidden (`visibilitychange`: a
  // mobile browser may discard a hidden tab without another event). Nothing pending, nothing
  // written: each change is saved once.
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    save();
  };
  const onVisibility = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.addEventListener('pagehide', flush);
  win.document.addEventListener('visibilitychange', onVisibility);

  return {
    initialFragment(hash) {
      let text: string | null;
      try {
        text = storage?.getItem(SESSION_KEY) ?? null;
      } catch {
        text = null; // storage refused: start from the URL alone
      }
      if (text === null) return hash;
      const parsed = parseSession(text);
      if (!parsed.ok) {
        pending = { problem: parsed.problem };
        try {
          storage?.removeItem(SESSION_KEY);
        } catch {
          // nothing to clean up
        }
        return hash;
      }
      const fromUrl = hash.replace(/^#/, '');
      if (fromUrl === '') {
        pending = { history: parsed.session.history };
        return parsed.session.view;
      }
      // A reload keeps its URL; its undo history comes back if it is the same scenario.
      if (sameScenario(fromUrl, parsed.session.view)) pending = { history: parsed.session.history };
      return hash;
    },
    afterLoad() {
      const { history, problem } = pending;
      pending = {};
      if (history) store.setState({ history });
      if (problem) {
        store.setState((s) => ({
          view: {
            ...s.view,
            notice: s.view.notice ?? {
              kind: 'error',
              title: 'The session saved in this browser could not be restored',
              lines: [`It was set aside: ${problem}.`],
            },
          },
        }));
      }
    },
    stop() {
      unsubscribe();
      win.removeEventListener('pagehide', flush);
      win.document.removeEventListener('visibilitychange', onVisibility);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
