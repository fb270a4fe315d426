/**
 * What a share link carries, and what reading one can go wrong with: the types and limits of
 * the codec (share.ts), shared by its parts.
 */
import type { TaskId } from '../core/index.ts';

/** The format `encode` writes. Decoding reads every format from 1 up to this one. */
export const FORMAT_VERSION = 2;

/** Longest schedule a link may carry. Complete runs of the built-in models are ~30–60 turns. */
export const MAX_TURNS = 200;
/** Longest fragment we look at; anything longer is not a link we made. */
export const MAX_LINK_CHARS = 2000;

/** A parameter's value in canonical form: `true`/`false`, a whole number, or an enum word. */
export type ParamValue = boolean | number | string;

/** What a link carries: one scenario instance, one schedule, one position. */
export interface ShareView {
  /** The scenario document's id (`ksm-exit-race`). */
  readonly scenario: string;
  /** The document's version the link was made with. */
  readonly version: number;
  /**
   * Every parameter the scenario declares except the variant, by name, in canonical form (an int
   * as a number, not one of its names). Explicit, so a later change of a default cannot change
   * what an old link opens.
   */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** A variant id of the document. */
  readonly variant: string;
  /** The schedule as task choices: 1-based task ordinals (the instance's lanes). */
  readonly tasks: readonly TaskId[];
  /** 0 = initial state; k = the state right after the k-th step. */
  readonly cursor: number;
  /** A second variant shown beside on the same task choices; absent = no comparison. */
  readonly compare?: string;
  /** The exploration is shown (format 2, optional, default not). */
  readonly explore?: boolean;
  /**
   * The schedule is bad schedule `number` (1-based, decimal: counts pass 2^53) of those ending
   * with `outcome`, in the explorer's order. Implies `explore`. Format 2, optional.
   */
  readonly bad?: { readonly outcome: string; readonly number: string };
}

/**
 * Which parts of the page are shared, under which URL key, in which formats. Everything else
 * (playing, speed, hover, open dialogs, notices) is personal and stays out of links on purpose.
 */
export const SHARED_FIELDS = {
  formatVersion: { key: 'v', formats: [1, 2] },
  /** `m=<scenario>.<version>`. Format 1 was only ever written for `ksm-exit-race.1`. */
  scenario: { key: 'm', formats: [1, 2] },
  variant: { key: 'var', formats: [1, 2] },
  /** Format 1's initial-state toggles (`rmap`, `cursor`), which stand for three parameters. */
  toggles: { key: 't', formats: [1] },
  params: { key: 'p', formats: [2] },
  tasks: { key: 's', formats: [1, 2] },
  cursor: { key: 'c', formats: [1, 2] },
  /** Optional, default none (added in format 1 without a bump: older links lack it). */
  compare: { key: 'cmp', formats: [1, 2] },
  /** Optional, default off: `x=1` shows the exploration. */
  explore: { key: 'x', formats: [2] },
  /** Optional: `b=<outcome>.<number>`, which bad schedule this is. */
  bad: { key: 'b', formats: [2] },
} as const;

export type ShareKey = (typeof SHARED_FIELDS)[keyof typeof SHARED_FIELDS]['key'];

export interface Problem {
  /** The URL key the problem is about, or `link` for the link as a whole. */
  readonly key: ShareKey | 'link';
  readonly message: string;
}

export type DecodeResult =
  | { readonly ok: true; readonly value: ShareView }
  | {
      readonly ok: false;
      readonly problems: readonly Problem[];
      /**
       * The fields that were fine; empty when the link is not ours, is from a newer format, or
       * is for a model (or model version) this page does not have.
       */
      readonly kept: Partial<ShareView>;
    };
