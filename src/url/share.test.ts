import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  builtinLibrary,
  completeSchedule,
  describeScenario,
  type ScenarioInfo,
} from '../core/index.ts';
import { canonicalParams, CATALOG, describeFor, openLink } from './corpus/corpus.ts';
import {
  checkView,
  decode,
  encode,
  encodeTasks,
  MAX_LINK_CHARS,
  MAX_TURNS,
  type ParamValue,
  type ShareView,
} from './share.ts';

const EMAIL_TASKS = [1, 1, 1, ...Array<number>(15).fill(2), ...Array<number>(12).fill(1)];

const emailView: ShareView = {
  scenario: 'ksm-exit-race',
  version: 1,
  params: { processes: 1, rmap_nonempty: false, cursor: 0 },
  variant: 'a_vma_iter',
  tasks: EMAIL_TASKS,
  cursor: 20,
};
const EMAIL_LINK =
  'v=2&m=ksm-exit-race.1&var=a_vma_iter&p=processes:1,rmap_nonempty:false,cursor:0&s=1x3.2x15.1x12&c=20';

const infoOf = (scenario: string, params: Record<string, ParamValue> = {}): ScenarioInfo =>
  describeScenario(builtinLibrary().instance(scenario, params));

/** A format-2 link for the e-mail's view with one field replaced (or dropped, with null). */
function emailWith(key: string, value: string | null): string {
  const parts = EMAIL_LINK.split('&').filter((p) => !p.startsWith(`${key}=`) || value !== null);
  const i = parts.findIndex((p) => p.startsWith(`${key}=`));
  if (value === null) return parts.join('&');
  if (i < 0) return [...parts, `${key}=${value}`].join('&');
  parts[i] = `${key}=${value}`;
  return parts.join('&');
}

// --- arbitrary views ---------------------------------------------------------------------------

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);
/** Any view the codec can carry, for any scenario: it need not exist. */
const anyView: fc.Arbitrary<ShareView> = fc
  .record({
    scenario: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    version: fc.nat({ max: 9999 }),
    params: fc.dictionary(
      word,
      fc.oneof(
        fc.boolean(),
        fc.integer({ min: -1e6, max: 1e6 }),
        // An enum word reads as itself unless it is true or false (see checkView).
        word.filter((w) => w !== 'true' && w !== 'false'),
      ),
      { maxKeys: 8 },
    ),
    variant: word,
    tasks: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: MAX_TURNS }),
    compare: fc.option(word, { nil: undefined }),
    explore: fc.boolean(),
    bad: fc.option(
      fc.record({
        outcome: fc.stringMatching(/^[A-Z][A-Z_]{0,20}$/),
        number: fc.bigInt({ min: 1n, max: 10n ** 40n }).map(String),
      }),
      { nil: undefined },
    ),
  })
  .chain((r) =>
    fc.nat({ max: r.tasks.length }).map((cursor) => {
      const { compare, explore, bad, ...rest } = r;
      // An absent field is an absent key, not `compare: undefined`; a bad schedule implies the
      // exploration.
      return {
        ...rest,
        ...(compare === undefined ? {} : { compare }),
        ...(explore || bad ? { explore: true } : {}),
        ...(bad === undefined ? {} : { bad }),
        cursor,
      };
    }),
  );

/** A view of a built-in scenario that checks: real parameters, a complete schedule. */
const builtinView: fc.Arbitrary<ShareView> = fc
  .record({
    scenario: fc.constantFrom(...builtinLibrary().ids),
    processes: fc.integer({ min: 1, max: 3 }),
    flag: fc.boolean(),
    pick: fc.nat(),
    choices: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 60 }),
    cursorFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    compare: fc.option(fc.nat(), { nil: undefined }),
  })
  .map((r) => {
    const doc = builtinLibrary().doc(r.scenario)!;
    const variants = doc.variants.list.map((x) => x.id);
    const variant = variants[r.pick % variants.length];
    const input: Record<string, ParamValue> =
      r.scenario === 'ksm-exit-race'
        ? { processes: r.processes, rmap_nonempty: r.flag, cursor: r.pick % (r.processes + 1) }
        : { oom: r.flag ? 'skips' : 'waits', exit: r.pick % 2 ? 'oom' : 'any' };
    const instance = builtinLibrary().instance(r.scenario, { ...input, variant });
    const tasks = completeSchedule(instance, r.choices).tasks;
    const view: ShareView = {
      scenario: r.scenario,
      version: doc.version,
      params: canonicalParams(describeScenario(instance)),
      variant,
      tasks,
      cursor: Math.floor(r.cursorFrac * tasks.length),
    };
    return r.compare === undefined
      ? view
      : { ...view, compare: variants[r.compare % variants.length] };
  });

// --- tests -------------------------------------------------------------------------------------

describe('share-URL codec, format 2', () => {
  it('writes the e-mail view compactly and readably, version first, nothing escaped', () => {
    expect(encode(emailView)).toBe(EMAIL_LINK);
    expect(encode({ ...emailView, compare: 'b_early_check' })).toBe(
      EMAIL_LINK.replace('&c=20', '&cmp=b_early_check&c=20'),
    );
    expect(encode({ ...emailView, params: {} })).toContain('&p=none&');
    expect(
      encode({ ...emailView, explore: true, bad: { outcome: 'LOCKDEP_SPLAT', number: '7' } }),
    ).toBe(EMAIL_LINK.replace('&c=20', '&x=1&b=LOCKDEP_SPLAT.7&c=20'));
    expect(encodeTasks([2])).toBe('2x1');
    // A browser keeps the fragment as written: no character of it needs escaping.
    expect(new URL(`https://x.test/#${EMAIL_LINK}`).hash).toBe(`#${EMAIL_LINK}`);
  });

  it('round-trips every view (decode ∘ encode = id), for any scenario and parameters', () => {
    fc.assert(
      fc.property(anyView, (view) => {
        const link = encode(view);
        expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
        expect(decode(link)).toEqual({ ok: true, value: view });
        expect(new URL(`https://x.test/#${link}`).hash).toBe(`#${link}`);
      }),
      { numRuns: 500, seed: 20230308, verbose: true },
    );
  });

  it('opens every view of a built-in scenario it writes, checked against its description', () => {
    fc.assert(
      fc.property(builtinView, (view) => {
        expect(openLink(encode(view))).toEqual({ ok: true, value: view });
      }),
      { numRuns: 200, seed: 11, verbose: true },
    );
  });

  it('never throws on arbitrary text, and says why it refused', () => {
    const linkish = fc.string({
      unit: fc.constantFrom(...'v=12&m.ksmx-race#%s_var:p,tc'),
      maxLength: 90,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), linkish), (text) => {
        for (const r of [decode(text), openLink(text)]) {
          if (!r.ok) {
            expect(r.problems.length).toBeGreaterThan(0);
            for (const p of r.problems) expect(p.message).not.toBe('');
          }
        }
      }),
      { numRuns: 2000, seed: 4242 },
    );
  });

  it('survives tampering with any one value, and names every problem', () => {
    const keys = ['v', 'm', 'var', 'p', 's', 'c', 'cmp'];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string({ maxLength: 30 }), (key, junk) => {
        const r = openLink(emailWith(key, junk));
        if (!r.ok) {
          for (const p of r.problems) expect(p.message).not.toBe('');
          expect(r.problems.some((p) => p.key === key || p.key === 'link')).toBe(true);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('accepts a leading # or ?, parameters in any order, and one digit per turn', () => {
    expect(openLink(`#${EMAIL_LINK}`)).toEqual({ ok: true, value: emailView });
    const r = openLink(
      '?v=2&m=ksm-exit-race.1&var=b_early_check&p=cursor:1,processes:1,rmap_nonempty:true&s=1122&c=4',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        scenario: 'ksm-exit-race',
        version: 1,
        params: { cursor: 1, processes: 1, rmap_nonempty: true },
        variant: 'b_early_check',
        tasks: [1, 1, 2, 2],
        cursor: 4,
      },
    });
  });
});

describe('share-URL codec, format 1', () => {
  it('reads the e-mail link of format 1 as the view with every parameter explicit', () => {
    const r = openLink('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=20');
    expect(r).toEqual({ ok: true, value: emailView });
    // The toggles stand for two parameters; processes was always 1.
    const t = decode('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=cursor.rmap&s=1x3&c=0');
    expect(t.ok && t.value.params).toEqual({ processes: 1, rmap_nonempty: true, cursor: 1 });
  });

  it('is read for ksm-exit-race only, the one model it was written for', () => {
    const r = decode('v=1&m=ksm-oom-deadlock.1&var=a_mutex_in_ksm_exit&t=none&s=1x3&c=0');
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          key: 'm',
          message:
            'the link is for the model "ksm-oom-deadlock", but format-1 links were only made for "ksm-exit-race"',
        },
      ],
      kept: {},
    });
  });

  it('has its own keys: p is a stray key in format 1, t in format 2', () => {
    const one = openLink('v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=20&p=none');
    expect(!one.ok && one.problems).toEqual([
      { key: 'link', message: '"p" is not part of a view link' },
    ]);
    const two = openLink(emailWith('t', 'none'));
    expect(!two.ok && two.problems).toEqual([
      { key: 'link', message: '"t" is not part of a view link' },
    ]);
  });
});

/** Bad links, what is wrong with each (key and words), and what the page still uses. */
const BAD: [what: string, link: string, problems: [string, RegExp][], kept?: object][] = [
  [
    'a newer format',
    emailWith('v', '3'),
    [['v', /^the link uses format 3, newer than this page understands \(2\)/]],
    {},
  ],
  ['a format of 0', emailWith('v', '0'), [['v', /^there is no link format 0$/]], {}],
  [
    'no model',
    emailWith('m', null),
    [['m', /^the link does not say which model it is for \(m=…\)$/]],
    {},
  ],
  [
    'a model without a version',
    emailWith('m', 'ksm-exit-race'),
    [['m', /^the model "ksm-exit-race" is not a model id and version$/]],
    {},
  ],
  [
    'an unknown model',
    emailWith('m', 'futex-race.1'),
    [
      [
        'm',
        /^the link is for the model "futex-race", which this page does not have \(it has ksm-exit-race, ksm-oom-deadlock\)$/,
      ],
    ],
    {},
  ],
  [
    'a newer model version',
    emailWith('m', 'ksm-exit-race.2'),
    [['m', /^the link is for version 2 of the model, newer than this page's version 1$/]],
    {},
  ],
  [
    'an older model version',
    emailWith('m', 'ksm-exit-race.0'),
    [['m', /^the link is for version 0 of the model, which this page no longer has \(it has 1\)$/]],
    {},
  ],
  [
    'an unknown variant',
    emailWith('var', 'z_evil'),
    [
      [
        'var',
        /^the variant "z_evil" is not one of the model's variants \(a_vma_iter, b_early_check, /,
      ],
    ],
    { params: emailView.params, tasks: EMAIL_TASKS, cursor: 20 },
  ],
  ['no variant', emailWith('var', null), [['var', /^the variant is missing \(var=…\)$/]]],
  [
    'no parameters',
    emailWith('p', null),
    [['p', /^the parameter list is missing \(p=…\)$/]],
    { variant: 'a_vma_iter' },
  ],
  [
    'parameters without values',
    emailWith('p', 'processes'),
    [['p', /^the parameter list "processes" is not a list like name:2,other:false \(or none\)/]],
  ],
  [
    'a parameter given twice',
    emailWith('p', 'processes:1,processes:2,rmap_nonempty:false,cursor:0'),
    [['p', /gives processes twice$/]],
  ],
  [
    'a fraction',
    emailWith('p', 'processes:1.5,rmap_nonempty:false,cursor:0'),
    [['p', /"processes:1.5" is not name:value$/]],
  ],
  [
    'a parameter in capitals',
    emailWith('p', 'Processes:1,rmap_nonempty:false,cursor:0'),
    [['p', /"Processes:1" is not name:value$/]],
  ],
  [
    'an unknown parameter',
    emailWith('p', 'processes:1,rmap_nonempty:false,cursor:0,threads:2'),
    [
      [
        'p',
        /^the parameter "threads" is not one of the model's parameters \(processes, rmap_nonempty, cursor\)$/,
      ],
    ],
    { params: emailView.params },
  ],
  [
    'a missing parameter',
    emailWith('p', 'processes:1,rmap_nonempty:true'),
    [['p', /^the parameter cursor is missing \(p=…,cursor:…\)$/]],
    { params: { processes: 1, rmap_nonempty: true } },
  ],
  [
    'too many processes',
    emailWith('p', 'processes:9,rmap_nonempty:false,cursor:0'),
    [
      [
        'p',
        /^the parameter processes:9 is not allowed \(processes is a whole number from 1 to 4\)$/,
      ],
    ],
  ],
  [
    'a cursor past the last process',
    emailWith('p', 'processes:1,rmap_nonempty:false,cursor:2'),
    [['p', /^the parameter cursor:2 is not allowed \(cursor is a whole number from 0 to 1\)$/]],
    { params: { processes: 1, rmap_nonempty: false } },
  ],
  [
    'a number for a boolean',
    emailWith('p', 'processes:1,rmap_nonempty:1,cursor:0'),
    [['p', /^the parameter rmap_nonempty:1 is not allowed \(rmap_nonempty is true or false\)$/]],
  ],
  [
    'a word for a number',
    emailWith('p', 'processes:two,rmap_nonempty:false,cursor:0'),
    [['p', /^the parameter processes:two is not allowed/]],
  ],
  [
    'an unknown enum word',
    'v=2&m=ksm-oom-deadlock.1&var=a_mutex_in_ksm_exit&p=oom:maybe,exit:any&s=1x7.2x3&c=0',
    [['p', /^the parameter oom:maybe is not allowed \(oom is one of waits, skips\)$/]],
  ],
  [
    'a task the instance does not have',
    emailWith('p', 'processes:2,rmap_nonempty:false,cursor:0').replace(
      's=1x3.2x15.1x12',
      's=1x3.4x2',
    ),
    [
      [
        's',
        /^the schedule "1x3.4x2" names a task the model does not have \(tasks are 1, 2 and 3\)$/,
      ],
    ],
  ],
  [
    'a schedule that is not one',
    emailWith('s', '1x'),
    [['s', /^the schedule "1x" is not a schedule/]],
  ],
  ['a schedule over the limit', emailWith('s', '1x200.2x1'), [['s', /is longer than 200 turns$/]]],
  [
    'a cursor past the end',
    emailWith('c', '99'),
    [['c', /^the cursor 99 is past the end of the 30-step schedule$/]],
    { tasks: EMAIL_TASKS },
  ],
  ['a cursor in words', emailWith('c', 'end'), [['c', /^the cursor "end" is not a whole number$/]]],
  [
    'an unknown comparison',
    emailWith('cmp', 'zz'),
    [['cmp', /^the variant to compare with "zz" is not one of the model's variants/]],
    { variant: 'a_vma_iter', cursor: 20 },
  ],
  ['a stray key', `${EMAIL_LINK}&zz=1`, [['link', /^"zz" is not part of a view link$/]], emailView],
  ['an exploration switch that is not 1', `${EMAIL_LINK}&x=yes`, [['x', /is not 1/]], emailView],
  [
    'a bad schedule that is not an outcome and a number',
    `${EMAIL_LINK}&b=LOCKDEP_SPLAT.0`,
    [['b', /is not an outcome and a schedule number, like LOCKDEP_SPLAT\.3/]],
    emailView,
  ],
  ['a key twice', `${EMAIL_LINK}&c=3`, [['link', /^"c" appears more than once$/]]],
  [
    'a broken escape',
    emailWith('s', '%E0%A4%A'),
    [
      ['link', /is not validly escaped$/],
      ['s', /^the schedule is missing/],
    ],
  ],
  [
    'too long',
    `${EMAIL_LINK}&x=${'A'.repeat(MAX_LINK_CHARS)}`,
    [['link', /too long to be ours$/]],
    {},
  ],
  [
    'several at once, listed in the link’s order',
    'v=2&m=ksm-exit-race.1&zz=1&var=z&p=processes:9,rmap_nonempty:false,cursor:0&s=1x3.3x1&cmp=zz&c=2',
    [
      ['var', /^the variant "z"/],
      ['p', /^the parameter processes:9/],
      ['s', /^the schedule "1x3.3x1" names a task/],
      ['cmp', /^the variant to compare with "zz"/],
      ['link', /^"zz" is not part of a view link$/],
    ],
    { scenario: 'ksm-exit-race', version: 1, params: { rmap_nonempty: false, cursor: 0 } },
  ],
];

describe('problems, one for every kind of bad input', () => {
  it.each(BAD)('%s', (_, link, expected, kept) => {
    const r = openLink(link);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.key)).toEqual(expected.map(([k]) => k));
    r.problems.forEach((p, i) => expect(p.message).toMatch(expected[i][1]));
    if (kept !== undefined) expect(r.kept).toMatchObject(kept);
    if (kept !== undefined && Object.keys(kept).length === 0) expect(r.kept).toEqual({});
  });

  it('checks a view from anywhere, not only from a link', () => {
    const info = infoOf('ksm-exit-race');
    expect(checkView(emailView, info, CATALOG)).toEqual({ ok: true, value: emailView });
    const bad = (v: Partial<ShareView>) => checkView({ ...emailView, ...v }, info, CATALOG);
    const keysOf = (r: ReturnType<typeof checkView>) => (r.ok ? [] : r.problems.map((p) => p.key));
    expect(keysOf(bad({ cursor: -1 }))).toEqual(['c']);
    expect(keysOf(bad({ cursor: 1.5 }))).toEqual(['c']);
    expect(keysOf(bad({ tasks: [] }))).toEqual(['s']);
    expect(keysOf(bad({ tasks: Array<number>(MAX_TURNS + 1).fill(1) }))).toEqual(['s']);
    // A schedule that did not come from a link is quoted as runs.
    const r = bad({ tasks: [1, 1, 5] });
    expect(!r.ok && r.problems[0].message).toMatch(/^the schedule "1x2.5x1" names a task/);
    // A bad schedule names one of the model's bad outcomes; the rest of the view is kept.
    const splat = { explore: true, bad: { outcome: 'LOCKDEP_SPLAT', number: '3' } } as const;
    expect(bad(splat)).toEqual({ ok: true, value: { ...emailView, ...splat } });
    const clean = bad({ explore: true, bad: { outcome: 'CLEAN', number: '3' } });
    expect(!clean.ok && clean.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^"CLEAN" is not one of the model's bad outcomes \(LOCKDEP_SPLAT, /),
    ]);
    expect(!clean.ok && clean.kept).toEqual({ ...emailView, explore: true });
  });

  it('keeps nothing of a view for a model or version the page lacks', () => {
    const r = checkView({ ...emailView, scenario: 'futex-race' }, undefined, CATALOG);
    expect(!r.ok && r.kept).toEqual({});
    const v = checkView({ ...emailView, version: 3 }, undefined, CATALOG);
    expect(!v.ok && v.kept).toEqual({});
  });

  it('reads an enum word that looks like a boolean as the word', () => {
    const info = infoOf('ksm-oom-deadlock');
    const fake: ScenarioInfo = {
      ...info,
      params: [{ ...info.params[0], values: ['true', 'false'] }, info.params[1]],
    };
    const view: ShareView = {
      scenario: 'ksm-oom-deadlock',
      version: 1,
      params: { oom: true, exit: 'any' },
      variant: 'a_mutex_in_ksm_exit',
      tasks: [1],
      cursor: 0,
    };
    const r = checkView(view, fake, CATALOG);
    expect(r.ok && r.value.params).toEqual({ oom: 'true', exit: 'any' });
  });

  it('refuses to check a view against the description of another scenario', () => {
    expect(() => checkView(emailView, infoOf('ksm-oom-deadlock'), CATALOG)).toThrow(
      /the view is for ksm-exit-race.1, the description for ksm-oom-deadlock.1/,
    );
    expect(() => checkView(emailView, undefined, CATALOG)).toThrow(/the description for nothing/);
  });

  it('names problems against the default instance when the view names none that exists', () => {
    const d = decode(emailWith('var', 'z_evil'));
    expect(describeFor(d.ok ? d.value : d.kept)?.variant).toBe('a_vma_iter');
  });
});

describe('the codec on the main thread', () => {
  it('imports only types from src/core, and nothing of the corpus', () => {
    const dir = new URL('.', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.sort()).toEqual([
      'check.ts',
      'fields.ts',
      'format1.ts',
      'format2.ts',
      'share.ts',
      'view.ts',
    ]);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)) {
        if (m[2].startsWith('../')) expect(m[1], `${f} imports ${m[2]}`).toBe('type ');
        expect(m[2], f).not.toMatch(/corpus/);
      }
    }
  });
});
