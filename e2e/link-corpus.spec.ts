/**
 * Saved links, opened in the page. src/url/corpus/ holds format-1 links saved before format 2
 * existed and format-2 links as the encoder first wrote them, each with what it opened: the
 * view, the step ids and the outcomes (corpus.test.ts holds the codec and the core to them in
 * Node). Here a deterministic sample goes through the real page: the main timeline shows
 * exactly the saved steps, the verdict is the saved outcome, the cursor and the comparison are
 * the saved ones, and the address bar says the same view in format 2. Refused links show a
 * notice with the saved problems, word for word.
 */
import { readFileSync } from 'node:fs';
import type { Corpus, GenericView, RejectedLink } from '../src/url/corpus/corpus.ts';
import { expect, test, type InterleavePage } from './fixtures.ts';
import { fragmentOf } from './support/links.ts';
import { loadPageCode } from './support/load-page-code.ts';

const { builtinLibrary, canonicalParams, describeScenario, replay } = await loadPageCode();

/** A view's instance at its own default schedule and cursor 0: what a refused schedule falls back to. */
function defaultView(v: GenericView): GenericView {
  const info = describeScenario(
    builtinLibrary().instance(v.scenario, { ...v.params, variant: v.variant }),
  );
  return { ...v, params: canonicalParams(info), tasks: info.defaultTasks, cursor: 0 };
}

function defaultStepIds(v: GenericView): string[] {
  const d = defaultView(v);
  const r = replay(
    builtinLibrary().instance(d.scenario, { ...d.params, variant: d.variant }),
    d.tasks,
  );
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace.steps.map((s) => s.stepId);
}

const load = (name: string): Corpus =>
  JSON.parse(readFileSync(new URL(`../src/url/corpus/${name}`, import.meta.url), 'utf8')) as Corpus;
const FORMAT1 = load('format1.json');
const FORMAT2 = load('format2.json');

/**
 * The format-1 sample: the whole grid (every variant × every toggle spelling, runs and digits,
 * cursors at the start, middle and end, comparisons) and the odd spellings people's mail
 * clients make of a link.
 */
const ODD_FORMS = [
  'a leading #',
  'a leading ?',
  'keys in reverse order',
  'cmp first, keys shuffled',
  'runs of length 0',
  'leading zeros in the schedule and cursor',
  'every value character escaped',
  'empty parts between keys',
  'a comparison with the variant itself',
  'random #1',
  'random #4',
];
const FORMAT1_SAMPLE = FORMAT1.accepted.filter(
  (a) => a.note.startsWith('grid: ') || ODD_FORMS.includes(a.note),
);

/** Refused links whose messages read as they were saved (corpus.test.ts lists the changes). */
const REFUSED = [
  'a foreign fragment (e2e share.spec)',
  'model version 7 (e2e share.spec)',
  'an unknown variant, rest kept (e2e share.spec)',
  'an unknown toggle',
  'an unknown task among digits',
  'a cursor far past the end (e2e share.spec)',
  'markup as the schedule (e2e share.spec)',
  'bad variant, toggles, task and comparison, and a stray key',
  'a broken escape, a bad variant, a stray key',
].map((note) => FORMAT1.rejected.find((r) => r.note === note)!);
const UNRUNNABLE = FORMAT1.unrunnable.filter((u) => /task [12] runs past its end/.test(u.note));

/** The comparison the page shows for a view: none for a variant compared with itself. */
const compareOf = (v: GenericView) =>
  v.compare !== undefined && v.compare !== v.variant ? v.compare : null;

/** Opens a saved link and checks the page shows exactly what the corpus saved for it. */
async function expectSavedView(
  app: InterleavePage,
  link: string,
  view: GenericView,
  run: { steps: string; outcomes: readonly string[] },
) {
  const what = `${link.slice(0, 90)}`;
  await app.open(`#${link}`);
  await expect(app.notice, what).toBeEmpty();
  expect(await app.stepIds(), what).toEqual(run.steps.split(' '));
  await expect(app.verdict(), what).toHaveAttribute('data-verdict', run.outcomes.join(' + '));
  await expect(app.scenario, what).toHaveValue(view.scenario);
  await expect(app.variant, what).toHaveValue(view.variant);
  if (view.cursor === 0) await expect(app.currentBlock(), what).toHaveCount(0);
  else {
    await expect(app.currentBlock(), what).toHaveAttribute('data-index', String(view.cursor - 1));
  }
  const compare = compareOf(view);
  await expect(app.page.getByLabel('Compare with…', { exact: true }), what).toHaveValue(
    compare ?? '',
  );
  if (compare) {
    await expect(
      app.page.getByRole('img', { name: /^The same task choices under / }),
    ).toBeVisible();
  }
  expect(app.hash(), what).toBe(`#${fragmentOf({ ...view, compare })}`);
}

test('the sample covers what it claims', () => {
  const links = FORMAT1_SAMPLE.map((a) => a.link);
  expect(links.length).toBeGreaterThanOrEqual(20);
  for (const v of new Set(FORMAT1.accepted.map((a) => a.view.variant))) {
    expect(
      FORMAT1_SAMPLE.some((a) => a.view.variant === v),
      v,
    ).toBe(true);
  }
  for (const t of ['t=none&', 't=rmap&', 't=cursor&', 't=rmap.cursor&', 't=cursor.rmap&']) {
    expect(
      links.some((l) => l.includes(t)),
      t,
    ).toBe(true);
  }
  expect(
    links.some((l) => /(^|&)s=\d+x/.test(l)),
    'runs',
  ).toBe(true);
  expect(
    links.some((l) => /(^|&)s=\d+(&|$)/.test(l)),
    'digits',
  ).toBe(true);
  expect(
    links.some((l) => l.includes('cmp=')),
    'cmp',
  ).toBe(true);
  const outcomes = new Set(
    FORMAT1_SAMPLE.flatMap((a) => ('outcomes' in a.run ? a.run.outcomes : [])),
  );
  expect([...outcomes].sort()).toEqual(['CLEAN', 'LOCKDEP_SPLAT', 'USE_AFTER_FREE']);
  expect(REFUSED.every((r) => r !== undefined)).toBe(true);
  expect(UNRUNNABLE.length).toBe(2);
});

/** A few pages per test, so the sample spreads over the workers. */
const CHUNK = 10;
/**
 * Time per page opened: about 0.8 s on the quiet 2-core machine, 1.6 s with a second suite running
 * beside this one, 2.5 s with unit tests as well (25 s a chunk, near the 30 s default).
 */
const PAGE_MS = 6_000;
for (let i = 0; i < FORMAT1_SAMPLE.length; i += CHUNK) {
  const chunk = FORMAT1_SAMPLE.slice(i, i + CHUNK);
  test(`saved format-1 links ${i + 1}–${i + chunk.length} open exactly as saved`, async ({
    app,
  }) => {
    test.setTimeout(chunk.length * PAGE_MS);
    for (const saved of chunk) {
      if (!('steps' in saved.run)) throw new Error(`${saved.note}: the corpus says it cannot run`);
      await expectSavedView(app, saved.link, saved.view, saved.run);
    }
  });
}

const FORMAT2_SAMPLE = FORMAT2.accepted;
for (let i = 0; i < FORMAT2_SAMPLE.length; i += CHUNK) {
  const chunk = FORMAT2_SAMPLE.slice(i, i + CHUNK);
  test(`saved format-2 links ${i + 1}–${i + chunk.length} open exactly as saved`, async ({
    app,
  }) => {
    test.setTimeout(chunk.length * PAGE_MS);
    for (const saved of chunk) {
      if (!('steps' in saved.run)) throw new Error(`${saved.note}: the corpus says it cannot run`);
      await expectSavedView(app, saved.link, saved.view, saved.run);
      // Format 2 is what the page writes: the address bar keeps the link as it was sent.
      expect(app.hash()).toBe(`#${saved.link}`);
    }
  });
}

/**
 * A notice line as the page writes a problem: the message as a sentence, capitalised unless it
 * starts with a quoted key or a kernel name (none of the sample's do).
 */
const asLine = (message: string) => message.replace(/^[a-z]/, (c) => c.toUpperCase()) + '.';

/** The notice's lines: the problems, then what the page shows instead. */
async function noticeLines(app: InterleavePage): Promise<string[]> {
  return app.notice.getByRole('listitem').allTextContents();
}

test('refused format-1 links show the saved problems word for word', async ({ app }) => {
  for (const saved of REFUSED as RejectedLink[]) {
    await app.open(`#${saved.link}`);
    await expect(app.notice, saved.note).toContainText(
      /This link could not be opened exactly as it was sent|Part of this link could not be used/,
    );
    const lines = await noticeLines(app);
    const want = saved.problems.map((p) => p.message);
    // Each problem on its own line, in the saved order, then what the page did instead.
    expect(lines.slice(0, want.length), saved.note).toEqual(want.map(asLine));
    expect(lines.length, saved.note).toBe(want.length + 1);
    await expect(app.blocks().first()).toBeVisible();
  }
});

test('saved format-1 links the simulator cannot run say why and show the scenario’s own interleaving', async ({
  app,
}) => {
  for (const saved of UNRUNNABLE) {
    if (!('refused' in saved.run)) throw new Error(`${saved.note}: the corpus says it runs`);
    await app.open(`#${saved.link}`);
    await expect(app.notice, saved.note).toContainText(
      'This link could not be opened exactly as it was sent',
    );
    await expect(app.notice, saved.note).toContainText(
      `The schedule cannot be replayed: ${saved.run.refused}.`,
    );
    await expect(app.notice).toContainText('Showing the scenario’s own interleaving instead');
    await expect(app.variant).toHaveValue(saved.view.variant);
    expect(await app.stepIds()).toEqual(defaultStepIds(saved.view));
    expect(app.hash()).toBe(`#${fragmentOf({ ...defaultView(saved.view), compare: null })}`);
  }
});
