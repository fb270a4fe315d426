/** Per-step marks the blocks need, derived once per result. */
import type { OutcomeDescription, TraceStep } from '../../core/index.ts';
import type { SimOk } from '../../state/index.ts';

/** Outcome flags by the 1-based step that set them. */
export function flagsByStep(result: SimOk): Map<number, OutcomeDescription[]> {
  const m = new Map<number, OutcomeDescription[]>();
  for (const f of result.facts.flags) {
    const o = result.info.outcomes.find((x) => x.name === f.outcome);
    if (o) m.set(f.step, [...(m.get(f.step) ?? []), o]);
  }
  return m;
}

/** Keys that stay with a turn when it moves: task 1's third turn is "1:2" wherever it runs. */
export function turnKeys(steps: readonly TraceStep[]): string[] {
  const seen = new Map<number, number>();
  return steps.map((st) => {
    const i = seen.get(st.task) ?? 0;
    seen.set(st.task, i + 1);
    return `${st.task}:${i}`;
  });
}

/** The statuses after step k (0: the initial ones). */
export function statusesAfter(result: SimOk, k: number) {
  return k <= 0 ? result.trace.initialStatuses : result.trace.steps[k - 1]?.statuses;
}

/** The statuses the run ends in. */
export function finalStatuses(result: SimOk) {
  return statusesAfter(result, result.trace.steps.length) ?? result.trace.initialStatuses;
}
