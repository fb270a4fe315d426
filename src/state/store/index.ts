export * from './slices.ts';
export { createAppStore, type AppStore, type StoreOptions } from './create.ts';
export {
  defaultComparison,
  instanceKey,
  paramsKey,
  sameInstance,
  sameScenario,
  variantTitle,
} from './instance.ts';
export { snapshotOf } from './history.ts';
export { linkViewOf, shareFragment, snapshotLink, snapshotOfLink } from './link-view.ts';
export { capitalised, describeRepair, REPAIR_RULE, COMPLETION_RULE } from './words.ts';
export { tasksOfStepIds } from './explore-actions.ts';
export { laneKey } from './words.ts';
export { currentBad } from './bad-actions.ts';
