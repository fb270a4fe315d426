import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore, startUrlSync, workerSimulate, type AppStore } from '../state/index.ts';
import { App } from './App.tsx';
import { StoreContext } from './useApp.ts';
import './styles.css';

declare global {
  interface Window {
    /** For end-to-end tests and benchmarks: the store and the idle signal. */
    __interleave?: { store: AppStore; idle: () => boolean };
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to mount into');

const store = createAppStore(workerSimulate());
const sync = startUrlSync(store);
window.__interleave = { store, idle: sync.isIdle };

createRoot(container).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
