import { useCallback, useEffect, useState } from 'react';
import { CopyLink } from './controls/CopyLink.tsx';
import { DiagramTools } from './controls/DiagramTools.tsx';
import { EditBar } from './controls/EditBar.tsx';
import { KeyboardHelp } from './controls/KeyboardHelp.tsx';
import { NoticeBanner } from './controls/NoticeBanner.tsx';
import { ScenarioAbout } from './controls/ScenarioAbout.tsx';
import { ScenarioBar } from './controls/ScenarioBar.tsx';
import { StepAnnouncer } from './controls/StepAnnouncer.tsx';
import { Transport } from './controls/Transport.tsx';
import { useKeyboard } from './controls/useKeyboard.ts';
import { usePlayback } from './controls/usePlayback.ts';
import { EmailNotes } from './panels/EmailNotes.tsx';
import { ExplorationPanel } from './panels/ExplorationPanel.tsx';
import { FixDiffPanel } from './panels/FixDiffPanel.tsx';
import { OutcomePanel } from './panels/OutcomePanel.tsx';
import { SourcePane } from './panels/SourcePane.tsx';
import { StatePanels } from './panels/StatePanels.tsx';
import { FateSummary } from './timeline/FateSummary.tsx';
import { Legend } from './timeline/Legend.tsx';
import { StepDetail } from './timeline/StepDetail.tsx';
import { Swimlanes } from './timeline/Swimlanes.tsx';
import { Provenance } from './Provenance.tsx';
import { SkipLinks } from './SkipLinks.tsx';
import { Tagline } from './Tagline.tsx';
import { useActions, useApp } from './useApp.ts';

/**
 * True from the frame after the first paint with data: the below-the-fold source pane renders
 * then, so it does not delay the first view (the docked step explanation shows the lines at the
 * cursor meanwhile).
 */
function useAfterFirstPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    const id = requestAnimationFrame(() => setTimeout(() => setAfter(true), 0));
    return () => cancelAnimationFrame(id);
  }, [ready, after]);
  return after;
}

/**
 * After the first paint with data: a performance mark for the page benchmark, and the signal
 * that lets the page report itself idle.
 */
function useFirstPaintMark(ready: boolean, onFirstPaint: () => void) {
  useEffect(() => {
    if (!ready || performance.getEntriesByName('interleave:first-render').length > 0) return;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        performance.mark('interleave:first-render');
        onFirstPaint();
      };
      ch.port2.postMessage(0);
    });
  }, [ready, onFirstPaint]);
}

export function App({ onFirstPaint }: { onFirstPaint: () => void }) {
  const actions = useActions();
  const ready = useApp((s) => s.sim.result !== null);
  const playing = useApp((s) => s.playback.playing);
  const speed = useApp((s) => s.playback.speed);
  const isComparing = useApp((s) => s.compare.variant !== null);
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((o) => !o), []);
  useKeyboard(actions, toggleHelp);
  usePlayback(playing, speed, actions);
  useFirstPaintMark(ready, onFirstPaint);
  const showSource = useAfterFirstPaint(ready);
  return (
    <div className="app">
      <SkipLinks />
      <header className="masthead">
        <div>
          <h1>Interleave</h1>
          <Tagline />
          {ready && <ScenarioAbout />}
        </div>
        <div className="masthead-actions">
          <CopyLink />
          <DiagramTools />
        </div>
      </header>
      {ready ? (
        <main className={`workspace${isComparing ? ' is-comparing' : ''}`}>
          {/* One screen: the controls, the timeline and the evidence at the cursor. */}
          <div className="screen">
            <ScenarioBar />
            {/* The status line and the transport stay together (styles.css, keyboard path). */}
            <div className="control-bar">
              <NoticeBanner />
              <Transport onHelp={toggleHelp} />
            </div>
            <div className="deck">
              <section className="card timeline" aria-labelledby="timeline-title">
                <h2 id="timeline-title" className="sr-only">
                  Timeline
                </h2>
                <EditBar />
                <FateSummary />
                <Swimlanes />
                <Legend />
              </section>
              <div className="dock">
                <StepDetail />
                <OutcomePanel />
              </div>
            </div>
          </div>
          <div className="more">
            <StatePanels />
            <ExplorationPanel />
            <EmailNotes />
            {showSource && <SourcePane />}
            <FixDiffPanel />
          </div>
        </main>
      ) : (
        <main className="workspace loading" aria-busy="true">
          <p>Replaying the scenario’s interleaving in the simulator…</p>
        </main>
      )}
      <Provenance />
      <StepAnnouncer />
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
