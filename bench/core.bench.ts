/**
 * Core benchmark (not a test): exploration time and states/s per variant of ksm-exit-race (the
 * default scenario), all six together, one replay of the e-mail schedule, the larger instances
 * (processes = 2 and 3) and the other built-in scenarios. Each figure is the median of repeated
 * runs after warm-up. Scenarios are read from scenarios/*.yaml, as the CLI reads a file.
 *
 *   npx tsx bench/core.bench.ts        (also part of `npm run bench`)
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createLibrary, defaultSchedule, explore, replay } from '../src/core/index.ts';
import { readScenarioFile } from '../src/cli/io.ts';

const library = createLibrary(
  await Promise.all(
    readdirSync('scenarios')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readScenarioFile(`scenarios/${f}`)),
  ),
);
const ksm = (variant: string, processes = 1) =>
  library.instance('ksm-exit-race', { variant, processes });
const VARIANT_IDS = library.doc('ksm-exit-race')!.variants.list.map((v) => v.id);

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
  /** Larger and other instances: one run each (their size makes one run meaningful). */
  instances: { name: string; states: number; ms: number; statesPerSecond: number }[];
  /** Whole process: `node bin/interleave.mjs explore --json` (all six variants), p50 of 10. */
  cliMs: number;
  /** Whole process: `node -e 0`, the floor under any Node command, p50 of 10. */
  nodeMs: number;
}

/** Median wall time of running a command to completion. */
function processMs(cmd: string, args: string[], runs = 10): number {
  const xs: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    if (i > 0) xs.push(performance.now() - t0); // the first run may build the CLI
  }
  return median(xs);
}

function once(name: string, scenario: ReturnType<typeof ksm>) {
  const t0 = performance.now();
  const r = explore(scenario, { limit: 20_000_000 });
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(r.problem.message);
  const states = r.exploration.summary.reachableStates;
  return { name, states, ms, statesPerSecond: Math.round(states / (ms / 1000)) };
}

/** Runs the core benchmark and returns its medians. */
export function coreBench(): CoreBench {
  const variants = VARIANT_IDS.map((id) => {
    const scenario = ksm(id);
    let states = 0;
    const ms = time(() => {
      const r = explore(scenario);
      if (!r.ok) throw new Error(r.problem.message);
      states = r.exploration.summary.reachableStates;
    }, 50);
    return { id, states, ms, statesPerSecond: Math.round(states / (ms / 1000)) };
  });
  const allSixMs = time(() => {
    for (const id of VARIANT_IDS) explore(ksm(id));
  }, 30);
  const scenarioA = ksm('a_vma_iter');
  const email = defaultSchedule(scenarioA);
  const replayMs = time(
    () => {
      if (!replay(scenarioA, email).ok) throw new Error('replay failed');
    },
    2000,
    200,
  );
  const instances = [
    once('ksm-exit-race a, processes=2', ksm('a_vma_iter', 2)),
    once('ksm-exit-race a, processes=3', ksm('a_vma_iter', 3)),
    ...library.ids
      .filter((id) => id !== 'ksm-exit-race')
      .flatMap((id) =>
        library
          .doc(id)!
          .variants.list.map((v) => once(`${id} ${v.id}`, library.instance(id, { variant: v.id }))),
      ),
  ];
  const cliMs = processMs(process.execPath, ['bin/interleave.mjs', 'explore', '--json']);
  const nodeMs = processMs(process.execPath, ['-e', '0']);
  return { variants, allSixMs, replayMs, instances, cliMs, nodeMs };
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
  console.log(
    `CLI, explore all six variants, whole process: ${r.cliMs.toFixed(0)} ms (node -e 0: ${r.nodeMs.toFixed(0)} ms)`,
  );
  for (const x of r.instances) {
    console.log(
      `${x.name}: ${x.states} states in ${x.ms.toFixed(1)} ms (${x.statesPerSecond.toLocaleString('en')} states/s, one run)`,
    );
  }
}
