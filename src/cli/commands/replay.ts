/** `interleave replay`: one schedule, step by step, with what each step changed. */
import {
  defaultSchedule,
  replay,
  taskKey,
  type CompiledScenario,
  type TaskId,
} from '../../core/index.ts';
import { UsageError, type Io } from '../io.ts';
import { describeStatus, paramText, stepLine, toExactJson, traceJson } from '../format.ts';

/**
 * A schedule as typed: `default` (or `email`, its old name) for the scenario's own schedule,
 * task numbers (`1,1,2`), or step ids (`t1_read,t2_read,…`).
 */
export function parseSchedule(
  text: string | undefined,
  scenario: CompiledScenario,
): readonly TaskId[] | readonly string[] {
  if (text === undefined) throw new UsageError('--schedule is required');
  if (text === 'default' || text === 'email') return defaultSchedule(scenario);
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

export function runReplay(
  scenario: CompiledScenario,
  scheduleText: string | undefined,
  json: boolean,
  io: Io,
): number {
  const doc = scenario.doc;
  const r = replay(scenario, parseSchedule(scheduleText, scenario));
  const key = (t: number) => taskKey(scenario, t);
  if (!r.ok) {
    if (json) io.out(toExactJson({ ok: false, problem: r.problem }) + '\n');
    io.err(`impossible schedule: ${r.problem.message}\n`);
    return 2;
  }
  const t = r.trace;
  if (json) {
    io.out(
      toExactJson({
        ok: true,
        model: doc.id,
        modelVersion: doc.version,
        variant: scenario.variant,
        scenario: scenario.params,
        schedule: t.steps.map((s) => s.stepId),
        ...traceJson(doc, t),
      }) + '\n',
    );
    return 0;
  }
  const lines = [
    `${doc.id} v${doc.version}, variant ${scenario.variant}  ${paramText(scenario.params)}`,
    '',
  ];
  t.steps.forEach((_, i) => lines.push(stepLine(doc, t, i + 1, key)));
  const last = t.steps.length ? t.steps[t.steps.length - 1].statuses : t.initialStatuses;
  lines.push('', ...last.map((st, i) => `task ${key(i + 1)}: ${describeStatus(st, key)}`));
  lines.push(
    '',
    `${t.complete ? 'complete' : 'incomplete'} after ${t.steps.length} steps: ${t.outcomes.join(', ')}`,
  );
  io.out(lines.join('\n') + '\n');
  return 0;
}
