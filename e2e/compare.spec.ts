import { expect, LINKS, test } from './fixtures.ts';

test('"Compare with…" shows the same choices under the fix, the divergence and both outcomes', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  const pick = page.getByLabel('Compare with…', { exact: true });
  await expect(pick).toHaveValue('');
  // The fix is offered first when the bug is shown.
  await expect(pick.locator('option').nth(1)).toHaveAttribute('value', 'b_early_check');
  await pick.selectOption('b_early_check');
  await app.idle();

  const other = page.getByRole('img', { name: /^The same task choices under b — the fix/ });
  await expect(other).toBeVisible();
  await expect(other).toHaveAccessibleName(/30 steps, ends CLEAN; it differs first at step 20$/);
  await expect(page.locator('[data-step-id][data-divergence]')).toHaveAttribute(
    'data-step-id',
    't1_vma_first',
  );
  await expect(page.locator('[data-compare-index][data-divergence]')).toHaveAttribute(
    'data-compare-index',
    '19',
  );
  const head = page.getByRole('region', { name: 'Comparison' });
  await expect(head.locator('[data-verdict]')).toHaveText(['⚠ LOCKDEP_SPLAT', '✓ CLEAN']);
  await expect(head).toContainText('The same task choices first differ at step 20');
  expect(page.url()).toContain('&cmp=b_early_check&c=0');

  // Both timelines share the rows: step k sits at the same height in each.
  const y = async (sel: string) => (await page.locator(sel).boundingBox())!.y;
  expect(await y('[data-index="24"][data-step-id]')).toBe(await y('[data-compare-index="24"]'));

  // A link carries the comparison.
  await page.reload();
  await app.idle();
  await expect(page.getByLabel('Compare with…', { exact: true })).toHaveValue('b_early_check');
  await expect(page.locator('[data-compare-index][data-divergence]')).toHaveCount(1);

  await page.getByLabel('Compare with…', { exact: true }).selectOption('');
  await app.idle();
  await expect(page.locator('[data-compare-index]')).toHaveCount(0);
  expect(page.url()).not.toContain('cmp=');
});

test('axe finds nothing serious with the exploration done and a comparison open', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(20));
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  await page.getByLabel('Compare with…', { exact: true }).selectOption('b_early_check');
  await app.idle();
  await expect(page.locator('[data-fate]')).toHaveCount(30);
  await expect(page.locator('[data-compare-index]')).toHaveCount(30);
  expect((await app.seriousA11yViolations()).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
