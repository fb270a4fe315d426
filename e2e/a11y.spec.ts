/**
 * Accessibility at every main state of the page, in the light and the dark theme: axe finds no
 * violation at all; steps are announced; focus is visible; motion respects the user's setting.
 */
import type { Page } from '@playwright/test';
import { axeViolations, expect, LINKS, test } from './fixtures.ts';

async function violations(page: Page) {
  return (await axeViolations(page)).map(
    (v) => `${v.impact} ${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`,
  );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('default, splat, exploration done and compare have no axe violations', async ({
      app,
      page,
    }) => {
      await app.open();
      expect(await violations(page), 'default view').toEqual([]);

      await app.open(LINKS.email(20));
      await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
      expect(await violations(page), 'splat').toEqual([]);

      await app.button('Explore all interleavings').click();
      await expect(
        app.exploration.locator('[data-outcome-count="LOCKDEP_SPLAT"]').first(),
      ).toBeVisible();
      await app.idle();
      expect(await violations(page), 'exploration done').toEqual([]);

      await page.getByLabel('Compare with…').selectOption('b_early_check');
      await app.idle();
      await expect(page.locator('[data-divergence]').first()).toBeAttached();
      expect(await violations(page), 'compare').toEqual([]);
    });

    test('the OOM deadlock at its end and three processes with a Process panel open have no axe violations', async ({
      app,
      page,
    }) => {
      // The deadlock at its end: the hung-task report and the wait-for cycle are on screen.
      await app.open(LINKS.deadlock(10));
      await expect(app.outcome).toHaveAttribute('data-outcome', 'DEADLOCK');
      await expect(app.outcome.getByLabel('Kernel console: deadlock')).toBeVisible();
      await expect(page.getByRole('img', { name: /^Wait-for cycle:/ })).toBeVisible();
      expect(await violations(page), 'deadlock').toEqual([]);

      // ksm-exit-race with three exiting processes, a closed Process panel opened.
      await app.scenario.selectOption('ksm-exit-race');
      await app.idle();
      await app.setProcesses(3);
      await expect(app.timeline.getByRole('heading', { name: /^Lane of task / })).toHaveCount(4);
      const process3 = page.locator('details', {
        has: page.locator('summary', { hasText: /^Process 3/ }),
      });
      await expect(process3).not.toHaveAttribute('open');
      await process3.locator('summary').click();
      await expect(process3.locator('[data-field="mm_users.3"]')).toBeVisible();
      await app.stepTo(5);
      expect(await violations(page), 'three processes').toEqual([]);
    });
  });
}

test('step changes are announced politely', async ({ app, page }) => {
  await app.open(LINKS.email(19));
  await app.button('Step forward').click();
  const live = page.locator('[aria-live="polite"]', { hasText: 'Step 20 of 30' });
  await expect(live).toContainText('Step 20 of 30: task 1');
  await expect(live).toContainText('for_each_vma');
});

test('keyboard focus is visible on controls and steps', async ({ app, page }) => {
  await app.open();
  const forward = app.button('Step forward');
  await forward.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(forward).toBeFocused();
  const outline = await forward.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  const block = page.locator('[data-step-id][data-index="0"]');
  await block.focus();
  await expect(block).toBeFocused();
  const ring = await block.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
});

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  /** Elements with a transition or an animation that would actually run. */
  const moving = (page: Page) =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('*')].filter((el) => {
          const s = getComputedStyle(el);
          const dur = (v: string) => v.split(',').some((x) => parseFloat(x) > 0.01);
          return (
            dur(s.transitionDuration) || (s.animationName !== 'none' && dur(s.animationDuration))
          );
        }).length,
    );

  /** The cursor as the store holds it: playback's state, not the time that passed. */
  const cursor = (page: Page) =>
    page.evaluate(
      () =>
        (
          window as unknown as {
            __interleave: { store: { getState(): { playback: { cursor: number } } } };
          }
        ).__interleave.store.getState().playback.cursor,
    );

  test('no transitions or animations run', async ({ app, page }) => {
    await app.open(LINKS.email(3));
    expect(await moving(page)).toBe(0);
    // Playback still steps: it jumps from step to step, without animating between them. How
    // far it gets before the pause lands depends on the machine's load, so the test waits for
    // the cursor to move on and then reads where it stopped.
    await app.button('Play').click();
    await expect.poll(() => cursor(page)).toBeGreaterThan(3);
    await app.button('Pause').click();
    await expect(app.button('Play')).toBeVisible();
    const stopped = await cursor(page);
    await expect(page.locator('.position')).toContainText(`After step ${stopped} of 30`);
    await expect(app.currentBlock()).toHaveAttribute('data-index', String(stopped - 1));
    expect(await moving(page)).toBe(0);
  });
});
