/**
 * Random scenario documents for property tests (src/core/scenario/documents.test.ts). Test
 * support only. The folder, bottom up:
 *
 * - expr.ts: the expression language as a tree, printed with the offset of every node.
 * - model.ts: the generated model of a race, and the settings that make one instance of it.
 * - reference.ts: a reference interpreter and explorer of the model, apart from the compiler.
 * - draw.ts: the random generator of models (Rand, GenOptions, drawModel).
 * - yaml-emit.ts: a YAML node tree and an emitter that knows where every node and character is.
 * - document.ts: the model as a YAML document, in varied spellings (validDocArb).
 * - mutate.ts, mutations.ts: named ways to make a valid document invalid, with where the loader
 *   should report each.
 * - invalid.ts: invalid documents (invalidDocArb).
 */
export { allSettings, defaultSetting, paramInput, type ModelGen, type Setting } from './model.ts';
export { evalConst, Reference, referenceExplore } from './reference.ts';
export { validDocArb, type GeneratedDoc } from './document.ts';
export { invalidDocArb, type InvalidDoc } from './invalid.ts';
export type { KnownBug } from './mutate.ts';
