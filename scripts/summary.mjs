// Turn test.sh's stage exit codes and the JSON reports into one closing line, `N passed, N
// failed`, and an exit status. Usage: node scripts/summary.mjs setup=0 chromium=0 format=0 ...
//
// Counting rules:
// - setup and chromium are prerequisites: they add 1 failed when they fail, nothing when they pass.
// - format, types, lint and build are single checks: 1 passed or 1 failed each.
// - unit and e2e add their test counts from reports/unit.json (vitest) and reports/e2e.json
//   (Playwright). A non-zero exit with no recorded failure (a crash, a file that failed to load,
//   a web server that never came up) adds 1 failed. A suite that ran 0 tests adds 1 failed.
// - Any failure makes the exit status 1.
import { existsSync, readFileSync } from 'node:fs';

const PREREQUISITES = new Set(['setup', 'chromium', 'tools']);
const CHECKS = new Set(['format', 'types', 'lint', 'build']);
const REPORTS = { unit: 'reports/unit.json', e2e: 'reports/e2e.json' };

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Vitest: test counts, plus 1 per test file that failed without a failing test (load error). */
function countUnit(report) {
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedInFile = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedInFile === 0) failed += 1;
  }
  return { passed, failed };
}

/** Playwright: flaky tests passed on retry, so they count as passed. */
function countE2e(report) {
  const stats = report.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const failed = (stats.unexpected ?? 0) + (report.errors?.length ?? 0);
  return { passed, failed };
}

const COUNTERS = { unit: countUnit, e2e: countE2e };

let passed = 0;
let failed = 0;
const lines = [];

for (const arg of process.argv.slice(2)) {
  const [name, rcText] = arg.split('=');
  const rc = Number(rcText);
  const ok = rc === 0;

  if (PREREQUISITES.has(name)) {
    if (!ok) failed += 1;
    lines.push(`${name.padEnd(8)} ${ok ? 'ok' : `FAILED (exit ${rc})`}`);
  } else if (CHECKS.has(name)) {
    if (ok) passed += 1;
    else failed += 1;
    lines.push(`${name.padEnd(8)} ${ok ? 'ok' : `FAILED (exit ${rc})`}`);
  } else if (name in COUNTERS) {
    const report = readJson(REPORTS[name]);
    const counts = report ? COUNTERS[name](report) : { passed: 0, failed: 0 };
    const notes = [];
    if (!report) notes.push(`no report at ${REPORTS[name]}`);
    if (counts.passed + counts.failed === 0) {
      counts.failed = 1;
      notes.push(`ran 0 tests, exit ${rc}`);
    } else if (!ok && counts.failed === 0) {
      counts.failed = 1;
      notes.push(`exit ${rc} with no failed test recorded`);
    }
    passed += counts.passed;
    failed += counts.failed;
    const note = notes.length ? ` (${notes.join('; ')})` : '';
    lines.push(`${name.padEnd(8)} ${counts.passed} passed, ${counts.failed} failed${note}`);
  } else {
    console.error(`summary: unknown stage "${name}"`);
    failed += 1;
  }
}

console.log(lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
