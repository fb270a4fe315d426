import { memo, useMemo, useRef, type KeyboardEvent } from 'react';
import { TASKS, VARIANTS, type TraceStep, type KsmState } from '../../core/index.ts';
import { statesOf, stepIdsOf, type SimOk } from '../../state/index.ts';
import { placeNotes } from '../content/email-notes.ts';
import { shortLabel } from '../content/short-labels.ts';
import { OUTCOME_SHORT, OUTCOME_WORDS } from '../content/outcome-words.ts';
import { useActions, useApp } from '../useApp.ts';
import { useElementWidth } from '../useElementWidth.ts';
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

/** The swimlanes: steps, lock holds, waits, hand-offs, outcome flags and the cursor. */
export function Swimlanes() {
  const result = useApp((s) => s.sim.result);
  const wrap = useRef<HTMLDivElement>(null);
  const width = useElementWidth(wrap, 640);
  const n = result?.trace.steps.length ?? 0;
  const g = useMemo(() => timelineLayout(n, width), [n, width]);
  return (
    <div ref={wrap} className="swimlanes">
      {result && (
        <div className="swimlanes-stage" style={{ width: g.width, height: g.height }}>
          <PastBand g={g} />
          <SwimlaneSvg result={result} g={g} />
          <CursorOverlay g={g} />
        </div>
      )}
    </div>
  );
}

function SwimlaneSvg({ result, g }: { result: SimOk; g: TimelineGeometry }) {
  return (
    <svg
      width={g.width}
      height={g.height}
      viewBox={`0 0 ${g.width} ${g.height}`}
      role="group"
      aria-label={`Timeline of ${g.n} steps: task 1 on the left, task 2 on the right, time running down`}
    >
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
      <Background result={result} g={g} />
      <Annotations result={result} g={g} />
      <Blocks result={result} g={g} />
    </svg>
  );
}

/** Lane headers, the axis and its grid: d3's ticks drawn as JSX. */
const Background = memo(function Background({ result, g }: { result: SimOk; g: TimelineGeometry }) {
  const variant = useApp((s) => s.scenario.variant);
  const notes = useMemo(
    () => placeNotes(stepIdsOf(result), statesOf(result), VARIANTS[variant]).map((n) => n.k),
    [result, variant],
  );
  return (
    <>
      {g.lanes.map((lane) => {
        const [who, what] = TASKS[lane.task - 1].name.split(' — ');
        return (
          <g key={lane.task} className={`lane lane-${lane.task}`}>
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
            <text x={28} y={t.y + 4} className="tick" textAnchor="end">
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
        const title = `Task ${b.task} waits for ${LOCK_TITLE[b.lock as LockName] ?? b.lock}, held by ${who} (states ${b.from}–${b.to})`;
        return (
          <g key={`b${b.task}-${b.from}`} className="blocked">
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
                  `waits: ${LOCK_TITLE[b.lock as LockName] ?? b.lock} held by ${who}`,
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
        const title = `Task ${h.task} holds ${LOCK_TITLE[h.lock as LockName] ?? h.lock} (${h.mode}) from step ${h.from}${h.to === null ? ' to the end' : ` to step ${h.to}`}`;
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
          <title>{`Step ${h.release} (task ${h.fromTask}) releases ${LOCK_TITLE[h.lock as LockName] ?? h.lock}; that lets task ${h.toTask} take it at step ${h.acquire}`}</title>
        </path>
      ))}
    </g>
  );
});

function Blocks({ result, g }: { result: SimOk; g: TimelineGeometry }) {
  const cursor = useApp((s) => s.playback.cursor);
  const flags = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const f of result.facts.flags) m.set(f.step, [...(m.get(f.step) ?? []), f.outcome]);
    return m;
  }, [result]);
  return (
    <g>
      {result.trace.steps.map((st) => (
        <StepBlock
          key={st.index}
          step={st}
          g={g}
          isCurrent={st.index + 1 === cursor}
          flags={flags.get(st.index + 1)}
        />
      ))}
    </g>
  );
}

/** DejaVu Sans Mono's advance is 0.602 em: ~6.93 px at 11.5 px, ~6.33 px at 10.5 px. */
const CHAR_PX = 6.93;
const SMALL_CHAR_PX = 6.33;

function fitLabel(label: string, px: number, charPx = CHAR_PX): string {
  const max = Math.floor(px / charPx);
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

const StepBlock = memo(function StepBlock({
  step,
  g,
  isCurrent,
  flags,
}: {
  step: TraceStep<KsmState>;
  g: TimelineGeometry;
  isCurrent: boolean;
  flags: string[] | undefined;
}) {
  const { setCursor, hover } = useActions();
  const lane = laneOf(g, step.task);
  const k = step.index + 1;
  const y = g.y(step.index);
  const label = fitLabel(shortLabel(step.stepId, step.label), lane.blockWidth - 36);
  const flagText = flags?.map((f) => OUTCOME_WORDS[f] ?? f).join(', ');
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      setCursor(k);
    }
  };
  return (
    <g
      className={`block task-${step.task}${flags ? ' flagged' : ''}`}
      data-step-id={step.stepId}
      data-task={step.task}
      data-index={step.index}
      aria-current={isCurrent ? 'step' : undefined}
      role="button"
      tabIndex={0}
      aria-label={`Go to step ${k}, task ${step.task}: ${step.label}${flagText ? ` (${flagText})` : ''}`}
      onClick={() => setCursor(k)}
      onKeyDown={onKey}
      onPointerEnter={() => hover(step.index)}
      onPointerLeave={() => hover(null)}
      onFocus={() => hover(step.index)}
      onBlur={() => hover(null)}
    >
      <rect
        x={lane.blockX + 1}
        y={y + 1.5}
        width={lane.blockWidth - 2}
        height={ROW_HEIGHT - 3}
        rx={4}
      />
      <text x={lane.blockX + 7} y={y + ROW_HEIGHT / 2 + 4} className="block-num">
        {k}
      </text>
      <text x={lane.blockX + 30} y={y + ROW_HEIGHT / 2 + 4} className="block-label">
        {label}
      </text>
      {flags && (
        <text
          x={step.task === 1 ? lane.innerX + 4 : lane.innerX - 4}
          y={y + ROW_HEIGHT / 2 + 4}
          textAnchor={step.task === 1 ? 'start' : 'end'}
          className="block-flag"
        >
          ⚠ {flags.map((f) => OUTCOME_SHORT[f] ?? f).join(', ')}
        </text>
      )}
    </g>
  );
});

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

function CursorOverlay({ g }: { g: TimelineGeometry }) {
  const cursor = useApp((s) => s.playback.cursor);
  const task = useApp((s) =>
    cursor > 0 ? s.sim.result?.trace.steps[cursor - 1]?.task : undefined,
  );
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
