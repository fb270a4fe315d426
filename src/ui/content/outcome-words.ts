/**
 * Outcome names in words, as the scenario's description gives them (`lockdep splat`, gutter
 * form `splat`). RUNNING, the page's word for a run that has not ended, is not an outcome.
 */
import type { ScenarioInfo } from '../../core/index.ts';

/** The gutter's and the tables' short form of an outcome. */
export function outcomeShort(info: ScenarioInfo, name: string): string {
  return info.outcomes.find((x) => x.name === name)?.short ?? name.toLowerCase();
}

/** An outcome in words (`lockdep splat`). */
export function outcomeTitle(info: ScenarioInfo, name: string): string {
  return info.outcomes.find((x) => x.name === name)?.title ?? name.toLowerCase();
}
