/**
 * Why an outcome fired, drawn from a trace: which field values the firing step read, which
 * earlier steps wrote those values, and, followed back, which values those steps read in turn;
 * plus the race window, the stretch of the affected task that another task's writes slipped
 * into. Step numbers are 1-based positions in the schedule, 0 the initial state, as in
 * timeline.ts.
 */
import type { FieldValue, TaskId } from './engine.ts';
import type { Trace } from './replay.ts';
import { runStep, type StepRun } from './scenario/access.ts';
import type { ScenarioDoc } from './scenario/document.ts';
import type { CompiledScenario } from './scenario/instance.ts';
import { formatFieldValue } from './scenario/present.ts';
import { timelineFacts } from './timeline.ts';

/** A field a step changed, with its value before and after. */
export interface FieldChange {
  readonly field: string;
  readonly from: FieldValue;
  readonly to: FieldValue;
}

/** A write → read link: step `from` gave `field` the value `new` that step `to` read. */
export interface CausalEdge {
  /** The writer (0: the value was there from the start). */
  readonly from: number;
  /** The reader. */
  readonly to: number;
  readonly field: string;
  /** The field's value before the writer, and after it (the value the reader saw). */
  readonly old: FieldValue;
  readonly new: FieldValue;
}

/** The affected task's stretch from its last step before another task's first causal write. */
export interface RaceWindow {
  readonly task: TaskId;
  /** That last step (0: the task had not run yet). */
  readonly from: number;
  /** The step where the outcome fires. */
  readonly to: number;
}

export interface CausalChain {
  readonly outcome: string;
  /** The step after which the outcome's flag is first set, and its task. */
  readonly step: number;
  readonly task: TaskId;
  /** Deduplicated, ordered by reader, then writer, then field. */
  readonly edges: readonly CausalEdge[];
  /** Absent when no other task's write is in the chain: the task did it alone. */
  readonly window?: RaceWindow;
}

export interface CausalChainOptions {
  /**
   * How many steps back to follow: 1 gives only the firing step's own reads (and its task's
   * branch decisions), each further level the reads of the writers found so far. Default 4.
   */
  readonly depth?: number;
  /**
   * Also draw reads of values no step changed, as edges from 0. Off by default: every step
   * reads such constants-in-practice, and the edges would bury the ones that explain.
   */
  readonly initial?: boolean;
}

/** The default number of levels: enough to reach the decisions that set a writer on its path. */
const DEFAULT_DEPTH = 4;

/** The state view after step `k` (0: the initial state). */
function viewAfter(trace: Trace, k: number) {
  return k === 0 ? trace.initial : trace.steps[k - 1].state;
}

/**
 * The fields step `k` (1-based) changed, each with its value before and after, in the trace's
 * order. The CLI prints these and the causal chain labels its edges with them.
 */
export function stepChanges(trace: Trace, k: number): FieldChange[] {
  const before = viewAfter(trace, k - 1);
  const after = viewAfter(trace, k);
  return trace.steps[k - 1].changed.map((field) => ({
    field,
    from: before[field],
    to: after[field],
  }));
}

/** `0x301 → 0x0`: a field's old and new value in the document's notation. */
export function formatValueChange(
  doc: ScenarioDoc,
  field: string,
  from: FieldValue,
  to: FieldValue,
): string {
  return `${formatFieldValue(doc, field, from)} → ${formatFieldValue(doc, field, to)}`;
}

/** `flags 0x301 → 0x0`: the label of a change, and of a causal edge. */
export function formatChange(doc: ScenarioDoc, c: FieldChange): string {
  return `${c.field} ${formatValueChange(doc, c.field, c.from, c.to)}`;
}

/** The label of a causal edge: the field and the change its writer made. */
export function formatEdge(doc: ScenarioDoc, e: CausalEdge): string {
  return formatChange(doc, { field: e.field, from: e.old, to: e.new });
}

/**
 * The causal chain of a flag outcome in `trace`, or undefined when the flag is never set by a
 * step (never, or already in the initial state) or `outcome` is not a flag outcome: DEADLOCK
 * and final predicates are facts of the last state, fired by no step, so there is no reader to
 * start from (a deadlock's waits are drawn as blocked spans and hand-offs in timeline.ts).
 *
 * How it is built, and why:
 * - Start at the firing step. For each field it read (reads of the state before it, see
 *   `runStep`), the writer is the last earlier step that **changed** the field. A later step
 *   that stored the same value again changed nothing a reader could tell, so the edge goes to
 *   the step that produced the value, and every edge shows a real old → new change.
 * - Follow each writer the same way, breadth first, each step once, up to `depth` levels. A
 *   visited step contributes its own reads (guard, the tests of the branches it took, the
 *   values it computed, its branch target) and the branch-target reads of every earlier step of
 *   its task: those decisions brought the task to that step. Their other reads are not
 *   followed: they decided what those steps wrote, not where the task went.
 * - Only fields: locks show as hand-offs, program order as the lane itself.
 * - The window is the affected (firing) task's stretch from its last step before the earliest
 *   writer in the chain that belongs to another task, to the firing step.
 */
export function causalChain(
  scenario: CompiledScenario,
  trace: Trace,
  outcome: string,
  options: CausalChainOptions = {},
): CausalChain | undefined {
  const info = scenario.lowered.outcomes.find((o) => o.name === outcome);
  if (info?.kind !== 'flag') return undefined;
  const mark = timelineFacts(scenario, trace).flags.find((f) => f.outcome === outcome);
  if (!mark) return undefined;
  const maxDepth = options.depth ?? DEFAULT_DEPTH;
  const fired = mark.step;
  const taskOf = (k: number) => trace.steps[k - 1].task;
  const runs: StepRun[] = trace.steps
    .slice(0, fired)
    .map((st, i) => runStep(scenario, trace.raw[i], st.task));

  const lastChange = (field: string, before: number): number => {
    for (let j = before - 1; j >= 1; j--) if (trace.steps[j - 1].changed.includes(field)) return j;
    return 0;
  };
  const edges = new Map<string, CausalEdge>();
  const depthOf = new Map<number, number>([[fired, 0]]);
  const queue = [fired];
  const link = (field: string, reader: number, depth: number) => {
    const w = lastChange(field, reader);
    if (w === 0 && !options.initial) return;
    const key = `${w} ${reader} ${field}`;
    if (!edges.has(key)) {
      const old = viewAfter(trace, Math.max(0, w - 1))[field];
      edges.set(key, { from: w, to: reader, field, old, new: viewAfter(trace, w)[field] });
    }
    if (w > 0 && depth + 1 < maxDepth && !depthOf.has(w)) {
      depthOf.set(w, depth + 1);
      queue.push(w);
    }
  };
  // Per task, the steps before this one have had their branch decisions linked already.
  const decisionsDone = new Map<TaskId, number>();
  for (let h = 0; h < queue.length; h++) {
    const k = queue[h];
    const depth = depthOf.get(k)!;
    for (const f of runs[k - 1].reads) link(f, k, depth);
    const task = taskOf(k);
    const done = decisionsDone.get(task) ?? 0;
    for (let j = done + 1; j < k; j++) {
      if (taskOf(j) === task) for (const f of runs[j - 1].branchReads) link(f, j, depth);
    }
    decisionsDone.set(task, Math.max(done, k - 1));
  }

  const list = [...edges.values()].sort(
    (a, b) => a.to - b.to || a.from - b.from || a.field.localeCompare(b.field),
  );
  const foreign = list.filter((e) => e.from > 0 && taskOf(e.from) !== mark.task);
  let window: RaceWindow | undefined;
  if (foreign.length > 0) {
    const first = Math.min(...foreign.map((e) => e.from));
    let from = 0;
    for (let j = first - 1; j >= 1 && from === 0; j--) if (taskOf(j) === mark.task) from = j;
    window = { task: mark.task, from, to: fired };
  }
  return {
    outcome,
    step: fired,
    task: mark.task,
    edges: list,
    ...(window ? { window } : {}),
  };
}
