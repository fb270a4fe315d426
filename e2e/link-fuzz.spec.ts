/**
 * Link fuzzing: 10,000 generated links (format 2 for both scenarios and every process count,
 * format 1 as old e-mails hold them, and mutilated or hostile variations of both) through the
 * page's real link handling (decode, description, check, strict replay in the worker, fallback,
 * notice) in bulk in the page, and samples as full navigations. For every link the view stays
 * whole, a valid link opens exactly, a problem is named, and no injected content runs.
 */
import { expect, test } from './fixtures.ts';
import {
  fragmentOf,
  generateLinks,
  type Category,
  type FuzzLink,
  type PageView,
} from './support/links.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20230308);
const COUNTS: Record<Category, number> = {
  valid: 1000,
  random: 1400,
  flipped: 2300,
  truncated: 1400,
  duplicated: 900,
  're-encoded': 700,
  'wrong-version': 800,
  huge: 400,
  payload: 1100,
};

test.describe.configure({ timeout: 240_000 });

test('10,000 generated links: never fatal, always explained, nothing injected', async ({
  app,
  page,
}) => {
  const links = generateLinks(SEED, COUNTS);
  expect(links).toHaveLength(10_000);
  // The generator must really cover what it claims, or the test proves little.
  const valid = links.filter((l) => l.exact);
  const scenarios = new Set(valid.map((l) => l.exact!.scenario));
  const processes = new Set(valid.map((l) => l.exact!.params.processes).filter((p) => p));
  expect([...scenarios].sort()).toEqual(['ksm-exit-race', 'ksm-oom-deadlock']);
  expect([...processes].sort()).toEqual([1, 2, 3, 4]);
  expect(valid.some((l) => l.text.startsWith('v=1&'))).toBe(true);
  expect(valid.some((l) => l.exact!.compare !== null)).toBe(true);
  expect(links.filter((l) => !l.exact).length).toBeGreaterThan(5000);

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await app.open();

  const verdicts = await page.evaluate(async (links: FuzzLink[]) => {
    interface FuzzState {
      scenario: { id: string; params: Record<string, unknown>; variant: string; tasks: number[] };
      playback: { cursor: number };
      compare: { variant: string | null };
      sim: { result: { trace: { complete: boolean } } | null };
      view: { notice: { kind: string; title: string; lines: string[] } | null };
      actions: { openLink(text: string, cause: 'load'): Promise<void> };
    }
    const hook = (
      window as unknown as { __interleave: { createStore(): { getState(): FuzzState } } }
    ).__interleave;
    /** Parameters compared whatever order their keys come in. */
    const sorted = (p: Readonly<Record<string, unknown>>) =>
      JSON.stringify(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)));
    const sameView = (s: FuzzState, v: PageView) =>
      s.scenario.id === v.scenario &&
      sorted(s.scenario.params) === sorted(v.params) &&
      s.scenario.variant === v.variant &&
      JSON.stringify(s.scenario.tasks) === JSON.stringify(v.tasks) &&
      s.playback.cursor === v.cursor &&
      s.compare.variant === v.compare;
    const out: { ok: boolean; why?: string }[] = [];
    const fresh = hook.createStore();
    for (const link of links) {
      try {
        await fresh.getState().actions.openLink(link.text, 'load');
      } catch (e) {
        out.push({ ok: false, why: `threw ${String(e)}` });
        continue;
      }
      const s = fresh.getState();
      const result = s.sim.result;
      const notice = s.view.notice;
      if (!result || !result.trace.complete) {
        out.push({ ok: false, why: 'no complete view after the link' });
        continue;
      }
      if (link.exact) {
        out.push(
          sameView(s, link.exact) && notice?.kind !== 'link'
            ? { ok: true }
            : {
                ok: false,
                why: `valid link not restored exactly (notice: ${notice?.title}: ${notice?.lines.join(' ')})`,
              },
        );
      } else {
        const named =
          notice?.kind === 'link' &&
          notice.lines.length > 0 &&
          notice.lines.every((l: string) => l.trim().length > 0);
        out.push(named ? { ok: true } : { ok: false, why: 'bad link without a named problem' });
      }
    }
    return out;
  }, links);

  const failures = verdicts
    .map((v, i) => ({ ...v, category: links[i].category, text: links[i].text.slice(0, 160) }))
    .filter((v) => !v.ok);
  const byCategory = Object.fromEntries(
    Object.keys(COUNTS).map((c) => [
      c,
      `${links.filter((l) => l.category === c && l.exact).length} valid / ${links.filter((l) => l.category === c && !l.exact).length} rejected`,
    ]),
  );
  console.log(
    `[link-fuzz] seed=${SEED} links=${links.length}`,
    byCategory,
    `failures=${failures.length}`,
  );
  const kinds = new Map<string, number>();
  for (const f of failures)
    kinds.set(`${f.category}: ${f.why}`, (kinds.get(`${f.category}: ${f.why}`) ?? 0) + 1);
  if (failures.length > 0) console.log('[link-fuzz] failure kinds', Object.fromEntries(kinds));
  expect(failures.slice(0, 5)).toEqual([]);

  // Nothing from any link ran or landed in the page.
  const injected = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    // The first-view seed is a JSON data block (never run), not a script.
    inlineScripts: document.querySelectorAll('script:not([src]):not([type="application/json"])')
      .length,
    strayNodes: document.querySelectorAll('iframe, img[src="x"], svg[onload]').length,
  }));
  expect(injected).toEqual({ pwned: null, inlineScripts: 0, strayNodes: 0 });
  expect(dialogs).toEqual([]);
});

test('a sample of valid links as full navigations: the exact view, rewritten in format 2', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  const sample = generateLinks(SEED + 2, { valid: 40 }).filter((l) => l.exact);
  // Both formats, both scenarios, one to four processes: a handful of each is enough here.
  const picked: FuzzLink[] = [];
  const seen = new Set<string>();
  for (const l of sample) {
    const v = l.exact!;
    const kind = `${l.text.slice(0, 3)} ${v.scenario} ${String(v.params.processes ?? '')}`;
    if (!seen.has(kind)) picked.push(l);
    seen.add(kind);
  }
  expect(picked.some((l) => l.text.startsWith('v=1&'))).toBe(true);
  expect(picked.some((l) => l.exact!.scenario === 'ksm-oom-deadlock')).toBe(true);
  expect(picked.length).toBeGreaterThanOrEqual(5);
  for (const link of picked) {
    const v = link.exact!;
    const what = link.text.slice(0, 100);
    await app.open(`#${link.text}`);
    await expect(app.notice, what).toBeEmpty();
    await expect(app.scenario, what).toHaveValue(v.scenario);
    await expect(app.variant, what).toHaveValue(v.variant);
    if (typeof v.params.processes === 'number') {
      await expect(app.processes, what).toHaveValue(String(v.params.processes));
    }
    await expect(app.blocks(), what).toHaveCount(v.tasks.length);
    if (v.cursor === 0) await expect(app.currentBlock(), what).toHaveCount(0);
    else await expect(app.currentBlock(), what).toHaveAttribute('data-index', String(v.cursor - 1));
    await expect(page.getByLabel('Compare with…', { exact: true }), what).toHaveValue(
      v.compare ?? '',
    );
    expect(app.hash(), what).toBe(`#${fragmentOf(v)}`);
  }
});

test('a sample of bad links as full navigations: the page opens, says why, stays usable', async ({
  app,
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const sample = generateLinks(SEED + 1, {
    random: 3,
    flipped: 3,
    truncated: 3,
    duplicated: 2,
    're-encoded': 2,
    'wrong-version': 3,
    huge: 2,
    payload: 6,
  }).filter((l) => !l.exact);
  expect(sample.length).toBeGreaterThan(10);
  for (const link of sample) {
    await app.open(`#${link.text}`);
    await expect(app.notice, link.text.slice(0, 80)).toContainText(
      /This link could not be opened exactly as it was sent|Part of this link could not be used|This link’s schedule was completed/,
    );
    await expect(app.notice.locator('li, p').nth(1)).not.toBeEmpty();
    await expect(app.blocks().first()).toBeVisible();
    // Usable: stepping still works (back from the end, forward anywhere else).
    const forward = app.button('Step forward');
    await ((await forward.isDisabled()) ? app.button('Step back') : forward).click();
    await expect(app.currentBlock()).toHaveCount(1);
  }
  const pwned = await page.evaluate(
    () => (window as unknown as { __pwned?: unknown }).__pwned ?? null,
  );
  expect(pwned).toBeNull();
  expect(dialogs).toEqual([]);
});
