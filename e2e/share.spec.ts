import { expect, FORMAT1_LINKS, KSM_P1, LINKS, test } from './fixtures.ts';

test('"Copy link" gives a format-2 link that reproduces the view in a new page', async ({
  app,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  await app.variant.selectOption('e_ctl_no_exit_checks');
  await app.idle();
  await app.page.getByRole('checkbox', { name: /rmap_list non-empty/ }).check();
  await app.idle();
  await app.stepTo(20);
  await app.idle();
  await app.button('Copy link').click();
  await expect(page.getByText('Link to this exact view copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(
    '#v=2&m=ksm-exit-race.1&var=e_ctl_no_exit_checks&p=processes:1,rmap_nonempty:true,cursor:0&s=',
  );
  expect(link).toMatch(/&c=20$/);
  // The address bar holds the same link.
  expect(page.url()).toBe(link);

  const fieldsOf = (p: typeof page) =>
    p
      .locator('[data-field], [data-lock]')
      .evaluateAll((els) =>
        els.map(
          (e) =>
            `${e.getAttribute('data-field') ?? e.getAttribute('data-lock')}=${e.getAttribute('data-value')}`,
        ),
      );
  const before = await fieldsOf(page);
  const steps = await app.stepIds();
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
  expect(
    await other
      .locator('[data-step-id][data-index]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id'))),
  ).toEqual(steps);
  expect(await fieldsOf(other)).toEqual(before);
  await expect(other.getByRole('alert')).toBeEmpty();
  expect(other.url()).toBe(link);
});

test('a format-1 link opens the view it always opened; the address bar turns to format 2', async ({
  app,
  page,
}) => {
  const old = '#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=rmap&s=1x3.2x15.1x12&cmp=b_early_check&c=20';
  await app.open(old);
  await expect(app.notice).toBeEmpty();
  await expect(app.scenario).toHaveValue('ksm-exit-race');
  await expect(app.variant).toHaveValue('a_vma_iter');
  await expect(app.processes).toHaveValue('1');
  await expect(page.getByRole('checkbox', { name: /rmap_list non-empty/ })).toBeChecked();
  await expect(app.currentBlock()).toHaveAttribute('data-index', '19');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await expect(page.getByLabel('Compare with…', { exact: true })).toHaveValue('b_early_check');
  expect(app.hash()).toBe(
    '#v=2&m=ksm-exit-race.1&var=a_vma_iter&p=processes:1,rmap_nonempty:true,cursor:0&s=1x3.2x15.1x12&cmp=b_early_check&c=20',
  );

  // The cursor toggle of format 1 is the scan cursor parameter at slot 1.
  await app.open(FORMAT1_LINKS.fix(5).replace('t=none', 't=cursor'));
  await expect(app.notice).toBeEmpty();
  await expect(page.getByRole('spinbutton', { name: 'Scan cursor at start' })).toHaveValue('1');
  expect(app.hash()).toBe(
    '#v=2&m=ksm-exit-race.1&var=b_early_check&p=processes:1,rmap_nonempty:false,cursor:1&s=1x3.2x15.1x12&c=5',
  );
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

for (const [format, fragment] of [
  ['format 1', '#v=1&m=ksm-exit-race.1&var=z_rootkit&t=none&s=1x3.2x15.1x12&c=4'],
  ['format 2', `#v=2&m=ksm-exit-race.1&var=z_rootkit&${KSM_P1}&s=1x3.2x15.1x12&c=4`],
] as const) {
  test(`a tampered variant (${format}) keeps the link’s schedule and cursor under the default variant`, async ({
    app,
  }) => {
    await app.open(fragment);
    await expect(app.notice).toContainText(
      /variant "z_rootkit" is not one of the model's variants/,
    );
    await expect(app.notice).toContainText('The rest of the view is as the sender saw it.');
    await expect(app.variant).toHaveValue('a_vma_iter');
    await expect(app.currentBlock()).toHaveAttribute('data-index', '3');
    expect(app.hash()).toBe(LINKS.email(4));
  });
}

const BROKEN: [string, string, RegExp][] = [
  [
    'a newer model version',
    '#v=1&m=ksm-exit-race.7&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=4',
    /version 7 of the model, newer than this page's version 1/,
  ],
  [
    'a newer link format',
    '#v=9&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3&c=0',
    /format 9, newer than this page understands \(2\)/,
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
  [
    'a model format 1 never named',
    '#v=1&m=ksm-oom-deadlock.1&var=a_mutex_in_ksm_exit&t=none&s=1x7.2x3&c=0',
    /format-1 links were only made for "ksm-exit-race"/,
  ],
  [
    'a model this page does not have',
    '#v=2&m=futex-race.1&var=a_vma_iter&p=none&s=1x3&c=0',
    /the model "futex-race", which this page does not have/,
  ],
];

for (const [what, fragment, message] of BROKEN) {
  test(`${what} opens the default view and says what was wrong`, async ({ app, page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
    await app.open(fragment);
    await expect(app.notice).toContainText(message);
    await expect(app.scenario).toHaveValue('ksm-exit-race');
    await expect(app.variant).toHaveValue('a_vma_iter');
    await expect(page.locator('[data-step-id]')).toHaveCount(30);
    await expect(app.currentBlock()).toHaveCount(0);
    expect(app.hash()).toBe(LINKS.email(0));
    await app.button('Dismiss').click();
    await expect(app.notice).toBeEmpty();
    expect(errors).toEqual([]);
  });
}

test('a link with one bad field keeps the rest of the view', async ({ app, page }) => {
  await app.open(FORMAT1_LINKS.fix(99));
  await expect(app.notice).toContainText('cursor 99 is past the end of the 30-step schedule');
  await expect(app.variant).toHaveValue('b_early_check');

  await app.open(
    '#v=2&m=ksm-exit-race.1&var=b_early_check&p=processes:1,rmap_nonempty:maybe,cursor:0&s=1x3.2x15.1x12&c=4',
  );
  await expect(app.notice).toContainText(
    'The parameter rmap_nonempty:maybe is not allowed (rmap_nonempty is true or false).',
  );
  await expect(app.variant).toHaveValue('b_early_check');
  await expect(page.getByRole('checkbox', { name: /rmap_list non-empty/ })).not.toBeChecked();
  await expect(app.currentBlock()).toHaveAttribute('data-index', '3');
});

test('a hand-shortened schedule is completed by the editor’s rule, and the page says so', async ({
  app,
  page,
}) => {
  // The e-mail's first 20 turns: every one runs, but task 1 has steps left.
  await app.open(
    '#v=2&m=ksm-exit-race.1&var=a_vma_iter&p=processes:1,rmap_nonempty:false,cursor:0&s=1x3.2x15.1x2&c=20',
  );
  await expect(app.notice).toContainText('This link’s schedule was completed');
  await expect(app.notice).toContainText(
    /The link gives 20 turns, after which a task can still move; 10 turns were added/,
  );
  // Completing in task order gives the e-mail's schedule: task 1 runs on to its end.
  expect(await app.stepIds()).toHaveLength(30);
  await expect(app.currentBlock()).toHaveAttribute('data-index', '19');
  expect(app.hash()).toBe(LINKS.email(20));
  await expect(page.getByRole('region', { name: 'Outcome' })).toHaveAttribute(
    'data-outcome',
    /LOCKDEP_SPLAT/,
  );
});
