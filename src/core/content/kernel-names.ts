/**
 * How the kernel names the things a report prints: a task (`comm`/pid), a lock class and its
 * usage as lockdep prints them, and the function a step runs in (read from the document's
 * pseudo-code, whose lines can say which function they open).
 */
import type { SourceRef, TaskId } from '../engine.ts';
import type { Trace } from '../replay.ts';
import type { CompiledScenario } from '../scenario/instance.ts';
import type { HoldSpan, TimelineFacts } from '../timeline.ts';

/** A task's `comm`: `task1`, `task2.1`. The model's tasks have no process names of their own. */
export function commOf(sc: CompiledScenario, task: TaskId): string {
  return `task${sc.tasks[task - 1]?.key ?? task}`;
}

/** A lock instance (`dev_lock.2`) with its document declaration's words. */
export interface LockWords {
  /** The document's lock name (`dev_lock`). */
  readonly base: string;
  readonly kind: 'spinlock' | 'mutex' | 'rwsem';
  /** Lockdep's class name: `&dev->lock`, `list_lock`. */
  readonly lockdep: string;
  /** Lockdep's usage and wait-type suffix: `{++++}-{3:3}`. */
  readonly usage: string;
}

/**
 * The words of lock instance `name`. Lockdep names a class after the expression its lock was
 * initialised with: a lock inside a structure (`init_rwsem(&dev->lock)`) reads
 * `&dev->lock`, a statically defined one (`DEFINE_SPINLOCK(x)`) reads `x`. The usage bits are
 * those of a lock taken with interrupts enabled, read-write for an rwsem; the wait type is 3
 * (may sleep) for mutexes and rwsems and 2 for spinlocks.
 */
export function lockWords(sc: CompiledScenario, name: string): LockWords {
  const inst = sc.lowered.locks.find((l) => l.name === name);
  const docs = sc.doc.locks ?? [];
  const d =
    docs.find((l) => l.name === name) ?? docs.find((l) => l.name === name.replace(/\.\d+$/, ''));
  const kind = inst?.kind ?? d?.kind ?? 'spinlock';
  const label = d?.label ?? d?.name ?? name;
  return {
    base: d?.name ?? name,
    kind,
    lockdep: /->|\./.test(label) ? `&${label}` : label,
    usage: `{${kind === 'rwsem' ? '++++' : '+.+.'}}-${kind === 'spinlock' ? '{2:2}' : '{3:3}'}`,
  };
}

/**
 * The kernel functions a step runs in, innermost first, from its task's pseudo-code: the
 * function its first line opens, then each function whose line encloses it (a line above with a
 * smaller indent). Empty when the code says nothing.
 */
export function functionsOf(sc: CompiledScenario, stepId: string): string[] {
  const def = sc.steps.get(stepId);
  if (!def) return [];
  const ref = sc.lowered.tasks[def.task - 1]?.ref;
  const lines = (ref && sc.lowered.content.code[ref]) || [];
  const at = lines.findIndex((l) => l.step === def.base);
  if (at < 0) return [];
  const out: string[] = [];
  let indent = lines[at].indent;
  if (lines[at].function) out.push(lines[at].function!);
  for (let i = at - 1; i >= 0 && indent > 0; i--) {
    if (lines[i].indent < indent) {
      indent = lines[i].indent;
      if (lines[i].function) out.push(lines[i].function!);
    }
  }
  return out;
}

/** Locks `task` holds in the state after step k (hold spans are [from, to) in states). */
export function heldAt(facts: TimelineFacts, task: number, k: number): HoldSpan[] {
  return facts.holds.filter((h) => h.task === task && h.from <= k && (h.to === null || h.to > k));
}

/** The function a held lock was taken in (lockdep's `at:`), from the acquiring step's code. */
export function acquiredIn(sc: CompiledScenario, trace: Trace, hold: HoldSpan): string {
  const st = hold.from > 0 ? trace.steps[hold.from - 1] : undefined;
  if (!st) return '?';
  return functionsOf(sc, st.stepId)[0] ?? sc.steps.get(st.stepId)?.label ?? st.stepId;
}

/**
 * Where a step is, as a call trace prints it: `mm/ksm.c:1387` for a numbered source, the file
 * alone for one that names a function instead of lines (`v2.6.31 mm/oom_kill.c oom_kill_process()`).
 */
export function sourceLine(source: SourceRef | undefined): string {
  if (!source) return '';
  const first = source.lines.split(/[–-]/)[0].trim();
  return /^\d/.test(first) ? `${source.file}:${first}` : source.file;
}
