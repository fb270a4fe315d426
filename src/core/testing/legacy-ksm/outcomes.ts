/** The outcomes of spec section 5, in the order reports list them. */
export const OUTCOMES = [
  'LOCKDEP_SPLAT',
  'USE_AFTER_FREE',
  'TOUCH_AFTER_KSM_EXIT',
  'DEADLOCK',
  'LEAK',
  'CLEAN',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** Every outcome but CLEAN is a bug. */
export const BAD_OUTCOMES = OUTCOMES.filter((o) => o !== 'CLEAN') as Exclude<Outcome, 'CLEAN'>[];

export type BadOutcome = Exclude<Outcome, 'CLEAN'>;
