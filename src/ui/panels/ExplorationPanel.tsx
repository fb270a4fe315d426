import { memo } from 'react';
import type { ExploreSummary } from '../../core/index.ts';
import {
  OUTCOMES,
  sameToggles,
  VARIANTS,
  type ExploreResponse,
  type ExploreSlice,
  type Toggles,
  type VariantId,
} from '../../state/index.ts';
import { formatCount, formatShare, VARIANT_SHORT } from '../content/counts.ts';
import { FATE_GLYPH } from '../content/fate-words.ts';
import { isBad, OUTCOME_SHORT } from '../content/outcome-words.ts';
import { useActions, useApp } from '../useApp.ts';

function togglesWords(t: Toggles): string {
  const on = [
    t.rmapNonempty ? 'rmap_list non-empty' : null,
    t.cursorAtSlot ? 'cursor at the slot' : null,
  ].filter(Boolean);
  return on.length === 0 ? 'default initial state' : on.join(', ');
}

function progressWords(p: ExploreSlice['progress']): string {
  if (!p) return 'Starting…';
  if (p.done === 0) return `Exploring this variant: ${formatCount(p.states)} states so far…`;
  return `Exploring all six variants: ${Math.min(p.done - 1, 6)} of 6 done…`;
}

/**
 * "Which orders break, and how many?" Runs the exhaustive explorer in the worker and shows the
 * exact counts for this variant, the shortest schedule to each bad outcome, and one table for
 * all six variants. The fates it returns shade the timeline.
 */
export function ExplorationPanel() {
  const status = useApp((s) => s.explore.status);
  const isOn = useApp((s) => s.explore.isOn);
  const progress = useApp((s) => s.explore.progress);
  const error = useApp((s) => s.explore.error);
  const variant = useApp((s) => s.scenario.variant);
  const toggles = useApp((s) => s.scenario.toggles);
  const current = useApp((s) =>
    s.explore.current?.variant === s.scenario.variant ? s.explore.current : null,
  );
  const all = useApp((s) =>
    sameToggles(s.explore.allToggles, s.scenario.toggles) ? s.explore.all : null,
  );
  const { startExplore, cancelExplore } = useActions();
  const isRunning = status === 'running';
  const statusText =
    status === 'cancelled'
      ? 'Exploration cancelled; nothing was counted.'
      : status === 'error'
        ? `The exploration stopped: ${error}.`
        : status === 'done' && current
          ? `Explored ${VARIANTS[variant].title}: ${formatCount(current.summary.reachableStates)} states, ${formatCount(current.summary.completeSchedules)} complete schedules.`
          : '';
  return (
    <section className="card exploration" aria-label="Exploration" aria-busy={isRunning}>
      <h2>
        Exploration <span className="subtle">every interleaving, {togglesWords(toggles)}</span>
      </h2>
      {!isOn && !current && (
        <p className="explore-intro">
          Which orders break, and how many? The explorer follows every interleaving of the two
          tasks, merging identical states, counts the complete schedules exactly per outcome, and
          finds the shortest schedule to each bug. It also shades each step of this schedule by what
          is still possible after it.
        </p>
      )}
      {(isRunning || !isOn) && (
        <div className="explore-actions">
          {!isRunning && (
            <button type="button" className="primary" onClick={() => void startExplore()}>
              Explore all interleavings
            </button>
          )}
          {isRunning && (
            <>
              <progress
                max={progress?.total ?? 1}
                value={progress?.done ?? 0}
                aria-label="Exploration progress"
              />
              <span className="explore-progress">{progressWords(progress)}</span>
              <button type="button" onClick={cancelExplore}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
      <p className="explore-status" role="status">
        {statusText}
      </p>
      {current && <CurrentCounts summary={current.summary} hasFates={current.fates.length > 0} />}
      {all && <AllVariants all={all} variant={variant} />}
    </section>
  );
}

/** Re-renders only when the counts change, not when new fates arrive after an edit. */
const CurrentCounts = memo(function CurrentCounts({
  summary,
  hasFates,
}: {
  summary: ExploreSummary;
  hasFates: boolean;
}) {
  const { loadWitness } = useActions();
  const total = summary.completeSchedules;
  return (
    <div className="explore-current">
      <dl className="explore-figures">
        <div>
          <dt>reachable states</dt>
          <dd data-figure="states">{formatCount(summary.reachableStates)}</dd>
        </div>
        <div>
          <dt>complete schedules</dt>
          <dd data-figure="schedules">{formatCount(total)}</dd>
        </div>
      </dl>
      <table className="outcome-counts" aria-label="Schedules per outcome">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">
              Schedules
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col">
              <span className="sr-only">Shortest schedule</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {OUTCOMES.map((o) => {
            const c = summary.schedulesWith[o] ?? 0n;
            const witness = summary.shortestWitness[o];
            const bad = isBad(o);
            return (
              <tr key={o} className={c === 0n ? 'is-zero' : bad ? 'is-bad' : 'is-clean'}>
                <th scope="row">
                  <span className="outcome-icon" aria-hidden="true">
                    {c === 0n ? '·' : bad ? '⚠' : '✓'}
                  </span>{' '}
                  {o}
                </th>
                <td className="num" data-outcome-count={o}>
                  {formatCount(c)}
                </td>
                <td className="num share">{formatShare(c, total)}</td>
                <td>
                  {witness && (
                    <button type="button" className="witness" onClick={() => void loadWitness(o)}>
                      Show shortest {o} schedule
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hasFates && (
        <p className="explore-note">
          The timeline’s steps are shaded by what is still possible after them:{' '}
          <span className="fate-glyph fate-open">{FATE_GLYPH.open}</span> avoidable,{' '}
          <span className="fate-glyph fate-doomed">{FATE_GLYPH.doomed}</span> unavoidable,{' '}
          <span className="fate-glyph fate-safe">{FATE_GLYPH.safe}</span> no longer possible.
        </p>
      )}
    </div>
  );
});

const AllVariants = memo(function AllVariants({
  all,
  variant,
}: {
  all: readonly ExploreResponse[];
  variant: VariantId;
}) {
  return (
    // Focusable, so a keyboard can scroll it sideways when the column is narrow.
    <div className="variants-scroll" tabIndex={0} role="region" aria-label="All six variants">
      <table className="variants-table">
        <caption>All six variants: complete schedules per outcome</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col" className="num">
              States
            </th>
            <th scope="col" className="num">
              Schedules
            </th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col" className="num">
                <abbr title={o}>{OUTCOME_SHORT[o] ?? o.toLowerCase()}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {all.map((r) => (
            <tr
              key={r.variant}
              data-variant={r.variant}
              aria-current={r.variant === variant ? 'true' : undefined}
            >
              <th scope="row" title={VARIANTS[r.variant].title}>
                {VARIANT_SHORT[r.variant]}
              </th>
              <td className="num">{formatCount(r.summary.reachableStates)}</td>
              <td className="num">{formatCount(r.summary.completeSchedules)}</td>
              {OUTCOMES.map((o) => {
                const c = r.summary.schedulesWith[o] ?? 0n;
                return (
                  <td
                    key={o}
                    className={`num${c === 0n ? ' is-zero' : isBad(o) ? ' is-bad' : ''}`}
                    data-outcome-count={o}
                  >
                    {formatCount(c)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
