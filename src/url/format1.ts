/**
 * Reading format 1, the page's first link format:
 *
 *   v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12[&cmp=b_early_check]&c=20
 *
 * FROZEN. Links in this format live in e-mails for years, and each must keep opening what it
 * opened when it was made (src/url/corpus/format1.json holds them to it). Format 1 was only ever
 * written for the one scenario the page then had, `ksm-exit-race` version 1, with one exiting
 * process; its `t` toggles stand for two of that scenario's parameters. Nothing is written in
 * this format any more.
 */
import * as v from 'valibot';
import { Count, field, RANK, TasksSchema } from './fields.ts';
import type { ParamValue, Problem, ShareView } from './view.ts';

/** The only scenario format 1 knew. */
export const FORMAT1_SCENARIO = 'ksm-exit-race';

/** The keys of format 1. */
export const FORMAT1_KEYS: ReadonlySet<string> = new Set(['v', 'm', 'var', 't', 's', 'c', 'cmp']);

/**
 * `t` as the scenario's parameters: `rmap` is `rmap_nonempty=true`, `cursor` is `cursor=1` (the
 * scan cursor at our process's slot), and `processes` was always 1.
 */
const TogglesSchema = v.pipe(
  v.string(),
  v.regex(/^(none|[a-z]+(\.[a-z]+)*)$/, 'is not a list of toggles'),
  v.check(
    (s) => s === 'none' || s.split('.').every((w) => w === 'rmap' || w === 'cursor'),
    'names a toggle the model does not have (known: rmap, cursor)',
  ),
  v.check((s) => new Set(s.split('.')).size === s.split('.').length, 'repeats a toggle'),
  v.transform((s): Record<string, ParamValue> => ({
    processes: 1,
    rmap_nonempty: s.split('.').includes('rmap'),
    cursor: s.split('.').includes('cursor') ? 1 : 0,
  })),
);

/** Format 1 named its variant by any text; whether the model has it is check.ts's call. */
const AnyText = v.string();

/** The fields of a format-1 link after `v` and `m`, in the order format 1 listed problems. */
export function format1Fields(
  query: ReadonlyMap<string, string>,
  problems: Problem[],
): Partial<ShareView> {
  const variant = field(AnyText, query.get('var'), 'var', 'variant', RANK.var, problems);
  const params = field(
    TogglesSchema,
    query.get('t'),
    't',
    'initial-state toggles',
    RANK.params,
    problems,
  );
  const tasks = field(TasksSchema, query.get('s'), 's', 'schedule', RANK.s, problems);
  const cursor = field(Count, query.get('c'), 'c', 'cursor', RANK.c, problems);
  const rawCompare = query.get('cmp');
  const compare =
    rawCompare === undefined
      ? undefined
      : field(AnyText, rawCompare, 'cmp', 'variant to compare with', RANK.cmp, problems);
  return { variant, params, tasks, cursor, compare };
}
