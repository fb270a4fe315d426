import { memo, useMemo } from 'react';
import { statesOf, stepIdsOf, VARIANTS } from '../../state/index.ts';
import { placeNotes, THREAD_URL } from '../content/email-notes.ts';
import { useActions, useApp } from '../useApp.ts';

/**
 * The e-mail's argument: the steps the March 2023 thread talks about, in order. The note of the
 * step at the cursor is open; the others are one line with a jump.
 */
export const EmailNotes = memo(function EmailNotes() {
  const result = useApp((s) => s.sim.result);
  const cursor = useApp((s) => s.playback.cursor);
  const { setCursor } = useActions();
  const variant = useApp((s) => s.scenario.variant);
  const notes = useMemo(
    () => (result ? placeNotes(stepIdsOf(result), statesOf(result), VARIANTS[variant]) : []),
    [result, variant],
  );
  if (notes.length === 0) return null;
  return (
    <section className="card notes" aria-labelledby="notes-title">
      <h2 id="notes-title">
        The e-mail’s argument{' '}
        <a className="subtle" href={THREAD_URL} target="_blank" rel="noreferrer">
          linux-mm, March 2023
        </a>
      </h2>
      <ol>
        {notes.map((note) => {
          const open = note.k === cursor;
          return (
            <li
              key={note.step}
              className={open ? 'open' : undefined}
              aria-current={open ? 'step' : undefined}
            >
              <button type="button" className="note-jump" onClick={() => setCursor(note.k)}>
                <span className="note-step">Step {note.k}</span> {note.title}
              </button>
              {open && (
                <div className="note-body">
                  <p>{note.text}</p>
                  <p className="note-who">— {note.who}, in our words</p>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
});
