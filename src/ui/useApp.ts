import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions, AppState, AppStore } from '../state/index.ts';

export const StoreContext = createContext<AppStore | null>(null);

/** A narrow selection from the page's store (STYLE.md: never the whole state). */
export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp needs a <StoreContext.Provider>');
  return useStore(store, selector);
}

/** The store's verbs; a stable object. */
export function useActions(): Actions {
  return useApp((s) => s.actions);
}
