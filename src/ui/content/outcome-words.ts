/** Outcome names (spec 5) in words, and a short form for the timeline's gutter. */
export const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  LOCKDEP_SPLAT: 'lockdep splat',
  USE_AFTER_FREE: 'use after free',
  TOUCH_AFTER_KSM_EXIT: 'touch after ksm_exit()',
  DEADLOCK: 'deadlock',
  LEAK: 'leak',
  CLEAN: 'clean',
  RUNNING: 'running',
};

export const OUTCOME_SHORT: Readonly<Record<string, string>> = {
  LOCKDEP_SPLAT: 'splat',
  USE_AFTER_FREE: 'UAF',
  TOUCH_AFTER_KSM_EXIT: 'touch',
  DEADLOCK: 'deadlock',
  LEAK: 'leak',
};

export function isBad(outcome: string): boolean {
  return outcome !== 'CLEAN' && outcome !== 'RUNNING';
}
