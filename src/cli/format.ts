/**
 * Output helpers for the CLI: JSON with exact integers, and plain-text tables.
 */
import {
  FIELDS,
  formatFieldValue,
  type KsmState,
  type TaskStatus,
  type TraceStep,
} from '../core/index.ts';

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

/** A state with the spec's field names and notation (mt_flags in hex). */
export function specState(s: KsmState): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { pc1: s.pc1, pc2: s.pc2 };
  if (s.k2 !== null) out.k2 = s.k2;
  for (const [key, name] of FIELDS) {
    out[name] = key === 'mtFlags' ? formatFieldValue(key, s) : s[key];
  }
  return out;
}

const SPEC_NAME = new Map<string, string>(FIELDS.map(([k, n]) => [k, n]));

/** Changed camelCase keys as spec names (pcs and k2 stay as they are). */
export function specNames(keys: readonly string[]): string[] {
  return keys.map((k) => SPEC_NAME.get(k) ?? k);
}

export function describeStatus(st: TaskStatus): string {
  if (st.kind === 'done') return 'done';
  if (st.kind === 'runnable') return `runnable (${st.stepId})`;
  const by = st.heldBy.map((h) => `task ${h.task} ${h.mode}`).join(', ') || 'nobody';
  return `blocked on ${st.lock} (held by ${by})`;
}

/** One line per step: number, task, id, label, then what changed. */
export function stepLine(prev: KsmState, st: TraceStep<KsmState>): string {
  const changes = st.changed
    .filter((k) => SPEC_NAME.has(k))
    .map((k) => {
      const key = k as (typeof FIELDS)[number][0];
      return `${SPEC_NAME.get(k)}: ${formatFieldValue(key, prev)} → ${formatFieldValue(key, st.state)}`;
    });
  const num = String(st.index + 1).padStart(3);
  return `${num}  T${st.task}  ${st.stepId.padEnd(24)} ${st.label}${changes.length ? '\n' + ' '.repeat(35) + changes.join(', ') : ''}`;
}

/** A plain table with right-aligned numeric columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
