import type { Locator } from '@playwright/test';
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

test('a step block takes Enter', async ({ app, page }) => {
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

/** Whether `locator` has the keyboard focus now. */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

test('the timeline is one Tab stop whose arrows move focus and the cursor', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  // Exactly one step is in the Tab order (was: all 30).
  await expect(app.blocks().and(page.locator('[tabindex="0"]'))).toHaveCount(1);
  await app.button('Fit').focus();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-index', '0');

  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  // The 4th step has focus, and the cursor follows it.
  await expect(focused).toHaveAttribute('data-index', '3');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '3');
  await expect(app.blocks().and(page.locator('[tabindex="0"]'))).toHaveAttribute('data-index', '3');
  await page.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('data-index', '2');
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('data-index', '3');
  await page.keyboard.press('End');
  await expect(focused).toHaveAttribute('data-index', '29');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '29');
  await page.keyboard.press('Home');
  await expect(focused).toHaveAttribute('data-index', '0');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '0');

  await page.keyboard.press('Tab');
  await expect(app.timeline.locator(':focus')).toHaveCount(0);
  // Stepping elsewhere moves the Tab stop to the cursor's step, where Tab comes back in.
  await app.button('Fit').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '2');
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('data-index', '2');
});

test('Tab reaches Explore within 26 presses; e explores and focus lands on the result', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  const explore = app.exploration.getByRole('button', { name: 'Explore all interleavings' });
  await expect(explore).toHaveAttribute('aria-keyshortcuts', 'e');
  // One stop each: Copy link and the 3 e-mail diagram buttons; the scenario bar's 7 controls; the transport's 5 enabled ones;
  // Run task 1 / 2 next and Compare with; the 3 zoom buttons; the timeline (one stop, was 30);
  // the timeline's scrolling viewport; the outcome's "Go to step 20"; then Explore: 26.
  let presses = 0;
  while (presses < 40 && !(await isFocused(explore))) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(presses).toBeLessThanOrEqual(26);

  // From the timeline, e presses Explore; focus ends on the heading that says what was found.
  await page.locator('[data-step-id][data-index="19"]').focus();
  await page.keyboard.press('e');
  const result = app.exploration.getByRole('heading', { name: /^Explored / });
  await expect(result).toBeFocused();
  await expect(result).toContainText('286 states');
  await app.idle();
  await expect(app.exploration.locator('[data-figure="states"]')).toHaveText('286');
});

test('f flips the fix and 2 runs task 2 next, but not while typing in a field', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(20));
  await expect(app.earlyCheck).toHaveAttribute('aria-keyshortcuts', 'f');
  await expect(app.button('Run task 2 next')).toHaveAttribute('aria-keyshortcuts', '2');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');

  // Not while typing: the Speed menu and the Processes number field keep their keys.
  const speed = page.getByRole('combobox', { name: 'Speed' });
  await speed.focus();
  await page.keyboard.press('f');
  await page.keyboard.press('2');
  await app.processes.focus();
  await page.keyboard.press('f');
  await page.keyboard.press('e');
  await expect(app.earlyCheck).not.toBeChecked();
  expect(app.hash()).toBe(LINKS.email(20));
  await expect(
    app.exploration.getByRole('button', { name: 'Explore all interleavings' }),
  ).toBeVisible();

  // f from a step: the fix goes on, the outcome changes, and focus stays on the step.
  const step = page.locator('[data-step-id][data-index="19"]');
  await step.focus();
  await page.keyboard.press('f');
  await app.idle();
  await expect(app.earlyCheck).toBeChecked();
  await expect(app.outcome).not.toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await expect(page.locator(':focus')).toHaveAttribute('data-index', '19');
  await page.keyboard.press('f');
  await app.idle();
  await expect(app.earlyCheck).not.toBeChecked();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');

  // 2 with the cursor after step 1: task 2 takes step 2 (the e-mail's schedule runs task 1
  // there), and focus lands on that step.
  await page.locator('[data-step-id][data-index="0"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('2');
  await app.idle();
  expect(app.hash()).toContain('s=1x1.2x1.');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-index', '1');
  await expect(focused).toHaveAttribute('data-task', '2');

  // Undo by key: focus lands on the step it changed back.
  await page.keyboard.press('Control+z');
  await app.idle();
  expect(app.hash()).toContain('s=1x3.2x15.1x12&');
  await expect(focused).toHaveAttribute('data-index', '1');
  await expect(focused).toHaveAttribute('data-task', '1');
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
