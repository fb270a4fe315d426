/**
 * Lowering the page's content of a document for one instance (docs/scenario-format.md 3.15):
 * pseudo-code lines filtered by their `when`, note conditions per instance step, and report
 * templates with every placeholder resolved and every expression lowered to IR. It runs inside
 * `lowerScenario`, with the same name resolution and the same problem places as the model, so a
 * mistake in content is reported at file:line:column when the file is read.
 */
import type { SourceRef } from '../engine.ts';
import type { Expr } from '../scenario/expr/ast.ts';
import { parseExpr } from '../scenario/expr/parse.ts';
import type {
  CodeLineDoc,
  DocPath,
  ReportPieceDoc,
  ReportTemplateDoc,
  ReportTestsDoc,
  ScenarioDoc,
  TextChoiceDoc,
} from '../scenario/document.ts';
import type { Ir } from '../scenario/ir.ts';
import { ExprProblem, lowerExpr, type Ctx } from '../scenario/lower.ts';
import {
  REPORT_LOCALS,
  type LoweredCodeLine,
  type LoweredContent,
  type LoweredNote,
  type LoweredReport,
  type ReportPiece,
  type ReportTemplate,
  type ReportTests,
  type Segment,
} from './lowered.ts';

/** What lowering content needs from the instance being lowered. */
export interface ContentEnv {
  readonly doc: ScenarioDoc;
  /** Parameters, features and constants; no task, no state. */
  readonly constCtx: Ctx;
  /** Fields and helpers as seen by task `ordinal` (`holds()` is that task's). */
  taskCtx(ordinal: number): Ctx;
  /** The instance's tasks in order, each step with the context its own expressions use. */
  readonly tasks: readonly {
    readonly ref: string;
    readonly steps: readonly { readonly id: string; readonly base: string; readonly ctx: Ctx }[];
  }[];
  /** Step ids each task ref declares in the document, in any variant. */
  readonly declared: ReadonlyMap<string, ReadonlySet<string>>;
  /** The field of a flag outcome: its `for` name, slots and the index of each slot. */
  flagOf(outcome: string):
    | {
        readonly name?: string;
        readonly slots: readonly number[];
        readonly indices: readonly number[];
      }
    | undefined;
  rangeOf(ctx: Ctx, text: string): { name: string; indices: number[] } | undefined;
  constOf(ctx: Ctx, text: string | number | boolean, what: string): number;
  chooseText(ctx: Ctx, choice: TextChoiceDoc): string;
  parseSource(text: string): SourceRef;
  /** Runs `f`; if it throws, records the problem at `path` and returns undefined. */
  attempt<T>(path: DocPath, f: () => T): T | undefined;
  problem(path: DocPath, message: string): void;
}

/**
 * Parsed expressions by text. Content repeats the same few expressions for every task, index and
 * instance step it is lowered for, and a syntax tree is immutable, so each text is parsed once.
 */
const parsed = new Map<string, Expr>();
function parse(text: string): Expr {
  let e = parsed.get(text);
  if (!e) parsed.set(text, (e = parseExpr(text)));
  return e;
}

const bind = (ctx: Ctx, name: string, ir: Ir): Ctx => {
  const bindings = new Map(ctx.bindings);
  bindings.set(name, { ir, type: 'int' });
  return { ...ctx, bindings };
};
const bindLocal = (ctx: Ctx, name: string, id: number) => bind(ctx, name, { k: 'local', id, name });

/** A condition: a number or boolean, never a step or an enum word. */
function lowerCond(ctx: Ctx, text: string | number | boolean): Ir {
  if (typeof text !== 'string') return { k: 'const', v: text === true || text === 1 ? 1 : 0 };
  const b = lowerExpr(parse(text), ctx);
  if (b.type === 'step' || typeof b.type === 'object') {
    throw new ExprProblem('expected a condition (true or false)', 0);
  }
  return b.ir;
}

/** Lowers every piece of content of the document for this instance. */
export function lowerContent(env: ContentEnv): LoweredContent {
  const kernelDoc = env.doc.reports?.kernel;
  const kernel =
    kernelDoc === undefined
      ? undefined
      : env.attempt(['reports', 'kernel'], () => env.chooseText(env.constCtx, kernelDoc));
  return {
    code: lowerCode(env),
    notes: lowerNotes(env),
    ...(kernel !== undefined ? { kernel } : {}),
    reports: lowerReports(env),
  };
}

// --- pseudo-code ------------------------------------------------------------------------------

function lowerCode(env: ContentEnv): Record<string, LoweredCodeLine[]> {
  const out: Record<string, LoweredCodeLine[]> = {};
  for (const [ref, lines] of Object.entries(env.doc.code ?? {})) {
    const declared = env.declared.get(ref);
    if (!declared) {
      env.problem(['code', ref], `there is no task ref "${ref}"`);
      continue;
    }
    const present = new Set(
      env.tasks.filter((t) => t.ref === ref).flatMap((t) => t.steps.map((s) => s.base)),
    );
    out[ref] = lines.flatMap((l, li) =>
      codeLine(env, ['code', ref, li], l, ref, declared, present),
    );
  }
  return out;
}

function codeLine(
  env: ContentEnv,
  path: DocPath,
  l: CodeLineDoc,
  ref: string,
  declared: ReadonlySet<string>,
  present: ReadonlySet<string>,
): LoweredCodeLine[] {
  const on =
    l.when === undefined
      ? 1
      : env.attempt([...path, 'when'], () => env.constOf(env.constCtx, l.when!, 'when'));
  if (!on) return [];
  if (l.step !== undefined) {
    if (!declared.has(l.step)) {
      env.problem([...path, 'step'], `task ${ref} has no step "${l.step}"`);
    } else if (!present.has(l.step)) {
      env.problem(
        [...path, 'step'],
        `step ${l.step} is not part of this variant: give the line a "when" that leaves it out`,
      );
    }
  }
  if (l.source !== undefined && l.href !== undefined) {
    env.problem(path, 'a line has a source or an href, not both');
  }
  const href =
    l.href ??
    (l.source === undefined
      ? undefined
      : env.attempt([...path, 'source'], () => env.parseSource(l.source!).url));
  return [
    {
      text: l.text,
      indent: l.indent ?? 0,
      ...(l.step !== undefined ? { step: l.step } : {}),
      ...(href !== undefined ? { href } : {}),
      ...(l.function !== undefined ? { function: l.function } : {}),
    },
  ];
}

// --- notes ------------------------------------------------------------------------------------

function lowerNotes(env: ContentEnv): LoweredNote[] {
  const out: LoweredNote[] = [];
  (env.doc.notes ?? []).forEach((n, ni) => {
    const path: DocPath = ['notes', ni];
    if (![...env.declared.values()].some((ids) => ids.has(n.step))) {
      env.problem([...path, 'step'], `there is no step "${n.step}"`);
      return;
    }
    for (const t of env.tasks) {
      for (const s of t.steps) {
        if (s.base !== n.step) continue;
        const when =
          n.when === undefined
            ? undefined
            : env.attempt([...path, 'when'], () =>
                lowerCond({ ...s.ctx, locals: { count: 0 } }, n.when!),
              );
        if (n.when !== undefined && when === undefined) return;
        out.push({ note: ni, step: s.id, ...(when ? { when } : {}) });
      }
    }
  });
  return out;
}

// --- reports ----------------------------------------------------------------------------------

/** Placeholders every template knows; words, finds and `lock.*` (inside `each: held`) add more. */
const FIXED = new Set(['step', 'task', 'comm', 'pid', 'id', 'label', 'source', 'kernel']);
const FOUND_PARTS = new Set(['comm', 'pid', 'id', 'task', 'label']);
const LOCK_PARTS = new Set(['lock', 'lock.usage', 'lock.mode', 'lock.since', 'lock.at']);

interface Scope {
  readonly ctx: Ctx;
  readonly words: readonly string[];
  readonly finds: readonly string[];
  readonly inEach: boolean;
}

function lowerReports(env: ContentEnv): Record<string, LoweredReport> {
  const out: Record<string, LoweredReport> = {};
  const outcomes = new Set(env.doc.outcomes.map((o) => o.name));
  for (const [name, tpl] of Object.entries(env.doc.reports?.outcomes ?? {})) {
    const path: DocPath = ['reports', 'outcomes', name];
    if (!outcomes.has(name)) {
      env.problem(path, `there is no outcome "${name}"`);
      continue;
    }
    const flag = env.flagOf(name);
    const indices = flag?.name ? flag.indices : [0];
    // The same mistake would show once per task and index: report it once.
    const seen = new Set<string>();
    const quiet: ContentEnv = {
      ...env,
      attempt: (p, f) => {
        try {
          return f();
        } catch (e) {
          const key = `${p.join('.')}|${(e as Error).message}`;
          if (!seen.has(key)) {
            seen.add(key);
            env.attempt(p, () => {
              throw e;
            });
          }
          return undefined;
        }
      },
      problem: (p, message) => {
        const key = `${p.join('.')}|${message}`;
        if (!seen.has(key)) {
          seen.add(key);
          env.problem(p, message);
        }
      },
    };
    // Lowered as task 1 (ordinal 0); the report retasks `holds()` to the task that ran its step.
    const byIndex: Record<string, ReportTemplate> = {};
    for (const index of indices) {
      let ctx: Ctx = { ...env.taskCtx(0), locals: { count: 0 } };
      if (flag?.name) ctx = bind(ctx, flag.name, { k: 'const', v: index });
      REPORT_LOCALS.forEach((local, id) => {
        if (local !== 'index') ctx = bindLocal(ctx, local, id);
      });
      byIndex[index] = lowerTemplate(quiet, path, tpl, ctx);
    }
    out[name] = {
      ...(flag ? { flag: { slots: flag.slots, indices: flag.indices } } : {}),
      byIndex,
    };
  }
  return out;
}

function lowerTemplate(
  env: ContentEnv,
  path: DocPath,
  tpl: ReportTemplateDoc,
  ctx0: Ctx,
): ReportTemplate {
  const words: ReportTemplate['words'][number][] = [];
  for (const [name, w] of Object.entries(tpl.words ?? {})) {
    const wpath = [...path, 'words', name];
    const scope: Scope = { ctx: ctx0, words: words.map((x) => x.name), finds: [], inEach: false };
    const alts = typeof w === 'string' ? [{ text: w }] : w;
    words.push({
      name,
      alts: alts.map((a, ai) => {
        const apath = typeof w === 'string' ? wpath : [...wpath, ai];
        return {
          ...testsOf(env, [...apath, 'if'], a.if, scope, 'word'),
          text: segments(env, typeof w === 'string' ? apath : [...apath, 'text'], a.text, scope),
        };
      }),
    });
  }
  const finds: ReportTemplate['finds'][number][] = [];
  let ctx = ctx0;
  for (const [name, f] of Object.entries(tpl.find ?? {})) {
    const fpath = [...path, 'find', name];
    const scope: Scope = {
      ctx,
      words: words.map((x) => x.name),
      finds: finds.map((x) => x.name),
      inEach: false,
    };
    const alts = Array.isArray(f) ? f : [{ expr: f }];
    finds.push({
      name,
      alts: alts.flatMap((a, ai) => {
        const apath = Array.isArray(f) ? [...fpath, ai] : fpath;
        const expr = env.attempt(Array.isArray(f) ? [...apath, 'expr'] : apath, () =>
          lowerCond(scope.ctx, a.expr),
        );
        return expr
          ? [
              {
                ...testsOf(env, [...apath, 'if'], 'if' in a ? a.if : undefined, scope, 'find'),
                expr,
              },
            ]
          : [];
      }),
    });
    ctx = bindLocal(ctx, name, REPORT_LOCALS.length + finds.length - 1);
  }
  const scope: Scope = {
    ctx,
    words: words.map((x) => x.name),
    finds: finds.map((x) => x.name),
    inEach: false,
  };
  const pieces = (list: readonly ReportPieceDoc[], at: DocPath) =>
    list.flatMap((p, i) => lowerPiece(env, [...at, i], p as PieceDoc, scope));
  return {
    words,
    finds,
    console: pieces(tpl.console ?? [], [...path, 'console']),
    explain:
      typeof tpl.explain === 'string'
        ? [{ k: 'text', text: segments(env, [...path, 'explain'], tpl.explain, scope) }]
        : pieces(tpl.explain, [...path, 'explain']),
  };
}

/** The shape every piece level shares (document.ts nests them two levels deep). */
type PieceDoc =
  | string
  | {
      readonly text?: string;
      readonly lines?: readonly PieceDoc[];
      readonly choose?: readonly PieceDoc[];
      readonly if?: ReportTestsDoc;
      readonly for?: string;
      readonly each?: 'held';
      readonly dim?: boolean | ReportTestsDoc;
      readonly strong?: boolean | ReportTestsDoc;
    };

function lowerPiece(env: ContentEnv, path: DocPath, p: PieceDoc, scope: Scope): ReportPiece[] {
  if (typeof p === 'string') return [{ k: 'text', text: segments(env, path, p, scope) }];
  const kinds = [p.text, p.lines, p.choose].filter((x) => x !== undefined).length;
  if (kinds !== 1) {
    env.problem(path, 'a piece has exactly one of text, lines or choose');
    return [];
  }
  if (p.for !== undefined) {
    const range = env.attempt([...path, 'for'], () => env.rangeOf(scope.ctx, p.for!));
    if (!range) return [];
    const body = { ...p, for: undefined };
    return [
      {
        k: 'lines',
        pieces: range.indices.flatMap((i) =>
          lowerPiece(env, path, body, {
            ...scope,
            ctx: bind(scope.ctx, range.name, { k: 'const', v: i }),
          }),
        ),
      },
    ];
  }
  const inner: Scope =
    p.each === 'held'
      ? {
          ...scope,
          inEach: true,
          ctx: bindLocal(scope.ctx, 'index', REPORT_LOCALS.indexOf('index')),
        }
      : scope;
  const common = {
    ...testsOf(env, [...path, 'if'], p.if, inner, 'piece'),
    ...(p.each ? { each: p.each } : {}),
    ...styleOf(env, [...path, 'dim'], 'dim', p.dim, inner),
    ...styleOf(env, [...path, 'strong'], 'strong', p.strong, inner),
  };
  if (p.text !== undefined) {
    return [{ k: 'text', text: segments(env, [...path, 'text'], p.text, inner), ...common }];
  }
  const kind = p.lines !== undefined ? 'lines' : 'choose';
  const list = (p.lines ?? p.choose)!;
  return [
    {
      k: kind,
      pieces: list.flatMap((c, i) => lowerPiece(env, [...path, kind, i], c, inner)),
      ...common,
    },
  ];
}

function styleOf(
  env: ContentEnv,
  path: DocPath,
  key: 'dim' | 'strong',
  v: boolean | ReportTestsDoc | undefined,
  scope: Scope,
): { dim?: boolean | ReportTests; strong?: boolean | ReportTests } {
  if (v === undefined || v === false) return {};
  if (v === true) return { [key]: true };
  return { [key]: testsOf(env, path, v, scope, 'piece').if ?? true };
}

function testsOf(
  env: ContentEnv,
  path: DocPath,
  t: ReportTestsDoc | undefined,
  scope: Scope,
  where: 'word' | 'find' | 'piece',
): { if?: ReportTests } {
  if (t === undefined) return {};
  const out: { -readonly [K in keyof ReportTests]: ReportTests[K] } = {};
  const refs = env.declared;
  if (t.step) {
    t.step.forEach((id, i) => {
      if (![...refs.values()].some((ids) => ids.has(id))) {
        env.problem([...path, 'step', i], `there is no step "${id}"`);
      }
    });
    out.step = t.step;
  }
  if (t.task !== undefined) {
    if (!refs.has(t.task)) env.problem([...path, 'task'], `there is no task ref "${t.task}"`);
    out.task = t.task;
  }
  for (const key of ['before', 'after'] as const) {
    const text = t[key];
    if (text === undefined) continue;
    const ir = env.attempt([...path, key], () => lowerCond(scope.ctx, text));
    if (ir) out[key] = ir;
  }
  for (const key of ['found', 'missing'] as const) {
    const name = t[key];
    if (name === undefined) continue;
    if (where === 'word') {
      env.problem([...path, key], 'words are chosen before finds: a word cannot test a find');
    } else if (!scope.finds.includes(name)) {
      env.problem([...path, key], `there is no earlier find "${name}"`);
    }
    out[key] = name;
  }
  if (t.by !== undefined) {
    if (!refs.has(t.by)) env.problem([...path, 'by'], `there is no task ref "${t.by}"`);
    if (t.found === undefined) env.problem([...path, 'by'], '"by" tests the step named in "found"');
    out.by = t.by;
  }
  if (t.lock !== undefined) {
    if (!(env.doc.locks ?? []).some((l) => l.name === t.lock)) {
      env.problem([...path, 'lock'], `there is no lock "${t.lock}"`);
    } else if (!scope.inEach) {
      env.problem([...path, 'lock'], '"lock" tests a held lock: use it under each: held');
    }
    out.lock = t.lock;
  }
  if (t.is) {
    for (const name of Object.keys(t.is)) {
      if (!scope.words.includes(name)) {
        env.problem([...path, 'is', name], `there is no earlier word "${name}"`);
      }
    }
    out.is = t.is;
  }
  return { if: out };
}

/**
 * Splits template text into literals, placeholders (`${comm}`) and expressions (`${held + 4}`).
 * An expression is parsed from the whole text, blanked outside it, so a problem's offset is the
 * text's own.
 */
function segments(env: ContentEnv, path: DocPath, text: string, scope: Scope): Segment[] {
  const out: Segment[] = [];
  const known = (name: string) => {
    if (FIXED.has(name) || scope.words.includes(name) || scope.finds.includes(name)) return true;
    const [head, part] = name.split('.');
    if (part !== undefined && scope.finds.includes(head) && FOUND_PARTS.has(part)) return true;
    return scope.inEach && LOCK_PARTS.has(name);
  };
  let i = 0;
  for (;;) {
    const a = text.indexOf('${', i);
    if (a < 0) {
      if (i < text.length || out.length === 0) out.push(text.slice(i));
      break;
    }
    if (a > i) out.push(text.slice(i, a));
    const b = text.indexOf('}', a + 2);
    if (b < 0) {
      env.attempt(path, () => {
        throw new ExprProblem('"${" has no closing "}"', a);
      });
      break;
    }
    const inner = text.slice(a + 2, b);
    if (known(inner.trim())) out.push({ ph: inner.trim() });
    else {
      const blanked = ' '.repeat(a + 2) + inner + ' '.repeat(text.length - b);
      const seg = env.attempt(path, (): Segment => {
        const v = lowerExpr(parse(blanked), scope.ctx);
        if (v.type === 'step') throw new ExprProblem('a step is not a value to print', a + 2);
        return {
          expr: v.ir,
          format: typeof v.type === 'object' ? v.type.enum : v.type === 'bool' ? 'bool' : 'int',
        };
      });
      if (seg) out.push(seg);
    }
    i = b + 1;
  }
  return out;
}
