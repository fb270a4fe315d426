/**
 * The built page is relocatable: the same dist/ that `vite preview` serves at `/` also works when
 * a static host serves it from a sub-path. Assets, the explorer worker and share links must all
 * stay under that sub-path.
 */
import type { BrowserContext } from '@playwright/test';
import { expect, FORMAT1_LINKS, InterleavePage, LINKS, test as app } from './fixtures.ts';
import { DIST, serveStatic, type StaticServer } from './support/static-server.ts';

/** Everything the browser did that a sub-path host would not survive. */
class Traffic {
  readonly requests: string[] = [];
  readonly workers: string[] = [];
  readonly problems: string[] = [];

  constructor(
    context: BrowserContext,
    private readonly root: string,
  ) {
    context.on('request', (r) => {
      this.requests.push(r.url());
      if (!this.isInside(r.url())) this.problems.push(`request outside ${root}: ${r.url()}`);
    });
    context.on('requestfailed', (r) =>
      this.problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`),
    );
    context.on('response', (r) => {
      if (r.status() >= 400) this.problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    context.on('page', (page) => this.watch(page));
  }

  private isInside(url: string): boolean {
    return url.startsWith(this.root) || url.startsWith('data:') || url.startsWith('blob:');
  }

  watch(page: InterleavePage['page']): void {
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    page.on('worker', (w) => {
      this.workers.push(w.url());
      if (!this.isInside(w.url())) this.problems.push(`worker outside ${this.root}: ${w.url()}`);
    });
  }
}

const test = app.extend<{ traffic: Traffic }, { subpath: StaticServer }>({
  subpath: [
    // Playwright reads a fixture's dependencies from its destructuring: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveStatic(DIST, '/interleave/');
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // After `page`, so the page exists and is watched here; later pages via context.on('page').
  traffic: async ({ context, page, subpath }, use, testInfo) => {
    const traffic = new Traffic(context, subpath.url);
    traffic.watch(page);
    await use(traffic);
    // A test that failed early (say, the page never rendered) still says what went astray.
    if (testInfo.status !== testInfo.expectedStatus && traffic.problems.length > 0) {
      await testInfo.attach('traffic problems', { body: traffic.problems.join('\n') });
    }
  },
});

test('the page served under /interleave/ renders, runs the explorer worker and fetches nothing outside it', async ({
  app,
  page,
  subpath,
  traffic,
}) => {
  await page.goto(subpath.url);
  await expect(app.heading).toBeVisible();
  await expect(page.locator('[data-step-id]').first()).toBeVisible();
  await app.idle();
  // The page writes its view into the URL; the path must stay the sub-path.
  expect(new URL(page.url()).pathname).toBe('/interleave/');
  expect(new URL(page.url()).hash).toMatch(/^#v=2&/);

  const region = page.getByRole('region', { name: 'Exploration' });
  await region.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();
  await expect(region.getByRole('status')).toContainText('286 states');
  await expect(
    region.getByRole('table', { name: /All 6 variants/ }).locator('tbody tr'),
  ).toHaveCount(6);

  expect(traffic.workers.length, 'explorer workers started').toBeGreaterThan(0);
  expect(traffic.requests.some((u) => u.includes('/interleave/assets/'))).toBe(true);
  expect(traffic.problems).toEqual([]);
});

test('"Copy link" under /interleave/ gives a link under /interleave/ that reopens the view', async ({
  app,
  context,
  page,
  subpath,
  traffic,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(subpath.url + LINKS.email(0));
  await app.idle();
  await app.variant.selectOption('e_ctl_no_exit_checks');
  await app.idle();
  await app.stepTo(20);
  await app.button('Copy link').click();
  await expect(page.getByText('Link to this exact view copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(`${subpath.url}#v=2&m=ksm-exit-race.1&var=e_ctl_no_exit_checks&`)).toBe(
    true,
  );
  expect(link).toMatch(/&c=20$/);
  // The address bar holds the same link (history.replaceState).
  expect(page.url()).toBe(link);

  const outcome = await app.outcome.getAttribute('data-outcome');
  const other = new InterleavePage(await context.newPage());
  await other.page.goto(link);
  await other.idle();
  await expect(other.variant).toHaveValue('e_ctl_no_exit_checks');
  await expect(other.currentBlock()).toHaveAttribute('data-index', '19');
  await expect(other.outcome).toHaveAttribute('data-outcome', outcome!);
  await expect(other.notice).toBeEmpty();
  expect(other.page.url()).toBe(link);

  expect(traffic.problems).toEqual([]);
});

test('a deep link under /interleave/ opens the linked view', async ({
  app,
  page,
  subpath,
  traffic,
}) => {
  await page.goto(subpath.url + LINKS.fix(5));
  await expect(app.heading).toBeVisible();
  await app.idle();
  await expect(app.variant).toHaveValue('b_early_check');
  await expect(app.earlyCheck).toBeChecked();
  await expect(app.currentBlock()).toHaveAttribute('data-index', '4');
  await expect(app.notice).toBeEmpty();
  expect(page.url()).toBe(subpath.url + LINKS.fix(5));

  // A format-1 link from an old e-mail opens the same view, rewritten in format 2 in place.
  await page.goto(subpath.url + FORMAT1_LINKS.fix(5));
  await app.idle();
  await expect(app.variant).toHaveValue('b_early_check');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '4');
  await expect(app.notice).toBeEmpty();
  expect(page.url()).toBe(subpath.url + LINKS.fix(5));

  expect(traffic.problems).toEqual([]);
});
