/**
 * The cause on the timeline (src/core/causality.ts, drawn by src/ui/timeline/Causes.tsx): for the
 * e-mail's interleaving the worker's chain is 2→3 and 2→7 `cursor head → 1`, 7→8 `k2 unset →
 * sync`, 16→20 `mt_flags 0x301 → 0x0` and `vmas_populated true → false`, window task 1, 3 → 20.
 */
import type { Page } from '@playwright/test';
import { expect, LINKS, test } from './fixtures.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The boxes of several elements, read in one go: the timeline may still be scrolling to the
 * cursor, and boxes read one by one would each see another scroll position.
 */
async function boxes(page: Page, selectors: Record<string, string>): Promise<Record<string, Box>> {
  return page.evaluate((sels) => {
    const out: Record<string, Box> = {};
    for (const [name, sel] of Object.entries(sels)) {
      const e = document.querySelector(sel);
      if (!e) throw new Error(`nothing matches ${sel}`);
      const r = e.getBoundingClientRect();
      out[name] = { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return out;
  }, selectors);
}

/** The vertical middle of a box. */
const middle = (b: Box) => b.y + b.height / 2;

/** Pairs of (arrow label, step block) whose boxes overlap, in the page's pixels. */
async function labelsOverBlocks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = (sel: string) =>
      [...document.querySelectorAll(sel)].map((e) => ({
        name: e.textContent ?? '',
        r: e.getBoundingClientRect(),
      }));
    const blocks = boxes('[data-step-id][data-index] rect');
    const hits: string[] = [];
    for (const l of boxes('.cause-label')) {
      for (const b of blocks) {
        const apart =
          l.r.right <= b.r.left ||
          b.r.right <= l.r.left ||
          l.r.bottom <= b.r.top ||
          b.r.bottom <= l.r.top;
        if (!apart) hits.push(l.name);
      }
    }
    return hits;
  });
}

test('the cause of the splat: arrow 16 → 20 with its changes, task 1’s race window 3 → 20, step 16’s changes', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(LINKS.email(20));
  const t = app.timeline;

  // The arrow: one per field, both on the one arrow from step 16 to step 20.
  const flags = t.getByRole('img', {
    name: /^Step 16 \(task 2: __mt_destroy\(&mm->mm_mt\)\) wrote mt_flags 0x301 → 0x0, read by step 20 \(task 1: for_each_vma/,
  });
  await expect(flags).toHaveAttribute('data-cause-from', '16');
  await expect(flags).toHaveAttribute('data-cause-to', '20');
  await expect(flags).toHaveAttribute('data-cause-field', 'mt_flags');
  await expect(flags.locator('text')).toHaveText('mt_flags 0x301 → 0x0');
  await expect(flags.locator('text')).toBeVisible();
  const populated = t.getByRole('img', {
    name: /^Step 16 .* wrote vmas_populated true → false, read by step 20 /,
  });
  await expect(populated.locator('text')).toHaveText('vmas_populated true → false');
  await expect(
    t.locator('.cause-link:has([data-cause-from="16"][data-cause-to="20"])'),
  ).toHaveCount(1);
  // Every edge of the chain, and no more.
  const edges = await t
    .locator('[data-cause-from]')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.getAttribute('data-cause-from')}→${e.getAttribute('data-cause-to')} ${e.getAttribute('data-cause-field')}`,
      ),
    );
  expect(edges.sort()).toEqual(
    ['2→3 cursor', '2→7 cursor', '7→8 k2', '16→20 mt_flags', '16→20 vmas_populated'].sort(),
  );

  // It runs from step 16's block to step 20's, between the lanes.
  const main = '[role="group"][aria-label^="Timeline of"]';
  const mt = `${main} [data-cause-field="mt_flags"]`;
  const b = await boxes(page, {
    b3: `${main} [data-index="2"][data-step-id] rect`,
    b16: `${main} [data-index="15"][data-step-id] rect`,
    b20: `${main} [data-index="19"][data-step-id] rect`,
    arrow: `${mt} path`,
    label: `${mt} text`,
    bracket: `${main} [data-window-task] path`,
  });
  expect(Math.abs(b.arrow.y - middle(b.b16))).toBeLessThan(2);
  expect(Math.abs(b.arrow.y + b.arrow.height - middle(b.b20))).toBeLessThan(2);
  expect(Math.abs(b.arrow.x - (b.b20.x + b.b20.width))).toBeLessThan(2);
  expect(Math.abs(b.arrow.x + b.arrow.width - b.b16.x)).toBeLessThan(2);
  // Its labels sit beside the arrowhead, on step 20's row, over no block.
  expect(b.label.x).toBeGreaterThan(b.b20.x + b.b20.width);
  expect(b.label.y).toBeLessThan(middle(b.b20));
  expect(b.label.y + b.label.height).toBeGreaterThan(middle(b.b20) - 10);
  expect(await labelsOverBlocks(page)).toEqual([]);

  // The race window: beside task 1's lane, from step 3 to step 20.
  const window = t.getByRole('img', { name: /^Race window of task 1, from step 3 / });
  await expect(window).toHaveAttribute('data-window-task', '1');
  await expect(window).toHaveAttribute('data-window-from', '3');
  await expect(window).toHaveAttribute('data-window-to', '20');
  await expect(window).toHaveAccessibleName(
    /to step 20 \(task 1: .*\), where .* fires: task 2's writes at steps 7 and 16 land between these steps\.$/,
  );
  await expect(window.locator('text')).toHaveText('race window');
  expect(Math.abs(b.bracket.y - middle(b.b3))).toBeLessThan(2);
  expect(Math.abs(b.bracket.y + b.bracket.height - middle(b.b20))).toBeLessThan(2);
  expect(b.bracket.x + b.bracket.width).toBeLessThanOrEqual(b.b3.x);

  // Step 16's row shows what it changed; its name stays the step, the changes describe it.
  const step16 = page.getByRole('button', { name: /^Go to step 16, / });
  await expect(step16).toHaveAccessibleName('Go to step 16, task 2: __mt_destroy(&mm->mm_mt)');
  await expect(step16.locator('text.block-changes')).toHaveText(/^mt_flags 0x301 → 0x0/);
  await expect(step16).toHaveAccessibleDescription(
    'Changes mt_flags 0x301 → 0x0, vmas_populated true → false, nodes_freed false → true.',
  );

  // The legend explains both marks.
  const legend = page.getByRole('list', { name: 'Timeline legend' });
  await expect(legend).toContainText('cause: write → read');
  await expect(legend).toContainText('race window');
});

test('with the fix on there is no cause: no causal arrow, no window', async ({ app, page }) => {
  await app.open(LINKS.email(20));
  await expect(app.timeline.locator('[data-cause-from]')).not.toHaveCount(0);
  await app.earlyCheck.click();
  await app.idle();
  await expect(app.earlyCheck).toBeChecked();
  await expect(app.verdict()).toContainText('CLEAN');
  await expect(app.timeline.locator('[data-cause-from]')).toHaveCount(0);
  await expect(app.timeline.getByRole('img', { name: /^Race window/ })).toHaveCount(0);
  const legend = page.getByRole('list', { name: 'Timeline legend' });
  await expect(legend).not.toContainText('race window');
  // The changed fields stay: they are facts of every step.
  await expect(app.timeline.locator('text.block-changes').first()).toBeVisible();
});

test('a comparison draws each run’s own cause on its own timeline', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(LINKS.email(20));
  const pick = page.getByLabel('Compare with…', { exact: true });
  await pick.selectOption('b_early_check');
  await app.idle();
  const other = page.locator('.compare-stage');
  await expect(other.locator('[data-cause-from]')).toHaveCount(0);
  await expect(app.timeline.locator('[data-cause-from="16"][data-cause-to="20"]')).toHaveCount(2);
  await pick.selectOption('e_ctl_no_exit_checks');
  await app.idle();
  await expect(other.locator('[data-cause-field="mt_flags"]')).toHaveCount(1);
  await expect(other.locator('[data-window-task="1"]')).toHaveCount(1);
  expect(await labelsOverBlocks(page)).toEqual([]);
});

test('with three processes the cause spans the family: 16 → 52 from task 2.1, window 3 → 52', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(LINKS.email(0));
  await app.setProcesses(3);
  const t = app.timeline;
  await expect(
    t.getByRole('img', {
      name: /^Step 16 \(task 2\.1: .*\) wrote mt_flags\.1 0x301 → 0x0, read by step 52 \(task 1: /,
    }),
  ).toHaveAttribute('data-cause-field', 'mt_flags.1');
  const window = t.getByRole('img', { name: /^Race window of task 1, from step 3 / });
  await expect(window).toHaveAttribute('data-window-to', '52');
  await expect(window).toHaveAccessibleName(
    /task 2\.1's writes at steps 7 and 16 land between these steps\.$/,
  );
  expect(await labelsOverBlocks(page)).toEqual([]);
});
