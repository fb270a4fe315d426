/**
 * The cause's marks in words: the accessible names and tooltips of the causal arrows and the
 * race window (Causes.tsx), from the run's own steps and the instance's task names.
 */
import type { SimOk } from '../../state/index.ts';
import type { TimelineNames } from './lanes.ts';

/** `step 16 (task 2: destroy(&t->tree))` */
function stepWords(result: SimOk, names: TimelineNames, k: number): string {
  const st = result.trace.steps[k - 1];
  return st ? `step ${k} (${names.task(st.task)}: ${st.label})` : `step ${k}`;
}

/** `Step 16 (task 2: …) wrote flags 0x301 → 0x0, read by step 20 (task 1: …)` */
export function edgeWords(
  result: SimOk,
  names: TimelineNames,
  from: number,
  to: number,
  label: string,
): string {
  const writer = stepWords(result, names, from);
  return `${writer[0].toUpperCase()}${writer.slice(1)} wrote ${label}, read by ${stepWords(result, names, to)}`;
}

/** `7 and 16`, `3, 7 and 16` */
function listWords(items: readonly (string | number)[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A race window as the bracket's data; `outcomes` are the titles of the outcomes it leads to. */
export interface WindowSpan {
  readonly task: number;
  readonly from: number;
  readonly to: number;
  readonly outcomes: readonly string[];
  /** The other tasks' causal writes that land inside, by step. */
  readonly writes: readonly { readonly step: number; readonly task: number }[];
}

/**
 * `Race window of task 1, from step 3 (…) to step 20 (…), where the bad outcome fires: task 2's
 * writes at steps 7 and 16 land between these steps.`
 */
export function windowWords(result: SimOk, names: TimelineNames, w: WindowSpan): string {
  const byTask = new Map<number, number[]>();
  for (const x of w.writes) byTask.set(x.task, [...(byTask.get(x.task) ?? []), x.step]);
  const writes = [...byTask].map(
    ([t, steps]) =>
      `${names.task(t)}'s writes at ${steps.length === 1 ? 'step' : 'steps'} ${listWords(steps)}`,
  );
  const start = w.from === 0 ? 'the start' : stepWords(result, names, w.from);
  return `Race window of ${names.task(w.task)}, from ${start} to ${stepWords(result, names, w.to)}, where ${listWords(w.outcomes)} ${w.outcomes.length === 1 ? 'fires' : 'fire'}: ${listWords(writes)} land between these steps.`;
}

/**
 * The run's race windows, one per affected task and span (causes of several outcomes may share
 * one), with the other tasks' causal writes that land inside each.
 */
export function windowSpans(result: SimOk): WindowSpan[] {
  const spans = new Map<
    string,
    { task: number; from: number; to: number; outcomes: string[]; writes: Map<number, number> }
  >();
  for (const c of result.causes) {
    const w = c.window;
    if (!w) continue;
    const key = `${w.task}:${w.from}:${w.to}`;
    let span = spans.get(key);
    if (!span) spans.set(key, (span = { ...w, outcomes: [], writes: new Map() }));
    const o = result.info.outcomes.find((x) => x.name === c.outcome);
    span.outcomes.push(o?.title ?? c.outcome);
    for (const e of c.edges) {
      const task = result.trace.steps[e.from - 1]?.task;
      if (task !== undefined && task !== w.task && e.from > w.from && e.from < w.to)
        span.writes.set(e.from, task);
    }
  }
  return [...spans.values()].map((s) => ({
    task: s.task,
    from: s.from,
    to: s.to,
    outcomes: s.outcomes,
    writes: [...s.writes].sort((a, b) => a[0] - b[0]).map(([step, task]) => ({ step, task })),
  }));
}
