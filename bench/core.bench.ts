/**
 * Core benchmark (not a test): exploration time and states/s per variant, all six together, and
 * one replay of the e-mail schedule. Each figure is the median of repeated runs after warm-up.
 *
 *   npx tsx bench/core.bench.ts        (also part of `npm run bench`)
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_TOGGLES,
  EMAIL_SCHEDULE,
  VARIANT_IDS,
  explore,
  ksmScenario,
  replay,
} from '../src/core/index.ts';

export function median(xs: number[]): number {
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

export interface CoreBench {
  variants: { id: string; states: number; ms: number; statesPerSecond: number }[];
  allSixMs: number;
  replayMs: number;
}

/** Runs the core benchmark and returns its medians. */
export function coreBench(): CoreBench {
  const variants = VARIANT_IDS.map((id) => {
    const scenario = ksmScenario(id, DEFAULT_TOGGLES);
    let states = 0;
    const ms = time(() => {
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      states = r.exploration.summary.reachableStates;
    }, 50);
    return { id, states, ms, statesPerSecond: Math.round(states / (ms / 1000)) };
  });
  const allSixMs = time(() => {
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
  return { variants, allSixMs, replayMs };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = coreBench();
  const rows = r.variants.map((v) => [
    v.id,
    String(v.states),
    v.ms.toFixed(2),
    v.statesPerSecond.toLocaleString('en'),
  ]);
  const header = ['variant', 'states', 'explore ms', 'states/s'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (c: string[]) =>
    c.map((x, i) => (i ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ');
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown'} ×${os.cpus().length}, node ${process.version}`,
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`all six variants: ${r.allSixMs.toFixed(2)} ms (median of 30, after warm-up)`);
  console.log(
    `replay of the e-mail schedule (30 steps): ${(r.replayMs * 1000).toFixed(1)} µs (median of 2000)`,
  );
}
