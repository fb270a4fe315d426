/**
 * The simulation core's public face: what the worker exposes, the CLI calls and the UI types
 * against. Pure and deterministic: no DOM, clock or randomness. Nothing here knows a race: a
 * scenario is a document under scenarios/, compiled by src/core/scenario.
 */
export * from './engine.ts';
export * from './explorer.ts';
export {
  describeOrderings,
  type Ordering,
  type SharedOrderings,
  type SharedOrderingsOptions,
} from './orderings.ts';
export * from './replay.ts';
export * from './schedule.ts';
export * from './timeline.ts';
export * from './causality.ts';
export * from './reorder.ts';
export * from './diagram.ts';
export * from './code-diff.ts';
export * from './scenario/document.ts';
export * from './scenario/params.ts';
export * from './scenario/library.ts';
export {
  compileScenario,
  ModelError,
  ScenarioError,
  type CompiledScenario,
  type Lowered,
  type LoweredStep,
} from './scenario/compile.ts';
export { builtinLibrary, DEFAULT_SCENARIO } from './scenario/builtin.ts';
export * from './scenario/describe.ts';
export * from './scenario/present.ts';
export {
  runStep,
  staticAccess,
  type StaticAccess,
  type StepAccess,
  type StepRun,
} from './scenario/access.ts';
export { codeOf, type CodeLine } from './content/code.ts';
export { notesOf, type NoteAt } from './content/notes.ts';
export { reportsOf, type Report, type ReportLine } from './content/reports.ts';
export { hungTaskReport } from './content/hung-task.ts';
export { outcomeShort, outcomeTitle, stepShortLabel } from './content/words.ts';
export * from './words.ts';
