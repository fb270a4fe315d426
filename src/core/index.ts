/**
 * The simulation core's public face: what the worker exposes, the CLI calls and the UI types
 * against. Pure and deterministic: no DOM, clock or randomness.
 */
export * from './engine.ts';
export * from './explorer.ts';
export * from './replay.ts';
export * from './ksm/state.ts';
export * from './ksm/variants.ts';
export * from './ksm/outcomes.ts';
export * from './ksm/email.ts';
export { ksmScenario, MODEL_ID, MODEL_VERSION, TASKS, type KsmScenario } from './ksm/scenario.ts';
export { hasReturnedFromKsmExit, MMAP_LOCK, MMLIST_LOCK } from './ksm/steps.ts';
export * from './schedule.ts';
export * from './timeline.ts';
export * from './reorder.ts';
