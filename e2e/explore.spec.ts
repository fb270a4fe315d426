import { expect, LINKS, test } from './fixtures.ts';
import { digits, exploreJson } from './support/cli.ts';

/** What `npm run -s explore -- --json` prints for ksm-exit-race with its defaults. */
const CLI = await exploreJson(['--scenario', 'ksm-exit-race']);
const cliOf = (variant: string) => CLI.find((v) => v.id === variant)!;

test('"Explore all interleavings" counts exactly what the CLI counts, for all six variants', async ({
  app,
}) => {
  expect(CLI).toHaveLength(6);
  await app.open(LINKS.email(0));
  const region = app.exploration;
  await region.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  await expect(region.getByRole('status')).toContainText('286 states');

  const a = cliOf('a_vma_iter');
  const current = region.getByRole('table', { name: 'Schedules per outcome', exact: true });
  const outcomes = Object.keys(a.schedulesWith);
  expect(outcomes).toContain('LOCKDEP_SPLAT');
  for (const o of outcomes) {
    const cell = current.locator(`[data-outcome-count="${o}"]`);
    expect(digits(await cell.textContent()), o).toBe(a.schedulesWith[o]);
  }
  expect(digits(await region.locator('[data-figure="states"]').textContent())).toBe('286');
  expect(digits(await region.locator('[data-figure="schedules"]').textContent())).toBe(
    a.completeSchedules,
  );
  expect(a.completeSchedules).toBe('51327549');
  // A share reads as counts, not as a rate.
  await expect(current.getByRole('row', { name: /LOCKDEP_SPLAT/ }).first()).toContainText(
    `${Number(a.schedulesWith.LOCKDEP_SPLAT).toLocaleString('en-US')} of 51,327,549 schedules`,
  );

  const table = region.getByRole('table', { name: /All 6 variants/ });
  await expect(table.locator('tbody tr')).toHaveCount(6);
  for (const want of CLI) {
    const row = table.locator(`tr[data-variant="${want.id}"]`);
    const cells = row.locator('td');
    expect(digits(await cells.nth(0).textContent()), want.id).toBe(want.reachableStates);
    expect(digits(await cells.nth(1).textContent()), want.id).toBe(want.completeSchedules);
    for (const o of outcomes) {
      const got = digits(await row.locator(`[data-outcome-count="${o}"]`).textContent());
      expect(got, `${want.id} ${o}`).toBe(want.schedulesWith[o]);
    }
  }
});

test('fate shading shows the schedule’s point of no return: avoidable to step 13, doomed from 14', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  await page.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  const fates = await app
    .blocks()
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-fate')));
  expect(fates).toEqual([...Array(13).fill('open'), ...Array(17).fill('doomed')]);
  await expect(page.locator('[data-fate-summary="doomed"]')).toContainText(
    'Point of no return: through step 13 another order could still avoid the LOCKDEP_SPLAT; from step 14',
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
  const witness = cliOf('a_vma_iter').shortestWitness.LOCKDEP_SPLAT;
  expect(witness.length).toBeGreaterThan(0);
  const ids = await app.stepIds();
  expect(ids.slice(0, witness.length)).toEqual(witness);
  await expect(app.currentBlock()).toHaveAttribute('data-index', String(witness.length - 1));
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await expect(page.locator('.position')).toContainText(`After step ${witness.length} of`);
  await expect(page.getByRole('status').filter({ hasText: 'shortest' })).toContainText(
    'The shortest LOCKDEP_SPLAT schedule: LOCKDEP_SPLAT at step 19',
  );
  // Undoable like any other change; the exploration stays on, and the link says so.
  await app.button('Undo').click();
  await app.idle();
  expect(app.hash()).toBe(LINKS.email(0).replace('&c=0', '&x=1&c=0'));
});
