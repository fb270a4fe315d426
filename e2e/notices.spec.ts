import type { Locator, Page } from '@playwright/test';
import { expect, KSM_P1, LINKS, test } from './fixtures.ts';

/** A link whose variant does not exist: the page opens it under the default, with a notice. */
const TAMPERED = `#v=2&m=ksm-exit-race.1&var=z_rootkit&${KSM_P1}&s=1x3.2x15.1x12&c=20`;

/** The notice an edit leaves: "Task 2 runs step 2" (polite, a status line). */
function editNotice(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: 'Task 2 runs step 2' });
}

/** Makes an edit from the keyboard: after step 1, task 2 runs next. */
async function runTask2AtStep2(page: Page) {
  await page.locator('[data-step-id][data-index="0"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('2');
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('a notice closes on Escape, from anywhere on the page', async ({ app, page }) => {
  await app.open(LINKS.email(0));
  await runTask2AtStep2(page);
  await app.idle();
  await expect(editNotice(page)).toBeVisible();
  // Focus is on the changed step, in the timeline; Escape there closes the notice.
  await page.keyboard.press('Escape');
  await expect(editNotice(page)).toHaveCount(0);

  // Not while the help dialog is open: its Escape closes the dialog only.
  await app.button('Undo').click();
  await app.idle();
  const undone = page.getByRole('status').filter({ hasText: 'Undone' });
  await expect(undone).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(undone).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(undone).toHaveCount(0);
});

test('a notice closes by itself once there was time to read it, but not while hovered', async ({
  app,
  page,
}) => {
  await page.clock.install();
  await app.open(LINKS.email(0));
  await runTask2AtStep2(page);
  await app.idle();
  const notice = editNotice(page);
  await expect(notice).toBeVisible();
  // Not after a glance: 5 s is less than any notice's time.
  await page.clock.runFor(5000);
  await expect(notice).toBeVisible();

  // Hovered, it stays however long it is read.
  await notice.hover();
  await page.clock.runFor(60_000);
  await expect(notice).toBeVisible();

  // Let go, it closes within the longest time a notice stays (45 s).
  await page.mouse.move(5, 500);
  await page.clock.runFor(45_000);
  await expect(notice).toHaveCount(0);
});

test('a notice has a line of its own: it overlaps neither the timeline nor the outcome', async ({
  app,
  page,
}) => {
  await app.open(TAMPERED);
  await expect(app.notice).toContainText('z_rootkit');
  const line = page.locator('.notice-slot');
  const box = (await app.notice.boundingBox())!;
  // The timeline's pane (its rows scroll inside it, so the rows' own box reaches past it).
  const pane = page.getByRole('region', { name: 'Timeline', exact: true });
  for (const other of [pane, app.outcome, page.getByRole('region', { name: 'Stepping' })]) {
    const b = (await other.boundingBox())!;
    expect(overlaps(box, b), `notice ${JSON.stringify(box)} vs ${JSON.stringify(b)}`).toBe(false);
  }
  // Its line keeps its height when the notice goes: nothing below it moves.
  const top = (l: Locator) => l.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const timelineTop = await top(app.timeline);
  const slotHeight = (await line.boundingBox())!.height;
  await app.notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(app.notice).toBeEmpty();
  expect((await line.boundingBox())!.height).toBe(slotHeight);
  expect(await top(app.timeline)).toBe(timelineTop);
  // Focus went to the timeline's Tab stop, not to the page's body.
  await expect(app.timeline.locator(':focus')).toHaveAttribute('data-index', '19');
});

test('a notice’s Dismiss is a few Tab presses from the top, and focus does not fall to the page', async ({
  app,
  page,
}) => {
  await app.open(TAMPERED);
  const dismiss = app.notice.getByRole('button', { name: 'Dismiss' });
  // The 2 skip links, Copy link and the 3 e-mail diagram buttons, the scenario bar's 7
  // controls, the notice's More, then Dismiss: 15.
  let presses = 0;
  while (presses < 30 && !(await dismiss.evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(presses).toBeLessThanOrEqual(15);
  await page.keyboard.press('Enter');
  await expect(app.notice).toBeEmpty();
  // Focus goes back to where it came from, the last control before the notice.
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
});
