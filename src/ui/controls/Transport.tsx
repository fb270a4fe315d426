import { SPEEDS, type Speed } from '../../state/index.ts';
import { useActions, useApp } from '../useApp.ts';
import { Position } from './Position.tsx';

function Icon({ d }: { d: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

const ICONS = {
  first: 'M2 2h2v12H2zM14 2v12L5 8z',
  back: 'M13 2v12L4 8z',
  forward: 'M3 2v12l9-6z',
  last: 'M12 2h2v12h-2zM2 2v12l9-6z',
  play: 'M3 2v12l11-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
};

/**
 * First / back / play–pause / forward / last, the speed, whether Play stops at the bug, and where
 * the cursor is (Position). Only whether the cursor is at either end reaches the controls, so a
 * step re-renders the position and not them.
 */
export function Transport({ onHelp }: { onHelp: () => void }) {
  const playing = useApp((s) => s.playback.playing);
  const speed = useApp((s) => s.playback.speed);
  const stopAtBug = useApp((s) => s.playback.stopAtBug);
  const n = useApp((s) => s.sim.result?.trace.steps.length ?? 0);
  const atStart = useApp((s) => s.playback.cursor === 0);
  const atEnd = useApp((s) => s.playback.cursor >= n);
  const a = useActions();
  const ready = n > 0;
  return (
    <section className="transport" aria-label="Stepping">
      <div className="transport-buttons">
        <button type="button" onClick={a.firstStep} disabled={!ready || atStart}>
          <Icon d={ICONS.first} /> First step
        </button>
        <button type="button" onClick={a.stepBack} disabled={!ready || atStart}>
          <Icon d={ICONS.back} /> Step back
        </button>
        <button
          type="button"
          className="play"
          onClick={a.togglePlay}
          disabled={!ready}
          aria-keyshortcuts="Space"
        >
          <Icon d={playing ? ICONS.pause : ICONS.play} /> {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={a.stepForward} disabled={!ready || atEnd}>
          Step forward <Icon d={ICONS.forward} />
        </button>
        <button type="button" onClick={a.lastStep} disabled={!ready || atEnd}>
          Last step <Icon d={ICONS.last} />
        </button>
      </div>
      <label className="speed">
        Speed{' '}
        <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} step{s === 1 ? '' : 's'}/s
            </option>
          ))}
        </select>
      </label>
      <label className="stop-at-bug">
        <input
          type="checkbox"
          checked={stopAtBug}
          onChange={(e) => a.setStopAtBug(e.target.checked)}
        />{' '}
        Stop at the bug
      </label>
      <Position />
      <button
        type="button"
        className="help-button"
        onClick={onHelp}
        aria-keyshortcuts="?"
        title="Keyboard shortcuts"
      >
        <span className="help-label">Keyboard shortcuts</span> <kbd>?</kbd>
      </button>
    </section>
  );
}
