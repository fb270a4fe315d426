import { memo, useMemo, useRef, type KeyboardEvent } from 'react';
import type { Fate, TraceStep } from '../../core/index.ts';
import {
  divergenceOf,
  statesOf,
  stepIdsOf,
  TASKS,
  VARIANTS,
  type SimOk,
  type VariantId,
} from '../../state/index.ts';
import { placeNotes } from '../content/email-notes.ts';
import { FATE_GLYPH, FATE_WORDS } from '../content/fate-words.ts';
import { shortLabel } from '../content/short-labels.ts';
import { OUTCOME_SHORT, OUTCOME_WORDS } from '../content/outcome-words.ts';
import { useActions, useApp } from '../useApp.ts';
import { useElementWidth } from '../useElementWidth.ts';
import { CompareHeader } from './CompareHeader.tsx';
import { DragLayer } from './DragLayer.tsx';
import {
  blockedExtent,
  handOffPath,
  holdExtent,
  laneOf,
  LOCK_COL,
  ROW_HEIGHT,
  timelineLayout,
  type LockName,
  type TimelineGeometry,
} from './layout.ts';

const LOCK_TITLE: Record<LockName, string> = {
  mmap_lock: 'mm->mmap_lock',
  ksm_mmlist_lock: 'ksm_mmlist_lock',
};

/** A lock's name in the timeline's words; null is a wait on a step's condition, not a lock. */
function lockTitle(lock: string | null): string {
  if (lock === null) return 'its condition';
  return LOCK_TITLE[lock as LockName] ?? lock;
}

/** Space between the two timelines of a comparison. */
const PAIR_GAP = 24;

const NO_FATES: readonly Fate[] = [];

/**
 * The swimlanes: steps, lock holds, waits, hand-offs, outcome flags, fates and the cursor; with
 * a comparison, the same task choices under the second variant beside them on the same rows.
 */
export function Swimlanes() {
  const result = useApp((s) => s.sim.result);
  const isComparing = useApp((s) => s.compare.variant !== null);
  const other = useApp((s) => (s.compare.variant ? s.compare.result : null));
  const wrap = useRef<HTMLDivElement>(null);
  const width = useElementWidth(wrap, 640);
  // Both timelines share one time axis: as many rows as the longer run.
  const n = Math.max(result?.trace.steps.length ?? 0, other?.trace.steps.length ?? 0);
  const colWidth = isComparing ? Math.floor((width - PAIR_GAP) / 2) : width;
  const g = useMemo(() => timelineLayout(n, colWidth), [n, colWidth]);
  const divergence = useMemo(
    () => (result && other ? divergenceOf(result, other) : null),
    [result, other],
  );
  return (
    <div ref={wrap} className={`swimlanes${isComparing ? ' is-comparing' : ''}`}>
      {result && isComparing && <CompareHeader result={result} other={other} />}
      {result && (
        <div className="swimlanes-pair" style={{ gap: PAIR_GAP }}>
          <MainTimeline result={result} g={g} divergence={divergence} />
          {isComparing &&
            (other ? (
              <CompareTimeline result={other} g={g} divergence={divergence} />
            ) : (
              <div className="swimlanes-stage pending" style={{ width: g.width, height: g.height }}>
                <p>Running the same choices under the other variant…</p>
              </div>
            ))}
        </div>
      )}
    </div>
  );
}

function MainTimeline({
  result,
  g,
  divergence,
}: {
  result: SimOk;
  g: TimelineGeometry;
  divergence: number | null;
}) {
  const stage = useRef<HTMLDivElement>(null);
  const variant = useApp((s) => s.scenario.variant);
  const fates = useApp((s) =>
    s.explore.fatesFor === s.sim.result && s.explore.current ? s.explore.current.fates : NO_FATES,
  );
  // While fates for a new schedule are on their way, keep their column so labels do not jump.
  const hasFateColumn = useApp((s) => s.explore.isOn) || fates.length > 0;
  return (
    <div ref={stage} className="swimlanes-stage" style={{ width: g.width, height: g.height }}>
      <PastBand g={g} />
      <svg
        width={g.width}
        height={g.height}
        viewBox={`0 0 ${g.width} ${g.height}`}
        role="group"
        aria-label={`Timeline of ${result.trace.steps.length} steps: task 1 on the left, task 2 on the right, time running down`}
      >
        <SvgDefs />
        <Background result={result} g={g} variant={variant} />
        {fates.length > 0 && <FateRail fates={fates} g={g} />}
        <Annotations result={result} g={g} />
        {divergence !== null && <DivergenceLine g={g} k={divergence} />}
        <Blocks
          result={result}
          g={g}
          fates={fates}
          hasFateColumn={hasFateColumn}
          divergence={divergence}
        />
      </svg>
      <CursorOverlay g={g} result={result} />
      <DragLayer stage={stage} g={g} result={result} />
    </div>
  );
}

/** The comparison's timeline: read-only, same rows, same cursor. */
function CompareTimeline({
  result,
  g,
  divergence,
}: {
  result: SimOk;
  g: TimelineGeometry;
  divergence: number | null;
}) {
  const variant = useApp((s) => s.compare.variant) as VariantId;
  const { setCursor } = useActions();
  const n = result.trace.steps.length;
  const verdict = result.trace.outcomes.join(' + ');
  const differs =
    divergence === null ? 'runs the very same steps' : `differs first at step ${divergence + 1}`;
  const flags = useMemo(() => flagsByStep(result), [result]);
  return (
    <div className="swimlanes-stage compare-stage" style={{ width: g.width, height: g.height }}>
      <PastBand g={g} />
      <svg
        width={g.width}
        height={g.height}
        viewBox={`0 0 ${g.width} ${g.height}`}
        role="img"
        aria-label={`The same task choices under ${VARIANTS[variant].title}: ${n} steps, ends ${verdict}; it ${differs}`}
      >
        <SvgDefs />
        <Background result={result} g={g} variant={variant} />
        <Annotations result={result} g={g} />
        {divergence !== null && <DivergenceLine g={g} k={divergence} />}
        <g>
          {result.trace.steps.map((st) => (
            <g
              key={st.index}
              className={`block static task-${st.task}${flags.has(st.index + 1) ? ' flagged' : ''}${divergence === st.index ? ' diverges' : ''}`}
              data-compare-index={st.index}
              data-divergence={divergence === st.index ? 'true' : undefined}
              onClick={() => setCursor(st.index + 1)}
            >
              <title>{`Step ${st.index + 1}, task ${st.task}: ${st.label}`}</title>
              <BlockBody step={st} g={g} />
              <FlagMark step={st} g={g} flags={flags.get(st.index + 1)} />
            </g>
          ))}
        </g>
      </svg>
      <CursorOverlay g={g} result={result} />
    </div>
  );
}

function SvgDefs() {
  return (
    <defs>
      <pattern
        id="hatch"
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" className="hatch-bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
      </pattern>
      <pattern
        id="fate-doomed-hatch"
        width="5"
        height="5"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(-45)"
      >
        <rect width="5" height="5" className="fate-doomed-bg" />
        <line x1="0" y1="0" x2="0" y2="5" className="fate-doomed-line" />
      </pattern>
      <marker
        id="arrowhead"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
      >
        <path d="M0,0 L10,5 L0,10 z" className="handoff-head" />
      </marker>
    </defs>
  );
}

/** Lane headers, the axis and its grid: d3's ticks drawn as JSX. */
const Background = memo(function Background({
  result,
  g,
  variant,
}: {
  result: SimOk;
  g: TimelineGeometry;
  variant: VariantId;
}) {
  const notes = useMemo(
    () => placeNotes(stepIdsOf(result), statesOf(result), VARIANTS[variant]).map((n) => n.k),
    [result, variant],
  );
  return (
    <>
      {g.lanes.map((lane) => {
        const [who, what] = TASKS[lane.task - 1].name.split(' — ');
        return (
          <g
            key={lane.task}
            className={`lane lane-${lane.task}`}
            role="heading"
            aria-level={3}
            aria-label={`Lane of task ${lane.task}: ${what}`}
          >
            <text x={lane.blockX + 4} y={18} className="lane-title">
              {who} —
            </text>
            <text x={lane.blockX + 4} y={36} className="lane-subtitle">
              {what}
            </text>
          </g>
        );
      })}
      <g aria-hidden="true">
        {g.ticks.map((t) => (
          <g key={t.k}>
            <line x1={g.lanes[0].x} x2={g.width} y1={t.y} y2={t.y} className="grid" />
            <text x={26} y={t.y + 4} className="tick" textAnchor="end">
              {t.k}
            </text>
          </g>
        ))}
        {notes.map((k) => (
          <text key={k} x={2} y={g.y(k - 0.5) + 5} className="note-mark">
            ✉
          </text>
        ))}
      </g>
    </>
  );
});

/** Lock holds, blocked intervals and hand-off arrows (spec facts from the worker). */
const Annotations = memo(function Annotations({
  result,
  g,
}: {
  result: SimOk;
  g: TimelineGeometry;
}) {
  const { holds, blocked, handOffs } = result.facts;
  return (
    <g>
      {blocked.map((b) => {
        const lane = laneOf(g, b.task);
        const { y0, y1 } = blockedExtent(g, b.from, b.to);
        const who = b.heldBy.map((t) => `task ${t}`).join(', ') || 'nobody';
        const title = `Task ${b.task} waits for ${lockTitle(b.lock)}, held by ${who} (states ${b.from}–${b.to})`;
        return (
          <g key={`b${b.task}-${b.from}`} className="blocked" role="img" aria-label={title}>
            <title>{title}</title>
            <rect
              x={lane.blockX}
              y={y0 + 1}
              width={lane.blockWidth}
              height={Math.max(2, y1 - y0 - 2)}
              rx={3}
            />
            {y1 - y0 >= ROW_HEIGHT - 2 && (
              <text x={lane.blockX + 8} y={(y0 + y1) / 2 + 4} className="blocked-label">
                {fitLabel(
                  `waits: ${lockTitle(b.lock)} held by ${who}`,
                  lane.blockWidth - 16,
                  SMALL_CHAR_PX,
                )}
              </text>
            )}
          </g>
        );
      })}
      {holds.map((h) => {
        const lane = laneOf(g, h.task);
        const { y0, y1 } = holdExtent(g, h.from, h.to);
        const x = lane.lockX[h.lock as LockName] ?? lane.lockX.mmap_lock;
        const title = `Task ${h.task} holds ${lockTitle(h.lock)} (${h.mode}) from step ${h.from}${h.to === null ? ' to the end' : ` to step ${h.to}`}`;
        return (
          <rect
            key={`h${h.task}-${h.lock}-${h.from}`}
            x={x}
            y={y0}
            width={LOCK_COL}
            height={Math.max(2, y1 - y0)}
            rx={2}
            className={`hold hold-${h.lock} hold-${h.mode}`}
          >
            <title>{title}</title>
          </rect>
        );
      })}
      {handOffs.map((h) => (
        <path
          key={`o${h.release}-${h.acquire}`}
          d={handOffPath(g, h.fromTask, h.release, h.toTask, h.acquire)}
          className="handoff"
          markerEnd="url(#arrowhead)"
        >
          <title>{`Step ${h.release} (task ${h.fromTask}) releases ${lockTitle(h.lock)}; that lets task ${h.toTask} take it at step ${h.acquire}`}</title>
        </path>
      ))}
    </g>
  );
});

/**
 * The fate rail beside the axis: one segment per step, by what is still possible after it.
 * Doomed is hatched as well as red, so the race window reads without colour.
 */
const FateRail = memo(function FateRail({
  fates,
  g,
}: {
  fates: readonly Fate[];
  g: TimelineGeometry;
}) {
  return (
    <g aria-hidden="true" className="fate-rail">
      {fates.slice(1).map((f, i) => (
        <rect
          key={i}
          x={31}
          y={g.y(i) + 0.5}
          width={9}
          height={ROW_HEIGHT - 1}
          className={`fate-seg fate-${f}`}
        />
      ))}
    </g>
  );
});

/** A dashed line above the first step where the two runs differ. */
function DivergenceLine({ g, k }: { g: TimelineGeometry; k: number }) {
  return (
    <line
      x1={g.lanes[0].x - 4}
      x2={g.width}
      y1={g.y(k)}
      y2={g.y(k)}
      className="divergence-line"
      aria-hidden="true"
    />
  );
}

/** Keys that stay with a turn when it moves: task 1's third turn is "1:2" wherever it runs. */
function turnKeys(steps: readonly TraceStep[]): string[] {
  const seen = [0, 0, 0];
  return steps.map((st) => `${st.task}:${seen[st.task]++}`);
}

function Blocks({
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

/** Outcome flags by the 1-based step that set them. */
function flagsByStep(result: SimOk): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const f of result.facts.flags) m.set(f.step, [...(m.get(f.step) ?? []), f.outcome]);
  return m;
}

/** ⚠ and the outcome, in the gutter beside the step that set the flag. */
function FlagMark({
  step,
  g,
  flags,
}: {
  step: TraceStep;
  g: TimelineGeometry;
  flags: string[] | undefined;
}) {
  if (!flags) return null;
  const lane = laneOf(g, step.task);
  return (
    <text
      x={step.task === 1 ? lane.innerX + 4 : lane.innerX - 4}
      y={g.y(step.index) + ROW_HEIGHT / 2 + 4}
      textAnchor={step.task === 1 ? 'start' : 'end'}
      className="block-flag"
    >
      ⚠ {flags.map((f) => OUTCOME_SHORT[f] ?? f).join(', ')}
    </text>
  );
}

/** DejaVu Sans Mono's advance is 0.602 em: ~6.93 px at 11.5 px, ~6.33 px at 10.5 px. */
const CHAR_PX = 6.93;
const SMALL_CHAR_PX = 6.33;

function fitLabel(label: string, px: number, charPx = CHAR_PX): string {
  const max = Math.floor(px / charPx);
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

/** The rectangle, number and label of a step (shared by both timelines). */
function BlockBody({
  step,
  g,
  fate,
  hasFateColumn = false,
}: {
  step: TraceStep;
  g: TimelineGeometry;
  fate?: Fate;
  hasFateColumn?: boolean;
}) {
  const lane = laneOf(g, step.task);
  const y = g.y(step.index);
  const label = fitLabel(
    shortLabel(step.stepId, step.label),
    lane.blockWidth - (hasFateColumn ? 50 : 36),
  );
  return (
    <>
      <rect
        x={lane.blockX + 1}
        y={y + 1.5}
        width={lane.blockWidth - 2}
        height={ROW_HEIGHT - 3}
        rx={4}
      />
      <text x={lane.blockX + 7} y={y + ROW_HEIGHT / 2 + 4} className="block-num">
        {step.index + 1}
      </text>
      <text x={lane.blockX + 30} y={y + ROW_HEIGHT / 2 + 4} className="block-label">
        {label}
      </text>
      {fate && (
        <text
          x={lane.blockX + lane.blockWidth - 9}
          y={y + ROW_HEIGHT / 2 + 4.5}
          textAnchor="middle"
          className={`fate-glyph fate-${fate}`}
        >
          {FATE_GLYPH[fate]}
        </text>
      )}
    </>
  );
}

interface StepBlockProps {
  readonly step: TraceStep;
  readonly g: TimelineGeometry;
  readonly isCurrent: boolean;
  readonly flags: string[] | undefined;
  readonly fate: Fate | undefined;
  readonly hasFateColumn: boolean;
  readonly isDivergence: boolean;
  readonly isDragged: boolean;
}

/**
 * A new schedule brings new step objects, but after a move most blocks show the same step at the
 * same place: compare what is drawn, so only the blocks that changed re-render.
 */
function isSameBlock(a: StepBlockProps, b: StepBlockProps): boolean {
  return (
    a.g === b.g &&
    a.step.index === b.step.index &&
    a.step.stepId === b.step.stepId &&
    a.step.label === b.step.label &&
    a.isCurrent === b.isCurrent &&
    a.flags?.join() === b.flags?.join() &&
    a.fate === b.fate &&
    a.hasFateColumn === b.hasFateColumn &&
    a.isDivergence === b.isDivergence &&
    a.isDragged === b.isDragged
  );
}

const StepBlock = memo(function StepBlock({
  step,
  g,
  isCurrent,
  flags,
  fate,
  hasFateColumn,
  isDivergence,
  isDragged,
}: StepBlockProps) {
  const { setCursor, hover, moveEvent } = useActions();
  const k = step.index + 1;
  const flagText = flags?.map((f) => OUTCOME_WORDS[f] ?? f).join(', ');
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
      className={`block task-${step.task}${flags ? ' flagged' : ''}${isDivergence ? ' diverges' : ''}${isDragged ? ' dragged' : ''}`}
      data-step-id={step.stepId}
      data-task={step.task}
      data-index={step.index}
      data-fate={fate}
      data-divergence={isDivergence ? 'true' : undefined}
      aria-current={isCurrent ? 'step' : undefined}
      role="button"
      tabIndex={0}
      aria-label={`Go to step ${k}, task ${step.task}: ${step.label}${flagText ? ` (${flagText})` : ''}`}
      aria-description={fate ? `After it, ${FATE_WORDS[fate]}.` : undefined}
      aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
      onClick={() => setCursor(k)}
      onKeyDown={onKey}
      onPointerEnter={() => hover(step.index)}
      onPointerLeave={() => hover(null)}
      onFocus={() => hover(step.index)}
      onBlur={() => hover(null)}
    >
      <BlockBody step={step} g={g} fate={fate} hasFateColumn={hasFateColumn} />
      <FlagMark step={step} g={g} flags={flags} />
    </g>
  );
}, isSameBlock);

/*
 * The cursor's marks live in HTML layers above and below the SVG and move by transform only, so
 * a step repaints no SVG: the shaded band behind the steps already run, the cursor line between
 * steps, and a ring around the block of the step at the cursor.
 */

function PastBand({ g }: { g: TimelineGeometry }) {
  const cursor = useApp((s) => s.playback.cursor);
  const top = g.y(0);
  const full = g.y(g.n) - top;
  const x = g.lanes[0].x;
  return (
    <div
      className="past-clip"
      aria-hidden="true"
      style={{ top, left: x, width: g.width - x, height: full }}
    >
      <div
        className="past-band"
        style={{ transform: `translateY(${g.y(Math.min(cursor, g.n)) - top - full}px)` }}
      />
    </div>
  );
}

function CursorOverlay({ g, result }: { g: TimelineGeometry; result: SimOk }) {
  const cursor = useApp((s) => s.playback.cursor);
  const task = cursor > 0 ? result.trace.steps[cursor - 1]?.task : undefined;
  const y = g.y(Math.min(cursor, g.n));
  const lane = task ? laneOf(g, task) : undefined;
  return (
    <>
      <div
        className="cursor-line"
        aria-hidden="true"
        style={{
          left: g.lanes[0].x - 12,
          width: g.width - g.lanes[0].x + 10,
          transform: `translateY(${y}px)`,
        }}
      />
      {lane && (
        <div
          className={`cursor-ring task-${task}`}
          aria-hidden="true"
          style={{
            width: lane.blockWidth + 2,
            height: ROW_HEIGHT + 1,
            transform: `translate(${lane.blockX - 1}px, ${g.y(cursor - 1)}px)`,
          }}
        />
      )}
    </>
  );
}
