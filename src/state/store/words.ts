/**
 * What the store says to people: notices about repairs, edits and failures. Every sentence the
 * store writes is made here, once.
 */
import type { SkippedTurn } from '../../core/index.ts';
import type { Notice, SimOk } from './slices.ts';

/** How the end of a schedule is completed (src/core/schedule.ts, `completeSchedule`). */
export const COMPLETION_RULE =
  'the run is completed in task order (the first task, in the lanes’ order, that can move)';

/**
 * The repair rule of src/core/schedule.ts in words, shown wherever a repair happened.
 * Keep it equal to the rule there and in the README.
 */
export const REPAIR_RULE = `How the rest was repaired: the turns after the edit keep their order; a turn whose task cannot run at that point (it waits for a lock, or has finished) is skipped; when the turns run out, ${COMPLETION_RULE}.`;

/** What completing a link's feasible but unfinished schedule did. */
export function describeCompletion(given: number, appended: number): string {
  const turns = (n: number) => `${n} turn${n === 1 ? '' : 's'}`;
  return `The link gives ${turns(given)}, after which a task can still move; ${turns(appended)} ${appended === 1 ? 'was' : 'were'} added: ${COMPLETION_RULE}`;
}

export function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Ends with a full stop; capitalised unless it starts with a kernel or parameter name
 * (`mmap_read_lock()`, `processes=9`).
 */
export function sentence(s: string): string {
  const isKernelName = /^[^\s]*[_()>=]/.test(s);
  const t = isKernelName ? s : capitalised(s);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * Groups skipped turns by reason: "turns 16–18 (task 2.1): task 2.1 has finished". `keyOf`
 * names a task as the lanes do.
 */
export function describeRepair(
  skipped: readonly SkippedTurn[],
  appended: number,
  keyOf: (task: number) => string,
): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < skipped.length) {
    let j = i;
    while (
      j + 1 < skipped.length &&
      skipped[j + 1].position === skipped[j].position + 1 &&
      skipped[j + 1].reason === skipped[i].reason &&
      skipped[j + 1].task === skipped[i].task
    ) {
      j++;
    }
    const a = skipped[i].position + 1;
    const b = skipped[j].position + 1;
    const turns =
      a === b
        ? `Turn ${a} (task ${keyOf(skipped[i].task)}) no longer applies`
        : `Turns ${a}–${b} (task ${keyOf(skipped[i].task)}) no longer apply`;
    lines.push(`${turns}: ${skipped[i].reason}.`);
    i = j + 1;
  }
  if (appended > 0) {
    lines.push(
      `${appended} turn${appended === 1 ? '' : 's'} added at the end, in task order, to run the schedule to completion.`,
    );
  }
  return lines;
}

/** "now ends CLEAN (before: LOCKDEP_SPLAT)" or "still ends LOCKDEP_SPLAT". */
export function verdictLine(before: SimOk | null, after: SimOk): string {
  const now = after.trace.outcomes.join(' + ');
  const was = before?.trace.outcomes.join(' + ');
  const n = after.trace.steps.length;
  if (was === undefined || was === now) return `The ${n}-step schedule still ends ${now}.`;
  return `The ${n}-step schedule now ends ${now} (before: ${was}).`;
}

/** A task of a result as its lanes name it (`2.1`); the ordinal when it has no lane. */
export function laneKey(r: SimOk | null, task: number): string {
  return r?.info.lanes.find((l) => l.id === task)?.key ?? String(task);
}

export function errorNotice(e: unknown): Notice {
  const message = e instanceof Error ? e.message : String(e);
  return {
    kind: 'error',
    title: 'The simulator stopped unexpectedly',
    lines: [sentence(message), 'Try again; reload the page if it keeps happening.'],
  };
}

/** Where a link that could not be replayed falls back to. */
export const LINK_FALLBACK =
  'Showing the scenario’s own interleaving instead; nothing from the link was run.';
