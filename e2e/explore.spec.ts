import type { ExploreSummary } from '../src/core/index.ts';
import { expect, LINKS, test } from './fixtures.ts';
import { loadPageCode } from './support/load-page-code.ts';

const { builtinLibrary, DEFAULT_VIEW, explore, OUTCOMES, paramsOf, SCENARIO, VARIANT_IDS } =
  await loadPageCode();

/** The counts the core gives in Node: what the CLI prints. */
function coreSummary(variant: string): ExploreSummary {
  const r = explore(builtinLibrary().instance(SCENARIO, paramsOf(variant, DEFAULT_VIEW.toggles)));
  if (!r.ok) throw new Error(r.problem.message);
  return r.exploration.summary;
}

const digits = (s: string | null) => BigInt((s ?? '').replace(/\D/g, ''));

test('"Explore all interleavings" counts exactly what the core counts, for all six variants', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  const region = page.getByRole('region', { name: 'Exploration' });
  await region.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  await expect(region.getByRole('status')).toContainText('286 states');

  const a = coreSummary('a_vma_iter');
  const current = region.getByRole('table', { name: 'Schedules per outcome', exact: true });
  for (const o of OUTCOMES) {
    const cell = current.locator(`[data-outcome-count="${o}"]`);
    expect(digits(await cell.textContent()), o).toBe(a.schedulesWith[o]);
  }
  expect(digits(await region.locator('[data-figure="schedules"]').textContent())).toBe(51_327_549n);

  const table = region.getByRole('table', { name: /All six variants/ });
  await expect(table.locator('tbody tr')).toHaveCount(6);
  for (const variant of VARIANT_IDS) {
    const want = coreSummary(variant);
    const row = table.locator(`tr[data-variant="${variant}"]`);
    const cells = row.locator('td');
    expect(digits(await cells.nth(0).textContent()), variant).toBe(BigInt(want.reachableStates));
    expect(digits(await cells.nth(1).textContent()), variant).toBe(want.completeSchedules);
    for (const o of OUTCOMES) {
      const got = digits(await row.locator(`[data-outcome-count="${o}"]`).textContent());
      expect(got, `${variant} ${o}`).toBe(want.schedulesWith[o]);
    }
  }
});

test('fate shading shows the e-mail’s race window: avoidable to step 13, doomed from 14', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  const fates = await page
    .locator('[data-step-id][data-index]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-fate')));
  expect(fates).toEqual([...Array(13).fill('open'), ...Array(17).fill('doomed')]);
  await expect(page.locator('[data-fate-summary="doomed"]')).toContainText(
    'through step 13 another order could still avoid the LOCKDEP_SPLAT; from step 14',
  );
  await expect(page.getByRole('list', { name: 'Timeline legend' })).toContainText(
    'bug unavoidable after this step',
  );
  await expect(page.locator('[data-step-id="t2_exit_write_lock"]')).toHaveAccessibleDescription(
    'After it, a bad outcome is unavoidable.',
  );

  // The fix: nothing can go wrong from the start.
  await app.earlyCheck.check();
  await app.idle();
  await expect(page.locator('[data-fate="safe"]')).toHaveCount(30);
  await expect(page.locator('[data-fate-summary="safe"]')).toContainText('every step is safe');
});

test('"Show shortest LOCKDEP_SPLAT schedule" loads the witness with the cursor on the splat', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  await page.getByRole('button', { name: 'Show shortest LOCKDEP_SPLAT schedule' }).click();
  await app.idle();
  const witness = coreSummary('a_vma_iter').shortestWitness.LOCKDEP_SPLAT;
  const ids = await page
    .locator('[data-step-id][data-index]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id')));
  expect(ids.slice(0, witness.length)).toEqual(witness);
  await expect(app.currentBlock()).toHaveAttribute('data-index', String(witness.length - 1));
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await expect(page.locator('.position')).toContainText(`After step ${witness.length} of`);
  await expect(page.getByRole('status').filter({ hasText: 'shortest' })).toContainText(
    'The shortest LOCKDEP_SPLAT schedule: LOCKDEP_SPLAT at step 19',
  );
  // Undoable like any other change.
  await app.button('Undo').click();
  await app.idle();
  expect(page.url()).toContain('s=1x3.2x15.1x12');
});
