import { Fragment, memo, useEffect, useRef } from 'react';
import type { ExploreSummary } from '../../core/index.ts';
import type { ScenarioInfo } from '../../core/index.ts';
import {
  paramsKey,
  variantTitle,
  type ExploreResponse,
  type ExploreSlice,
} from '../../state/index.ts';
import { formatCount, ofTotal } from '../content/counts.ts';
import { BadBrowser } from './BadBrowser.tsx';
import { SharedOrderings } from './SharedOrderings.tsx';
import { FATE_GLYPH } from '../content/fate-words.ts';
import { outcomeShort } from '../content/outcome-words.ts';
import { SINGLE_KEYS } from '../controls/shortcuts.ts';
import { useActions, useApp } from '../useApp.ts';

/** The parameters an exploration ran under: `Processes 2; rmap_list non-empty at start: no`. */
function paramsWords(info: ScenarioInfo): string {
  if (info.params.length === 0) return 'as declared';
  return info.params
    .map((p) =>
      p.type === 'bool' ? `${p.label}: ${p.value ? 'yes' : 'no'}` : `${p.label} ${String(p.value)}`,
    )
    .join('; ');
}

function progressWords(p: ExploreSlice['progress']): string {
  if (!p) return 'Starting…';
  if (p.done === 0) return `Exploring this variant: ${formatCount(p.states)} states so far…`;
  const n = p.total - 1;
  return `Exploring all ${n} variants: ${Math.min(p.done - 1, n)} of ${n} done…`;
}

/**
 * Focus for an exploration asked for with the button (or its key): on Cancel while it runs, as
 * the button has gone; then on the heading that says how it ended (the counts, a cancel, an
 * error). An exploration that re-runs by itself after an edit leaves focus alone.
 */
function useFocusOnResult(isRunning: boolean) {
  const explore = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLHeadingElement>(null);
  const isWanted = useRef(false);
  useEffect(() => {
    if (!isWanted.current) return;
    if (isRunning) {
      cancel.current?.focus();
      return;
    }
    isWanted.current = false;
    (result.current ?? explore.current)?.focus();
  }, [isRunning]);
  const requestFocus = () => {
    isWanted.current = true;
  };
  return { exploreRef: explore, cancelRef: cancel, resultRef: result, requestFocus };
}

/**
 * "Which orders break, and how many?" Runs the exhaustive explorer in the worker and shows the
 * exact counts for this variant, the shortest schedule to each bad outcome, and one table for
 * every variant of the scenario. The fates it returns shade the timeline.
 */
export function ExplorationPanel() {
  const status = useApp((s) => s.explore.status);
  const isOn = useApp((s) => s.explore.isOn);
  const progress = useApp((s) => s.explore.progress);
  const error = useApp((s) => s.explore.error);
  const variant = useApp((s) => s.scenario.variant);
  const info = useApp((s) => s.sim.result?.info);
  const current = useApp((s) =>
    s.explore.current?.variant === s.scenario.variant &&
    s.explore.currentKey === paramsKey(s.scenario)
      ? s.explore.current
      : null,
  );
  const all = useApp((s) => (s.explore.allKey === paramsKey(s.scenario) ? s.explore.all : null));
  const { startExplore, cancelExplore } = useActions();
  const isRunning = status === 'running';
  const { exploreRef, cancelRef, resultRef, requestFocus } = useFocusOnResult(isRunning);
  if (!info) return null;
  const statusText =
    status === 'cancelled'
      ? 'Exploration cancelled; nothing was counted.'
      : status === 'error'
        ? `The exploration stopped: ${error}.`
        : status === 'done' && current
          ? `Explored ${variantTitle(info, variant)}: ${formatCount(current.summary.reachableStates)} states, ${formatCount(current.summary.completeSchedules)} complete schedules.`
          : '';
  return (
    <section
      id="exploration"
      tabIndex={-1}
      className="card exploration"
      aria-label="Exploration"
      aria-busy={isRunning}
    >
      <h2>
        Exploration <span className="subtle">every interleaving, {paramsWords(info)}</span>
      </h2>
      {!isOn && !current && (
        <p className="explore-intro">
          Which orders break, and how many? The explorer follows every interleaving of the{' '}
          {info.lanes.length} tasks, merging identical states, counts the complete schedules exactly
          per outcome, and finds the shortest schedule to each bug. It also shades each step of this
          schedule by what is still possible after it.
        </p>
      )}
      {(isRunning || !isOn) && (
        <div className="explore-actions">
          {!isRunning && (
            <button
              ref={exploreRef}
              type="button"
              className="primary"
              aria-keyshortcuts={SINGLE_KEYS.explore.key}
              onClick={() => {
                requestFocus();
                void startExplore();
              }}
            >
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
              <button ref={cancelRef} type="button" onClick={cancelExplore}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
      <div role="status">
        {statusText && (
          // The result's heading: where focus lands when an exploration asked for here ends.
          <h3 ref={resultRef} className="explore-status" tabIndex={-1}>
            {statusText}
          </h3>
        )}
      </div>
      {current && (
        <CurrentCounts info={info} summary={current.summary} hasFates={current.fates.length > 0} />
      )}
      {all && <AllVariants info={info} all={all} variant={variant} />}
    </section>
  );
}

/** Re-renders only when the counts change, not when new fates arrive after an edit. */
const CurrentCounts = memo(function CurrentCounts({
  info,
  summary,
  hasFates,
}: {
  info: ScenarioInfo;
  summary: ExploreSummary;
  hasFates: boolean;
}) {
  const { loadWitness } = useActions();
  const total = summary.completeSchedules;
  const browsable = info.outcomes.filter(
    ({ name, bad }) => bad && (summary.schedulesWith[name] ?? 0n) > 0n,
  );
  // n / p walk the first bad outcome that has schedules.
  const keyed = browsable[0]?.name;
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
            <th scope="col">Schedules</th>
          </tr>
        </thead>
        <tbody>
          {info.outcomes.map(({ name: o, bad }) => {
            const c = summary.schedulesWith[o] ?? 0n;
            const witness = summary.shortestWitness[o];
            const kind = c === 0n ? 'is-zero' : bad ? 'is-bad' : 'is-clean';
            const hasActions = witness !== undefined || (bad && c > 0n);
            return (
              <Fragment key={o}>
                <tr className={kind}>
                  <th scope="row">
                    <span className="outcome-icon" aria-hidden="true">
                      {c === 0n ? '·' : bad ? '⚠' : '✓'}
                    </span>{' '}
                    {o}
                  </th>
                  <td>
                    <span className="num" data-outcome-count={o}>
                      {formatCount(c)}
                    </span>{' '}
                    <span className="share">{ofTotal(total)}</span>
                  </td>
                </tr>
                {hasActions && (
                  <tr className="outcome-actions">
                    <td colSpan={2}>
                      {witness && (
                        <button
                          type="button"
                          className="witness"
                          onClick={() => void loadWitness(o)}
                        >
                          Show shortest {o} schedule
                        </button>
                      )}
                      {bad && c > 0n && <BadBrowser outcome={o} total={c} hasKeys={o === keyed} />}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {browsable.map(({ name }) => (
        <SharedOrderings key={name} outcome={name} />
      ))}
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
  info,
  all,
  variant,
}: {
  info: ScenarioInfo;
  all: readonly ExploreResponse[];
  variant: string;
}) {
  const n = info.variants.length;
  return (
    // Focusable, so a keyboard can scroll it sideways when the column is narrow.
    <div className="variants-scroll" tabIndex={0} role="region" aria-label={`All ${n} variants`}>
      <table className="variants-table">
        <caption>All {n} variants: complete schedules per outcome</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col" className="num">
              States
            </th>
            <th scope="col" className="num">
              Schedules
            </th>
            {info.outcomes.map(({ name: o }) => (
              <th key={o} scope="col" className="num">
                <abbr title={o}>{outcomeShort(info, o)}</abbr>
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
              <th scope="row" title={variantTitle(info, r.variant)}>
                <span className="variant-short">{variantTitle(info, r.variant)}</span>
              </th>
              <td className="num">{formatCount(r.summary.reachableStates)}</td>
              <td className="num">{formatCount(r.summary.completeSchedules)}</td>
              {info.outcomes.map(({ name: o, bad }) => {
                const c = r.summary.schedulesWith[o] ?? 0n;
                return (
                  <td
                    key={o}
                    className={`num${c === 0n ? ' is-zero' : bad ? ' is-bad' : ''}`}
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
