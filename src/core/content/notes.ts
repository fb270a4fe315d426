/**
 * Notes at the steps a thread talks about (the document's `notes`), placed on one run.
 */
import { messageUrl } from './links.ts';
import type { Trace } from '../replay.ts';
import type { CompiledScenario } from '../scenario/instance.ts';

/** A note placed after a step of a run. */
export interface NoteAt {
  /** The step the note follows, 1-based: the state after step k is where it applies. */
  readonly k: number;
  /** That step's instance id (`t2_get`, `t2_get.2`). */
  readonly step: string;
  readonly title: string;
  readonly text: string;
  /** Who said it. */
  readonly who: string;
  readonly messageId?: string;
  readonly url?: string;
}

/**
 * The notes that apply to this run, in step order (notes at the same step in document order).
 * A note sits at the first step of the run that is an instance of its document step and at which
 * its `when` holds in the state *before* that step (the situation the thread describes).
 */
export function notesOf(sc: CompiledScenario, trace: Trace): NoteAt[] {
  const docs = sc.doc.notes ?? [];
  const conds = sc.lowered.content.notes;
  const out: NoteAt[] = [];
  docs.forEach((n, ni) => {
    const mine = new Map(conds.filter((c) => c.note === ni).map((c) => [c.step, c]));
    const i = trace.steps.findIndex((st) => {
      const c = mine.get(st.stepId);
      return c !== undefined && (!c.when || sc.evaluate(c.when, trace.raw[st.index]) !== 0);
    });
    if (i < 0) return;
    out.push({
      k: i + 1,
      step: trace.steps[i].stepId,
      title: n.title,
      text: n.text,
      who: n.who,
      ...(n.message_id !== undefined ? { messageId: n.message_id } : {}),
      ...(n.url !== undefined
        ? { url: n.url }
        : n.message_id !== undefined
          ? { url: messageUrl(n.message_id) }
          : {}),
    });
  });
  return out.sort((a, b) => a.k - b.k);
}
