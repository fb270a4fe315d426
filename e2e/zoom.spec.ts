import { expect, test, KSM_P1 } from './fixtures.ts';

/** ksm-exit-race at three processes on its default schedule: 62 steps, taller than the window. */
const THREE = `#v=2&m=ksm-exit-race.1&var=a_vma_iter&${KSM_P1.replace('processes:1', 'processes:3')}&s=1x3.2x15.3x16.4x16.1x12&c=0`;

test('the timeline zooms from the keyboard and with Ctrl+wheel, and still steps', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open(THREE);
  const viewport = page.locator('.swimlanes-viewport');
  const block = app.blocks().first();
  const rowAt100 = (await block.boundingBox())!.height;
  await expect(app.button('Zoom out')).toBeEnabled();
  await expect(viewport).toHaveJSProperty('scrollTop', 0);
  const overflows = () => viewport.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  expect(await overflows()).toBe(true);

  // "Fit" from the keyboard: every step in view at once.
  await app.button('Fit').focus();
  await page.keyboard.press('Enter');
  await expect.poll(overflows).toBe(false);
  await expect(app.button('Fit')).toBeDisabled();
  const rowFit = (await block.boundingBox())!.height;
  expect(rowFit).toBeLessThan(rowAt100);

  // "Zoom in" makes the rows taller again.
  await app.button('Zoom in').click();
  await expect.poll(async () => (await block.boundingBox())!.height).toBeGreaterThan(rowFit);

  // Ctrl+wheel over the timeline zooms the rows, not the page.
  const before = (await block.boundingBox())!.height;
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 80);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await block.boundingBox())!.height).toBeGreaterThan(before);
  expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);

  // Stepping still moves the cursor and keeps its block in view, and the URL does not carry
  // the zoom (it is personal).
  await app.button('Step forward').click();
  await expect(app.currentBlock()).toHaveAttribute('data-index', '0');
  await expect(app.currentBlock()).toBeInViewport();
  await app.idle();
  expect(app.hash()).not.toContain('zoom');
});
