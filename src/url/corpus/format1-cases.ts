/**
 * The format-1 links of the corpus, before anything decodes them: every variant and toggle
 * spelling, both schedule syntaxes, cursors at the start, middle and end, with and without a
 * comparison, odd key orders and escapes, and links the page refuses. Which are accepted, and
 * what they open, is recorded by write-corpus.test.ts from the format-1 codec.
 */
import { builtinLibrary, completeSchedule, type TaskId } from '../../core/index.ts';
import { mulberry32 } from './corpus.ts';

export interface LinkCase {
  readonly link: string;
  readonly note: string;
}

const SCENARIO = 'ksm-exit-race';
const MODEL = 'ksm-exit-race.1';
const VARIANTS = builtinLibrary()
  .doc(SCENARIO)!
  .variants.list.map((x) => x.id);
/** Every spelling of the toggles a format-1 link could carry. */
const TOGGLE_WORDS = ['none', 'rmap', 'cursor', 'rmap.cursor', 'cursor.rmap'] as const;
/** The e-mail's interleaving as task choices (1×3, 2×15, 1×12). */
const EMAIL = [
  ...Array<TaskId>(3).fill(1),
  ...Array<TaskId>(15).fill(2),
  ...Array<TaskId>(12).fill(1),
];

/** The complete schedule the page would make of `choices` under a variant and toggles. */
function complete(variant: string, toggles: string, choices: readonly TaskId[]): TaskId[] {
  const words = toggles.split('.');
  const instance = builtinLibrary().instance(SCENARIO, {
    variant,
    rmap_nonempty: words.includes('rmap'),
    cursor: words.includes('cursor') ? 1 : 0,
  });
  return completeSchedule(instance, choices).tasks;
}

function runs(tasks: readonly TaskId[]): string {
  const out: string[] = [];
  for (let i = 0; i < tasks.length;) {
    let j = i;
    while (j < tasks.length && tasks[j] === tasks[i]) j++;
    out.push(`${tasks[i]}x${j - i}`);
    i = j;
  }
  return out.join('.');
}

const digits = (tasks: readonly TaskId[]) => tasks.join('');

function link(parts: readonly (readonly [string, string])[]): string {
  return parts.map(([k, v]) => `${k}=${v}`).join('&');
}

/** A link in the encoder's order: v, m, var, t, s, cmp, c. */
function canonical(
  variant: string,
  toggles: string,
  s: string,
  cursor: number,
  compare?: string,
): string {
  return link([
    ['v', '1'],
    ['m', MODEL],
    ['var', variant],
    ['t', toggles],
    ['s', s],
    ...(compare ? [['cmp', compare] as const] : []),
    ['c', String(cursor)],
  ]);
}

const EMAIL_LINK = (c: number) => canonical('a_vma_iter', 'none', '1x3.2x15.1x12', c);

/** Links that decode: every variant × toggle spelling, then seeded random views, then odd forms. */
export function validCases(): LinkCase[] {
  const out: LinkCase[] = [];
  // Every variant with every toggle spelling, on the e-mail's choices made complete.
  let k = 0;
  for (const variant of VARIANTS) {
    for (const toggles of TOGGLE_WORDS) {
      const tasks = complete(variant, toggles, EMAIL);
      const cursor = [0, Math.floor(tasks.length / 2), tasks.length][k % 3];
      const useDigits = k % 2 === 1;
      const compare = k % 4 === 3 ? VARIANTS[(k + 1) % VARIANTS.length] : undefined;
      out.push({
        link: canonical(variant, toggles, useDigits ? digits(tasks) : runs(tasks), cursor, compare),
        note: `grid: ${variant}, t=${toggles}, ${useDigits ? 'digits' : 'runs'}, cursor ${cursor}${compare ? ', cmp' : ''}`,
      });
      k++;
    }
  }
  // Random complete schedules (choices of 0–40 turns, repaired as the page repairs an edit).
  const rnd = mulberry32(20230308);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < 30; i++) {
    const variant = pick(VARIANTS);
    const toggles = pick(TOGGLE_WORDS);
    const choices = Array.from({ length: Math.floor(rnd() * 41) }, () => (rnd() < 0.5 ? 1 : 2));
    const tasks = complete(variant, toggles, choices);
    const cursor = pick([0, Math.floor(rnd() * (tasks.length + 1)), tasks.length]);
    const useDigits = rnd() < 0.3;
    const compare = rnd() < 0.4 ? pick(VARIANTS) : undefined;
    out.push({
      link: canonical(variant, toggles, useDigits ? digits(tasks) : runs(tasks), cursor, compare),
      note: `random #${i}`,
    });
  }
  const email = EMAIL_LINK(20);
  out.push(
    { link: EMAIL_LINK(0), note: 'the default view (the e-mail, cursor 0)' },
    { link: email, note: 'the e-mail at step 20 (README, e2e LINKS.email)' },
    {
      link: canonical('b_early_check', 'none', '1x3.2x15.1x12', 20),
      note: 'the fix at step 20 (e2e LINKS.fix)',
    },
    {
      link: canonical('a_vma_iter', 'none', '1x3.2x15.1x12', 20, 'b_early_check'),
      note: 'the e-mail compared with the fix',
    },
    {
      link: canonical('a_vma_iter', 'none', '1x3.2x15.1x12', 20, 'a_vma_iter'),
      note: 'a comparison with the variant itself',
    },
    { link: `#${email}`, note: 'a leading #' },
    { link: `?${email}`, note: 'a leading ?' },
    {
      link: 'c=20&s=1x3.2x15.1x12&t=none&var=a_vma_iter&m=ksm-exit-race.1&v=1',
      note: 'keys in reverse order',
    },
    {
      link: 'cmp=c_linked_list&c=20&v=1&t=rmap&m=ksm-exit-race.1&s=1x3.2x15.1x12&var=a_vma_iter',
      note: 'cmp first, keys shuffled',
    },
    {
      link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=111222222222222222111111111111&c=30',
      note: 'the e-mail as digits, cursor at the end',
    },
    {
      link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x1.1x2.2x15.1x6.1x6&c=5',
      note: 'runs split where they need not be',
    },
    {
      link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x0.1x3.2x15.2x0.1x12&c=3',
      note: 'runs of length 0',
    },
    {
      link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=01x3.2x015.001x12&c=020',
      note: 'leading zeros in the schedule and cursor',
    },
    { link: email.replace('v=1', 'v=01'), note: 'format written 01' },
    { link: email.replace('v=1', 'v=0001'), note: 'format written 0001' },
    { link: email.replace('ksm-exit-race.1', 'ksm-exit-race.0001'), note: 'model version 0001' },
    {
      link: email.replace('var=a_vma_iter', 'var=a%5Fvma%5Fiter'),
      note: 'escaped _ in the variant',
    },
    { link: email.replace('var=a_vma_iter', 'var=a%5fvma%5fiter'), note: 'lower-case escapes' },
    { link: email.replace('v=1', '%76=%31'), note: 'escaped key and value' },
    {
      link: email.replace('s=1x3.2x15.1x12', 's=1x3%2E2x15%2E1x12'),
      note: 'escaped dots in the schedule',
    },
    {
      link: email.replace('t=none', 't=rmap%2Ecursor'),
      note: 'escaped dot in the toggles',
    },
    {
      link: email.replace('m=ksm-exit-race.1', 'm=ksm%2Dexit%2Drace%2E1'),
      note: 'escaped model',
    },
    {
      link: email
        .split('&')
        .map((part) => {
          const [key, val] = part.split('=');
          return `${key}=${[...val].map((c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).join('')}`;
        })
        .join('&'),
      note: 'every value character escaped',
    },
    { link: email.replace(/&/g, '&&'), note: 'empty parts between keys' },
    { link: `&${email}&`, note: 'leading and trailing &' },
    {
      link: 'v=1&m=ksm-exit-race.1&var=e_ctl_no_exit_checks&t=cursor.rmap&s=1x3.2x15.1x12&cmp=f_ctl_exit_ignores_cursor&c=0',
      note: 'toggles in the other order with a comparison',
    },
  );
  return out;
}

/** Links that decode but whose schedule strict replay refuses: the page falls back. */
export function unrunnableCases(): LinkCase[] {
  return [
    {
      link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=2x20&c=3',
      note: 'task 2 runs past its end (e2e share.spec)',
    },
    { link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3&c=0', note: 'stops early' },
    { link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1&c=1', note: 'one turn' },
    {
      link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12.2x1&c=0',
      note: 'one turn too many',
    },
    {
      link: 'v=1&m=ksm-exit-race.1&var=c_linked_list&t=rmap&s=2x5.1x40&c=0',
      note: 'task 1 runs past its end',
    },
    {
      link: 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=2x3.1x27&c=0',
      note: 'task 1 is blocked on a spinlock task 2 holds',
    },
  ];
}

/** Links the format-1 codec refuses, each for a named reason. */
export function rejectedCases(): LinkCase[] {
  const email = EMAIL_LINK(20);
  const swap = (from: RegExp, to: string) => email.replace(from, to);
  const cases: [string, string][] = [
    ['', 'empty'],
    ['q=hello', 'a foreign query'],
    ['#section=intro&utm_source=mail', 'a foreign fragment (e2e share.spec)'],
    [email.replace('v=1&', ''), 'no format version'],
    [swap(/^v=1/, 'v=0'), 'format 0'],
    [swap(/^v=1/, 'v=-1'), 'format -1'],
    [swap(/^v=1/, 'v=1.0'), 'format 1.0'],
    [swap(/^v=1/, 'v='), 'empty format'],
    [swap(/^v=1/, 'v=one'), 'format in words'],
    [swap(/^v=1/, 'v=00001'), 'format with five digits'],
    [swap(/^v=1/, 'v=9'), 'a newer format (e2e share.spec)'],
    [swap(/^v=1/, 'v=99'), 'format 99'],
    [swap(/^v=1/, 'v=3'), 'format 3'],
    [email.replace('&m=ksm-exit-race.1', ''), 'no model'],
    [swap(/m=[^&]*/, 'm='), 'empty model'],
    [swap(/m=[^&]*/, 'm=ksm-exit-race'), 'model without a version'],
    [swap(/m=[^&]*/, 'm=ksm-exit-race.2'), 'a newer model version'],
    [swap(/m=[^&]*/, 'm=ksm-exit-race.7'), 'model version 7 (e2e share.spec)'],
    [swap(/m=[^&]*/, 'm=ksm-exit-race.0'), 'model version 0'],
    [swap(/m=[^&]*/, 'm=futex-race.1'), 'a foreign model'],
    [swap(/m=[^&]*/, 'm=ksm-oom-deadlock.1'), 'the other scenario, which format 1 never named'],
    [swap(/m=[^&]*/, 'm=KSM-exit-race.1'), 'model in capitals'],
    [swap(/var=[^&]*/, 'var=z_evil'), 'an unknown variant'],
    [
      'v=1&m=ksm-exit-race.1&var=z_rootkit&t=none&s=1x3.2x15.1x12&c=4',
      'an unknown variant, rest kept (e2e share.spec)',
    ],
    [swap(/var=[^&]*/, 'var='), 'an empty variant'],
    [email.replace('&var=a_vma_iter', ''), 'no variant'],
    [swap(/var=[^&]*/, 'var=%3Cscript%3E'), 'markup as the variant'],
    [swap(/t=[^&]*/, 't='), 'empty toggles'],
    [swap(/t=[^&]*/, 't=foo'), 'an unknown toggle'],
    [swap(/t=[^&]*/, 't=rmap.rmap'), 'a repeated toggle'],
    [swap(/t=[^&]*/, 't=RMAP'), 'a toggle in capitals'],
    [swap(/t=[^&]*/, 't=none.rmap'), 'none with a toggle'],
    [swap(/t=[^&]*/, 't=rmap,cursor'), 'toggles separated by a comma'],
    [email.replace('&t=none', ''), 'no toggles'],
    [swap(/s=[^&]*/, 's='), 'an empty schedule'],
    [swap(/s=[^&]*/, 's=1x'), 'a run without a length'],
    [swap(/s=[^&]*/, 's=3x2'), 'an unknown task'],
    [swap(/s=[^&]*/, 's=1x3.3x2'), 'an unknown task among runs'],
    [swap(/s=[^&]*/, 's=1132'), 'an unknown task among digits'],
    [swap(/s=[^&]*/, 's=0'), 'task 0'],
    [swap(/s=[^&]*/, 's=1x201'), 'a run longer than the limit'],
    [swap(/s=[^&]*/, 's=1x999.2x999'), 'runs far longer than the limit'],
    [swap(/s=[^&]*/, 's=1x200.2x1'), 'a schedule one turn over the limit'],
    [swap(/s=[^&]*/, `s=${'12'.repeat(101)}`), 'digits over the limit'],
    [swap(/s=[^&]*/, 's=12a'), 'a letter in the schedule'],
    [swap(/s=[^&]*/, 's=1x3..2x1'), 'an empty run'],
    [swap(/s=[^&]*/, 's=1x3.2'), 'runs and digits mixed'],
    [
      'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=<script>alert(1)</script>&c=0',
      'markup as the schedule (e2e share.spec)',
    ],
    [email.replace('&s=1x3.2x15.1x12', ''), 'no schedule'],
    [swap(/c=20$/, 'c=-1'), 'a negative cursor'],
    [swap(/c=20$/, 'c='), 'an empty cursor'],
    [swap(/c=20$/, 'c=abc'), 'a cursor in words'],
    [swap(/c=20$/, 'c=1000'), 'a four-digit cursor'],
    [swap(/c=20$/, 'c=31'), 'a cursor one past the end'],
    [
      'v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=1x3.2x15.1x12&c=99',
      'a cursor far past the end (e2e share.spec)',
    ],
    [email.replace('&c=20', ''), 'no cursor'],
    [swap(/c=20$/, 'cmp=zz&c=20'), 'an unknown comparison'],
    [swap(/c=20$/, 'cmp=&c=20'), 'an empty comparison'],
    [swap(/c=20$/, 'cmp=%3Cimg%3E&c=20'), 'markup as the comparison'],
    [`${email}&v=1`, 'the format twice'],
    [`${email}&var=b_early_check`, 'the variant twice'],
    [swap(/s=[^&]*/, 's=%E0%A4%A'), 'a broken escape'],
    [swap(/s=[^&]*/, 's=%ZZ'), 'not an escape'],
    [`${email}&x=1`, 'an unknown key'],
    [`${email}&debug`, 'a key without a value'],
    [email.replace(/&/g, '+&+'), 'pluses around the separators'],
    [swap(/c=20$/, 'c=+20'), 'a plus before the cursor'],
    [swap(/c=20$/, 'c=20+'), 'a plus after the cursor'],
    [swap(/var=[^&]*/, 'var=a_vma_iter+'), 'a plus after the variant'],
    [swap(/t=[^&]*/, 't=rmap+cursor'), 'toggles joined by a plus'],
    [swap(/c=20$/, 'c=%2B20'), 'an escaped plus before the cursor'],
    [email.toUpperCase(), 'the link in capitals'],
    [
      [...email].map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
      'every character escaped, separators too',
    ],
    [encodeURIComponent(encodeURIComponent(email)), 'escaped twice'],
    [`${email}&x=${'A'.repeat(2000)}`, 'longer than any link we make'],
    ['v=1&m=ksm-exit-race.1&var=z_evil&t=none&s=1x3.3x2&c=99&x=1', 'several bad fields at once'],
    ['v=1&m=ksm-exit-race.1&foo=1', 'only the format and model'],
    [`${swap(/var=[^&]*/, 'var=z_evil')}&%ZZ=1&x=1`, 'a broken escape, a bad variant, a stray key'],
    [
      'v=1&m=ksm-exit-race.1&var=z_evil&t=foo&s=1x3.3x2&cmp=zz&c=99&x=1',
      'bad variant, toggles, task and comparison, and a stray key',
    ],
    [
      'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3&cmp=zz&c=9&x=1',
      'a bad comparison, a cursor past the end and a stray key',
    ],
    [
      'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3&c=x&cmp=zz',
      'a bad cursor and a bad comparison',
    ],
  ];
  return cases.map(([link, note]) => ({ link, note }));
}
