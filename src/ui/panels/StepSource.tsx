import type { CodeLine } from '../../core/index.ts';
import type { SimOk } from '../../state/index.ts';

/** Lines of context kept around a step's own lines. */
const CONTEXT = 1;

/**
 * The pseudo-code of the task that took step `index` (0-based) around that step's lines, under
 * the task's full name; the source pane below shows every task's code in full. Lines wrap rather
 * than cut, so every identifier reads whole.
 */
export function StepSource({ result, index }: { result: SimOk; index: number }) {
  const step = result.trace.steps[index];
  const lane = step && result.info.lanes.find((l) => l.id === step.task);
  const base = step && result.steps.find((s) => s.id === step.stepId)?.base;
  const lines: readonly CodeLine[] = (lane && result.info.code[lane.ref]) ?? [];
  const lit = lines.flatMap((l, i) => (base !== undefined && l.step === base ? [i] : []));
  if (!lane || lit.length === 0) return null;
  const from = Math.max(0, lit[0] - CONTEXT);
  const to = Math.min(lines.length, lit[lit.length - 1] + CONTEXT + 1);
  return (
    <div className="step-source">
      <h3>{lane.name}</h3>
      <ol className="code is-wrapped" aria-label={`Source of step ${index + 1}`} start={from + 1}>
        {lines.slice(from, to).map((l, i) => {
          const isLit = l.step === base;
          return (
            <li
              key={from + i}
              className={isLit ? 'current' : undefined}
              aria-current={isLit ? 'step' : undefined}
            >
              <span className="gutter-mark" aria-hidden="true" />
              <span style={{ paddingLeft: `${l.indent * 2}ch` }}>{l.text}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
