export * from './store.ts';
export * from './derive.ts';
export * from './ksm-bridge.ts';
export * from './url-sync.ts';
export * from './worker-client.ts';
export * from './persist.ts';
