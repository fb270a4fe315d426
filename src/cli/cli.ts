/**
 * The simulation core from Node: `explore` counts every interleaving, `replay` prints one.
 *
 *   npm run explore -- [--variant ID|all] [--rmap-nonempty] [--cursor-at-slot] [--json]
 *   npm run replay -- --variant ID [--rmap-nonempty] [--cursor-at-slot] --schedule S [--json]
 */
import { parseArgs } from 'node:util';
import {
  EMAIL_POLICY,
  MODEL_ID,
  MODEL_VERSION,
  OUTCOMES,
  VARIANT_IDS,
  explore,
  isVariantId,
  ksmScenario,
  policySchedule,
  replay,
  type TaskId,
  type Toggles,
  type VariantId,
} from '../core/index.ts';
import { describeStatus, specNames, specState, stepLine, table, toExactJson } from './format.ts';

const USAGE = `Usage:
  npm run explore -- [--variant ID|all] [--rmap-nonempty] [--cursor-at-slot] [--limit N] [--json]
  npm run replay  -- --variant ID [--rmap-nonempty] [--cursor-at-slot] --schedule S [--json]

  ID is one of: ${VARIANT_IDS.join(', ')}
  S is a comma-separated list of task numbers (1,1,1,2,…), of step ids
    (t1_lock_mmlist,…), or "email" for the e-mail's interleaving (task 1 ×3, task 2, task 1).`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      variant: { type: 'string' },
      'rmap-nonempty': { type: 'boolean', default: false },
      'cursor-at-slot': { type: 'boolean', default: false },
      schedule: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { values, positionals };
}

function togglesOf(v: { 'rmap-nonempty'?: boolean; 'cursor-at-slot'?: boolean }): Toggles {
  return { rmapNonempty: !!v['rmap-nonempty'], cursorAtSlot: !!v['cursor-at-slot'] };
}

function variantOf(text: string | undefined, allowAll: boolean): VariantId[] {
  if (text === undefined) {
    if (allowAll) return [...VARIANT_IDS];
    throw new UsageError('--variant is required');
  }
  if (allowAll && text === 'all') return [...VARIANT_IDS];
  if (!isVariantId(text)) {
    throw new UsageError(
      `unknown variant "${text}"; use one of ${VARIANT_IDS.join(', ')}${allowAll ? ', all' : ''}`,
    );
  }
  return [text];
}

function runExplore(values: ReturnType<typeof parse>['values']): number {
  const variants = variantOf(values.variant, true);
  const toggles = togglesOf(values);
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError('--limit takes a positive integer');
  }
  const results = [];
  for (const id of variants) {
    const r = explore(ksmScenario(id, toggles), { limit });
    if (!r.ok) {
      process.stderr.write(`explore ${id}: ${r.problem.message}\n`);
      return 1;
    }
    const s = r.exploration.summary;
    results.push({
      id,
      reachableStates: s.reachableStates,
      transitions: s.transitions,
      terminalStates: s.terminalStates,
      completeSchedules: s.completeSchedules,
      schedulesWith: s.schedulesWith,
      shortestWitness: s.shortestWitness,
    });
  }
  if (values.json) {
    process.stdout.write(
      toExactJson({
        model: MODEL_ID,
        modelVersion: MODEL_VERSION,
        scenario: toggles,
        variants: results,
      }) + '\n',
    );
    return 0;
  }
  const lines = [
    `${MODEL_ID} v${MODEL_VERSION}  rmap_list ${toggles.rmapNonempty ? 'non-empty' : 'empty'}, cursor at ${toggles.cursorAtSlot ? 'slot' : 'head'}`,
    '',
    table(
      ['variant', 'states', 'transitions', 'terminal', 'schedules', ...OUTCOMES],
      results.map((r) => [
        r.id,
        String(r.reachableStates),
        String(r.transitions),
        String(r.terminalStates),
        String(r.completeSchedules),
        ...OUTCOMES.map((o) => String(r.schedulesWith[o])),
      ]),
    ),
  ];
  for (const r of results) {
    for (const [o, w] of Object.entries(r.shortestWitness)) {
      lines.push('', `${r.id}: shortest ${o} (${w.length} steps)`, '  ' + w.join(', '));
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function scheduleOf(
  text: string | undefined,
  scenario: ReturnType<typeof ksmScenario>,
): readonly TaskId[] | readonly string[] {
  if (text === undefined) throw new UsageError('--schedule is required');
  // The e-mail's policy (task 1 for three turns, then task 2, then task 1, each to its end);
  // under variant a it is exactly EMAIL_SCHEDULE.
  if (text === 'email') return policySchedule(scenario, EMAIL_POLICY.firstTask1Turns);
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError('--schedule is empty');
  if (parts.every((p) => /^\d+$/.test(p))) return parts.map(Number);
  if (parts.some((p) => /^\d+$/.test(p))) {
    throw new UsageError('--schedule mixes task numbers and step ids; use one or the other');
  }
  return parts;
}

function runReplay(values: ReturnType<typeof parse>['values']): number {
  const [variant] = variantOf(values.variant, false);
  const toggles = togglesOf(values);
  const scenario = ksmScenario(variant, toggles);
  const schedule = scheduleOf(values.schedule, scenario);
  const r = replay(scenario, schedule);
  if (!r.ok) {
    if (values.json) process.stdout.write(toExactJson({ ok: false, problem: r.problem }) + '\n');
    process.stderr.write(`impossible schedule: ${r.problem.message}\n`);
    return 2;
  }
  const t = r.trace;
  if (values.json) {
    process.stdout.write(
      toExactJson({
        ok: true,
        model: MODEL_ID,
        modelVersion: MODEL_VERSION,
        variant,
        scenario: toggles,
        schedule: t.steps.map((s) => s.stepId),
        initial: specState(t.initial),
        steps: t.steps.map((s) => ({
          index: s.index,
          task: s.task,
          stepId: s.stepId,
          label: s.label,
          state: specState(s.state),
          changed: specNames(s.changed),
          statuses: s.statuses,
          flagged: s.flagged,
        })),
        complete: t.complete,
        outcomes: t.outcomes,
      }) + '\n',
    );
    return 0;
  }
  const lines = [`${MODEL_ID} v${MODEL_VERSION}, variant ${variant}`, ''];
  let prev = t.initial;
  for (const s of t.steps) {
    lines.push(stepLine(prev, s));
    prev = s.state;
  }
  const last = t.steps.length ? t.steps[t.steps.length - 1].statuses : t.initialStatuses;
  lines.push('', ...last.map((st, i) => `task ${i + 1}: ${describeStatus(st)}`));
  lines.push(
    '',
    `${t.complete ? 'complete' : 'incomplete'} after ${t.steps.length} steps: ${t.outcomes.join(', ')}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export function main(argv: string[]): number {
  try {
    const { values, positionals } = parse(argv);
    const command = positionals[0];
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (command === undefined) throw new UsageError('no command given: explore or replay');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    if (command === 'explore') return runExplore(values);
    if (command === 'replay') return runReplay(values);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`interleave: ${message}\n\n${USAGE}\n`);
    return 2;
  }
}
