/**
 * Reorder benchmark: `npm run build`, then `npm run bench:reorder` (or
 * `npx tsx bench/reorder.bench.ts [--json]`). Starts its own `vite preview` and drives Debian
 * chromium headless. Prints:
 *
 * - reorder → repainted: a step is moved with Alt+← / Alt+→ on its focused block (the keyboard
 *   path of a drop: `moveEvent` → the worker's moveTurn → a strict replay → commit), from the key
 *   press to the end of the paint that shows the new timeline; performance marks
 *   `interleave:reorder-start` / `interleave:reorder-painted` bracket each move. Measured on the
 *   plain page, and with exploration and a comparison open, where the fates and the second
 *   timeline follow one frame later (also timed, to "settled").
 * - drag: pointer move → painted while dragging a step over its drop places with the real mouse.
 * - exploration: "Explore all interleavings" in fresh pages (the worker's cache starts empty),
 *   click → results painted.
 * - the longest main-thread task during the drags and the explorations, from Chrome's own trace
 *   (every task on the page's main thread, wall time and CPU time), not sampled.
 */
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { pct, ms, waitForServer, startPreview, launchChromium } from './support.ts';

const PORT = 4183;
const BASE = `http://127.0.0.1:${PORT}/`;
const EMAIL = '#v=1&m=ksm-exit-race.1&var=a_vma_iter&t=none&s=1x3.2x15.1x12&c=0';
const MOVES = 60;
const EXPLORE_RUNS = 8;

async function openPage(browser: Browser, fragment = EMAIL): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  // tsx compiles evaluated functions with esbuild's keepNames, which calls a __name helper.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto(BASE + fragment);
  await idle(page);
  return page;
}

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.idle === 'true');
}

interface TaskTime {
  /** Wall time of the longest task on the page's main thread. */
  readonly wall: number;
  /** CPU time of that task (less than wall when the OS ran something else meanwhile). */
  readonly cpu: number;
}

/** Runs `action` under Chrome's tracing and returns the longest main-thread task. */
async function longestTask(
  browser: Browser,
  page: Page,
  action: () => Promise<void>,
): Promise<TaskTime> {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  await action();
  const buf = await browser.stopTracing();
  const events = (
    JSON.parse(buf.toString()) as {
      traceEvents: {
        name: string;
        ph: string;
        pid: number;
        tid: number;
        dur?: number;
        tdur?: number;
        args?: { name?: string };
      }[];
    }
  ).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let longest: TaskTime = { wall: 0, cpu: 0 };
  for (const e of events) {
    if (e.name !== 'RunTask' || !main.has(`${e.pid}:${e.tid}`)) continue;
    const wall = (e.dur ?? 0) / 1000;
    if (wall > longest.wall) longest = { wall, cpu: (e.tdur ?? 0) / 1000 };
  }
  return longest;
}

/** Alt+← / Alt+→ on step 19's block, alternately; time from the key to the painted timeline. */
async function reorderToPainted(page: Page): Promise<{ painted: number[]; settled: number[] }> {
  return page.evaluate(async (moves) => {
    const hook = (
      window as unknown as {
        __interleave: {
          store: {
            getState(): { sim: { result: unknown } };
            subscribe(f: (s: { sim: { result: unknown } }) => void): () => void;
          };
        };
      }
    ).__interleave;
    const block = () =>
      document.querySelector<SVGGElement>('[data-step-id="t1_mmap_read_lock"]') ?? undefined;
    const afterPaint = () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve();
          ch.port2.postMessage(0);
        }),
      );
    const painted: number[] = [];
    const settled: number[] = [];
    for (let i = 0; i < moves; i++) {
      const el = block();
      if (!el) throw new Error('step 19 is not on the page');
      const index = Number(el.dataset.index);
      const key = i % 2 === 0 ? 'ArrowLeft' : 'ArrowRight';
      const before = hook.store.getState().sim.result;
      // Start at a frame boundary, as a key press lands between frames.
      await new Promise((r) => requestAnimationFrame(r));
      const changed = new Promise<void>((resolve) => {
        const stop = hook.store.subscribe((s) => {
          if (s.sim.result !== before) {
            stop();
            resolve();
          }
        });
      });
      performance.mark('interleave:reorder-start');
      const t0 = performance.now();
      el.focus();
      el.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: true, bubbles: true }));
      await changed;
      await afterPaint();
      painted.push(performance.now() - t0);
      performance.mark('interleave:reorder-painted');
      performance.measure(
        'interleave:reorder',
        'interleave:reorder-start',
        'interleave:reorder-painted',
      );
      const now = Number(block()?.dataset.index);
      if (now !== index + (key === 'ArrowLeft' ? -1 : 1))
        throw new Error(`step 19 did not move (${index} → ${now})`);
      // Then the follow-ups (fates, the comparison), which start after that paint.
      while (document.documentElement.dataset.idle !== 'true')
        await new Promise((r) => setTimeout(r, 1));
      await afterPaint();
      settled.push(performance.now() - t0);
    }
    return { painted, settled };
  }, MOVES);
}

/** Drags step 19 up and down over its drop places with the mouse: move → painted, per move. */
async function dragFrames(browser: Browser, page: Page) {
  const box = (await page.locator('[data-step-id="t1_mmap_read_lock"]').boundingBox())!;
  const x = box.x + 30;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x, y0);
  await page.mouse.down();
  await page.mouse.move(x, y0 - 10, { steps: 2 });
  await page.waitForSelector('[data-drop]');
  await idle(page);
  await page.evaluate(() => {
    const w = window as unknown as { __moves: number[] };
    w.__moves = [];
    document.querySelector('.swimlanes-stage')!.addEventListener(
      'pointermove',
      (e) => {
        const t0 = e.timeStamp;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => w.__moves.push(performance.now() - t0);
          ch.port2.postMessage(0);
        });
      },
      { capture: true },
    );
  });
  const task = await longestTask(browser, page, async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i <= 40; i++) await page.mouse.move(x, y0 - (i * 330) / 40);
      for (let i = 40; i >= 0; i--) await page.mouse.move(x, y0 - (i * 330) / 40);
    }
  });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  const frames = await page.evaluate(() => (window as unknown as { __moves: number[] }).__moves);
  return { frames, task };
}

/** Fresh pages: press "Explore all interleavings", wait for the results painted. */
async function explorations(browser: Browser): Promise<{ took: number[]; tasks: TaskTime[] }> {
  const took: number[] = [];
  const tasks: TaskTime[] = [];
  for (let i = 0; i < EXPLORE_RUNS; i++) {
    const page = await openPage(browser);
    let t = 0;
    // All in the page: Playwright's selector engine would run on the main thread and count.
    const task = await longestTask(browser, page, async () => {
      t = await page.evaluate(async () => {
        const button = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Explore all interleavings',
        );
        if (!button) throw new Error('no "Explore all interleavings" button');
        const t0 = performance.now();
        button.click();
        await new Promise<void>((resolve) => {
          const poll = () =>
            document.querySelector('table.variants-table') &&
            document.documentElement.dataset.idle === 'true'
              ? requestAnimationFrame(() => {
                  const ch = new MessageChannel();
                  ch.port1.onmessage = () => resolve();
                  ch.port2.postMessage(0);
                })
              : setTimeout(poll, 5);
          poll();
        });
        return performance.now() - t0;
      });
    });
    took.push(t);
    tasks.push(task);
    await page.close();
  }
  return { took, tasks };
}

const longestOf = (ts: TaskTime[]) => ts.reduce((a, b) => (b.wall > a.wall ? b : a));

async function main() {
  const server = startPreview(PORT);
  try {
    await waitForServer(BASE);
    const browser = await launchChromium();

    let page = await openPage(browser);
    const plain = (await reorderToPainted(page)).painted;
    await page.close();

    page = await openPage(browser, EMAIL.replace('&c=0', '&cmp=b_early_check&c=0'));
    await page.getByRole('button', { name: 'Explore all interleavings' }).click();
    await page.waitForSelector('[data-fate]');
    await idle(page);
    const { painted: full, settled } = await reorderToPainted(page);
    await page.close();

    page = await openPage(browser);
    const drag = await dragFrames(browser, page);
    await page.close();

    const explore = await explorations(browser);
    await browser.close();

    const all = [...plain, ...full];
    const exploreTask = longestOf(explore.tasks);
    const result = {
      reorderP50: pct(all, 50),
      reorderP95: pct(all, 95),
      reorderPlainP95: pct(plain, 95),
      reorderFullP95: pct(full, 95),
      reorderSettledP95: pct(settled, 95),
      dragFrameP95: pct(drag.frames, 95),
      dragLongestTask: drag.task.wall,
      exploreLongestTask: exploreTask.wall,
      exploreP50: pct(explore.took, 50),
    };
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(result));
      return;
    }
    const line = (label: string, xs: number[]) =>
      `  ${label.padEnd(38)} p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  max ${ms(Math.max(...xs))}`;
    console.log(`Interleave reorder benchmark (vite preview, headless chromium, ${BASE})`);
    console.log('');
    console.log(
      `reorder → repainted (Alt+←/→ on step 19, ${MOVES} moves each; budget p95 ≤ 50 ms)`,
    );
    console.log(line('plain page', plain));
    console.log(line('explored + comparing', full));
    console.log(line('  … until shading + comparison painted', settled));
    console.log(line('all (plain + explored)', all));
    console.log('');
    console.log(`drag (${drag.frames.length} pointer moves over the drop places)`);
    console.log(line('pointer move → painted', drag.frames));
    console.log(
      `  longest main-thread task               ${ms(drag.task.wall)} (${ms(drag.task.cpu)} CPU)`,
    );
    console.log('');
    console.log(`exploration ("Explore all interleavings" in ${EXPLORE_RUNS} fresh pages)`);
    console.log(line('click → results painted', explore.took));
    console.log(
      `  longest main-thread task               ${ms(exploreTask.wall)} (${ms(exploreTask.cpu)} CPU)   (budget ≤ 50 ms)`,
    );
    console.log('');
    console.log(
      `load average while measuring: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${cpus().length} cores`,
    );
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
