import { memo } from 'react';
import { useActions, useApp } from '../useApp.ts';
import { useLaterCursor } from '../useLaterCursor.ts';

/**
 * The thread's argument: the steps the e-mails talk about, in order, as the scenario's notes
 * place them on this run. The note of the step at the cursor is open; the others are one line
 * with a jump.
 */
export const EmailNotes = memo(function EmailNotes() {
  const notes = useApp((s) => s.sim.result?.notes);
  const thread = useApp((s) => s.sim.result?.info.provenance?.thread);
  const cursor = useLaterCursor();
  const { setCursor } = useActions();
  if (!notes || notes.length === 0) return null;
  const first = thread?.[0];
  const dates = thread?.map((t) => t.date).sort() ?? [];
  return (
    <section className="card notes" aria-labelledby="notes-title">
      <h2 id="notes-title">
        The e-mail’s argument{' '}
        {first && (
          <a className="subtle" href={first.url} target="_blank" rel="noreferrer">
            the thread, {dates[0]}
            {dates.at(-1) !== dates[0] ? ` to ${dates.at(-1)}` : ''}
          </a>
        )}
      </h2>
      <ol>
        {notes.map((note) => {
          const open = note.k === cursor;
          return (
            <li
              key={`${note.step}@${note.k}`}
              className={open ? 'open' : undefined}
              aria-current={open ? 'step' : undefined}
            >
              <button type="button" className="note-jump" onClick={() => setCursor(note.k)}>
                <span className="note-step">Step {note.k}</span> {note.title}
              </button>
              {open && (
                <div className="note-body">
                  <p>{note.text}</p>
                  <p className="note-who">
                    — {note.who}, in our words
                    {note.url && (
                      <>
                        {' '}
                        <a href={note.url} target="_blank" rel="noreferrer">
                          (the message)
                        </a>
                      </>
                    )}
                  </p>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
});
