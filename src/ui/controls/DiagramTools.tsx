import { useCallback, useContext, useMemo, useState } from 'react';
import type { Notice } from '../../state/index.ts';
import { focusStepBlock } from '../timeline/useFocusAfterEdit.ts';
import { StoreContext, useActions, useApp } from '../useApp.ts';
import { DiagramView } from './DiagramView.tsx';
import { OpenDiagram } from './OpenDiagram.tsx';
import { useCopyStatus } from './useCopyStatus.ts';
import { useDiagramPaste } from './useDiagramPaste.ts';

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * The schedule as a mailing-list diagram: copy it for a reply, see it (for browsers that refuse
 * the clipboard), and open one pasted from an e-mail, in a dialog or anywhere on the page. A
 * diagram that cannot be opened leaves its text in the dialog, beside the store's reason.
 */
export function DiagramTools() {
  const store = useContext(StoreContext);
  const { diagramText, openDiagram } = useActions();
  const lanes = useApp((s) => s.sim.result?.info.lanes);
  const keys = useMemo(() => lanes?.map((l) => l.key) ?? [], [lanes]);
  const [status, copy] = useCopyStatus();
  const [problem, setProblem] = useState<string | null>(null);
  /** The diagram on show, null while its dialog is closed. */
  const [shown, setShown] = useState<string | null>(null);
  /** The Open dialog's draft, null while it is closed. */
  const [draft, setDraft] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Notice | null>(null);

  /** The diagram of the schedule now, or null after saying why there is none. */
  const fetchDiagram = async (): Promise<string | null> => {
    try {
      setProblem(null);
      return await diagramText();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return null;
    }
  };

  /** Opens `text`; when it cannot be, the Open dialog keeps it beside the reason. */
  const openText = useCallback(
    async (text: string): Promise<boolean> => {
      if (await openDiagram(text)) return true;
      setRefusal(store?.getState().view.notice ?? null);
      setDraft(text);
      return false;
    },
    [openDiagram, store],
  );
  useDiagramPaste(
    keys,
    useCallback((text: string) => void openText(text), [openText]),
  );

  return (
    <div className="diagram-tools">
      <span className="copy-status" role="status">
        {problem ??
          (status === 'copied'
            ? '✓ E-mail diagram of this schedule copied'
            : status === 'failed'
              ? 'Could not copy: here it is, to copy by hand'
              : '')}
      </span>
      <button
        type="button"
        disabled={keys.length === 0}
        onClick={async () => {
          const text = await fetchDiagram();
          if (text !== null && !(await copy(text))) setShown(text);
        }}
      >
        Copy as e-mail diagram
      </button>
      <button
        type="button"
        disabled={keys.length === 0}
        onClick={async () => setShown(await fetchDiagram())}
      >
        Show diagram
      </button>
      <button
        type="button"
        disabled={keys.length === 0}
        onClick={() => {
          setRefusal(null);
          setDraft('');
        }}
      >
        Open a diagram…
      </button>
      <DiagramView text={shown} onClose={() => setShown(null)} />
      <OpenDiagram
        text={draft}
        refusal={refusal}
        onText={setDraft}
        onOpen={openText}
        onOpened={async () => {
          // The new schedule is on the timeline: focus goes there, to the step at the cursor,
          // once React has drawn it.
          await nextFrame();
          focusStepBlock(Math.max((store?.getState().playback.cursor ?? 1) - 1, 0));
        }}
        onClose={() => {
          setDraft(null);
          setRefusal(null);
        }}
      />
    </div>
  );
}
