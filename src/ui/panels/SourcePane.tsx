import { memo, useMemo } from 'react';
import type { CodeLine, LaneInfo } from '../../core/index.ts';
import { statusesAt } from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import { useLaterCursor } from '../useLaterCursor.ts';
import { CodeColumn } from './CodeColumn.tsx';

/**
 * Every task's pseudo-code in kernel vocabulary, one column per task of the document (a task
 * family shares one), with the line of the step at the cursor lit and where each task goes next.
 */
export const SourcePane = memo(function SourcePane() {
  const result = useApp((s) => s.sim.result);
  const cursor = useLaterCursor();
  const maps = useMemo(() => {
    const steps = result?.steps ?? [];
    return {
      urls: new Map(steps.flatMap((s) => (s.source ? [[s.base, s.source.url]] : []))),
      base: new Map(steps.map((s) => [s.id, s.base])),
    };
  }, [result]);
  if (!result) return null;
  const code = result.info.code;
  const refs = Object.keys(code);
  if (refs.length === 0) return null;
  const current = cursor > 0 ? result.trace.steps[cursor - 1] : undefined;
  const currentLane = current && result.info.lanes.find((l) => l.id === current.task);
  const statuses = statusesAt(result, cursor);
  /** Where each lane of a task goes next, by document step id. */
  const nextOf = (lanes: readonly LaneInfo[]) => {
    const m = new Map<string, string[]>();
    for (const l of lanes) {
      const st = statuses[l.id - 1];
      if (!st || st.kind === 'done') continue;
      const base = maps.base.get(st.stepId) ?? st.stepId;
      m.set(base, [...(m.get(base) ?? []), l.key]);
    }
    return m;
  };
  return (
    <section className="card source" aria-labelledby="source-title">
      <h2 id="source-title">
        Source
        <span className="subtle">
          pseudo-code in kernel vocabulary; lines link to the upstream source
        </span>
      </h2>
      <div
        className="source-cols"
        style={{ gridTemplateColumns: `repeat(${refs.length}, minmax(0, 1fr))` }}
      >
        {refs.map((ref, i) => {
          const lanes = result.info.lanes.filter((l) => l.ref === ref);
          return (
            <CodeColumn
              key={ref}
              column={i + 1}
              title={lanes[0]?.name ?? ref}
              keys={lanes.map((l) => l.key)}
              lines={code[ref] as readonly CodeLine[]}
              urls={maps.urls}
              current={currentLane?.ref === ref ? maps.base.get(current!.stepId) : undefined}
              next={nextOf(lanes)}
            />
          );
        })}
      </div>
    </section>
  );
});
