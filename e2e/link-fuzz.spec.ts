/**
 * Link fuzzing: 10,000 generated links through the page's real link handling (decode, strict
 * replay in the worker, fallback, notice) in bulk in the page, and a sample as full navigations.
 * For every link the view stays whole, a problem is named, and no injected content runs.
 */
import { expect, test } from './fixtures.ts';
import { generateLinks, type Category, type FuzzLink } from './support/links.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20230308);
const COUNTS: Record<Category, number> = {
  random: 1500,
  flipped: 2500,
  truncated: 1500,
  duplicated: 1000,
  're-encoded': 800,
  'wrong-version': 800,
  huge: 400,
  payload: 1500,
};

test.describe.configure({ timeout: 240_000 });

test('10,000 generated links: never fatal, always explained, nothing injected', async ({
  app,
  page,
}) => {
  const links = generateLinks(SEED, COUNTS);
  expect(links).toHaveLength(10_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await app.open();

  const verdicts = await page.evaluate(async (links: FuzzLink[]) => {
    interface FuzzState {
      scenario: { variant: string; toggles: unknown; tasks: number[] };
      playback: { cursor: number };
      sim: { result: { trace: { complete: boolean } } | null };
      view: { notice: { kind: string; title: string; lines: string[] } | null };
      actions: { openLink(text: string, cause: 'load'): Promise<void> };
    }
    const hook = (
      window as unknown as { __interleave: { createStore(): { getState(): FuzzState } } }
    ).__interleave;
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
        const same =
          s.scenario.variant === link.exact.variant &&
          JSON.stringify(s.scenario.toggles) === JSON.stringify(link.exact.toggles) &&
          JSON.stringify(s.scenario.tasks) === JSON.stringify(link.exact.tasks) &&
          s.playback.cursor === link.exact.cursor;
        out.push(
          same && notice?.kind !== 'link'
            ? { ok: true }
            : { ok: false, why: `valid link not restored exactly (notice: ${notice?.title})` },
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
    .map((v, i) => ({ ...v, category: links[i].category, text: links[i].text.slice(0, 120) }))
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
  console.log('[link-fuzz] failure kinds', Object.fromEntries(kinds));
  expect(failures.slice(0, 5)).toEqual([]);

  // Nothing from any link ran or landed in the page.
  const injected = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    inlineScripts: document.querySelectorAll('script:not([src])').length,
    strayNodes: document.querySelectorAll('iframe, img[src="x"], svg[onload]').length,
  }));
  expect(injected).toEqual({ pwned: null, inlineScripts: 0, strayNodes: 0 });
  expect(dialogs).toEqual([]);
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
      /This link could not be opened exactly as it was sent|Part of this link could not be used/,
    );
    await expect(app.notice.locator('li, p').nth(1)).not.toBeEmpty();
    await expect(page.locator('[data-step-id]').first()).toBeVisible();
    // Usable: stepping still works.
    await app.button('Step forward').click();
    await expect(page.locator('[data-step-id][aria-current="step"]')).toHaveCount(1);
  }
  const pwned = await page.evaluate(
    () => (window as unknown as { __pwned?: unknown }).__pwned ?? null,
  );
  expect(pwned).toBeNull();
  expect(dialogs).toEqual([]);
});
