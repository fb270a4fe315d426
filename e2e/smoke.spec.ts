import { expect, test } from './fixtures.ts';

test('the page loads with its title and heading', async ({ app, page }) => {
  await app.open();
  await expect(page).toHaveTitle('KSM unmerge vs. mm teardown (2023) — Interleave');
  await expect(app.heading).toBeVisible();
});

test('axe finds no serious or critical accessibility violations', async ({ app }) => {
  await app.open();
  const violations = await app.seriousA11yViolations();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
