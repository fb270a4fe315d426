export * from './store/index.ts';
export * from './derive.ts';
export * from './url-sync.ts';
export * from './worker-client.ts';
export * from './persist.ts';
export { decodeSeed, seededClient, SEED_ELEMENT_ID } from './seed.ts';
// The core's pure words the page shows, through the page's one door to the core.
export { formatCount, modeWords } from '../core/index.ts';
