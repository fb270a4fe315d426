/**
 * Interaction latency as the browser's Event Timing API measures it (what INP is made of): for
 * each kind of interaction, the `duration` of its event entries, from the input to the next
 * paint after its handlers, at the 95th percentile over `ROUNDS` interactions. `npm run build`
 * first; `npx tsx bench/interactions.bench.ts [--json]`.
 *
 * Kinds: "Step forward" clicks walking the schedule from its start, ← keys walking it back, a
 * click on a step block, Undo/Redo clicks and a choice in the Variant menu; on the default view
 * and on the largest view the page offers (ksm-exit-race at four processes' lanes is too big to
 * explore, but its timeline is drawn: the default schedule at processes = 4).
 *
 * Two references go with them: the floor, the same clicks on a page whose button changes one
 * text node (what this browser on this machine takes for any interaction at all); and, from
 * Chrome's trace, where a step's frame spends its time (bench/frame-trace.ts).
 *
 * Event Timing reports only entries of 16 ms or more (its smallest `durationThreshold`), rounded
 * to 8 ms; an interaction with no entry took less than 16 ms, and counts as 0 here.
 */
import type { Browser, Page } from '@playwright/test';
import { summarise, traceFrames, type FrameBreakdown } from './frame-trace.ts';
import {
  INTERACTION_ROUNDS,
  launchChromium,
  OVER,
  pct,
  startPreview,
  waitForServer,
} from './support.ts';

const PORT = 4183;
const BASE = `http://127.0.0.1:${PORT}/`;
const ROUNDS = INTERACTION_ROUNDS;

/** How many interactions took longer than one frame (Event Timing's 24 ms bucket and up). */
const overFrame = (xs: number[]) => xs.filter((x) => x > 16).length;

/** The views measured: the default one and the largest the page draws. */
const VIEWS: Record<string, string> = {
  default: '',
  'processes=4':
    '#v=2&m=ksm-exit-race.1&var=a_vma_iter&p=processes:4,rmap_nonempty:false,cursor:0&s=1x3.2x15.3x16.4x16.5x16.1x12&c=0',
};

type Kind = 'step button' | 'step key' | 'block click' | 'undo/redo' | 'variant menu';

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.idle === 'true');
}

/** Records Event Timing entries with an interaction id into `window.__events` (once a page). */
async function observe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __events: { id: number; d: number }[] };
    w.__events = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[]) {
        if (e.interactionId) w.__events.push({ id: e.interactionId, d: e.duration });
      }
    }).observe({
      type: 'event',
      durationThreshold: 16,
      buffered: false,
    } as PerformanceObserverInit);
  });
}

/** The longest entry of each interaction recorded since `record`, and empties the record. */
async function drain(page: Page): Promise<number[]> {
  // Entries are delivered after the paint they end at; give the observer a frame or two.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(0)))),
  );
  return page.evaluate(() => {
    const w = window as unknown as { __events: { id: number; d: number }[] };
    const by = new Map<number, number>();
    for (const e of w.__events) by.set(e.id, Math.max(by.get(e.id) ?? 0, e.d));
    w.__events = [];
    return [...by.values()];
  });
}

/** Runs `act` ROUNDS times and returns a duration per interaction (0: under 16 ms). */
async function measure(page: Page, act: (i: number) => Promise<void>): Promise<number[]> {
  await drain(page);
  for (let i = 0; i < ROUNDS; i++) {
    await act(i);
    await idle(page);
  }
  const seen = await drain(page);
  return [...seen, ...new Array<number>(Math.max(0, ROUNDS - seen.length)).fill(0)];
}

async function view(browser: Browser, hash: string): Promise<Record<Kind, number[]>> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(BASE + hash);
  await idle(page);
  await observe(page);
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const out = {} as Record<Kind, number[]>;
  // Through the schedule, as a person reads it: forward from the start, then back by key.
  out['step button'] = await measure(page, () => button('Step forward').click());
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  out['step key'] = await measure(page, () => page.keyboard.press('ArrowLeft'));
  out['block click'] = await measure(page, (i) =>
    page.getByRole('button', { name: new RegExp(`^Go to step ${(i % 10) + 1}, `) }).click(),
  );
  // An edit to undo and redo: move the cursor's task choice with "Run task 2… next".
  await button('First step').click();
  await idle(page);
  const runNext = page.getByRole('button', { name: /^Run task 2(\.1)? next$/ });
  await runNext.click();
  await idle(page);
  out['undo/redo'] = await measure(page, (i) => button(i % 2 === 0 ? 'Undo' : 'Redo').click());
  const variant = page.getByRole('combobox', { name: 'Variant', exact: true });
  // By keyboard on the focused menu, as a person does (a scripted selectOption is no
  // interaction to Event Timing): ↓ picks the next variant, ↑ the one before.
  await variant.focus();
  out['variant menu'] = await measure(page, (i) =>
    page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowUp'),
  );
  await page.close();
  return out;
}

/** The floor: the same clicks on a page whose button changes one text node and nothing else. */
async function floor(browser: Browser): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.setContent(
    '<button id="b">Step</button> <output id="o">0</output>' +
      '<script>b.onclick = () => { o.textContent = String(Number(o.textContent) + 1); };</script>',
  );
  await observe(page);
  await drain(page);
  for (let i = 0; i < ROUNDS; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await page.waitForTimeout(30);
  }
  const seen = await drain(page);
  await page.close();
  return [...seen, ...new Array<number>(Math.max(0, ROUNDS - seen.length)).fill(0)];
}

/** Chrome's trace of "Step forward" clicks through the default view: where each frame goes. */
async function stepFrames(browser: Browser): Promise<FrameBreakdown[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(BASE);
  await idle(page);
  const forward = page.getByRole('button', { name: 'Step forward', exact: true });
  const frames = await traceFrames(browser, page, ROUNDS, async () => {
    await forward.click();
    await idle(page);
  });
  await page.close();
  return frames;
}

const PARTS: [keyof FrameBreakdown, string][] = [
  ['handler', 'input handling (main thread)'],
  ['toFrame', 'input → frame start (vsync)'],
  ['mainFrame', 'frame on the main thread'],
  ['raster', 'raster (software)'],
  ['tiles', 'tiles rastered'],
  ['draw', 'draw and swap (software)'],
  ['toSwap', 'input → swap'],
];

async function main() {
  const server = startPreview(PORT);
  try {
    await waitForServer(BASE);
    const browser = await launchChromium();
    const results: Record<string, Record<Kind, number[]>> = {};
    for (const [name, hash] of Object.entries(VIEWS)) results[name] = await view(browser, hash);
    const least = await floor(browser);
    const frames = summarise(await stepFrames(browser));
    await browser.close();
    if (process.argv.includes('--json')) {
      const flat: Record<string, number> = {};
      for (const [v, kinds] of Object.entries(results))
        for (const [k, xs] of Object.entries(kinds)) {
          flat[`${v}: ${k}`] = pct(xs, 95);
          flat[`${v}: ${k}${OVER}`] = overFrame(xs);
        }
      flat['floor: a click that changes one text node'] = pct(least, 95);
      flat[`floor: a click that changes one text node${OVER}`] = overFrame(least);
      for (const [k, words] of PARTS) flat[`frame: ${words}`] = frames[k][0];
      console.log(JSON.stringify(flat));
      return;
    }
    console.log(`Event Timing, ${ROUNDS} interactions each; 0 = under 16 ms (not reported)`);
    for (const [v, kinds] of Object.entries(results)) {
      for (const [k, xs] of Object.entries(kinds)) {
        const over = overFrame(xs);
        console.log(
          `  ${v.padEnd(12)} ${k.padEnd(13)} p95 ${String(pct(xs, 95)).padStart(3)} ms  max ${String(Math.max(...xs)).padStart(3)} ms  over 16 ms: ${over}/${xs.length}`,
        );
      }
    }
    console.log(
      `  floor: a click that changes one text node, p95 ${pct(least, 95)} ms, over 16 ms: ${overFrame(least)}/${least.length}`,
    );
    console.log(`Where a step's frame goes (Chrome's trace, ${ROUNDS} steps), p50 / p90:`);
    for (const [k, words] of PARTS) {
      const [p50, p90] = frames[k];
      const unit = k === 'tiles' ? '' : ' ms';
      console.log(`  ${words.padEnd(32)} ${p50.toFixed(1)}${unit} / ${p90.toFixed(1)}${unit}`);
    }
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
