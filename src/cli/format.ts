/**
 * Output helpers for the CLI: JSON with exact integers, plain-text tables, one line per step.
 */
import {
  formatValueChange,
  stepChanges,
  type ScenarioDoc,
  type StateView,
  type TaskStatus,
  type Trace,
} from '../core/index.ts';
import { jsonFieldValue } from '../core/scenario/present.ts';

/**
 * JSON.stringify that writes bigints as exact integer literals (JSON numbers have no size limit;
 * only JavaScript's parser rounds them above 2^53).
 */
export function toExactJson(value: unknown, indent?: number): string {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(
    value,
    (_k, v) => (typeof v === 'bigint' ? marker + v.toString() : v),
    indent,
  );
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/** A state for JSON output, in the document's notation (flags in hex, named values). */
export function jsonState(
  doc: ScenarioDoc,
  s: StateView,
): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, jsonFieldValue(doc, k, v)]));
}

/** A trace for JSON output (`replay --json`): every step with its state in the document's notation. */
export function traceJson(
  doc: ScenarioDoc,
  t: Pick<Trace, 'initial' | 'steps' | 'complete' | 'outcomes'>,
) {
  return {
    initial: jsonState(doc, t.initial),
    steps: t.steps.map((s) => ({
      index: s.index,
      task: s.task,
      stepId: s.stepId,
      label: s.label,
      state: jsonState(doc, s.state),
      changed: s.changed,
      statuses: s.statuses,
      flagged: s.flagged,
    })),
    complete: t.complete,
    outcomes: t.outcomes,
  };
}

export function describeStatus(st: TaskStatus, taskKey: (t: number) => string): string {
  if (st.kind === 'done') return 'done';
  if (st.kind === 'runnable') return `runnable (${st.stepId})`;
  if (st.lock === null) return `waiting at ${st.stepId} for ${st.waitsFor}`;
  const how = (mode: string) => (mode === 'spin' ? (st.lockKind ?? 'spinlock') : mode);
  const by = st.heldBy.map((h) => `task ${taskKey(h.task)}, ${how(h.mode)}`).join('; ') || 'nobody';
  return `blocked on ${st.lock} (held by ${by})`;
}

/**
 * Step `k` (1-based) of a trace: number, task, id, label, then what changed
 * (`flags: 0x301 → 0x0`).
 */
export function stepLine(
  doc: ScenarioDoc,
  trace: Trace,
  k: number,
  taskKey: (t: number) => string,
): string {
  const st = trace.steps[k - 1];
  const changes = stepChanges(trace, k).map(
    (c) => `${c.field}: ${formatValueChange(doc, c.field, c.from, c.to)}`,
  );
  const num = String(st.index + 1).padStart(3);
  const task = `T${taskKey(st.task)}`.padEnd(5);
  const head = `${num}  ${task} ${st.stepId.padEnd(24)} ${st.label}`;
  return changes.length ? `${head}\n${' '.repeat(37)}${changes.join(', ')}` : head;
}

/** A plain table with right-aligned numeric columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** `processes=1, lock_first=false, start=head`. */
export function paramText(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}
