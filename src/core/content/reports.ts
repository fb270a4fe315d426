/**
 * What the kernel would print for a run's outcomes, rendered from the document's report
 * templates (docs/scenario-format.md 3.15) and the trace: the task's comm and pid, the step,
 * the locks held in lockdep's format, earlier steps found by a condition, values of the state.
 * A DEADLOCK without a template gets the generic hung-task report (hung-task.ts).
 */
import type { State } from '../engine.ts';
import type { Trace } from '../replay.ts';
import type { CompiledScenario } from '../scenario/instance.ts';
import type { HoldSpan, TimelineFacts } from '../timeline.ts';
import { hungTaskReport } from './hung-task.ts';
import { acquiredIn, commOf, heldAt, lockWords, sourceLine } from './kernel-names.ts';
import {
  REPORT_LOCALS,
  type ReportPiece,
  type ReportTemplate,
  type ReportTests,
  type Segment,
} from './lowered.ts';

export interface ReportLine {
  readonly text: string;
  /** Shown dimmed: context the model does not cover. */
  readonly dim?: boolean;
  /** The line a reader should look at first. */
  readonly strong?: boolean;
}

export interface Report {
  readonly outcome: string;
  /** The step where a flag outcome first showed (1-based); null for an outcome of the end. */
  readonly step: number | null;
  /** Console text, or empty when the kernel prints nothing. */
  readonly console: readonly ReportLine[];
  /** One paragraph of explanation, as sentences. */
  readonly explain: string;
}

/**
 * The reports of the run's outcomes, in the document's order: the final outcomes of a complete
 * run, or the flags set so far. An outcome without a template reports its description; a
 * DEADLOCK without one, the hung-task report.
 */
export function reportsOf(sc: CompiledScenario, trace: Trace, facts: TimelineFacts): Report[] {
  const names = trace.outcomes.filter((o) => sc.outcomeNames.includes(o));
  return names.map((name) => {
    if (sc.lowered.content.reports[name]) return templateReport(sc, trace, facts, name);
    const info = sc.lowered.outcomes.find((o) => o.name === name);
    if (info?.kind === 'deadlock') return hungTaskReport(sc, trace, facts, name);
    const flag = facts.flags.find((f) => f.outcome === name);
    return {
      outcome: name,
      step: info?.kind === 'flag' ? (flag?.step ?? 0) : null,
      console: [],
      explain: sc.doc.outcomes.find((o) => o.name === name)?.description ?? '',
    };
  });
}

const retasked = new WeakMap<ReportTemplate, Map<number, ReportTemplate>>();

/**
 * The template as task `ordinal` runs it: every `holds()` node, lowered for task 1, asks about
 * `ordinal` instead. Nothing else in the IR depends on the running task.
 */
function retask(tpl: ReportTemplate, ordinal: number): ReportTemplate {
  if (ordinal === 0) return tpl;
  let byTask = retasked.get(tpl);
  if (!byTask) retasked.set(tpl, (byTask = new Map()));
  let out = byTask.get(ordinal);
  if (!out) {
    const copy = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(copy);
      if (v === null || typeof v !== 'object') return v;
      const o = v as Record<string, unknown>;
      if (o.k === 'holds') return { ...o, task: ordinal };
      return Object.fromEntries(Object.entries(o).map(([key, x]) => [key, copy(x)]));
    };
    byTask.set(ordinal, (out = copy(tpl) as ReportTemplate));
  }
  return out;
}

/** Everything a template reads while it is rendered. */
interface Run {
  readonly sc: CompiledScenario;
  readonly trace: Trace;
  readonly tpl: ReportTemplate;
  /** The report's step (the flag's, or the last) and the task that ran it (0-based). */
  readonly k: number;
  readonly ordinal: number;
  readonly before: State;
  readonly after: State;
  readonly held: readonly HoldSpan[];
  readonly locals: number[];
  readonly words: Map<string, string>;
  readonly finds: Map<string, number | null>;
  /** The held lock an `each: held` piece is at. */
  lock?: { readonly hold: HoldSpan; readonly index: number };
}

function templateReport(
  sc: CompiledScenario,
  trace: Trace,
  facts: TimelineFacts,
  name: string,
): Report {
  const low = sc.lowered.content.reports[name];
  const n = trace.steps.length;
  const flag = low.flag ? facts.flags.find((f) => f.outcome === name) : undefined;
  const k = low.flag ? (flag?.step ?? 0) : n;
  const ordinal = k > 0 ? trace.steps[k - 1].task - 1 : 0;
  const before = trace.raw[Math.max(0, k - 1)];
  const after = trace.raw[k];
  let index = 0;
  if (low.flag) {
    const { slots, indices } = low.flag;
    const fresh = slots.findIndex((s) => after[s] !== 0 && before[s] === 0);
    const j =
      fresh >= 0
        ? fresh
        : Math.max(
            0,
            slots.findIndex((s) => after[s] !== 0),
          );
    index = indices[j];
  }
  const tpl = retask(low.byIndex[index], ordinal);
  const held = k > 0 ? heldAt(facts, ordinal + 1, k) : [];
  const locals = [k, held.length, ordinal + 1, 0];
  const run: Run = {
    sc,
    trace,
    tpl,
    k,
    ordinal,
    before,
    after,
    held,
    locals,
    words: new Map(),
    finds: new Map(),
  };
  for (const w of tpl.words) {
    const alt = w.alts.find((a) => holds(run, a.if));
    run.words.set(w.name, alt ? textOf(run, alt.text) : '');
  }
  for (const f of tpl.finds) {
    const alt = f.alts.find((a) => holds(run, a.if));
    let found: number | null = null;
    for (let s = 1; alt && s <= k && found === null; s++) {
      if (
        sc.evaluate(alt.expr, trace.raw[s], locals) !== 0 &&
        sc.evaluate(alt.expr, trace.raw[s - 1], locals) === 0
      ) {
        found = s;
      }
    }
    run.finds.set(f.name, found);
    locals[REPORT_LOCALS.length + run.finds.size - 1] = found ?? 0;
  }
  const console: ReportLine[] = [];
  render(run, tpl.console, console, {});
  const explain: ReportLine[] = [];
  render(run, tpl.explain, explain, {});
  return {
    outcome: name,
    step: low.flag ? k : null,
    console,
    explain: explain.map((l) => l.text).join(''),
  };
}

function render(
  run: Run,
  pieces: readonly ReportPiece[],
  out: ReportLine[],
  style: { dim?: boolean; strong?: boolean },
): void {
  for (const p of pieces) {
    if (p.each === 'held') {
      run.held.forEach((hold, index) => {
        run.lock = { hold, index };
        run.locals[REPORT_LOCALS.indexOf('index')] = index;
        renderOne(run, p, out, style);
      });
      run.lock = undefined;
    } else renderOne(run, p, out, style);
  }
}

function renderOne(
  run: Run,
  p: ReportPiece,
  out: ReportLine[],
  inherited: { dim?: boolean; strong?: boolean },
): void {
  if (!holds(run, p.if)) return;
  const on = (v: boolean | ReportTests | undefined) =>
    v === true || (typeof v === 'object' && holds(run, v));
  const style = {
    dim: inherited.dim || on(p.dim),
    strong: inherited.strong || on(p.strong),
  };
  if (p.k === 'text') {
    out.push({
      text: textOf(run, p.text),
      ...(style.dim ? { dim: true } : {}),
      ...(style.strong ? { strong: true } : {}),
    });
  } else if (p.k === 'lines') {
    render(run, p.pieces, out, style);
  } else {
    const first = p.pieces.find((c) => holds(run, c.if));
    if (first) render(run, [first], out, style);
  }
}

function holds(run: Run, t: ReportTests | undefined): boolean {
  if (!t) return true;
  const { sc, trace, k } = run;
  const here = k > 0 ? trace.steps[k - 1] : undefined;
  if (t.step && !(here && t.step.includes(sc.steps.get(here.stepId)?.base ?? here.stepId))) {
    return false;
  }
  if (t.task !== undefined && (!here || sc.lowered.tasks[run.ordinal].ref !== t.task)) {
    return false;
  }
  if (t.before && sc.evaluate(t.before, run.before, run.locals) === 0) return false;
  if (t.after && sc.evaluate(t.after, run.after, run.locals) === 0) return false;
  if (t.found !== undefined && run.finds.get(t.found) == null) return false;
  if (t.missing !== undefined && run.finds.get(t.missing) != null) return false;
  if (t.by !== undefined) {
    const s = t.found === undefined ? null : run.finds.get(t.found);
    const task = s == null ? undefined : trace.steps[s - 1].task;
    if (task === undefined || sc.lowered.tasks[task - 1].ref !== t.by) return false;
  }
  if (t.lock !== undefined) {
    if (!run.lock || lockWords(sc, run.lock.hold.lock).base !== t.lock) return false;
  }
  if (t.is) {
    for (const [w, v] of Object.entries(t.is)) if (run.words.get(w) !== v) return false;
  }
  return true;
}

function textOf(run: Run, segs: readonly Segment[]): string {
  return segs
    .map((s) => {
      if (typeof s === 'string') return s;
      if ('ph' in s) return placeholder(run, s.ph);
      const v = run.sc.evaluate(s.expr, run.after, run.locals);
      if (s.format === 'bool') return String(v !== 0);
      if (s.format === 'int') return String(v);
      return s.format[v] ?? String(v);
    })
    .join('');
}

/** The step of a run as placeholders read it: `id`, `comm`, `pid`, `task`, `label`. */
function stepWords(run: Run, s: number, part: string): string {
  const st = run.trace.steps[s - 1];
  if (!st) return '';
  const def = run.sc.steps.get(st.stepId);
  switch (part) {
    case 'id':
      return st.stepId;
    case 'comm':
      return commOf(run.sc, st.task);
    case 'pid':
      return String(st.task);
    case 'task':
      return run.sc.tasks[st.task - 1]?.key ?? String(st.task);
    case 'label':
      return def?.label ?? st.stepId;
    case 'source':
      return sourceLine(def?.source);
    default:
      return '';
  }
}

function placeholder(run: Run, name: string): string {
  const { sc, k } = run;
  if (name === 'step') return String(k);
  if (name === 'kernel') return sc.lowered.content.kernel ?? '';
  if (['id', 'comm', 'pid', 'task', 'label', 'source'].includes(name)) {
    return stepWords(run, k, name);
  }
  if (run.words.has(name)) return run.words.get(name)!;
  const [head, part] = name.split('.');
  if (run.finds.has(head)) {
    const s = run.finds.get(head);
    if (s == null) return '';
    return part === undefined ? String(s) : stepWords(run, s, part);
  }
  if (head === 'lock' && run.lock) {
    const { hold } = run.lock;
    const w = lockWords(sc, hold.lock);
    switch (part) {
      case undefined:
        return w.lockdep;
      case 'usage':
        return w.usage;
      case 'mode':
        return hold.mode;
      case 'since':
        return String(hold.from);
      case 'at':
        return acquiredIn(sc, run.trace, hold);
    }
  }
  return '';
}
