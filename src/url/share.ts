/**
 * The share-URL codec: the view a person sees, as a short readable URL fragment, and back.
 *
 *   #v=2&m=abba-deadlock.1&var=a_fixed_order&p=threads:2,slow:false&s=1x3.2x15.1x12&c=20
 *
 * `encode` writes format 2 (format2.ts), for any scenario. `decode` reads format 2 and format 1
 * (format1.ts), the page's first format, which only knew `ksm-exit-race`; every format-1 link
 * keeps opening what it opened (src/url/corpus/ holds both formats to what they open).
 *
 * Reading a link is two steps, so this module never needs a compiled scenario (it runs on the
 * page's main thread, which has a size budget; it imports only types from src/core):
 *
 * 1. `decode(text)`: the syntax. Never throws; names each problem with its URL key; keeps the
 *    fields that decoded. It tells the page which scenario, version and parameters to describe.
 * 2. `checkView(decoded, info, catalog)` (check.ts): the meaning, against the scenario's
 *    description and the page's catalog: the scenario and version exist, the variant, parameters
 *    and tasks are the instance's, the cursor is within the schedule.
 *
 * Whether the schedule actually replays is the simulator's call (strict mode), made by the store.
 */
import { clip, encodeTasks, inOrder, parseQuery, problem, RANK } from './fields.ts';
import { FORMAT1_KEYS, FORMAT1_SCENARIO, format1Fields } from './format1.ts';
import { encodeParams, FORMAT2_KEYS, format2Fields } from './format2.ts';
import {
  FORMAT_VERSION,
  MAX_LINK_CHARS,
  type DecodeResult,
  type Problem,
  type ShareKey,
  type ShareView,
} from './view.ts';

export { checkView } from './check.ts';
export { encodeTasks } from './fields.ts';
export {
  FORMAT_VERSION,
  MAX_LINK_CHARS,
  MAX_TURNS,
  SHARED_FIELDS,
  type DecodeResult,
  type ParamValue,
  type Problem,
  type ShareKey,
  type ShareView,
} from './view.ts';

// --- encoding --------------------------------------------------------------------------------

/**
 * The URL fragment (without `#`) for a view, in format 2. The view must be one `checkView`
 * accepts (ids, parameter names and enum words are lower_snake_case), so nothing needs escaping.
 */
export function encode(view: ShareView): string {
  const parts: [ShareKey, string][] = [
    ['v', String(FORMAT_VERSION)],
    ['m', `${view.scenario}.${view.version}`],
    ['var', view.variant],
    ['p', encodeParams(view.params)],
    ['s', encodeTasks(view.tasks)],
    ...(view.compare !== undefined ? [['cmp', view.compare] as [ShareKey, string]] : []),
    ...(view.explore || view.bad ? [['x', '1'] as [ShareKey, string]] : []),
    ...(view.bad ? [['b', `${view.bad.outcome}.${view.bad.number}`] as [ShareKey, string]] : []),
    ['c', String(view.cursor)],
  ];
  return parts.map(([k, val]) => `${k}=${val}`).join('&');
}

// --- decoding --------------------------------------------------------------------------------

/**
 * Reads a URL fragment or query (with or without the leading `#` / `?`), format 1 or 2. Never
 * throws. On any problem the result lists all of them and keeps the fields that were fine,
 * unless the link is not one of ours or is from a newer format, in which case nothing is kept.
 * The view is syntactic only: pass it through `checkView` before using it.
 */
export function decode(text: string): DecodeResult {
  const body = text.replace(/^[#?]/, '');
  if (body.length > MAX_LINK_CHARS) {
    return fail(`the link is ${body.length} characters long, too long to be ours`, 'link');
  }
  const problems: Problem[] = [];
  const query = parseQuery(body, problems);

  // Format and model first: if they are wrong, no other field means what we think it means.
  const format = query.get('v');
  if (format === undefined) {
    return fail('this is not an Interleave view link (it has no format version, v=…)', 'v');
  }
  if (!/^\d{1,4}$/.test(format)) {
    return fail(`the format version "${clip(format)}" is not a format number`, 'v');
  }
  const n = Number(format);
  if (n > FORMAT_VERSION) {
    return fail(
      `the link uses format ${n}, newer than this page understands (${FORMAT_VERSION}); it was made by a newer Interleave`,
      'v',
    );
  }
  if (n < 1) return fail(`there is no link format ${format}`, 'v');

  const model = query.get('m');
  if (model === undefined) return fail('the link does not say which model it is for (m=…)', 'm');
  const mm = /^([a-z0-9-]{1,40})\.(\d{1,4})$/.exec(model);
  if (!mm) return fail(`the model "${clip(model)}" is not a model id and version`, 'm');
  const [, scenario, version] = mm;
  if (n === 1 && scenario !== FORMAT1_SCENARIO) {
    return fail(
      `the link is for the model "${scenario}", but format-1 links were only made for "${FORMAT1_SCENARIO}"`,
      'm',
    );
  }

  const fields = n === 1 ? format1Fields(query, problems) : format2Fields(query, problems);
  const { tasks, cursor } = fields;
  const known = n === 1 ? FORMAT1_KEYS : FORMAT2_KEYS;
  for (const k of query.keys()) {
    if (!known.has(k)) {
      problems.push(problem('link', `"${clip(k)}" is not part of a view link`, RANK.strayKey));
    }
  }

  const kept: { -readonly [K in keyof ShareView]?: ShareView[K] } = {
    scenario,
    version: Number(version),
  };
  if (fields.variant !== undefined) kept.variant = fields.variant;
  if (fields.params !== undefined) kept.params = fields.params;
  if (tasks !== undefined) kept.tasks = tasks;
  // A cursor is a position in the link's schedule: without it, it means nothing. Whether it is
  // within the schedule is checked with the tasks, in checkView.
  if (cursor !== undefined && tasks !== undefined) kept.cursor = cursor;
  if (fields.compare !== undefined) kept.compare = fields.compare;
  if (fields.explore) kept.explore = true;
  if (fields.bad !== undefined) kept.bad = fields.bad;
  if (problems.length === 0) return { ok: true, value: kept as ShareView };
  return { ok: false, problems: inOrder(problems), kept };
}

function fail(message: string, key: Problem['key']): DecodeResult {
  return { ok: false, problems: [{ key, message }], kept: {} };
}
