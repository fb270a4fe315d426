import { expect, LINKS, test } from './fixtures.ts';

test('"Copy link" gives a link that reproduces the view in a new page', async ({
  app,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  await app.variant.selectOption('e_ctl_no_exit_checks');
  await app.idle();
  await app.stepTo(20);
  await app.page.getByRole('checkbox', { name: /rmap_list non-empty/ }).check();
  await app.idle();
  await app.button('Copy link').click();
  await expect(page.getByText('Link to this exact view copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#v=1&m=ksm-exit-race.1&var=e_ctl_no_exit_checks&t=rmap&s=');
  expect(link).toMatch(/&c=20$/);

  const before = await page
    .locator('[data-field]')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-field')}=${e.getAttribute('data-value')}`),
    );
  const outcome = await app.outcome.getAttribute('data-outcome');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('html')).toHaveAttribute('data-idle', 'true');
  await expect(other.getByLabel('Variant', { exact: true })).toHaveValue('e_ctl_no_exit_checks');
  await expect(other.getByRole('checkbox', { name: /rmap_list non-empty/ })).toBeChecked();
  await expect(other.locator('[aria-current="step"][data-step-id]')).toHaveAttribute(
    'data-index',
    '19',
  );
  await expect(other.getByRole('region', { name: 'Outcome' })).toHaveAttribute(
    'data-outcome',
    outcome!,
  );
  const after = await other
    .locator('[data-field]')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-field')}=${e.getAttribute('data-value')}`),
    );
  expect(after).toEqual(before);
  await expect(other.getByRole('alert')).toBeEmpty();
});

test('back and forward move between variant changes', async ({ app, page }) => {
  await app.open(LINKS.email(20));
  await app.earlyCheck.check();
  await app.idle();
  await app.variant.selectOption('c_linked_list');
  await app.idle();
  await expect(app.variant).toHaveValue('c_linked_list');

  await page.goBack();
  await app.idle();
  await expect(app.variant).toHaveValue('b_early_check');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '19');

  await page.goBack();
  await app.idle();
  await expect(app.variant).toHaveValue('a_vma_iter');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');

  await page.goForward();
  await app.idle();
  await expect(app.variant).toHaveValue('b_early_check');
});

test('a tampered variant keeps the link’s schedule and cursor under the default variant', async ({
  app,
}) => {
  await app.open('#v=1&m=ksm-exit-race.1&var=z_rootkit&t=none&s=1x3.2x15.1x12&c=4');
  await expect(app.notice).toContainText(/variant "z_rootkit" is not one of the model's variants/);
  await expect(app.notice).toContainText('The rest of the view is as the sender saw it.');
  await expect(app.variant).toHaveValue('a_vma_iter');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '3');
});

const BROKEN: [string, string, RegExp][] = [
  [
    'a newer model version',
    '#v=1&m=ksm-exit-race.7&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=4',
    /version 7 of the model, newer than this page's version 1/,
  ],
  [
    'a newer link format',
    '#v=9&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3&c=0',
    /format 9, newer than this page understands/,
  ],
  ['a foreign link', '#section=intro&utm_source=mail', /not an Interleave view link/],
  [
    'a schedule the model cannot run',
    '#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=2x20&c=3',
    /schedule cannot be replayed: turn \d+: task 2 has already finished/,
  ],
  [
    'garbage in the schedule',
    '#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=<script>alert(1)</script>&c=0',
    /schedule "<script>alert\(1\)<\/script>" is not a schedule/,
  ],
];

for (const [what, fragment, message] of BROKEN) {
  test(`${what} opens the default view and says what was wrong`, async ({ app, page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
    await app.open(fragment);
    await expect(app.notice).toContainText(message);
    await expect(app.variant).toHaveValue('a_vma_iter');
    await expect(page.locator('[data-step-id]')).toHaveCount(30);
    await expect(app.currentBlock()).toHaveCount(0);
    expect(new URL(page.url()).hash).toBe(LINKS.email(0));
    await app.button('Dismiss').click();
    await expect(app.notice).toBeEmpty();
    expect(errors).toEqual([]);
  });
}

test('a link with one bad field keeps the rest of the view', async ({ app }) => {
  await app.open('#v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=1x3.2x15.1x12&c=99');
  await expect(app.notice).toContainText('cursor 99 is past the end of the 30-step schedule');
  await expect(app.variant).toHaveValue('b_early_check');
});
