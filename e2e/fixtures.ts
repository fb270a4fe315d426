import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Every parameter of ksm-exit-race at its default, as format 2 writes them. */
export const KSM_P1 = 'p=processes:1,rmap_nonempty:false,cursor:0';

/** Share-URL fragments used as fixtures: format 2, as the page writes them. */
export const LINKS = {
  /** The e-mail's interleaving under variant a, cursor at `c`. */
  email: (c = 0) => `#v=2&m=ksm-exit-race.1&var=a_vma_iter&${KSM_P1}&s=1x3.2x15.1x12&c=${c}`,
  fix: (c = 0) => `#v=2&m=ksm-exit-race.1&var=b_early_check&${KSM_P1}&s=1x3.2x15.1x12&c=${c}`,
  /** ksm-oom-deadlock before the fix, on its default schedule: DEADLOCK after 10 steps. */
  deadlock: (c = 10) =>
    `#v=2&m=ksm-oom-deadlock.1&var=a_mutex_in_ksm_exit&p=oom:waits,exit:any&s=1x7.2x3&c=${c}`,
};

/** The same views as format-1 links, which live on in e-mails and must keep opening. */
export const FORMAT1_LINKS = {
  email: (c = 0) => `#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=${c}`,
  fix: (c = 0) => `#v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=1x3.2x15.1x12&c=${c}`,
};

/**
 * What one full axe scan may take on a busy 2-core machine (a quiet one needs about 5 s). Each scan
 * adds this to the running test's timeout, so a test is timed for its own work plus its scans,
 * however many it runs.
 */
const AXE_SCAN_MS = 30_000;

/** Every axe violation on the page as it is now. */
export async function axeViolations(page: Page) {
  const info = base.info();
  if (info.timeout > 0) info.setTimeout(info.timeout + AXE_SCAN_MS);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations;
}

/** The app as a user sees it: roles and accessible names, never CSS selectors. */
export class InterleavePage {
  readonly heading: Locator;
  readonly outcome: Locator;
  readonly scenario: Locator;
  readonly variant: Locator;
  readonly processes: Locator;
  /** ksm-exit-race's bug/fix switch. */
  readonly earlyCheck: Locator;
  /** ksm-oom-deadlock's bug/fix switch. */
  readonly oomFix: Locator;
  readonly notice: Locator;
  readonly exploration: Locator;
  /** The main timeline (the comparison has its own). */
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Interleave' });
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.scenario = page.getByRole('combobox', { name: 'Scenario', exact: true });
    this.variant = page.getByRole('combobox', { name: 'Variant', exact: true });
    this.processes = page.getByRole('spinbutton', { name: 'Processes', exact: true });
    this.earlyCheck = page.getByRole('switch', { name: 'Early ksm_test_exit() check' });
    this.oomFix = page.getByRole('switch', { name: 'ksm: fix oom deadlock' });
    this.notice = page.getByRole('alert');
    this.exploration = page.getByRole('region', { name: 'Exploration' });
    this.timeline = page.getByRole('group', { name: /^Timeline of \d+ steps/ });
  }

  /**
   * Open the app (optionally with a share-URL fragment) as a fresh page load, and wait until it
   * is idle. A page already showing the app would only see a fragment change (a history move,
   * which keeps the person's comparison), so it leaves first.
   */
  async open(fragment = ''): Promise<void> {
    if (this.page.url() !== 'about:blank') await this.page.goto('about:blank');
    await this.page.goto(`/${fragment}`);
    await expect(this.heading).toBeVisible();
    await this.idle();
  }

  /** The app's idle signal: no worker call in flight and the URL written. Never a sleep. */
  async idle(): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-idle', 'true');
  }

  /** The URL fragment the address bar holds now. */
  hash(): string {
    return new URL(this.page.url()).hash;
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** A state field by the scenario's name (`mm_users`, `mm_users.2`); its raw value is in `data-value`. */
  field(name: string): Locator {
    return this.page.locator(`[data-field="${name}"]`);
  }

  /** A lock row by the scenario's name (`mmap_lock`, `mmap_lock.2`): `data-value` free/held. */
  lock(name: string): Locator {
    return this.page.locator(`[data-lock="${name}"]`);
  }

  async expectFields(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      await expect(this.field(name), name).toHaveAttribute('data-value', value);
    }
  }

  /** The step blocks of the main timeline, in schedule order. */
  blocks(): Locator {
    return this.timeline.locator('[data-step-id][data-index]');
  }

  /** The main timeline's step ids, in schedule order. */
  async stepIds(): Promise<string[]> {
    return this.blocks().evaluateAll((els) =>
      els
        .map((e) => [Number(e.getAttribute('data-index')), e.getAttribute('data-step-id') ?? ''])
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([, id]) => String(id)),
    );
  }

  /** The lane keys of the main timeline, from left to right, from their headings. */
  async laneKeys(): Promise<string[]> {
    const names = await this.timeline
      .getByRole('heading', { name: /^Lane of task / })
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return names.map((n) => /^Lane of task ([\d.]+):/.exec(n)?.[1] ?? `? ${n}`);
  }

  /** The step block at the cursor. */
  currentBlock(): Locator {
    return this.page.locator('[data-step-id][aria-current="step"]');
  }

  /** The whole schedule's verdict in the scenario bar (`LOCKDEP_SPLAT`, `CLEAN + LEAK`). */
  verdict(): Locator {
    return this.page.getByRole('region', { name: 'Scenario' }).locator('[data-verdict]');
  }

  /** Press "Step forward" until the position reads "After step k". */
  async stepTo(k: number): Promise<void> {
    const forward = this.button('Step forward');
    const position = this.page.getByRole('region', { name: 'Stepping' }).locator('.position');
    for (;;) {
      const text = (await position.textContent()) ?? '';
      const m = /After step (\d+)/.exec(text);
      const at = m ? Number(m[1]) : 0;
      if (at >= k) break;
      await forward.click();
      await expect(position).toContainText(`After step ${at + 1} of`);
    }
  }

  /** Sets the Processes parameter as a person would: type the number, leave the field. */
  async setProcesses(n: number): Promise<void> {
    await this.processes.fill(String(n));
    await this.processes.press('Tab');
    await this.idle();
    await expect(this.processes).toHaveValue(String(n));
  }

  /** Axe violations that a screen-reader or keyboard user would actually hit. */
  async seriousA11yViolations() {
    const violations = await axeViolations(this.page);
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }
}

export const test = base.extend<{ app: InterleavePage }>({
  app: async ({ page }, use) => {
    await use(new InterleavePage(page));
  },
});

export { expect };
