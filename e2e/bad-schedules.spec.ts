import { expect, test } from './fixtures.ts';

const SPLAT = 'LOCKDEP_SPLAT';

test('"Next bad schedule" walks distinct splat schedules, each replaying to the splat, and the link keeps the one shown', async ({
  app,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('');
  await app.exploration.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  const next = app.exploration.getByRole('button', { name: `Next ${SPLAT} schedule` });
  const where = app.exploration.locator(`[data-bad-position="${SPLAT}"]`);
  const seen = new Set<string>();
  let last = 0;
  for (let i = 0; i < 4; i++) {
    await next.click();
    await app.idle();
    await expect(where).toHaveText(/^schedule [\d,]+ of 130$/);
    const k = Number(/schedule ([\d,]+)/.exec((await where.textContent()) ?? '')![1]);
    if (i > 0) expect(k).toBe((last % 130) + 1);
    last = k;
    await expect(app.verdict()).toHaveAttribute('data-verdict', new RegExp(SPLAT));
    // The cursor is where the splat fires.
    await expect(page.getByRole('region', { name: 'Outcome' })).toHaveAttribute(
      'data-outcome',
      new RegExp(SPLAT),
    );
    seen.add((await app.stepIds()).join(' '));
    expect(app.hash()).toContain(`&x=1&b=${SPLAT}.${k}&`);
  }
  expect(seen.size).toBe(4);

  // p goes back one, from anywhere but a text field.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('p');
  await app.idle();
  await expect(where).toHaveText(`schedule ${last - 1} of 130`);

  // "Copy link" copies what the address bar holds: explored, and this bad schedule.
  await app.button('Copy link').click();
  await expect(page.getByText('Link to this exact view copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

  // The link opens the same view: explored, and the same bad schedule.
  const ids = await app.stepIds();
  const link = app.hash();
  await app.open(link);
  expect(await app.stepIds()).toEqual(ids);
  await expect(where).toHaveText(`schedule ${last - 1} of 130`);

  // An edit ends the pick: the link no longer names a bad schedule.
  await app.button('Run task 2 next').click();
  await app.idle();
  await expect(where).toHaveText('130 to browse');
  expect(app.hash()).not.toContain('&b=');
  expect(app.hash()).toContain('&x=1&');
});

test('what every splat schedule shares reads in kernel words', async ({ app }) => {
  await app.open('');
  await app.exploration.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  await app.exploration.getByText(`What every ${SPLAT} schedule shares`).click();
  await app.idle();
  const items = app.exploration.locator('.shared-orderings li');
  await expect(items.first()).toBeVisible();
  const text = (await items.allTextContents()).join('\n');
  expect(text).toMatch(/mmap_read_lock\(mm\)/);
  expect(text).not.toMatch(/\bt[12]_[a-z]/);
});
