/**
 * One screen: at 1280×800 (and 1440×900) the lanes, the source lines of the step at the cursor,
 * the fields it changed and the outcome are on screen together without scrolling the window;
 * stepping never moves the timeline; whatever the timeline shortens reads whole on hover and by
 * keyboard.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, KSM_P1, test } from './fixtures.ts';

/** ksm-exit-race at three processes on its default schedule: 62 steps, four narrow lanes. */
const THREE = `#v=2&m=ksm-exit-race.1&var=a_vma_iter&${KSM_P1.replace('processes:1', 'processes:3')}&s=1x3.2x15.3x16.4x16.1x12&c=0`;

/** Whether `el` lies wholly inside the window, as laid out now. */
async function isWhollyInWindow(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const size = page.viewportSize()!;
  return (
    box !== null &&
    box.height > 0 &&
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= size.height + 0.5 &&
    box.x + box.width <= size.width + 0.5
  );
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`${size.width}×${size.height}: at the splat, the lit source line, the changed fields and the outcome are all in the window`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize(size);
    await app.open();
    await app.stepTo(20);
    const detail = page.getByRole('region', { name: 'Step explanation' });
    const lit = detail
      .getByRole('list', { name: 'Source of step 20' })
      .locator('[aria-current="step"]');
    await expect(lit).toHaveCount(1);
    await expect(lit).toContainText('for_each_vma(vmi, vma)');
    const changed = detail.getByRole('list', { name: 'Changed by step 20' });
    // The spec's splat step sets the splat flag, and nothing else.
    await expect(changed.getByRole('listitem')).toHaveText(['f_splat: no → yes']);
    await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
    await expect(app.outcome.getByLabel('Kernel console: lockdep splat')).toBeAttached();

    for (const [what, el] of [
      ['lit source line', lit],
      ['changed fields', changed],
      ['outcome', app.outcome],
      ['step at the cursor', app.currentBlock()],
      ['Step forward', app.button('Step forward')],
    ] as const) {
      expect(await isWhollyInWindow(page, el), what).toBe(true);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
}

test('step 16 lists mt_flags as the CLI replay prints it', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open();
  await app.stepTo(16);
  const changed = page
    .getByRole('region', { name: 'Step explanation' })
    .getByRole('list', { name: 'Changed by step 16' });
  // `npm run replay -- --variant a_vma_iter --schedule default` prints this change (cli.test.ts).
  await expect(changed.getByRole('listitem')).toContainText(['mt_flags: 0x301 → 0x0']);
  expect(await isWhollyInWindow(page, changed)).toBe(true);
});

test('the timeline pane and its lanes stay put through all 30 steps, forward and back', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open();
  const pane = page.getByRole('region', { name: 'Timeline' });
  const heads = app.timeline.getByRole('heading', { name: /^Lane of task 1:/ });
  const position = page.getByRole('region', { name: 'Stepping' }).locator('.position');
  const boxes = async () => JSON.stringify([await pane.boundingBox(), await heads.boundingBox()]);
  const first = await boxes();
  for (let k = 1; k <= 30; k++) {
    await app.button('Step forward').click();
    await expect(position).toContainText(`After step ${k} of 30`);
    expect(await boxes(), `after step ${k}`).toBe(first);
  }
  for (let k = 29; k >= 0; k--) {
    await app.button('Step back').click();
    expect(await boxes(), `back to ${k}`).toBe(first);
  }
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('a shortened step label and lane name read whole on hover and by keyboard', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(THREE);
  // A step block whose label the timeline cut (it ends in an ellipsis).
  const cut = await app.blocks().evaluateAll((els) =>
    els.flatMap((e) => {
      const shown = e.querySelector('.block-label')?.textContent ?? '';
      return shown.endsWith('…') ? [{ index: e.getAttribute('data-index'), shown }] : [];
    }),
  );
  expect(cut.length).toBeGreaterThan(0);
  const { index, shown } = cut[0];
  const block = app.timeline.locator(`[data-index="${index}"]`);
  const title = (await block.locator(':scope > title').textContent()) ?? '';
  const prefix = shown.slice(0, -1);
  // Hover: the block's own tooltip has the whole label, of which the block shows the start.
  const full = /^Step \d+, task [\d.]+: (.*)$/.exec(title)?.[1] ?? '';
  expect(full.startsWith(prefix) && full.length > prefix.length, `${shown} in ${title}`).toBe(true);
  // Keyboard and assistive technology: the accessible name, and the docked explanation on focus.
  await expect(block).toHaveAccessibleName(new RegExp(`: ${escape(full)}`));
  await block.focus();
  const detail = page.getByRole('region', { name: 'Step explanation' });
  await expect(detail.locator('.kernel-line')).toHaveText(full);

  // A lane heading the timeline shortened: the tooltip, the heading's name, and the explanation
  // of any of its steps carry the whole name.
  const lane = app.timeline.getByRole('heading', { name: /^Lane of task 2\.2:/ });
  const subtitle = (await lane.locator('.lane-subtitle').textContent()) ?? '';
  expect(subtitle.endsWith('…')).toBe(true);
  const name = (await lane.locator(':scope > title').textContent()) ?? '';
  expect(name).toContain(subtitle.slice(0, -1));
  await expect(lane).toHaveAccessibleName(new RegExp(`^Lane of task 2\\.2: ${escape(name)}`));
  await app.timeline.locator('[data-task="2.2"]').first().focus();
  await expect(detail.getByRole('heading', { name })).toBeVisible();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
