import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Share-URL fragments used as fixtures. */
export const LINKS = {
  /** The e-mail's interleaving under variant a, cursor at `c`. */
  email: (c = 0) => `#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=${c}`,
  fix: (c = 0) => `#v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=1x3.2x15.1x12&c=${c}`,
};

/** The app as a user sees it: roles and accessible names, never CSS selectors. */
export class InterleavePage {
  readonly heading: Locator;
  readonly outcome: Locator;
  readonly variant: Locator;
  readonly earlyCheck: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Interleave' });
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.variant = page.getByLabel('Variant', { exact: true });
    this.earlyCheck = page.getByRole('switch', { name: 'Early ksm_test_exit() check' });
    this.notice = page.getByRole('alert');
  }

  /** Open the app (optionally with a share-URL fragment) and wait until it is idle. */
  async open(fragment = ''): Promise<void> {
    await this.page.goto(`/${fragment}`);
    await expect(this.heading).toBeVisible();
    await this.idle();
  }

  /** The app's idle signal: no worker call in flight and the URL written. Never a sleep. */
  async idle(): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-idle', 'true');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** A state field by the spec's name (`mm_users`); its raw value is in `data-value`. */
  field(name: string): Locator {
    return this.page.locator(`[data-field="${name}"]`);
  }

  async expectFields(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      await expect(this.field(name), name).toHaveAttribute('data-value', value);
    }
  }

  /** The step block at the cursor. */
  currentBlock(): Locator {
    return this.page.locator('[data-step-id][aria-current="step"]');
  }

  /** Press "Step forward" until the position reads "After step k". */
  async stepTo(k: number): Promise<void> {
    const forward = this.button('Step forward');
    for (;;) {
      const text = (await this.page.locator('.position').textContent()) ?? '';
      const m = /After step (\d+)/.exec(text);
      const at = m ? Number(m[1]) : 0;
      if (at >= k) break;
      await forward.click();
      await expect(this.page.locator('.position')).toContainText(`After step ${at + 1} of`);
    }
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
