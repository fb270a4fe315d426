export * from './store.ts';
export * from './derive.ts';
export * from './url-sync.ts';
export * from './worker-client.ts';
export * from './persist.ts';
