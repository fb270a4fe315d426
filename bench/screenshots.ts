/**
 * Screenshots of the page for the README and for looking at: `npm run build` first, then
 * `npx tsx bench/screenshots.ts [outdir]`. Starts its own `vite preview` on a spare port.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { waitForServer, startPreview, launchChromium } from './support.ts';

const PORT = 4179;
const BASE = `http://127.0.0.1:${PORT}/`;
const OUT = process.argv[2] ?? 'docs';
const EMAIL = 'v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12';

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.idle === 'true');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = startPreview(PORT);
  try {
    await waitForServer(BASE);
    const browser = await launchChromium();
    const explore = async (page: Page) => {
      await page.getByRole('button', { name: 'Explore all interleavings' }).click();
      await page.waitForSelector('table.variants-table');
      await idle(page);
      await page.evaluate(() => window.scrollTo(0, 0));
    };
    /** Drags step 19 over the drop place for step 15 (illegal) and holds it there. */
    const dragging = async (page: Page) => {
      await explore(page);
      const block = page.getByRole('button', { name: /^Go to step 19, / });
      await block.scrollIntoViewIfNeeded();
      const box = (await block.boundingBox())!;
      await page.mouse.move(box.x + 30, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 30, box.y + box.height / 2 - 10, { steps: 2 });
      await page.locator('[data-drop]').first().waitFor();
      const place = (await page.locator('[data-drop][data-to="14"]').boundingBox())!;
      await page.mouse.move(box.x + 30, place.y + 1, { steps: 5 });
      await idle(page);
    };
    const shots: [string, string, number, number, ((page: Page) => Promise<void>)?][] = [
      ['default', `#${EMAIL}&c=0`, 1440, 900],
      ['splat-step-20', `#${EMAIL}&c=20`, 1440, 900],
      ['fix-on', `#v=1&m=ksm-exit-race.1&var=b_early_check&t=none&s=1x3.2x15.1x12&c=20`, 1440, 900],
      ['narrow-1024', `#${EMAIL}&c=16`, 1024, 900],
      ['broken-link', `#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x1&c=2`, 1440, 900],
      [
        'variant-c',
        `#v=1&m=ksm-exit-race.1&var=c_linked_list&t=none&s=1x3.2x14.1x10&c=27`,
        1440,
        900,
      ],
      [
        'variant-f',
        `#v=1&m=ksm-exit-race.1&var=f_ctl_exit_ignores_cursor&t=none&s=1x3.2x15.1x12.2x1&c=21`,
        1440,
        900,
      ],
    ];
    shots.push(
      // The 2009 OOM deadlock before its fix, at the end: the hung-task report and the cycle.
      [
        'oom-deadlock',
        '#v=2&m=ksm-oom-deadlock.1&var=a_mutex_in_ksm_exit&p=oom:waits,exit:any&s=1x7.2x3&c=10',
        1440,
        1000,
      ],
      // The 2023 race with three exiting processes, at the splat.
      [
        'processes-3',
        '#v=2&m=ksm-exit-race.1&var=a_vma_iter&p=processes:3,rmap_nonempty:false,cursor:0&s=1x3.2x15.3x16.4x16.1x12&c=52',
        1440,
        1000,
      ],
      ['explored', `#${EMAIL}&c=14`, 1440, 1000, explore],
      ['compare', `#${EMAIL}&cmp=b_early_check&c=20`, 1440, 1000, explore],
      ['drag-illegal', `#${EMAIL}&c=0`, 1440, 1000, dragging],
    );
    for (const [name, hash, w, h, action] of shots) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(BASE + hash);
      await idle(page);
      await action?.(page);
      await page.screenshot({ path: `${OUT}/${name}.png` });
      await page.screenshot({ path: `${OUT}/${name}-full.png`, fullPage: true });
      await page.close();
      console.log(`${OUT}/${name}.png`);
    }
    await browser.close();
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
