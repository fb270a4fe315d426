/**
 * Page benchmark: `npm run build`, then `npm run bench:page` (or `npx tsx bench/page.bench.ts`).
 * Starts its own `vite preview` and drives Debian chromium headless. Prints:
 *
 * - step → painted: a step is started at the beginning of a frame (inside requestAnimationFrame),
 *   so the time to the end of that frame's paint is the page's own cost: the click handler, the
 *   store update, React's render and commit, style, layout and paint. The wait for the next
 *   vsync (up to one 16.7 ms frame at 60 Hz) is the display's and not counted. Measured for the
 *   "Step forward" button and the → key, walking the 30-step e-mail schedule back and forth.
 * - first render: navigation start → `interleave:first-render`, the mark the page sets after the
 *   first paint that shows the simulated timeline (the default view comes from the seed in
 *   index.html; any other view waits for the worker), for cold loads (fresh context) and warm
 *   reloads.
 * - JS size: the .js files of dist/assets gzipped (level 9): those requested before a cold first
 *   view's first paint (page and worker), and all of them (with chunks loaded later on demand).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { pct, ms, waitForServer, startPreview, launchChromium } from './support.ts';

const PORT = 4181;
const BASE = `http://127.0.0.1:${PORT}/`;
const STEPS = 300;
const LOADS = 12;

function jsSize(): { raw: number; gzip: number; files: string[]; gzipOf: Map<string, number> } {
  const dir = 'dist/assets';
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  if (files.length === 0)
    throw new Error('dist/assets has no .js files: run `npm run build` first');
  let raw = 0;
  let gzip = 0;
  const lines: string[] = [];
  const gzipOf = new Map<string, number>();
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    const gz = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gzip += gz;
    gzipOf.set(f, gz);
    lines.push(
      `  ${f}: ${(buf.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`,
    );
  }
  return { raw, gzip, files: lines, gzipOf };
}

/** The .js files a cold load fetches until the first view is painted, page and worker apart. */
async function firstViewJs(browser: Browser): Promise<{ page: string[]; worker: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const requested: { name: string; at: number }[] = [];
  context.on('requestfinished', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.js')) requested.push({ name, at: r.timing().startTime });
  });
  await page.goto(BASE);
  await readyTime(page);
  // The first view's JS: what was requested before its first paint (wall clock, ms since 1970).
  const painted = await page.evaluate(
    () =>
      performance.timeOrigin + performance.getEntriesByName('interleave:first-render')[0].startTime,
  );
  await page.waitForLoadState('networkidle');
  await context.close();
  const loaded = requested.filter((r) => r.at <= painted).map((r) => r.name);
  const isWorker = (f: string) => f.startsWith('explorer.worker');
  return { page: loaded.filter((f) => !isWorker(f)), worker: loaded.filter(isWorker) };
}

async function readyTime(page: Page): Promise<{ ready: number }> {
  await page.waitForFunction(
    () => performance.getEntriesByName('interleave:first-render').length > 0,
  );
  return page.evaluate(() => ({
    ready: performance.getEntriesByName('interleave:first-render')[0].startTime,
  }));
}

/**
 * Cold: a new browser context per load (empty HTTP and code caches), as for someone opening a
 * link from an e-mail. Warm: reloads in one context (cached, V8 code cache populated).
 */
async function firstRender(browser: Browser): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(BASE);
    const r = await readyTime(page);
    cold.push(r.ready);
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(BASE);
  await readyTime(page);
  for (let i = 0; i < LOADS; i++) {
    await page.reload();
    warm.push((await readyTime(page)).ready);
  }
  await context.close();
  return { cold, warm };
}

async function stepToPainted(browser: Browser, via: 'button' | 'key'): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx compiles the evaluated function with esbuild's keepNames, which calls a __name helper.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto(BASE);
  await page.waitForFunction(() => document.documentElement.dataset.idle === 'true');
  const times = await page.evaluate(
    async ({ steps, via }) => {
      const button = (name: string) =>
        [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
      const afterPaint = () =>
        new Promise<number>((resolve) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now());
          ch.port2.postMessage(0);
        });
      const out: number[] = [];
      let forward = true;
      const n = document.querySelectorAll('[data-step-id]').length;
      let cursor = 0;
      for (let i = 0; i < steps; i++) {
        if (cursor === n) forward = false;
        if (cursor === 0) forward = true;
        const t = await new Promise<number>((resolve) => {
          requestAnimationFrame(() => {
            const t0 = performance.now();
            if (via === 'button') {
              button(forward ? 'Step forward' : 'Step back').click();
            } else {
              window.dispatchEvent(
                new KeyboardEvent('keydown', { key: forward ? 'ArrowRight' : 'ArrowLeft' }),
              );
            }
            void afterPaint().then((t1) => resolve(t1 - t0));
          });
        });
        cursor += forward ? 1 : -1;
        out.push(t);
      }
      // Sanity: the page really moved.
      const at = document.querySelector('[aria-current="step"][data-index]');
      if (cursor > 0 && Number(at?.getAttribute('data-index')) !== cursor - 1) {
        throw new Error(`the cursor is not where the benchmark moved it (${cursor})`);
      }
      return out;
    },
    { steps: STEPS, via },
  );
  await page.close();
  return times;
}

async function main() {
  const size = jsSize();
  const server = startPreview(PORT);
  try {
    await waitForServer(BASE);
    const browser = await launchChromium();
    const button = await stepToPainted(browser, 'button');
    const key = await stepToPainted(browser, 'key');
    const first = await firstRender(browser);
    const loaded = await firstViewJs(browser);
    await browser.close();
    const kb = (files: string[]) => files.reduce((a, f) => a + (size.gzipOf.get(f) ?? 0), 0) / 1024;
    const firstViewKB = { page: kb(loaded.page), worker: kb(loaded.worker) };

    const all = [...button, ...key];
    if (process.argv.includes('--json')) {
      // One line for bench/run.ts.
      console.log(
        JSON.stringify({
          stepP50: pct(all, 50),
          stepP95: pct(all, 95),
          firstRenderColdP50: pct(first.cold, 50),
          firstRenderWarmP50: pct(first.warm, 50),
          jsGzipKB: size.gzip / 1024,
          firstViewPageKB: firstViewKB.page,
          firstViewWorkerKB: firstViewKB.worker,
        }),
      );
      return;
    }
    console.log(`Interleave page benchmark (vite preview, headless chromium, ${BASE})`);
    console.log('');
    console.log(`step → painted (${STEPS} steps each, "Step forward"/"Step back" and →/←)`);
    console.log(
      `  button  p50 ${ms(pct(button, 50))}  p95 ${ms(pct(button, 95))}  max ${ms(Math.max(...button))}`,
    );
    console.log(
      `  key     p50 ${ms(pct(key, 50))}  p95 ${ms(pct(key, 95))}  max ${ms(Math.max(...key))}`,
    );
    console.log(
      `  all     p50 ${ms(pct(all, 50))}  p95 ${ms(pct(all, 95))}   (budget p95 ≤ 16 ms)`,
    );
    console.log('');
    console.log(
      `first render of the default view, navigation → timeline painted (${LOADS} loads each)`,
    );
    console.log(
      `  cold (new context)  p50 ${ms(pct(first.cold, 50))}  p95 ${ms(pct(first.cold, 95))}   (budget ≤ 300 ms)`,
    );
    console.log(
      `  warm (reload)       p50 ${ms(pct(first.warm, 50))}  p95 ${ms(pct(first.warm, 95))}`,
    );
    console.log(
      `  load average while measuring: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log('');
    console.log(
      `JS the first view loads, gzipped: page ${firstViewKB.page.toFixed(1)} KB (${loaded.page.join(', ')}), worker ${firstViewKB.worker.toFixed(1)} KB`,
    );
    console.log(
      `JS built, all: ${(size.raw / 1024).toFixed(1)} KB raw, ${(size.gzip / 1024).toFixed(1)} KB gzip`,
    );
    for (const l of size.files) console.log(l);
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
