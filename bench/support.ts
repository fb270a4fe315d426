/** What the browser benchmarks share: percentiles, a `vite preview` of dist/, and Chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';

/** The p-th percentile (nearest rank) of `xs`. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Interactions of each kind the Event Timing benchmark measures. */
export const INTERACTION_ROUNDS = 30;

/** The suffix of its JSON keys that count the interactions over 16 ms (bench/run.ts reads them). */
export const OVER = ', over 16 ms';

export const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not start at ${url}`);
}

/** `vite preview` of dist/ on 127.0.0.1:`port`; kill() it when done. */
export function startPreview(port: number): ChildProcess {
  return spawn(
    'node_modules/.bin/vite',
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: 'ignore' },
  );
}

/** Headless Debian Chromium (or CHROMIUM_PATH). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}
