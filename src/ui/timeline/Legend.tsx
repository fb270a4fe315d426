import { FATE_GLYPH, FATE_LEGEND } from '../content/fate-words.ts';
import { useApp } from '../useApp.ts';

/** What the marks on the timeline mean. Shapes and words, not colour alone. */
export function Legend() {
  const hasFates = useApp(
    (s) => s.explore.fatesFor !== null && s.explore.fatesFor === s.sim.result,
  );
  const isComparing = useApp((s) => s.compare.variant !== null);
  return (
    <ul className="legend" aria-label="Timeline legend">
      <li>
        <span className="sw sw-block-1" aria-hidden="true" /> task 1 step
      </li>
      <li>
        <span className="sw sw-block-2" aria-hidden="true" /> task 2 step
      </li>
      <li>
        <span className="sw sw-past" aria-hidden="true" /> already run
      </li>
      <li>
        <span className="sw sw-mmap-read" aria-hidden="true" /> mmap_lock, read (outlined)
      </li>
      <li>
        <span className="sw sw-mmap-write" aria-hidden="true" /> mmap_lock, write (solid)
      </li>
      <li>
        <span className="sw sw-mmlist" aria-hidden="true" /> ksm_mmlist_lock
      </li>
      <li>
        <span className="sw sw-blocked" aria-hidden="true" /> waiting for a lock
      </li>
      <li>
        <span className="sw-arrow" aria-hidden="true">
          ⟶
        </span>{' '}
        release lets the waiter in
      </li>
      <li>
        <span aria-hidden="true">⚠</span> outcome flag set
      </li>
      <li>
        <span aria-hidden="true">✉</span> the e-mail talks about this step
      </li>
      <li>
        <span className="sw-cursor" aria-hidden="true" /> cursor (between steps);{' '}
        <span className="sw sw-ring" aria-hidden="true" /> the step just taken
      </li>
      {hasFates &&
        FATE_LEGEND.map(([fate, words]) => (
          <li key={fate} className="legend-fate">
            <span className={`sw sw-fate sw-fate-${fate}`} aria-hidden="true" />
            <span className={`fate-glyph fate-${fate}`} aria-hidden="true">
              {FATE_GLYPH[fate]}
            </span>{' '}
            {words} after this step
          </li>
        ))}
      {isComparing && (
        <li>
          <span className="sw-diverge" aria-hidden="true" /> first step where the variants differ
        </li>
      )}
    </ul>
  );
}
