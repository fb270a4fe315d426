import { useMemo } from 'react';
import type { Fate } from '../../core/index.ts';
import type { SimOk } from '../../state/index.ts';
import { useApp } from '../useApp.ts';
import type { TimelineGeometry } from './layout.ts';
import { StepBlock } from './StepBlock.tsx';
import { flagsByStep, turnKeys } from './step-marks.ts';

/** The editable timeline's steps; only the blocks whose drawing changed re-render. */
export function Blocks({
  result,
  g,
  fates,
  hasFateColumn,
  divergence,
}: {
  result: SimOk;
  g: TimelineGeometry;
  fates: readonly Fate[];
  hasFateColumn: boolean;
  divergence: number | null;
}) {
  const cursor = useApp((s) => s.playback.cursor);
  const dragFrom = useApp((s) => s.view.drag?.from ?? null);
  const flags = useMemo(() => flagsByStep(result), [result]);
  const keys = useMemo(() => turnKeys(result.trace.steps), [result]);
  return (
    <g>
      {result.trace.steps.map((st) => (
        <StepBlock
          key={keys[st.index]}
          step={st}
          g={g}
          isCurrent={st.index + 1 === cursor}
          flags={flags.get(st.index + 1)}
          fate={fates[st.index + 1]}
          hasFateColumn={hasFateColumn}
          isDivergence={divergence === st.index}
          isDragged={dragFrom === st.index}
        />
      ))}
    </g>
  );
}
