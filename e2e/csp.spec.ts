import { expect, LINKS, test } from './fixtures.ts';

/**
 * The built page ships a Content-Security-Policy without unsafe-inline or unsafe-eval for
 * scripts, and everything it does (the worker included) runs under it without a violation.
 */
test('the page runs under its CSP with no violation', async ({ app, page }) => {
  const consoleViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) consoleViolations.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });

  await app.open(LINKS.email(18));
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');

  // Work that goes through the worker and the timeline: step, switch the fix on and off.
  await app.button('Step forward').click();
  await app.button('Step forward').click();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await app.earlyCheck.click();
  await app.idle();
  await expect(app.variant).toHaveValue('b_early_check');
  await app.earlyCheck.click();
  await app.idle();
  await app.button('Last step').click();
  // The other scenario, its parameters and an exploration: more worker work under the CSP.
  await app.scenario.selectOption('ksm-oom-deadlock');
  await app.idle();
  await app.oomFix.uncheck();
  await app.idle();
  await app.button('Explore all interleavings').click();
  await app.idle();
  await expect(app.exploration.locator('[data-figure="states"]')).toHaveText('49');

  const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  expect(violations).toEqual([]);
  expect(consoleViolations).toEqual([]);
});
