/**
 * Generated share links for the link-fuzzing test: valid links, mutilated ones and hostile ones,
 * each with what the page must do with it, worked out here in Node from the same codec and core.
 */
import fc from 'fast-check';
import type { TaskId } from '../../src/core/index.ts';
import { loadPageCode } from './load-page-code.ts';
import type { ShareView } from './page-code.ts';

const {
  builtinLibrary,
  completeSchedule,
  decode,
  DEFAULT_VIEW,
  encode,
  paramsOf,
  replay,
  SCENARIO,
  VARIANT_IDS,
} = await loadPageCode();

/** The scenario instance the page runs for a variant and toggles. */
const instanceOf = (variant: string, toggles: ShareView['toggles']) =>
  builtinLibrary().instance(SCENARIO, paramsOf(variant, toggles));

export type Category =
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
  readonly exact: ShareView | null;
}

/** A valid view: a random complete schedule of a random variant, a random cursor. */
const viewArb: fc.Arbitrary<ShareView> = fc
  .record({
    variant: fc.constantFrom(...VARIANT_IDS),
    rmapNonempty: fc.boolean(),
    cursorAtSlot: fc.boolean(),
    choices: fc.array(fc.constantFrom<TaskId>(1, 2), { maxLength: 40 }),
    cursorFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ variant, rmapNonempty, cursorAtSlot, choices, cursorFrac }) => {
    const toggles = { rmapNonempty, cursorAtSlot };
    const { tasks } = completeSchedule(instanceOf(variant, toggles), choices);
    return { variant, toggles, tasks, cursor: Math.floor(cursorFrac * tasks.length) };
  });

const validLink = viewArb.map(encode);

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
  random: fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: fc.constantFrom(...'v=1&m.ksmxc2#%s_var-t'), maxLength: 80 }),
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
      fc.constantFrom('v=0', 'v=2', 'v=99', 'v=-1', 'v=1.0', 'v=', 'v=one', 'v=00001'),
      fc.constantFrom(
        'm=ksm-exit-race.2',
        'm=ksm-exit-race.0',
        'm=other-race.1',
        'm=ksm-exit-race',
        'm=',
      ),
      fc.boolean(),
    )
    .map(([s, v, m, which]) => (which ? s.replace('v=1', v) : s.replace(/m=[^&]*/, m))),
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
      fc.constantFrom('var', 's', 't', 'c', 'v', 'm', 'key', 'whole'),
    )
    .map(([s, p, where]) => {
      if (where === 'whole') return p;
      if (where === 'key') return `${s}&${encodeURIComponent(p)}=1`;
      return s.replace(new RegExp(`(^|&)${where}=[^&]*`), `$1${where}=${encodeURIComponent(p)}`);
    }),
};

/** What the page must show for `text`: the decoded view when it replays strictly, else null. */
export function expectedView(text: string): ShareView | null {
  // An empty fragment is no link at all: the page opens on the default view.
  if (text.replace(/^[#?]/, '') === '') return DEFAULT_VIEW;
  const d = decode(text);
  if (!d.ok) return null;
  const r = replay(instanceOf(d.value.variant, d.value.toggles), d.value.tasks);
  return r.ok && r.trace.complete ? d.value : null;
}

/** `counts` links per category, reproducible from `seed`. */
export function generateLinks(seed: number, counts: Record<Category, number>): FuzzLink[] {
  const out: FuzzLink[] = [];
  let k = 0;
  for (const [category, n] of Object.entries(counts) as [Category, number][]) {
    const texts = fc.sample(ARBS[category], { seed: seed + k++, numRuns: n });
    for (const text of texts) out.push({ category, text, exact: expectedView(text) });
  }
  return out;
}
