import { expect, LINKS, test } from './fixtures.ts';
import { dropPlace, hoverDropPlace, startDrag, stepBlock } from './support/drag.ts';

// Tall enough that the whole 30-step timeline is on screen, as on a laptop at full height.
test.use({ viewport: { width: 1440, height: 1100 } });

const EMAIL_S = 's=1x3.2x15.1x12';
/** mmap_read_lock() moved from step 19 to step 4, and the rest repaired. */
const MOVED_S = 's=1x4.2x5.1x12.2x10';

test('dragging a step to a legal place reorders it and says what the repair did', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  await startDrag(page, 19);
  // Every other place is marked, legal or not, with the reason as its description.
  await expect(page.locator('[data-drop]')).toHaveCount(29);
  await expect(dropPlace(page, 4)).toHaveAttribute('data-drop', 'legal');
  await expect(dropPlace(page, 4)).toHaveAccessibleDescription('Legal: step 19 can run as step 4.');
  await expect(dropPlace(page, 1)).toHaveAttribute('data-drop', 'illegal');
  await expect(dropPlace(page, 1)).toHaveAccessibleDescription(
    /cannot move past spin_lock\(&ksm_mmlist_lock\) \(step 1\): task 1's own steps keep their order/,
  );
  await hoverDropPlace(page, 4);
  await page.mouse.up();
  await app.idle();

  await expect(page.locator('[data-drop]')).toHaveCount(0);
  await expect(page.locator('[data-step-id="t1_mmap_read_lock"]')).toHaveAttribute(
    'data-index',
    '3',
  );
  const status = page.getByRole('status').filter({ hasText: 'Moved step 19' });
  await expect(status).toContainText('Moved step 19, mmap_read_lock(mm) (task 1), to step 4');
  await expect(status).toContainText('How the rest was repaired: the turns after the edit keep');
  await expect(status).toContainText('now ends CLEAN (before: LOCKDEP_SPLAT)');
  await expect(page.locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'CLEAN');
  expect(page.url()).toContain(MOVED_S);
});

test('dropping on an illegal place changes nothing and says why', async ({ app, page }) => {
  await app.open(LINKS.email(0));
  await startDrag(page, 19);
  const place = await hoverDropPlace(page, 15);
  await expect(place).toHaveAttribute('data-drop', 'illegal');
  const reason =
    'mmap_read_lock(mm) cannot run here: task 2 holds mmap_lock for writing from step 14 to step 17';
  await expect(place).toHaveAccessibleDescription(reason);
  await expect(page.getByRole('status').filter({ hasText: 'Cannot drop here' })).toContainText(
    reason,
  );
  await page.mouse.up();
  await app.idle();

  await expect(app.notice).toContainText('Step 19 cannot move to step 15');
  await expect(app.notice).toContainText(`${reason}.`);
  await expect(app.notice).toContainText('The schedule is unchanged.');
  await expect(page.locator('[data-step-id]')).toHaveCount(30);
  await expect(page.locator('[data-step-id="t1_mmap_read_lock"]')).toHaveAttribute(
    'data-index',
    '18',
  );
  expect(page.url()).toContain(EMAIL_S);
  await expect(app.button('Undo')).toBeDisabled();
});

test('Escape cancels a drag', async ({ app, page }) => {
  await app.open(LINKS.email(0));
  await startDrag(page, 19);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-drop]')).toHaveCount(0);
  await page.mouse.up();
  await app.idle();
  expect(page.url()).toContain(EMAIL_S);
  await expect(app.currentBlock()).toHaveCount(0);
});

test('Alt+arrows move a focused step, with the same rules and messages', async ({ app, page }) => {
  await app.open(LINKS.email(0));
  const block = stepBlock(page, 19);
  await block.focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await app.idle();
  // The moved step keeps the focus, so the next press moves it again.
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-step-id', 't1_mmap_read_lock');
  await expect(focused).toHaveAttribute('data-index', '17');
  await expect(page.getByRole('status').filter({ hasText: 'Moved' })).toContainText(
    'Moved step 19, mmap_read_lock(mm) (task 1), to step 18',
  );

  await page.keyboard.press('Alt+ArrowLeft');
  await app.idle();
  await expect(app.notice).toContainText(
    'mmap_read_lock(mm) cannot run here: task 2 holds mmap_lock for writing from step 14 to step 17.',
  );
  await expect(focused).toHaveAttribute('data-index', '17');

  await page.keyboard.press('Alt+ArrowRight');
  await app.idle();
  await expect(focused).toHaveAttribute('data-index', '18');
  expect(page.url()).toContain(EMAIL_S);
  // The browser's own Alt+← (Back) did not fire.
  expect(page.url()).toContain('#v=2');
});

test('undo and redo: buttons, Ctrl+Z / Ctrl+Shift+Z and the browser’s back and forward', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(0));
  await stepBlock(page, 19).focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await app.idle();
  const moved = page.url();
  expect(moved).toContain('s=1x3.2x14.1x1.2x1.1x11');

  await app.button('Undo').click();
  await app.idle();
  expect(page.url()).toContain(EMAIL_S);
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toContainText(
    'Undone: move mmap_read_lock(mm) from step 19 to step 18',
  );
  await app.button('Redo').click();
  await app.idle();
  expect(page.url()).toBe(moved);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await app.idle();
  expect(page.url()).toContain(EMAIL_S);
  await page.keyboard.press('Control+Shift+Z');
  await app.idle();
  expect(page.url()).toBe(moved);

  await page.goBack();
  await app.idle();
  expect(page.url()).toContain(EMAIL_S);
  await expect(page.locator('[data-step-id="t1_mmap_read_lock"]')).toHaveAttribute(
    'data-index',
    '18',
  );
  await page.goForward();
  await app.idle();
  expect(page.url()).toBe(moved);
  await expect(page.locator('[data-step-id="t1_mmap_read_lock"]')).toHaveAttribute(
    'data-index',
    '17',
  );
});

test('"Run task 1 next" rewrites the schedule at the cursor; a blocked task says why', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(3));
  await app.button('Run task 1 next').click();
  await app.idle();
  await expect(app.currentBlock()).toHaveAttribute('data-step-id', 't1_mmap_read_lock');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '3');
  await expect(app.button('Undo')).toBeEnabled();

  await app.open(LINKS.email(14));
  const run1 = app.button('Run task 1 next');
  await expect(run1).toBeDisabled();
  const why =
    'Task 1 is waiting in mmap_read_lock(mm): mm->mmap_lock is held by task 2 (for writing).';
  await expect(run1).toHaveAccessibleDescription(why);
  await expect(page.locator('.edit-hint').getByText(why)).toBeVisible();
  await expect(app.button('Run task 2 next')).toBeEnabled();

  await app.open(LINKS.email(30));
  await expect(app.button('Run task 1 next')).toBeDisabled();
  await expect(page.locator('.edit-hint').getByText('Task 2 has finished.')).toBeVisible();
});
