import { expect, FORMAT1_LINKS, LINKS, test } from './fixtures.ts';

test('an edit and its undo history survive a reload and a closed tab', async ({
  app,
  page,
  context,
}) => {
  await app.open(LINKS.email(3));
  await app.button('Run task 1 next').click();
  await app.idle();
  const edited = app.hash();
  expect(edited).not.toBe(LINKS.email(3));
  expect(edited).toMatch(/^#v=2&/);

  await page.reload();
  await app.idle();
  expect(app.hash()).toBe(edited);
  await expect(app.button('Undo')).toBeEnabled();

  // A closed tab: a new page with no link at all opens what was there.
  await page.close();
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.locator('html')).toHaveAttribute('data-idle', 'true');
  expect(new URL(again.url()).hash).toBe(edited);
  await again.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(again.locator('html')).toHaveAttribute('data-idle', 'true');
  expect(new URL(again.url()).hash).toBe(LINKS.email(3));
});

test('another scenario and its parameters survive a reload', async ({ app, page }) => {
  await app.open(LINKS.email(0));
  await app.scenario.selectOption('ksm-oom-deadlock');
  await app.idle();
  await page.getByLabel('What makes the victim exit', { exact: true }).selectOption('oom');
  await app.idle();
  const saved = app.hash();
  expect(saved).toContain('m=ksm-oom-deadlock.1&');
  expect(saved).toContain('p=oom:waits,exit:oom&');

  await page.goto('/');
  await app.idle();
  expect(app.hash()).toBe(saved);
  await expect(app.scenario).toHaveValue('ksm-oom-deadlock');
  await expect(page.getByLabel('What makes the victim exit', { exact: true })).toHaveValue('oom');
  // Undo goes back across the parameter and the scenario change.
  await app.button('Undo').click();
  await app.idle();
  await expect(page.getByLabel('What makes the victim exit', { exact: true })).toHaveValue('any');
  await app.button('Undo').click();
  await app.idle();
  await expect(app.scenario).toHaveValue('ksm-exit-race');
  expect(app.hash()).toBe(LINKS.email(0));
});

test('a session saved before format 2 (format-1 links) is restored, undo history and all', async ({
  app,
  page,
}) => {
  await page.addInitScript(
    ([view, before]) => {
      if (!sessionStorage.getItem('planted')) {
        localStorage.setItem(
          'interleave.session',
          JSON.stringify({
            format: 1,
            model: 'ksm-exit-race.1',
            view,
            past: [{ link: before, label: 'switch to variant b_early_check' }],
            future: [],
          }),
        );
        sessionStorage.setItem('planted', '1');
      }
    },
    [FORMAT1_LINKS.fix(7).slice(1), FORMAT1_LINKS.email(7).slice(1)] as const,
  );
  await app.open();
  await expect(app.notice).toBeEmpty();
  await expect(app.variant).toHaveValue('b_early_check');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '6');
  expect(app.hash()).toBe(LINKS.fix(7));
  await app.button('Undo').click();
  await app.idle();
  await expect(app.variant).toHaveValue('a_vma_iter');
  expect(app.hash()).toBe(LINKS.email(7));
});

test('a broken saved copy is set aside with a message', async ({ app, page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.setItem('interleave.session', '{"format":2,"view":"v=2&m=');
      sessionStorage.setItem('planted', '1');
    }
  });
  await app.open();
  await expect(app.notice).toContainText('The session saved in this browser could not be restored');
  await expect(page.locator('[data-step-id]')).toHaveCount(30);
  await expect(app.variant).toHaveValue('a_vma_iter');
});

test('a step is not lost to a reload or a closed tab that follows it at once', async ({
  app,
  page,
  context,
}) => {
  const position = page.getByRole('region', { name: 'Stepping' }).locator('.position');
  await app.open(LINKS.email(3));

  // No wait for idle between the step and the reload: the URL write is still pending.
  await app.button('Step forward').click();
  await page.reload();
  await app.idle();
  expect(app.hash()).toBe(LINKS.email(4));
  await expect(position).toContainText('After step 4 of');

  // Several steps in a row, then a reload at once: the last one counts, not the first.
  for (let i = 0; i < 3; i++) await app.button('Step forward').click();
  await page.reload();
  await app.idle();
  expect(app.hash()).toBe(LINKS.email(7));
  await expect(position).toContainText('After step 7 of');
  for (let i = 0; i < 3; i++) await app.button('Step back').click();

  // The same for a closed tab: the saved session, flushed as the page goes, has the step.
  await app.button('Step forward').click();
  await page.close();
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.locator('html')).toHaveAttribute('data-idle', 'true');
  expect(new URL(again.url()).hash).toBe(LINKS.email(5));
  await expect(again.getByRole('region', { name: 'Stepping' }).locator('.position')).toContainText(
    'After step 5 of',
  );
});
