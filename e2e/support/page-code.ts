/**
 * What the end-to-end tests compute in Node from the page's own code: the link codec, the
 * store's default view, the KSM bridge, the core and the CLI. Loaded through vite (see
 * load-page-code.ts), never imported directly.
 */
export { decode, encode, type ShareView } from '../../src/url/share.ts';
export { DEFAULT_VIEW } from '../../src/state/store.ts';
export {
  OUTCOMES,
  paramsOf,
  SCENARIO,
  VARIANT_IDS,
  type Toggles,
} from '../../src/state/ksm-bridge.ts';
export { builtinLibrary, completeSchedule, explore, replay } from '../../src/core/index.ts';
export { main as cli } from '../../src/cli/cli.ts';
export { traceJson } from '../../src/cli/format.ts';
