/**
 * Play can be watched: it stops where a bad outcome first fires unless told to run on, and the
 * timeline's pane scrolls so the step at the cursor stays in view however tall the timeline is.
 */
import type { Locator } from '@playwright/test';
import { expect, KSM_P1, test, type InterleavePage } from './fixtures.ts';

/** ksm-exit-race at three processes on its default schedule: 62 steps, the splat at step 52. */
const THREE = `#v=2&m=ksm-exit-race.1&var=a_vma_iter&${KSM_P1.replace('processes:1', 'processes:3')}&s=1x3.2x15.3x16.4x16.1x12&c=0`;

function position(app: InterleavePage): Locator {
  return app.page.getByRole('region', { name: 'Stepping' }).locator('.position');
}

test('Play stops at the splat (step 20) with "Stop at the bug" on, and runs to 30 with it off', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open();
  const stop = page.getByRole('checkbox', { name: 'Stop at the bug' });
  await expect(stop).toBeChecked();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');

  await app.button('Play').click();
  await expect(app.button('Play')).toBeVisible({ timeout: 10_000 });
  await expect(position(app)).toContainText('After step 20 of 30');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '19');
  // It stays stopped there.
  await app.idle();
  await expect(position(app)).toContainText('After step 20 of 30');

  // Play again runs on from the bug to the end.
  await app.button('Play').click();
  await expect(position(app)).toContainText('After step 30 of 30', { timeout: 10_000 });
  await expect(app.button('Play')).toBeVisible();

  // Off: from the start straight through to the end.
  await stop.uncheck();
  await app.button('First step').click();
  await app.button('Play').click();
  await expect(position(app)).toContainText('After step 30 of 30', { timeout: 15_000 });
  await expect(app.button('Play')).toBeVisible();
});

test('Play keeps the step at the cursor inside the timeline pane at three processes', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(THREE);
  const viewport = page.locator('.swimlanes-viewport');
  // The timeline is taller than its pane, so following the cursor takes scrolling.
  expect(await viewport.evaluate((el) => el.scrollHeight > el.clientHeight + 200)).toBe(true);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');

  // The page records, not the test's polling (which a busy machine slows): every step the
  // position line shows (a MutationObserver sees each one), and, checked at every frame from then
  // on, whether that step's block has been wholly in the pane, below its sticky lane headings.
  await viewport.evaluate((vp) => {
    const w = window as unknown as { __play: { seen: number[]; inPane: number[]; stop: boolean } };
    const rec = (w.__play = { seen: [] as number[], inPane: [] as number[], stop: false });
    const where = document.querySelector('section[aria-label="Stepping"] .position')!;
    const waiting = new Set<number>();
    new MutationObserver(() => {
      const k = Number(/After step (\d+)/.exec(where.textContent ?? '')?.[1] ?? 0);
      if (k > 0 && !rec.seen.includes(k)) {
        rec.seen.push(k);
        waiting.add(k);
      }
    }).observe(where, { subtree: true, childList: true, characterData: true });
    const isInPane = (i: number) => {
      const block = vp.querySelector(`[data-index="${i}"] rect`);
      const heads = vp.querySelector('.lane-heads');
      if (!block || !heads) return false;
      const b = block.getBoundingClientRect();
      const v = vp.getBoundingClientRect();
      const top = heads.getBoundingClientRect().bottom;
      return (
        b.top >= top - 1 &&
        b.bottom <= v.top + vp.clientHeight + 1 &&
        b.left >= v.left - 1 &&
        b.right <= v.left + vp.clientWidth + 1
      );
    };
    const frame = () => {
      for (const k of waiting)
        if (isInPane(k - 1)) {
          waiting.delete(k);
          rec.inPane.push(k);
        }
      if (!rec.stop || waiting.size > 0) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

  await app.button('Play').click();
  // Stopped at the bug.
  await expect(app.button('Play')).toBeVisible({ timeout: 60_000 });
  await expect(position(app)).toContainText('After step 52 of 62');
  const record = () =>
    page.evaluate(() => {
      const w = window as unknown as {
        __play: { seen: number[]; inPane: number[]; stop: boolean };
      };
      w.__play.stop = true;
      return { seen: [...w.__play.seen], inPane: [...w.__play.inPane].sort((a, b) => a - b) };
    });
  // Every step from 1 to 52 was shown, and each one's block came into the pane.
  await expect
    .poll(async () => (await record()).inPane, { timeout: 3000 })
    .toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
  expect((await record()).seen).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
  expect(await viewport.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
