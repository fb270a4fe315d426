/**
 * Worker faults: a worker that crashes, is killed or hangs past its time limit. The page says so,
 * a fresh worker takes over, and the person's view is kept. An exploration is cancelled within
 * 100 ms.
 */
import type { Page } from '@playwright/test';
import { expect, LINKS, test } from './fixtures.ts';

type Lane = 'simulator' | 'explorer';
type Fault = 'crash' | 'kill' | 'hang';

async function inject(page: Page, lane: Lane, fault: Fault) {
  await page.evaluate(
    ([l, f]) =>
      (
        window as unknown as { __interleave: { injectFault(l: string, f: string): void } }
      ).__interleave.injectFault(l, f),
    [lane, fault] as const,
  );
}

for (const fault of ['crash', 'kill', 'hang'] as const) {
  test(`a simulator that ${fault === 'crash' ? 'crashes' : fault === 'kill' ? 'is killed' : 'hangs'}: the page says so, restarts it and keeps the view`, async ({
    app,
    page,
  }) => {
    // A short per-call limit so a killed or hung worker is noticed quickly.
    await page.goto(`/?worker-limit-ms=1500${LINKS.email(20)}`);
    await app.idle();
    await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
    const before = new URL(page.url()).hash;

    if (fault === 'crash') {
      // The crash lands while a variant change is in flight.
      await inject(page, 'simulator', 'hang');
      await app.earlyCheck.click();
      await inject(page, 'simulator', 'crash');
    } else {
      await inject(page, 'simulator', fault);
      await app.earlyCheck.click();
    }
    await expect(app.notice).toContainText('The simulator stopped unexpectedly');
    await expect(app.notice).toContainText(fault === 'crash' ? 'injected fault' : 'within 1.5 s');
    // The view the person had is still there.
    await expect(app.variant).toHaveValue('a_vma_iter');
    await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
    await expect(page.locator('[data-step-id]')).toHaveCount(30);
    expect(new URL(page.url()).hash).toBe(before);

    // A fresh worker answers the next request.
    await app.earlyCheck.click();
    await app.idle();
    await expect(app.variant).toHaveValue('b_early_check');
    await app.button('Last step').click();
    await expect(app.outcome).toHaveAttribute('data-outcome', 'CLEAN');
  });
}

test('an exploration is cancelled within 100 ms and can be run again', async ({ app, page }) => {
  await app.open();
  // Make the exploration take "forever", as a huge model would.
  await page.evaluate(() => {
    (
      window as unknown as { __interleave: { injectFault(l: string, f: string): void } }
    ).__interleave.injectFault('explorer', 'hang');
  });
  await app.button('Explore all interleavings').click();
  const cancel = app.button('Cancel');
  await expect(cancel).toBeVisible();
  // Timed in the page from the click to the moment the status says so (a MutationObserver sees
  // the change as it is made), not to the next frame: a busy machine delays frames, not the
  // cancel.
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Cancel',
        )!;
        const isCancelled = () =>
          (document.querySelector('.explore-status')?.textContent ?? '').includes('cancelled');
        const t0 = performance.now();
        const seen = new MutationObserver(() => {
          if (!isCancelled()) return;
          seen.disconnect();
          resolve(performance.now() - t0);
        });
        seen.observe(document.body, { subtree: true, childList: true, characterData: true });
        button.click();
        if (isCancelled()) {
          seen.disconnect();
          resolve(performance.now() - t0);
        }
      }),
  );
  console.log(`[faults] cancel took ${ms.toFixed(1)} ms`);
  expect(ms).toBeLessThan(100);
  await expect(page.getByRole('region', { name: 'Exploration' })).toContainText(
    'Exploration cancelled',
  );
  // A fresh explorer runs the next one to the end.
  await app.button('Explore all interleavings').click();
  await expect(
    page
      .getByRole('region', { name: 'Exploration' })
      .locator('[data-outcome-count="LOCKDEP_SPLAT"]')
      .first(),
  ).toContainText('130');
});
