import type { ReactNode } from 'react';
import type { Fate } from '../../core/index.ts';
import { fateTurns, type SimOk } from '../../state/index.ts';
import { FATE_GLYPH } from '../content/fate-words.ts';
import { useActions, useApp } from '../useApp.ts';

const NONE: readonly Fate[] = [];

/**
 * One sentence above the timeline once the schedule's fates are known: this schedule's point of no
 * return (the step after which the bad outcome is unavoidable) or where the danger passes. (The
 * race window, the gap the other task's writes land in, is drawn on the timeline itself.)
 */
export function FateSummary() {
  const result = useApp((s) => s.sim.result);
  // Right after an edit the fates of the new schedule are a frame behind; the sentence keeps the
  // last one meanwhile rather than vanish and shift the timeline.
  const fates = useApp((s) => (s.explore.isOn && s.explore.current?.fates) || NONE);
  const byOutcome = useApp((s) => s.explore.current?.fatesByOutcome);
  const { setCursor } = useActions();
  if (!result || fates.length === 0 || fates.length > result.trace.steps.length + 1 || !byOutcome)
    return null;
  const { doomedFrom, safeFrom } = fateTurns(fates);
  const n = result.trace.steps.length;
  let glyph: Fate;
  let body: ReactNode;
  let go: number | null = null;
  if (fates[0] === 'safe') {
    glyph = 'safe';
    body = <>No order of this variant can go wrong: every step is safe from the start.</>;
  } else if (doomedFrom !== null) {
    glyph = 'doomed';
    go = doomedFrom;
    const outcomes = result.info.outcomes
      .filter((o) => o.bad)
      .map((o) => o.name)
      .filter((o) => byOutcome[o]?.[doomedFrom] === 'doomed');
    const what = outcomes.length > 0 ? outcomes.join(' + ') : 'a bad outcome';
    body = (
      <>
        <strong>Point of no return:</strong>{' '}
        {doomedFrom > 1
          ? `through step ${doomedFrom - 1} another order could still avoid the ${what}; `
          : ''}
        from step {doomedFrom} (<code>{stepLabel(result, doomedFrom)}</code>, task{' '}
        {taskKey(result, result.trace.steps[doomedFrom - 1].task)}) it is{' '}
        <strong>unavoidable</strong>.
      </>
    );
  } else if (safeFrom !== null) {
    glyph = 'safe';
    go = safeFrom;
    body = (
      <>
        {safeFrom > 1 ? `Through step ${safeFrom - 1} a bad outcome was still possible; ` : ''}
        after step {safeFrom} (<code>{stepLabel(result, safeFrom)}</code>) no order can go wrong any
        more.
      </>
    );
  } else {
    glyph = 'open';
    body = <>A bad outcome stays possible through all {n} steps.</>;
  }
  return (
    <p className="fate-summary" data-fate-summary={glyph}>
      <span className={`fate-glyph fate-${glyph}`} aria-hidden="true">
        {FATE_GLYPH[glyph]}
      </span>
      <span>
        {body}{' '}
        {go !== null && (
          <button type="button" className="link-button" onClick={() => setCursor(go)}>
            Go to step {go}
          </button>
        )}
      </span>
    </p>
  );
}

function stepLabel(r: SimOk, k: number): string {
  return r.trace.steps[k - 1]?.label ?? '';
}

function taskKey(r: SimOk, task: number): string {
  return r.info.lanes[task - 1]?.key ?? String(task);
}
