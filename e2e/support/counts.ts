/** The page's exploration figures against the CLI's, for any scenario. */
import { expect } from '@playwright/test';
import type { InterleavePage } from '../fixtures.ts';
import { digits, type ExploredVariant } from './cli.ts';

/** The page's exploration figures equal the CLI's, for the current variant and every variant. */
export async function expectCounts(
  app: InterleavePage,
  cli: readonly ExploredVariant[],
  variant: string,
) {
  const region = app.exploration;
  const mine = cli.find((v) => v.id === variant)!;
  expect(digits(await region.locator('[data-figure="states"]').textContent())).toBe(
    mine.reachableStates,
  );
  expect(digits(await region.locator('[data-figure="schedules"]').textContent())).toBe(
    mine.completeSchedules,
  );
  const current = region.getByRole('table', { name: 'Schedules per outcome', exact: true });
  for (const [o, n] of Object.entries(mine.schedulesWith)) {
    expect(digits(await current.locator(`[data-outcome-count="${o}"]`).textContent()), o).toBe(n);
  }
  const table = region.getByRole('table', { name: `All ${cli.length} variants` });
  await expect(table.locator('tbody tr')).toHaveCount(cli.length);
  for (const want of cli) {
    const row = table.locator(`tr[data-variant="${want.id}"]`);
    const cells = row.locator('td');
    expect(digits(await cells.nth(0).textContent()), want.id).toBe(want.reachableStates);
    expect(digits(await cells.nth(1).textContent()), want.id).toBe(want.completeSchedules);
    for (const [o, n] of Object.entries(want.schedulesWith)) {
      const got = digits(await row.locator(`[data-outcome-count="${o}"]`).textContent());
      expect(got, `${want.id} ${o}`).toBe(n);
    }
  }
}
