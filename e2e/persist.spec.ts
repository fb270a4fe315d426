import { expect, LINKS, test } from './fixtures.ts';

test('an edit and its undo history survive a reload and a closed tab', async ({
  app,
  page,
  context,
}) => {
  await app.open(LINKS.email(3));
  await app.button('Run task 1 next').click();
  await app.idle();
  const edited = new URL(page.url()).hash;
  expect(edited).not.toBe(LINKS.email(3));

  await page.reload();
  await app.idle();
  expect(new URL(page.url()).hash).toBe(edited);
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

test('a broken saved copy is set aside with a message', async ({ app, page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.setItem(
        'interleave.session',
        '{"format":1,"model":"ksm-exit-race.1","view":"v=1&m=',
      );
      sessionStorage.setItem('planted', '1');
    }
  });
  await app.open();
  await expect(app.notice).toContainText('The session saved in this browser could not be restored');
  await expect(page.locator('[data-step-id]')).toHaveCount(30);
  await expect(app.variant).toHaveValue('a_vma_iter');
});
