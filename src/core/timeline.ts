/**
 * What a timeline draws besides the steps, derived from a trace: lock-hold spans, blocked
 * intervals, release → acquisition hand-offs and where each outcome flag was first set.
 * Step numbers here are 1-based positions in the schedule; 0 is the initial state.
 */
import type { LockMode, Scenario, TaskId } from './engine.ts';
import type { Trace } from './replay.ts';

export interface HoldSpan {
  readonly task: TaskId;
  readonly lock: string;
  readonly mode: LockMode;
  /** The step that acquired the lock (0: held from the start). */
  readonly from: number;
  /** The step that released it, or null if still held after the last step. */
  readonly to: number | null;
}

export interface BlockedSpan {
  readonly task: TaskId;
  /** The lock waited for, or null for a wait on a step's condition. */
  readonly lock: string | null;
  /** Blocked in the states after steps from … to (inclusive). */
  readonly from: number;
  readonly to: number;
  readonly heldBy: readonly TaskId[];
}

export interface HandOff {
  readonly lock: string;
  /** The release step and the acquisition step it let through. */
  readonly release: number;
  readonly acquire: number;
  readonly fromTask: TaskId;
  readonly toTask: TaskId;
}

export interface FlagMark {
  readonly outcome: string;
  /** The step after which the flag is first set. */
  readonly step: number;
  readonly task: TaskId;
}

export interface TimelineFacts {
  readonly holds: readonly HoldSpan[];
  readonly blocked: readonly BlockedSpan[];
  readonly handOffs: readonly HandOff[];
  readonly flags: readonly FlagMark[];
}

/** Derives the timeline's lock, wait and outcome annotations from a trace. */
export function timelineFacts(scenario: Scenario, trace: Trace): TimelineFacts {
  const locks = [trace.initialLocks, ...trace.steps.map((s) => s.locks)];
  const statuses = [trace.initialStatuses, ...trace.steps.map((s) => s.statuses)];
  const n = trace.steps.length;
  const holds: HoldSpan[] = [];
  for (const t of scenario.tasks) {
    const open = new Map<string, { mode: LockMode; from: number }>();
    for (let k = 0; k <= n; k++) {
      const held = locks[k].flatMap((l) =>
        l.holders.filter((h) => h.task === t.id).map((h) => ({ lock: l.lock, mode: h.mode })),
      );
      for (const h of held) if (!open.has(h.lock)) open.set(h.lock, { mode: h.mode, from: k });
      for (const [lock, o] of [...open]) {
        if (!held.some((h) => h.lock === lock)) {
          holds.push({ task: t.id, lock, mode: o.mode, from: o.from, to: k });
          open.delete(lock);
        }
      }
    }
    for (const [lock, o] of open)
      holds.push({ task: t.id, lock, mode: o.mode, from: o.from, to: null });
  }
  holds.sort((a, b) => a.from - b.from || a.task - b.task);

  const blocked: BlockedSpan[] = [];
  scenario.tasks.forEach((t, ti) => {
    let cur: { lock: string | null; from: number; heldBy: Set<TaskId> } | null = null;
    for (let k = 0; k <= n; k++) {
      const st = statuses[k][ti];
      if (st.kind === 'blocked') {
        if (cur && cur.lock === st.lock) {
          st.heldBy.forEach((h) => cur!.heldBy.add(h.task));
        } else {
          if (cur)
            blocked.push({
              task: t.id,
              lock: cur.lock,
              from: cur.from,
              to: k - 1,
              heldBy: [...cur.heldBy],
            });
          cur = { lock: st.lock, from: k, heldBy: new Set(st.heldBy.map((h) => h.task)) };
        }
      } else if (cur) {
        blocked.push({
          task: t.id,
          lock: cur.lock,
          from: cur.from,
          to: k - 1,
          heldBy: [...cur.heldBy],
        });
        cur = null;
      }
    }
    if (cur)
      blocked.push({ task: t.id, lock: cur.lock, from: cur.from, to: n, heldBy: [...cur.heldBy] });
  });

  // A hand-off: a task waited on a lock, another task's step ended the wait, and the waiting
  // task's next step took the lock. The arrow runs from that step to the acquisition.
  const handOffs: HandOff[] = [];
  trace.steps.forEach((st, i) => {
    const k = i + 1;
    const lock = scenario.steps.get(st.stepId)?.acquires?.lock;
    if (lock === undefined) return;
    const wait = blocked
      .filter((b) => b.task === st.task && b.lock === lock && b.to < k)
      .sort((x, y) => y.to - x.to)[0];
    if (!wait) return;
    const release = wait.to + 1;
    if (release >= k) return;
    for (let j = release; j < k - 1; j++) if (trace.steps[j].task === st.task) return;
    handOffs.push({
      lock,
      release,
      acquire: k,
      fromTask: trace.steps[release - 1].task,
      toTask: st.task,
    });
  });

  const flags: FlagMark[] = [];
  const seen = new Set(trace.initialFlagged);
  for (const st of trace.steps) {
    for (const o of st.flagged) {
      if (!seen.has(o)) {
        seen.add(o);
        flags.push({ outcome: o, step: st.index + 1, task: st.task });
      }
    }
  }
  return { holds, blocked, handOffs, flags };
}
