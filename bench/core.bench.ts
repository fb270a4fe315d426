/**
 * Core benchmark (not a test): exploration time and states/s per variant, all six together, and
 * one replay of the e-mail schedule. Each figure is the median of repeated runs after warm-up.
 *
 *   npm run bench
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_TOGGLES,
  EMAIL_SCHEDULE,
  VARIANT_IDS,
  explore,
  ksmScenario,
  replay,
} from '../src/core/index.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number, warmup = Math.min(20, runs)): number {
  for (let i = 0; i < warmup; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const rows: string[][] = [];
for (const id of VARIANT_IDS) {
  const scenario = ksmScenario(id, DEFAULT_TOGGLES);
  let states = 0;
  const ms = time(() => {
    const r = explore(scenario);
    if (!r.ok) throw new Error(r.problem.message);
    states = r.exploration.summary.reachableStates;
  }, 50);
  rows.push([
    id,
    String(states),
    ms.toFixed(2),
    Math.round(states / (ms / 1000)).toLocaleString('en'),
  ]);
}
const all = time(() => {
  for (const id of VARIANT_IDS) explore(ksmScenario(id, DEFAULT_TOGGLES));
}, 30);
const scenarioA = ksmScenario('a_vma_iter', DEFAULT_TOGGLES);
const replayMs = time(
  () => {
    if (!replay(scenarioA, EMAIL_SCHEDULE).ok) throw new Error('replay failed');
  },
  2000,
  200,
);

const header = ['variant', 'states', 'explore ms', 'states/s'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (c: string[]) =>
  c.map((x, i) => (i ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ');
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} ×${os.cpus().length}, node ${process.version}`,
);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`all six variants: ${all.toFixed(2)} ms (median of 30, after warm-up)`);
console.log(
  `replay of the e-mail schedule (30 steps): ${(replayMs * 1000).toFixed(1)} µs (median of 2000)`,
);
