/**
 * Generated share links for the link-fuzzing test: valid links (format 2 for both scenarios and
 * every process count, and format-1 links as old e-mails hold them), mutilated ones and hostile
 * ones, each with what the page must do with it, worked out here in Node from the same codec,
 * link reader and core the page uses.
 */
import fc from 'fast-check';
import type { TaskId } from '../../src/core/index.ts';
import { loadPageCode } from './load-page-code.ts';
import type { ParamValue, ScenarioInfo, ShareView } from './page-code.ts';

const {
  builtinLibrary,
  canonicalParams,
  completeSchedule,
  describeScenario,
  encode,
  encodeFormat1,
  openLink,
  runOf,
} = await loadPageCode();

const library = builtinLibrary();
const SCENARIOS = library.ids;

const described = new Map<string, ScenarioInfo>();
/** The description of an instance (memoised: the generator asks for the same few often). */
function describe(id: string, params: Record<string, ParamValue>): ScenarioInfo {
  const key = `${id}|${JSON.stringify(params)}`;
  let info = described.get(key);
  if (!info) {
    info = describeScenario(library.instance(id, params));
    described.set(key, info);
  }
  return info;
}

/**
 * Parameters from uniform picks in [0, 1): each in its declared order, its bounds as the
 * instance with the earlier ones resolves them (ksm-exit-race's cursor runs up to processes).
 */
function paramsOf(id: string, picks: readonly number[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  describe(id, {}).params.forEach((declared, i) => {
    const p = describe(id, out).params.find((x) => x.name === declared.name)!;
    const r = picks[i % picks.length];
    if (p.type === 'bool') out[p.name] = r < 0.5;
    else if (p.type === 'enum') out[p.name] = p.values![Math.floor(r * p.values!.length)];
    else out[p.name] = p.min! + Math.floor(r * (p.max! - p.min! + 1));
  });
  return out;
}

/**
 * A uniform fraction in [0, 1). Not fc.double, which is uniform over the doubles' bit patterns,
 * so nearly all its values are tiny.
 */
const fraction = fc.integer({ min: 0, max: 9_999 }).map((n) => n / 10_000);

/** What the page shows: the instance, the task choices, the cursor and the comparison. */
export interface PageView {
  readonly scenario: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly variant: string;
  readonly tasks: readonly TaskId[];
  readonly cursor: number;
  /** The variant shown beside, or null. */
  readonly compare: string | null;
}

/**
 * A valid format-2 view: any scenario, parameters and variant; a random complete schedule.
 * Unbiased: fast-check's bias towards small values would pick the first scenario and one
 * process nearly every time.
 */
const format2Arb: fc.Arbitrary<ShareView> = fc
  .noBias(
    fc.record({
      scenario: fc.constantFrom(...SCENARIOS),
      picks: fc.array(fraction, { minLength: 4, maxLength: 4 }),
      variantPick: fc.nat(),
      choices: fc.array(fc.nat(8), { maxLength: 60 }),
      cursorFrac: fraction,
      comparePick: fc.option(fc.nat(), { freq: 4 }),
    }),
  )
  .map(({ scenario, picks, variantPick, choices, cursorFrac, comparePick }) => {
    const base = paramsOf(scenario, picks);
    const variants = describe(scenario, base).variants;
    const variant = variants[variantPick % variants.length].id;
    const instance = library.instance(scenario, { ...base, variant });
    const info = describe(scenario, { ...base, variant });
    const lanes = info.lanes.length;
    const { tasks } = completeSchedule(
      instance,
      choices.map((c) => ((c % lanes) + 1) as TaskId),
    );
    return {
      scenario,
      version: info.version,
      params: canonicalParams(info),
      variant,
      tasks,
      cursor: Math.floor(cursorFrac * tasks.length),
      ...(comparePick !== null ? { compare: variants[comparePick % variants.length].id } : {}),
    };
  });

/** A valid format-1 link: ksm-exit-race with one process, its toggles, a random schedule. */
const format1Arb: fc.Arbitrary<string> = fc
  .noBias(
    fc.record({
      variantPick: fc.nat(),
      rmapNonempty: fc.boolean(),
      cursorAtSlot: fc.boolean(),
      choices: fc.array(fc.constantFrom<TaskId>(1, 2), { maxLength: 40 }),
      cursorFrac: fraction,
      comparePick: fc.option(fc.nat(), { freq: 4 }),
    }),
  )
  .map(({ variantPick, rmapNonempty, cursorAtSlot, choices, cursorFrac, comparePick }) => {
    const variants = describe('ksm-exit-race', {}).variants.map((v) => v.id);
    const variant = variants[variantPick % variants.length];
    const params = { processes: 1, rmap_nonempty: rmapNonempty, cursor: cursorAtSlot ? 1 : 0 };
    const instance = library.instance('ksm-exit-race', { ...params, variant });
    const { tasks } = completeSchedule(instance, choices);
    return encodeFormat1({
      variant,
      toggles: { rmapNonempty, cursorAtSlot },
      tasks,
      cursor: Math.floor(cursorFrac * tasks.length),
      ...(comparePick !== null ? { compare: variants[comparePick % variants.length] } : {}),
    });
  });

const validLink = fc.oneof(
  { arbitrary: format2Arb.map(encode), weight: 3 },
  { arbitrary: format1Arb, weight: 1 },
);

export type Category =
  | 'valid'
  | 'random'
  | 'flipped'
  | 'truncated'
  | 'duplicated'
  | 're-encoded'
  | 'wrong-version'
  | 'huge'
  | 'payload';

export interface FuzzLink {
  readonly category: Category;
  readonly text: string;
  /** The view the page must show exactly, or null when the page must report a problem. */
  readonly exact: PageView | null;
}

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  "';window.__pwned=1;//",
  '{{constructor.constructor("window.__pwned=1")()}}',
  '<iframe src="javascript:window.__pwned=1">',
  '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
];

function flip(s: string, positions: number[], chars: string[]): string {
  const a = [...s];
  positions.forEach((p, i) => (a[p % Math.max(1, a.length)] = chars[i % chars.length]));
  return a.join('');
}

const ARBS: Record<Category, fc.Arbitrary<string>> = {
  valid: validLink,
  random: fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: fc.constantFrom(...'v=12&m.ksmxc2#%s_var-tp:,oomd'), maxLength: 80 }),
  ),
  flipped: fc
    .tuple(
      validLink,
      fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      fc.array(fc.string({ minLength: 1, maxLength: 1, unit: 'binary-ascii' }), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([s, pos, chars]) => flip(s, pos, chars)),
  truncated: fc.tuple(validLink, fc.nat()).map(([s, n]) => s.slice(0, n % s.length)),
  duplicated: fc.tuple(validLink, fc.nat(), fc.boolean()).map(([s, n, shuffle]) => {
    const parts = s.split('&');
    const dup = [...parts, parts[n % parts.length]];
    return (shuffle ? dup.reverse() : dup).join('&');
  }),
  're-encoded': fc
    .tuple(validLink, fc.constantFrom('all', 'double', 'plus', 'upper'))
    .map(([s, how]) => {
      if (how === 'all')
        return [...s].map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
      if (how === 'double') return encodeURIComponent(encodeURIComponent(s));
      if (how === 'plus') return s.replace(/&/g, '+&+');
      return s.toUpperCase();
    }),
  'wrong-version': fc
    .tuple(
      validLink,
      fc.constantFrom(
        'v=0',
        'v=1',
        'v=2',
        'v=3',
        'v=99',
        'v=-1',
        'v=2.0',
        'v=',
        'v=two',
        'v=00002',
      ),
      fc.constantFrom(
        'm=ksm-exit-race.2',
        'm=ksm-exit-race.0',
        'm=ksm-oom-deadlock.1',
        'm=ksm-exit-race.1',
        'm=other-race.1',
        'm=ksm-exit-race',
        'm=',
      ),
      fc.boolean(),
    )
    .map(([s, v, m, which]) =>
      which ? s.replace(/(^|&)v=[^&]*/, `$1${v}`) : s.replace(/(^|&)m=[^&]*/, `$1${m}`),
    ),
  huge: fc
    .tuple(
      validLink,
      fc.integer({ min: 2_001, max: 200_000 }),
      fc.constantFrom('junk', 'runs', 'digits'),
    )
    .map(([s, n, how]) => {
      if (how === 'runs')
        return s.replace(/s=[^&]*/, 's=' + '1x200.'.repeat(Math.ceil(n / 6)) + '2x1');
      if (how === 'digits') return s.replace(/s=[^&]*/, 's=' + '12'.repeat(Math.ceil(n / 2)));
      return s + '&x=' + 'A'.repeat(n);
    }),
  payload: fc
    .tuple(
      validLink,
      fc.constantFrom(...PAYLOADS),
      fc.constantFrom('var', 's', 't', 'p', 'c', 'v', 'm', 'cmp', 'key', 'whole'),
    )
    .map(([s, p, where]) => {
      if (where === 'whole') return p;
      if (where === 'key') return `${s}&${encodeURIComponent(p)}=1`;
      return s.replace(new RegExp(`(^|&)${where}=[^&]*`), `$1${where}=${encodeURIComponent(p)}`);
    }),
};

/** The scenario a bare link opens, at its default view. */
function defaultView(): PageView {
  const info = describeScenario(library.instance(SCENARIOS[0]));
  return {
    scenario: info.id,
    params: canonicalParams(info),
    variant: info.variant,
    tasks: info.defaultTasks,
    cursor: 0,
    compare: null,
  };
}

/**
 * What the page must show for `text` (a fragment without `#`): the view it names when the link
 * reads cleanly (decode, then checked against the instance it names, as the store does) and its
 * schedule replays strictly to the end; else null (the page must say what was wrong).
 */
export function expectedView(text: string): PageView | null {
  // An empty fragment is no link at all: the page opens on the default view.
  if (text.replace(/^#/, '') === '') return defaultView();
  const r = openLink(text.replace(/^#/, ''));
  if (!r.ok) return null;
  const run = runOf(r.value);
  if ('refused' in run) return null;
  const { scenario, params, variant, tasks, cursor, compare } = r.value;
  return {
    scenario,
    params,
    variant,
    tasks,
    cursor,
    compare: compare !== undefined && compare !== variant ? compare : null,
  };
}

/** The fragment (without `#`) the page writes for a view it shows: format 2, parameters in order. */
export function fragmentOf(view: PageView): string {
  const info = describe(view.scenario, { ...view.params, variant: view.variant });
  return encode({
    scenario: view.scenario,
    version: info.version,
    params: canonicalParams(info),
    variant: view.variant,
    tasks: view.tasks,
    cursor: view.cursor,
    ...(view.compare !== null ? { compare: view.compare } : {}),
  });
}

/** `counts` links per category, reproducible from `seed`. */
export function generateLinks(seed: number, counts: Partial<Record<Category, number>>): FuzzLink[] {
  const out: FuzzLink[] = [];
  let k = 0;
  for (const [category, n] of Object.entries(counts) as [Category, number][]) {
    const texts = fc.sample(ARBS[category], { seed: seed + k++, numRuns: n });
    for (const text of texts) out.push({ category, text, exact: expectedView(text) });
  }
  return out;
}

/** Valid format-2 views, reproducible from `seed` (for tests that open them one by one). */
export function generateViews(seed: number, n: number): ShareView[] {
  return fc.sample(format2Arb, { seed, numRuns: n });
}
