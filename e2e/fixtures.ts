import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The app as a user sees it: roles and accessible names, never CSS selectors. */
export class InterleavePage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Interleave' });
  }

  /** Open the app (optionally with a share-URL query) and wait until it has rendered. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.heading).toBeVisible();
  }

  /** Axe violations that a screen-reader or keyboard user would actually hit. */
  async seriousA11yViolations() {
    const { violations } = await new AxeBuilder({ page: this.page }).analyze();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }
}

export const test = base.extend<{ app: InterleavePage }>({
  app: async ({ page }, use) => {
    await use(new InterleavePage(page));
  },
});

export { expect };
