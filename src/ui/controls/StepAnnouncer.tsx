import { useState } from 'react';
import { taskName, type AppState } from '../../state/index.ts';
import { useApp } from '../useApp.ts';

/**
 * What a screen reader hears for the cursor: the step just taken, by its task (as the lanes name
 * it, `task 2.1`) and kernel label.
 */
function announcementOf(s: AppState): string {
  const result = s.sim.result;
  if (!result) return '';
  const n = result.trace.steps.length;
  const cursor = s.playback.cursor;
  if (cursor === 0) return `Initial state, before step 1 of ${n}`;
  const step = result.trace.steps[cursor - 1];
  return step ? `Step ${cursor} of ${n}: ${taskName(result, step.task)} ${step.label}` : '';
}

/**
 * A polite live region that speaks the step whenever the cursor or the schedule moves. The text
 * is selected as one string, so this re-renders only when what it would say changes, and it
 * stays empty until the first change: the page's first view is not read out twice.
 */
export function StepAnnouncer() {
  const text = useApp(announcementOf);
  // The text the page opened with, and whether the cursor or schedule has moved since: state
  // adjusted during render (React's pattern for "when a value changes"), so no extra commit.
  const [opening, setOpening] = useState<string | null>(null);
  const [hasMoved, setHasMoved] = useState(false);
  if (opening === null && text !== '') setOpening(text);
  else if (opening !== null && !hasMoved && text !== opening) setHasMoved(true);
  return (
    <p className="sr-only" aria-live="polite" aria-atomic="true">
      {hasMoved ? text : ''}
    </p>
  );
}
