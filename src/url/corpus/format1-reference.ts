/**
 * FROZEN REFERENCE, test-only: the format-1 share-URL codec exactly as it was when format 1 was
 * the only format (src/url/share.ts at commit 2ceddca, unchanged but for this comment and the
 * import path). The corpus writer and the differential test in corpus.test.ts hold the current
 * codec to it. The page never imports this file. Do not fix or tidy it: it is the standard.
 */
/**
 * The share-URL codec: the view a person sees, as a short readable URL fragment, and back.
 *
 *   #v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=20
 *   #v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&cmp=b_early_check&c=20
 *
 * `cmp` (the variant shown beside for comparison) is optional and was added within format 1:
 * a link without it opens with no comparison, as it always did.
 *
 * FROZEN FORMAT. Links live in e-mails for years. Keys and value syntax of format 1 must keep
 * decoding exactly as they do now. Bump `FORMAT_VERSION` (and keep decoding 1) if a key changes
 * meaning; adding an optional key with a default does not need a bump.
 *
 * `decode` checks every field on its own, never throws, and reports each problem in words a
 * reader of the page understands. It does not run anything: whether the schedule can actually be
 * replayed is the simulator's call (strict mode), made by the store.
 */
import * as v from 'valibot';
import { builtinLibrary, DEFAULT_SCENARIO, type TaskId } from '../../core/index.ts';

/**
 * The model a link is for: the scenario a bare link opens, by its document's id and version
 * (`m=ksm-exit-race.1`). Its variants and tasks are the ones a link may name.
 */
const MODEL = builtinLibrary().doc(DEFAULT_SCENARIO)!;
export const MODEL_ID = MODEL.id;
export const MODEL_VERSION = MODEL.version;
const VARIANT_IDS = MODEL.variants.list.map((x) => x.id);
// Format 1 sets no parameter but the toggles, so the tasks are those of the default instance.
const TASK_IDS: readonly TaskId[] = builtinLibrary()
  .instance(DEFAULT_SCENARIO)
  .tasks.map((t) => t.id);

/**
 * The initial-state toggles a format-1 link carries in `t` (`rmap`, `cursor`). They are part of
 * the frozen format; the page maps them to the scenario's parameters (src/state/ksm-bridge.ts).
 */
export interface Toggles {
  /** `t=rmap`: the slot's rmap_list is non-empty at the start. */
  readonly rmapNonempty: boolean;
  /** `t=cursor`: the scan cursor is at the slot at the start. */
  readonly cursorAtSlot: boolean;
}

export const FORMAT_VERSION = 1;

/** Longest schedule a link may carry. Complete runs of this model are ~30 turns. */
export const MAX_TURNS = 200;
/** Longest fragment we look at; anything longer is not a link we made. */
export const MAX_LINK_CHARS = 2000;

/** What a link carries. */
export interface ShareView {
  /** A variant id of the model's document. */
  readonly variant: string;
  readonly toggles: Toggles;
  /** The schedule as task choices. */
  readonly tasks: readonly TaskId[];
  /** 0 = initial state; k = the state right after the k-th step. */
  readonly cursor: number;
  /** A second variant shown beside on the same task choices; absent = no comparison. */
  readonly compare?: string;
}

/**
 * Which parts of the page are shared, under which URL key. Everything else (playing, speed,
 * hover, open dialogs, notices) is personal and stays out of links on purpose.
 */
export const SHARED_FIELDS = {
  formatVersion: { key: 'v', shared: true },
  model: { key: 'm', shared: true },
  variant: { key: 'var', shared: true },
  toggles: { key: 't', shared: true },
  tasks: { key: 's', shared: true },
  cursor: { key: 'c', shared: true },
  /** Optional, default none (added in format 1 without a bump: older links lack it). */
  compare: { key: 'cmp', shared: true },
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
      /** The fields that decoded cleanly; empty when the link is not ours or too new. */
      readonly kept: Partial<ShareView>;
    };

// --- encoding --------------------------------------------------------------------------------

const TOGGLE_WORDS: Readonly<Record<keyof Toggles, string>> = {
  rmapNonempty: 'rmap',
  cursorAtSlot: 'cursor',
};

function encodeToggles(t: Toggles): string {
  const on = (Object.keys(TOGGLE_WORDS) as (keyof Toggles)[])
    .filter((k) => t[k])
    .map((k) => TOGGLE_WORDS[k]);
  return on.length === 0 ? 'none' : on.join('.');
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

/** The URL fragment (without `#`) for a view. */
export function encode(view: ShareView): string {
  const parts: [ShareKey, string][] = [
    ['v', String(FORMAT_VERSION)],
    ['m', `${MODEL_ID}.${MODEL_VERSION}`],
    ['var', view.variant],
    ['t', encodeToggles(view.toggles)],
    ['s', encodeTasks(view.tasks)],
    ...(view.compare ? [['cmp', view.compare] as [ShareKey, string]] : []),
    ['c', String(view.cursor)],
  ];
  // Every value is [A-Za-z0-9_.x-]; nothing needs escaping, which keeps links readable.
  return parts.map(([k, val]) => `${k}=${val}`).join('&');
}

// --- decoding --------------------------------------------------------------------------------

const Count = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}$/, 'is not a whole number'),
  v.transform(Number),
);

const FormatSchema = v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'is not a format number'));

const VariantSchema = v.picklist(
  VARIANT_IDS,
  `is not one of the model's variants (${VARIANT_IDS.join(', ')})`,
);

const TogglesSchema = v.pipe(
  v.string(),
  v.regex(/^(none|[a-z]+(\.[a-z]+)*)$/, 'is not a list of toggles'),
  v.check(
    (s) => s === 'none' || s.split('.').every((w) => w === 'rmap' || w === 'cursor'),
    'names a toggle the model does not have (known: rmap, cursor)',
  ),
  v.check((s) => new Set(s.split('.')).size === s.split('.').length, 'repeats a toggle'),
  v.transform((s): Toggles => ({
    rmapNonempty: s.split('.').includes('rmap'),
    cursorAtSlot: s.split('.').includes('cursor'),
  })),
);

/** Either runs (`1x3.2x15`) or one digit per turn (`11122`). */
const TasksSchema = v.pipe(
  v.string(),
  v.regex(
    /^(\d+|\d+x\d{1,3}(\.\d+x\d{1,3})*)$/,
    'is not a schedule (expected runs like 1x3.2x15 or digits like 11122)',
  ),
  v.transform((s): number[] => {
    if (!s.includes('x')) return [...s].map(Number);
    return s.split('.').flatMap((run) => {
      const [task, n] = run.split('x').map(Number);
      return n > MAX_TURNS ? [Number.NaN] : new Array<number>(n).fill(task);
    });
  }),
  v.check((ts) => ts.every((t) => !Number.isNaN(t)), `has a run longer than ${MAX_TURNS} turns`),
  v.check((ts) => ts.length > 0, 'is empty'),
  v.check((ts) => ts.length <= MAX_TURNS, `is longer than ${MAX_TURNS} turns`),
  v.check(
    (ts) => ts.every((t) => TASK_IDS.includes(t)),
    `names a task the model does not have (tasks are ${TASK_IDS.join(' and ')})`,
  ),
);

const CursorSchema = Count;

function field<T>(
  schema: v.GenericSchema<string, T>,
  raw: string | undefined,
  key: ShareKey,
  label: string,
  problems: Problem[],
): T | undefined {
  if (raw === undefined) {
    problems.push({ key, message: `the ${label} is missing (${key}=…)` });
    return undefined;
  }
  const r = v.safeParse(schema, raw);
  if (r.success) return r.output;
  problems.push({ key, message: `the ${label} "${clip(raw)}" ${r.issues[0].message}` });
  return undefined;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/** Splits `a=1&b=2` leniently; repeated keys are a problem (which one would we believe?). */
function parseParams(text: string, problems: Problem[]): Map<string, string> {
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
      problems.push({ key: 'link', message: `"${clip(part)}" is not validly escaped` });
      continue;
    }
    if (out.has(key)) {
      problems.push({ key: 'link', message: `"${clip(key)}" appears more than once` });
      continue;
    }
    out.set(key, val);
  }
  return out;
}

const KNOWN_KEYS = new Set<string>(Object.values(SHARED_FIELDS).map((f) => f.key));

/**
 * Reads a URL fragment or query (with or without the leading `#` / `?`). Never throws.
 * On any problem the result lists all of them and keeps the fields that were fine, unless the
 * link is not one of ours or is from a newer format or model, in which case nothing is kept.
 */
export function decode(text: string): DecodeResult {
  const body = text.replace(/^[#?]/, '');
  if (body.length > MAX_LINK_CHARS) {
    return fail([
      { key: 'link', message: `the link is ${body.length} characters long, too long to be ours` },
    ]);
  }
  const problems: Problem[] = [];
  const params = parseParams(body, problems);

  // Format and model first: if they are wrong, no other field means what we think it means.
  const format = params.get('v');
  if (format === undefined) {
    return fail([
      { key: 'v', message: 'this is not an Interleave view link (it has no format version, v=…)' },
    ]);
  }
  const fr = v.safeParse(FormatSchema, format);
  if (!fr.success) {
    return fail([
      { key: 'v', message: `the format version "${clip(format)}" ${fr.issues[0].message}` },
    ]);
  }
  if (Number(format) > FORMAT_VERSION) {
    return fail([
      {
        key: 'v',
        message: `the link uses format ${Number(format)}, newer than this page understands (${FORMAT_VERSION}); it was made by a newer Interleave`,
      },
    ]);
  }
  if (Number(format) < 1) {
    return fail([{ key: 'v', message: `there is no link format ${format}` }]);
  }
  const model = params.get('m');
  if (model === undefined) {
    return fail([{ key: 'm', message: 'the link does not say which model it is for (m=…)' }]);
  }
  const mm = /^([a-z0-9-]{1,40})\.(\d{1,4})$/.exec(model);
  if (!mm) {
    return fail([
      { key: 'm', message: `the model "${clip(model)}" is not a model id and version` },
    ]);
  }
  if (mm[1] !== MODEL_ID) {
    return fail([
      {
        key: 'm',
        message: `the link is for the model "${mm[1]}", but this page shows "${MODEL_ID}"`,
      },
    ]);
  }
  if (Number(mm[2]) !== MODEL_VERSION) {
    const newer = Number(mm[2]) > MODEL_VERSION;
    return fail([
      {
        key: 'm',
        message: newer
          ? `the link is for version ${Number(mm[2])} of the model, newer than this page's version ${MODEL_VERSION}`
          : `the link is for version ${Number(mm[2])} of the model, which this page no longer has (it has ${MODEL_VERSION})`,
      },
    ]);
  }

  const variant = field(VariantSchema, params.get('var'), 'var', 'variant', problems);
  const toggles = field(TogglesSchema, params.get('t'), 't', 'initial-state toggles', problems);
  const tasks = field(TasksSchema, params.get('s'), 's', 'schedule', problems);
  const cursor = field(CursorSchema, params.get('c'), 'c', 'cursor', problems);
  const rawCompare = params.get('cmp');
  const compare =
    rawCompare === undefined
      ? undefined
      : field(VariantSchema, rawCompare, 'cmp', 'variant to compare with', problems);
  if (cursor !== undefined && tasks !== undefined && cursor > tasks.length) {
    problems.push({
      key: 'c',
      message: `the cursor ${cursor} is past the end of the ${tasks.length}-step schedule`,
    });
  }
  for (const k of params.keys()) {
    if (!KNOWN_KEYS.has(k))
      problems.push({ key: 'link', message: `"${clip(k)}" is not part of a view link` });
  }

  if (problems.length === 0) {
    const value: ShareView = {
      variant: variant!,
      toggles: toggles!,
      tasks: tasks!,
      cursor: cursor!,
    };
    return { ok: true, value: compare === undefined ? value : { ...value, compare } };
  }
  const kept: { -readonly [K in keyof ShareView]?: ShareView[K] } = {};
  if (variant !== undefined) kept.variant = variant;
  if (toggles !== undefined) kept.toggles = toggles;
  if (tasks !== undefined) kept.tasks = tasks;
  if (cursor !== undefined && tasks !== undefined && cursor <= tasks.length) kept.cursor = cursor;
  if (compare !== undefined) kept.compare = compare;
  return { ok: false, problems, kept };
}

function fail(problems: Problem[]): DecodeResult {
  return { ok: false, problems, kept: {} };
}
