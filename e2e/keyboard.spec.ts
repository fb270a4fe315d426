import { expect, LINKS, test } from './fixtures.ts';

test('the keyboard steps, jumps, plays and lists its keys', async ({ app, page }) => {
  await app.open();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '1');
  await page.keyboard.press('End');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '29');
  await page.keyboard.press('Home');
  await expect(app.currentBlock()).toHaveCount(0);

  await page.keyboard.press('Space');
  await expect(app.button('Pause')).toBeVisible();
  await expect(app.currentBlock()).toHaveAttribute('data-index', /\d/);
  await page.keyboard.press('Space');
  await expect(app.button('Play')).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Step forward');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('a step block is reachable with Tab and takes Enter', async ({ app, page }) => {
  await app.open();
  const block = page.locator('[data-step-id="t1_vma_first"]');
  await block.focus();
  await expect(page.getByRole('region', { name: 'Step explanation' })).toContainText(
    'lockdep checks that the lock',
  );
  await page.keyboard.press('Enter');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '19');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
});

test('axe finds nothing serious with the splat on screen and with the help open', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(20));
  expect((await app.seriousA11yViolations()).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect((await app.seriousA11yViolations()).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
