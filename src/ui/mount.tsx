import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppStore } from '../state/index.ts';
import { App } from './App.tsx';
import { StoreContext } from './useApp.ts';
import './styles.css';

/** Renders the page into `container`, reading and driving `store`. */
export function mount(container: HTMLElement, store: AppStore, onFirstPaint: () => void): void {
  createRoot(container).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App onFirstPaint={onFirstPaint} />
      </StoreContext.Provider>
    </StrictMode>,
  );
}
