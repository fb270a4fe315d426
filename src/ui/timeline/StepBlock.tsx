import { memo, type KeyboardEvent } from 'react';
import type { Fate, OutcomeDescription, TraceStep } from '../../core/index.ts';
import { FATE_WORDS } from '../content/fate-words.ts';
import { useActions } from '../useApp.ts';
import { BlockBody } from './BlockBody.tsx';
import { FlagMark } from './FlagMark.tsx';
import { laneOf, type TimelineGeometry } from './layout.ts';
import { flagText } from './text-fit.ts';

export interface StepBlockProps {
  readonly step: TraceStep;
  readonly g: TimelineGeometry;
  readonly isCurrent: boolean;
  /** The timeline's one Tab stop (roving tabindex; Blocks decides which step it is). */
  readonly isTabStop: boolean;
  readonly flags: readonly OutcomeDescription[] | undefined;
  readonly fate: Fate | undefined;
  readonly hasFateColumn: boolean;
  readonly isDivergence: boolean;
  readonly isDragged: boolean;
  /** The fields the step changed, as `replay` prints them (`flags 0x301 → 0x0`). */
  readonly changes: readonly string[];
}

/**
 * A new schedule brings new step objects, but after a move most blocks show the same step at the
 * same place: compare what is drawn, so only the blocks that changed re-render.
 */
function isSameBlock(a: StepBlockProps, b: StepBlockProps): boolean {
  return (
    a.g === b.g &&
    a.step.index === b.step.index &&
    a.step.task === b.step.task &&
    a.step.stepId === b.step.stepId &&
    a.step.label === b.step.label &&
    a.isCurrent === b.isCurrent &&
    a.isTabStop === b.isTabStop &&
    a.flags?.map((f) => f.name).join() === b.flags?.map((f) => f.name).join() &&
    a.fate === b.fate &&
    a.hasFateColumn === b.hasFateColumn &&
    a.isDivergence === b.isDivergence &&
    a.isDragged === b.isDragged &&
    a.changes.join() === b.changes.join()
  );
}

/**
 * One step of the editable timeline: a button that sets the cursor, and a drag handle. Its own
 * keys are Enter/Space and Alt+arrows; plain arrows bubble to Blocks, which moves focus.
 */
export const StepBlock = memo(function StepBlock({
  step,
  g,
  isCurrent,
  isTabStop,
  flags,
  fate,
  hasFateColumn,
  isDivergence,
  isDragged,
  changes,
}: StepBlockProps) {
  const { setCursor, hover, moveEvent } = useActions();
  const lane = laneOf(g, step.task);
  const k = step.index + 1;
  const flagWords = flags?.map((f) => f.title).join(', ');
  const flag = flagText(flags, lane.blockWidth);
  const which = `${k}, task ${lane.key}: ${step.label}${flagWords ? ` (${flagWords})` : ''}`;
  // The changes are the block's description, not its name: the name stays short to read.
  const changed = changes.length > 0 ? `Changes ${changes.join(', ')}.` : '';
  const after = fate ? `After it, ${FATE_WORDS[fate]}.` : '';
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      // Alt+← / Alt+→ (or ↑ / ↓, the timeline's own direction) move the step one place.
      const delta =
        e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : e.key === 'ArrowRight' || e.key === 'ArrowDown'
            ? 1
            : 0;
      if (delta !== 0) {
        // Alt+← is also the browser's Back; the step takes it here.
        e.preventDefault();
        e.stopPropagation();
        void moveEvent(step.index, step.index + delta);
      }
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      setCursor(k);
    }
  };
  return (
    <g
      className={`block task-${step.task} hue-${lane.hue}${flags ? ' flagged' : ''}${isDivergence ? ' diverges' : ''}${isDragged ? ' dragged' : ''}`}
      data-step-id={step.stepId}
      data-task={lane.key}
      data-index={step.index}
      data-fate={fate}
      data-divergence={isDivergence ? 'true' : undefined}
      aria-current={isCurrent ? 'step' : undefined}
      role="button"
      tabIndex={isTabStop ? 0 : -1}
      aria-label={`Go to step ${which}`}
      aria-description={[changed, after].filter(Boolean).join(' ') || undefined}
      aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
      onClick={() => setCursor(k)}
      onKeyDown={onKey}
      onPointerEnter={() => hover(step.index)}
      onPointerLeave={() => hover(null)}
      onFocus={() => hover(step.index)}
      onBlur={() => hover(null)}
    >
      {/* The whole label and changes on hover, where the block shortens them (BlockBody). */}
      <title>{`Step ${which}${changed ? `\n${changed}` : ''}`}</title>
      <BlockBody
        step={step}
        g={g}
        fate={fate}
        hasFateColumn={hasFateColumn}
        flag={flag}
        changes={changes}
      />
      <FlagMark step={step} g={g} text={flag} hasFateColumn={hasFateColumn} />
    </g>
  );
}, isSameBlock);
