import { useMemo } from 'react';
import type { TaskStatus } from '../../core/index.ts';
import { cannotRunReason, statusesAt, type SimOk } from '../../state/index.ts';
import { ChangedFields } from '../panels/ChangedFields.tsx';
import { StepSource } from '../panels/StepSource.tsx';
import { useApp } from '../useApp.ts';
import { capital, timelineNames, type TimelineNames } from './lanes.ts';

/**
 * "Task 1 can run mutex_lock(&a) next.", or why it cannot (core/words.ts, through the store): in
 * kernel words, never the scenario's step ids.
 */
function statusWords(
  result: SimOk,
  info: ReadonlyMap<string, { readonly label: string }>,
  names: TimelineNames,
  k: number,
  task: number,
  st: TaskStatus,
): string {
  if (st.kind === 'runnable') {
    const label = info.get(st.stepId)?.label ?? st.stepId;
    return `${capital(names.task(task))} can run ${label} next.`;
  }
  return `${capital(cannotRunReason(result, k, task) ?? '')}.`;
}

/**
 * The explanation of the step under the pointer or focus, or else of the step at the cursor:
 * its kernel line, its lines of pseudo-code under its task's full name, the fields it changed,
 * one sentence of ours, and the upstream source. Docked beside the timeline, so a hover or a
 * focus reads it in place; it also gives the full text of whatever the timeline shortens.
 */
export function StepDetail() {
  const result = useApp((s) => s.sim.result);
  const hovered = useApp((s) => s.view.hovered);
  const cursor = useApp((s) => s.playback.cursor);
  const index = hovered ?? cursor - 1;
  const info = useMemo(() => new Map(result?.steps.map((s) => [s.id, s]) ?? []), [result]);
  const names = useMemo(() => (result ? timelineNames(result.info) : null), [result]);
  if (!result || !names) return null;
  const step = index >= 0 ? result.trace.steps[index] : undefined;
  if (!step) {
    const statuses = statusesAt(result, 0);
    return (
      <section className="step-detail" aria-label="Step explanation">
        <p className="step-detail-head">
          <strong>Initial state</strong> · nothing has run yet
        </p>
        <p>
          {statuses.map((st, i) => statusWords(result, info, names, 0, i + 1, st)).join(' ')} Press
          → or “Step forward” to take the first step, or click any step.
        </p>
      </section>
    );
  }
  const s = info.get(step.stepId);
  const k = step.index + 1;
  const statuses = result.trace.steps[step.index].statuses;
  return (
    <section className="step-detail" aria-label="Step explanation">
      <p className="step-detail-head">
        <strong>Step {k}</strong> · {names.task(step.task)}
        {hovered !== null && hovered !== cursor - 1 && <span className="peek"> (preview)</span>}
      </p>
      <p>
        <code className="kernel-line">{step.label}</code>
      </p>
      <StepSource result={result} index={step.index} />
      <ChangedFields result={result} k={k} />
      <p>{s?.explain}</p>
      <p className="step-detail-after">
        After it:{' '}
        {statuses.map((st, i) => statusWords(result, info, names, k, i + 1, st)).join(' ')}
      </p>
      {s?.source && (
        <p className="source-link">
          Source:{' '}
          <a href={s.source.url} target="_blank" rel="noreferrer">
            {s.source.file}:{s.source.lines} ({s.source.version})
          </a>
        </p>
      )}
    </section>
  );
}
