/**
 * Format 2, for any scenario:
 *
 *   v=2&m=abba-deadlock.1&var=a_fixed_order&p=threads:2,slow:false&s=1x3.2x15.3x14&c=20
 *
 * `p` lists every parameter but the variant as `name:value`, comma-separated (`none` for a
 * scenario without parameters); a value is `true`, `false`, a whole number or an enum word. `s`
 * is the schedule as runs of task ordinals, as in format 1 (one digit per turn is read too).
 * Every character is one a URL fragment carries unescaped, so links stay readable.
 *
 * FROZEN once links exist: src/url/corpus/format2.json holds it. A change of meaning is a new
 * format; an optional key with a default is not.
 */
import * as v from 'valibot';
import { clip, Count, field, RANK, TasksSchema } from './fields.ts';
import type { ParamValue, Problem, ShareView } from './view.ts';

/** The keys of format 2. */
export const FORMAT2_KEYS: ReadonlySet<string> = new Set([
  'v',
  'm',
  'var',
  'p',
  's',
  'c',
  'cmp',
  'x',
  'b',
]);

const NAME = /^[a-z][a-z0-9_]{0,39}$/;
const INT = /^(0|-?[1-9]\d{0,8})$/;

/** A value as `p` writes it: true/false stay words, numbers digits, enum words themselves. */
export function encodeParams(params: Readonly<Record<string, ParamValue>>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? 'none' : entries.map(([k, val]) => `${k}:${val}`).join(',');
}

function parseValue(s: string): ParamValue | undefined {
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (INT.test(s)) return Number(s);
  return NAME.test(s) ? s : undefined;
}

const ParamsSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const text = dataset.value;
    const out: Record<string, ParamValue> = {};
    if (text === 'none') return out;
    for (const item of text.split(',')) {
      const colon = item.indexOf(':');
      const name = colon < 0 ? item : item.slice(0, colon);
      const value = colon < 0 ? undefined : parseValue(item.slice(colon + 1));
      if (!NAME.test(name) || value === undefined) {
        addIssue({
          message: `is not a list like name:2,other:false (or none): "${clip(item)}" is not name:value`,
        });
        return NEVER;
      }
      if (Object.hasOwn(out, name)) {
        addIssue({ message: `gives ${name} twice` });
        return NEVER;
      }
      out[name] = value;
    }
    return out;
  }),
);

/** `x=1`: the exploration is shown (absent: it is not). */
const ExploreSchema = v.pipe(
  v.string(),
  v.check((x) => x === '1', 'is not 1 (leave it out to hide the exploration)'),
  v.transform(() => true),
);

/** `b=LOCKDEP_SPLAT.130`: an outcome's name and a 1-based schedule number. */
const BadSchema = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z][A-Za-z0-9_]{0,39}\.[1-9]\d{0,59}$/,
    'is not an outcome and a schedule number, like LOCKDEP_SPLAT.3',
  ),
  v.transform((x) => {
    const dot = x.lastIndexOf('.');
    return { outcome: x.slice(0, dot), number: x.slice(dot + 1) };
  }),
);

/** Format 2 names variants by id; whether the model has one is check.ts's call. */
const AnyText = v.string();

/** The fields of a format-2 link after `v` and `m`. */
export function format2Fields(
  query: ReadonlyMap<string, string>,
  problems: Problem[],
): Partial<ShareView> {
  const variant = field(AnyText, query.get('var'), 'var', 'variant', RANK.var, problems);
  const params = field(ParamsSchema, query.get('p'), 'p', 'parameter list', RANK.params, problems);
  const tasks = field(TasksSchema, query.get('s'), 's', 'schedule', RANK.s, problems);
  const cursor = field(Count, query.get('c'), 'c', 'cursor', RANK.c, problems);
  const rawCompare = query.get('cmp');
  const compare =
    rawCompare === undefined
      ? undefined
      : field(AnyText, rawCompare, 'cmp', 'variant to compare with', RANK.cmp, problems);
  const rawExplore = query.get('x');
  const explore =
    rawExplore === undefined
      ? undefined
      : field(ExploreSchema, rawExplore, 'x', 'exploration switch', RANK.x, problems);
  const rawBad = query.get('b');
  const bad =
    rawBad === undefined
      ? undefined
      : field(BadSchema, rawBad, 'b', 'bad schedule', RANK.b, problems);
  return {
    variant,
    params,
    tasks,
    cursor,
    compare,
    ...(explore ? { explore } : {}),
    ...(bad ? { bad } : {}),
  };
}
