/**
 * The pieces both link formats read the same way: the `a=1&b=2` split, one field with its
 * message, the schedule syntax, and the order problems are listed in.
 */
import * as v from 'valibot';
import type { TaskId } from '../core/index.ts';
import { MAX_TURNS, type Problem, type ShareKey } from './view.ts';

/**
 * Where a problem goes in the list a reader sees. Format 1 listed them in this order, and the
 * checks against the scenario (check.ts) slot theirs in where format 1 had them: escapes, then
 * one line per field in the link's order, a cursor past the end after the comparison, stray keys
 * last. The rank travels beside the problem so `Problem` stays `{ key, message }`.
 */
export const RANK = {
  escape: 0,
  v: 1,
  m: 2,
  var: 3,
  params: 4,
  s: 5,
  c: 6,
  cmp: 7,
  x: 8,
  b: 9,
  pastEnd: 10,
  strayKey: 11,
} as const;

const ranks = new WeakMap<Problem, number>();

/** A problem at its place in the list (see RANK). */
export function problem(key: Problem['key'], message: string, rank: number): Problem {
  const p: Problem = { key, message };
  ranks.set(p, rank);
  return p;
}

const DEFAULT_RANK: Readonly<Record<Problem['key'], number>> = {
  link: RANK.escape,
  v: RANK.v,
  m: RANK.m,
  var: RANK.var,
  t: RANK.params,
  p: RANK.params,
  s: RANK.s,
  c: RANK.c,
  cmp: RANK.cmp,
  x: RANK.x,
  b: RANK.b,
};

/** The problems in the order a reader sees them (stable within a rank). */
export function inOrder(problems: readonly Problem[]): Problem[] {
  const rank = (p: Problem) => ranks.get(p) ?? DEFAULT_RANK[p.key];
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/** `a, b and c`. */
export function listWords(words: readonly (string | number)[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * One field through its schema: the value, or a problem that names the field and quotes what the
 * link said (`the cursor "abc" is not a whole number`).
 */
export function field<T>(
  schema: v.GenericSchema<string, T>,
  raw: string | undefined,
  key: ShareKey,
  label: string,
  rank: number,
  problems: Problem[],
): T | undefined {
  if (raw === undefined) {
    problems.push(problem(key, `the ${label} is missing (${key}=…)`, rank));
    return undefined;
  }
  const r = v.safeParse(schema, raw);
  if (r.success) return r.output;
  problems.push(problem(key, `the ${label} "${clip(raw)}" ${r.issues[0].message}`, rank));
  return undefined;
}

/** Splits `a=1&b=2` leniently; repeated keys are a problem (which one would we believe?). */
export function parseQuery(text: string, problems: Problem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawVal = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let val: string;
    try {
      key = decodeURIComponent(rawKey);
      val = decodeURIComponent(rawVal.replace(/\+/g, ' '));
    } catch {
      problems.push(problem('link', `"${clip(part)}" is not validly escaped`, RANK.escape));
      continue;
    }
    if (out.has(key)) {
      problems.push(problem('link', `"${clip(key)}" appears more than once`, RANK.escape));
      continue;
    }
    out.set(key, val);
  }
  return out;
}

/** A whole number of at most three digits (format 1's cursor). */
export const Count = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}$/, 'is not a whole number'),
  v.transform(Number),
);

/**
 * Either runs (`1x3.2x15`) or one digit per turn (`11122`), as task ordinals. Whether the tasks
 * exist is the scenario's business (check.ts); here only the syntax and the length limits.
 */
export const TasksSchema = v.pipe(
  v.string(),
  v.regex(
    /^(\d+|\d+x\d{1,3}(\.\d+x\d{1,3})*)$/,
    'is not a schedule (expected runs like 1x3.2x15 or digits like 11122)',
  ),
  v.transform((s): number[] => {
    const tasks = !s.includes('x')
      ? [...s].map(Number)
      : s.split('.').flatMap((run) => {
          const [task, n] = run.split('x').map(Number);
          return n > MAX_TURNS ? [Number.NaN] : new Array<number>(n).fill(task);
        });
    written.set(tasks, s);
    return tasks;
  }),
  v.check((ts) => ts.every((t) => !Number.isNaN(t)), `has a run longer than ${MAX_TURNS} turns`),
  v.check((ts) => ts.length > 0, 'is empty'),
  v.check((ts) => ts.length <= MAX_TURNS, `is longer than ${MAX_TURNS} turns`),
);

/**
 * The schedule as the link wrote it (`1132`, `1x0.1x3`), so a problem found later, against the
 * scenario, quotes the link's own text. Keyed by the decoded array, which travels unchanged
 * from decode to checkView.
 */
const written = new WeakMap<readonly TaskId[], string>();

/** The schedule's text for a message: the link's own, or runs when it did not come from one. */
export function quoteTasks(tasks: readonly TaskId[]): string {
  return clip(written.get(tasks) ?? encodeTasks(tasks));
}

/** `1,1,1,2,2` → `1x3.2x2`: runs of one task, dot-separated. */
export function encodeTasks(tasks: readonly TaskId[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < tasks.length) {
    let j = i;
    while (j < tasks.length && tasks[j] === tasks[i]) j++;
    runs.push(`${tasks[i]}x${j - i}`);
    i = j;
  }
  return runs.join('.');
}
