/**
 * Where a frame's time goes after an input, from Chrome's own trace (the `devtools.timeline`,
 * `cc`, `viz`, `input` and `benchmark` categories): for each click or key press, the input's handling on the
 * main thread, then the frame that paints it: its main-thread part (BeginMainFrame: style,
 * layout, paint, commit), the tiles rastered for it (on the one raster thread a 2-core machine
 * has), the display compositor's draw, and the input → swap time those add up to.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { pct } from './support.ts';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { type?: string } };
}

export interface FrameBreakdown {
  /** Input handling on the main thread (event dispatch, the store, React's render and commit). */
  handler: number;
  /** From the input to the frame's start on the main thread (mostly the wait for vsync). */
  toFrame: number;
  /** The frame on the main thread: style, layout, paint and commit. */
  mainFrame: number;
  /** Tiles rastered for the frame, summed (software raster). */
  raster: number;
  tiles: number;
  /** The display compositor's draw and swap (software). */
  draw: number;
  /** From the input's handling to the end of the swap that shows it. */
  toSwap: number;
}

const INPUT_TYPES = new Set(['mouseup', 'keydown']);

/** Splits a trace into one breakdown per input (mouse release or key down). */
export function frameBreakdowns(events: TraceEvent[]): FrameBreakdown[] {
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const inputs = xs.filter(
    (e) => e.name === 'EventDispatch' && INPUT_TYPES.has(e.args?.data?.type ?? ''),
  );
  const out: FrameBreakdown[] = [];
  for (const input of inputs) {
    const main = input.tid;
    const handling = xs.find(
      (e) =>
        e.name === 'WidgetBaseInputHandler::OnHandleInputEvent' &&
        e.tid === main &&
        e.ts <= input.ts &&
        e.ts + (e.dur ?? 0) >= input.ts,
    );
    const start = handling?.ts ?? input.ts;
    const frame = xs.find(
      (e) => e.name === 'ProxyMain::BeginMainFrame' && e.tid === main && e.ts > start,
    );
    if (!frame) continue;
    const frameEnd = frame.ts + (frame.dur ?? 0);
    const draw = xs.find((e) => e.name === 'Display::DrawAndSwap' && e.ts > frameEnd);
    if (!draw) continue;
    const tiles = xs.filter((e) => e.name === 'RasterTask' && e.ts > frame.ts && e.ts < draw.ts);
    out.push({
      handler: (handling?.dur ?? input.dur ?? 0) / 1000,
      toFrame: (frame.ts - start) / 1000,
      mainFrame: (frame.dur ?? 0) / 1000,
      raster: tiles.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000,
      tiles: tiles.length,
      draw: (draw.dur ?? 0) / 1000,
      toSwap: (draw.ts + (draw.dur ?? 0) - start) / 1000,
    });
  }
  return out;
}

/** Runs `act` `rounds` times under a trace and returns the breakdown of each interaction. */
export async function traceFrames(
  browser: Browser,
  page: Page,
  rounds: number,
  act: (i: number) => Promise<void>,
): Promise<FrameBreakdown[]> {
  const path = `/tmp/interleave-frames-${process.pid}.json`;
  await browser.startTracing(page, {
    path,
    categories: ['devtools.timeline', 'cc', 'viz', 'input', 'benchmark'],
  });
  for (let i = 0; i < rounds; i++) await act(i);
  await browser.stopTracing();
  const events = (JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents;
  rmSync(path, { force: true });
  return frameBreakdowns(events);
}

/** The median and the 90th percentile of each part, over the interactions traced. */
export function summarise(
  frames: FrameBreakdown[],
): Record<keyof FrameBreakdown, [number, number]> {
  const keys: (keyof FrameBreakdown)[] = [
    'handler',
    'toFrame',
    'mainFrame',
    'raster',
    'tiles',
    'draw',
    'toSwap',
  ];
  const out = {} as Record<keyof FrameBreakdown, [number, number]>;
  for (const k of keys) {
    const v = frames.map((f) => f[k]);
    out[k] = [pct(v, 50), pct(v, 90)];
  }
  return out;
}
