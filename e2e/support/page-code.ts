/**
 * What the end-to-end tests compute in Node from the page's own code: the link codec, the
 * core (library, description, replay, explorer), the saved link corpora's reader and the CLI.
 * Loaded through vite (see load-page-code.ts), never imported directly.
 */
export {
  checkView,
  decode,
  encode,
  encodeTasks,
  type ParamValue,
  type ShareView,
} from '../../src/url/share.ts';
export {
  builtinLibrary,
  catalogEntry,
  completeSchedule,
  DEFAULT_SCENARIO,
  describeScenario,
  explore,
  replay,
  type ScenarioInfo,
} from '../../src/core/index.ts';
export {
  canonicalParams,
  describeFor,
  openLink,
  runOf,
  type AcceptedLink,
  type Corpus,
  type GenericView,
  type RejectedLink,
} from '../../src/url/corpus/corpus.ts';
export { main as cli } from '../../src/cli/cli.ts';
export { toExactJson, traceJson } from '../../src/cli/format.ts';
export {
  encode as encodeFormat1,
  type ShareView as Format1View,
} from '../../src/url/corpus/format1-reference.ts';
