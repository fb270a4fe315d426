/**
 * Accessibility at every main state of the page, in the light and the dark theme: axe finds no
 * violation at all; steps are announced; focus is visible; motion respects the user's setting.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, LINKS, test } from './fixtures.ts';

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('default, splat, exploration done and compare have no axe violations', async ({
      app,
      page,
    }) => {
      // Four full axe passes take about 20 s on the 2-core VM, more when it is busy.
      test.setTimeout(90_000);
      await app.open();
      expect(await violations(page), 'default view').toEqual([]);

      await app.open(LINKS.email(20));
      await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
      expect(await violations(page), 'splat').toEqual([]);

      await app.button('Explore all interleavings').click();
      const exploration = page.getByRole('region', { name: 'Exploration' });
      await expect(
        exploration.locator('[data-outcome-count="LOCKDEP_SPLAT"]').first(),
      ).toBeVisible();
      await app.idle();
      expect(await violations(page), 'exploration done').toEqual([]);

      await page.getByLabel('Compare with…').selectOption('b_early_check');
      await app.idle();
      await expect(page.locator('[data-divergence]').first()).toBeAttached();
      expect(await violations(page), 'compare').toEqual([]);
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
  test('no transitions or animations run', async ({ app, page }) => {
    await app.open(LINKS.email(3));
    const moving = await page.evaluate(
      () =>
        [...document.querySelectorAll('*')].filter((el) => {
          const s = getComputedStyle(el);
          const dur = (v: string) => v.split(',').some((x) => parseFloat(x) > 0.01);
          return (
            dur(s.transitionDuration) || (s.animationName !== 'none' && dur(s.animationDuration))
          );
        }).length,
    );
    expect(moving).toBe(0);
    // Playback still steps: it jumps from step to step, without animating between them.
    await app.button('Play').click();
    await expect(page.locator('.position')).toContainText('After step 4 of');
    await app.button('Pause').click();
  });
});
