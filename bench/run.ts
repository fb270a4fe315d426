/**
 * `npm run bench`: every benchmark in one table. The core is measured in this process; the page
 * figures come from bench/page.bench.ts and bench/reorder.bench.ts (headless Chromium against
 * `vite preview` of the current build), each asked for one JSON line. Each figure is a median
 * (p50) or a 95th percentile of repeated runs, as its row says.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { coreBench } from './core.bench.ts';
import { INTERACTION_ROUNDS, OVER } from './support.ts';

interface Row {
  measure: string;
  value: string;
  budget: string;
  ok: boolean | null;
}

function childJson(script: string): Record<string, number> | { error: string } {
  if (!existsSync(script)) return { error: `${script} is missing` };
  const r = spawnSync('node_modules/.bin/tsx', [script, '--json'], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const line = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (r.status !== 0 || !line)
    return { error: (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(line) as Record<string, number>;
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const rows: Row[] = [];
const add = (measure: string, value: string, budget = '', ok: boolean | null = null) =>
  rows.push({ measure, value, budget, ok });

const core = coreBench();
for (const v of core.variants) {
  add(
    `explore ${v.id} (p50 of 50)`,
    `${ms(v.ms)}, ${v.states} states, ${v.statesPerSecond.toLocaleString('en')} states/s`,
  );
}
add('explore all six variants (p50 of 30)', ms(core.allSixMs), '< 50 ms', core.allSixMs < 50);
add(
  'replay of the e-mail schedule (p50 of 2000)',
  `${(core.replayMs * 1000).toFixed(1)} µs`,
  '< 1 ms',
  core.replayMs < 1,
);

for (const x of core.instances) {
  add(
    `explore ${x.name} (one run)`,
    `${ms(x.ms)}, ${x.states.toLocaleString('en')} states, ${x.statesPerSecond.toLocaleString('en')} states/s`,
  );
}
add(
  'CLI: explore all six variants, whole process (p50 of 10)',
  `${ms(core.cliMs)} (node -e 0: ${ms(core.nodeMs)})`,
  '< 200 ms',
  core.cliMs < 200,
);

const page = childJson('bench/page.bench.ts');
if ('error' in page) add('page benchmark', `failed: ${page.error}`, '', false);
else {
  add('step → painted, p50', ms(page.stepP50));
  add('step → painted, p95', ms(page.stepP95), '≤ 16 ms', page.stepP95 <= 16);
  add(
    'first render, cold (new context), p50',
    ms(page.firstRenderColdP50),
    '≤ 300 ms',
    page.firstRenderColdP50 <= 300,
  );
  add(
    'first render, warm reload, p50',
    ms(page.firstRenderWarmP50),
    '≤ 300 ms',
    page.firstRenderWarmP50 <= 300,
  );
  add(
    'JS the first view loads, gzipped: page + worker',
    `${(page.firstViewPageKB + page.firstViewWorkerKB).toFixed(1)} KB (page ${page.firstViewPageKB.toFixed(1)}, worker ${page.firstViewWorkerKB.toFixed(1)})`,
    '≤ 120 KB',
    page.firstViewPageKB + page.firstViewWorkerKB <= 120,
  );
  add('JS built, all chunks (some load on demand), gzipped', `${page.jsGzipKB.toFixed(1)} KB`);
}

const reorder = childJson('bench/reorder.bench.ts');
if ('error' in reorder) add('reorder benchmark', `failed: ${reorder.error}`, '', false);
else {
  if ('reorderP50' in reorder) add('reorder → repainted, p50', ms(reorder.reorderP50));
  if ('reorderP95' in reorder)
    add('reorder → repainted, p95', ms(reorder.reorderP95), '≤ 50 ms', reorder.reorderP95 <= 50);
  if ('dragFrameP95' in reorder)
    add('drag frame time, p95', ms(reorder.dragFrameP95), '≤ 16 ms', reorder.dragFrameP95 <= 16);
  if ('dragLongestTask' in reorder)
    add(
      'longest main-thread task during a drag',
      ms(reorder.dragLongestTask),
      '≤ 50 ms',
      reorder.dragLongestTask <= 50,
    );
  if ('exploreLongestTask' in reorder)
    add(
      'longest main-thread task during exploration',
      ms(reorder.exploreLongestTask),
      '≤ 50 ms',
      reorder.exploreLongestTask <= 50,
    );
}

const interactions = childJson('bench/interactions.bench.ts');
if ('error' in interactions)
  add('interaction benchmark', `failed: ${interactions.error}`, '', false);
else {
  const over = (what: string) =>
    `, ${interactions[what + OVER]} of ${INTERACTION_ROUNDS} over 16 ms`;
  for (const [what, x] of Object.entries(interactions)) {
    if (what.endsWith(OVER)) continue;
    if (what.startsWith('frame: '))
      add(
        `a step's frame (Chrome's trace, p50), ${what.slice(7)}`,
        what.endsWith('tiles rastered') ? String(x) : ms(x),
      );
    else if (what.startsWith('floor: ')) add(`Event Timing p95, ${what}`, `${x} ms${over(what)}`);
    else add(`Event Timing p95, ${what}`, `${x} ms${over(what)}`, '≤ 16 ms', x <= 16);
  }
}

const widths = [
  Math.max(...rows.map((r) => r.measure.length), 7),
  Math.max(...rows.map((r) => r.value.length), 5),
  Math.max(...rows.map((r) => r.budget.length), 6),
];
const line = (a: string, b: string, c: string, d: string) =>
  `${a.padEnd(widths[0])}  ${b.padEnd(widths[1])}  ${c.padEnd(widths[2])}  ${d}`;
console.log(
  `Interleave benchmarks — ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(line('measure', 'value', 'budget', ''));
console.log(line('-'.repeat(widths[0]), '-'.repeat(widths[1]), '-'.repeat(widths[2]), '----'));
for (const r of rows)
  console.log(line(r.measure, r.value, r.budget, r.ok === null ? '' : r.ok ? 'ok' : 'OVER'));
