/**
 * Lowering a whole document for one variant and parameter setting: families expanded, program
 * points numbered, the state laid out, and every expression resolved and lowered to IR.
 * Problems are collected with their place in the document, not thrown one by one.
 */
import { type LockMode, type SourceRef, type StepDef, type TaskInfo } from '../engine.ts';
import { type State } from './closures.ts';
import type { DocPath, DocProblem, ScenarioDoc, StepDoc, TextChoiceDoc } from './document.ts';
import { parseExpr, parseStatements } from './expr/parse.ts';
import { SyntaxProblem, type Expr } from './expr/ast.ts';
import { isConst, type Ir } from './ir.ts';
import { type SlotDomain } from './layout.ts';
import {
  ExprProblem,
  lockInstance,
  lowerBlock,
  lowerExpr,
  rootCtx,
  type Ctx,
  type FieldInfo,
  type Helper,
  type LockInfo,
  type Model,
  type StepTable,
  type TaskFamilyInfo,
  type Type,
} from './lower.ts';
import { type ResolvedParams } from './params.ts';
import { lowerContent } from '../content/lower-content.ts';
import {
  ScenarioError,
  type FieldSlotInfo,
  type LockInstance,
  type Lowered,
  type LoweredStep,
  type OutcomeInfo,
} from './instance.ts';

function problemAt(path: DocPath, e: unknown): DocProblem {
  if (e instanceof ExprProblem && e.helper) {
    return { path: ['helpers', e.helper], offset: e.offset, message: e.message };
  }
  if (e instanceof ExprProblem || e instanceof SyntaxProblem) {
    return { path, offset: e.offset, message: e.message };
  }
  return { path, message: e instanceof Error ? e.message : String(e) };
}

/** `i in 1..processes` → name and the two bound expressions. */
function parseFor(text: string): { name: string; from: Expr; to: Expr } {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(.+?)\.\.(.+)$/.exec(text);
  if (!m) throw new SyntaxProblem('expected "i in 1..processes"', 0);
  // Bounds are parsed from the whole text (blanked outside them) so offsets stay the text's own.
  const from = text.indexOf(m[2]);
  const to = text.lastIndexOf(m[3]);
  const only = (a: number, b: number) =>
    ' '.repeat(a) + text.slice(a, b) + ' '.repeat(text.length - b);
  return {
    name: m[1],
    from: parseExpr(only(from, from + m[2].length)),
    to: parseExpr(only(to, to + m[3].length)),
  };
}

function constOf(ctx: Ctx, text: string | number | boolean, what: string): number {
  if (typeof text === 'number') return text;
  if (typeof text === 'boolean') return text ? 1 : 0;
  const ir = lowerExpr(parseExpr(text), ctx).ir;
  if (!isConst(ir)) {
    throw new ExprProblem(
      `${what} must be known before the run: it may use parameters, variant features and constants only`,
      0,
    );
  }
  return ir.v;
}

function rangeOf(
  ctx: Ctx,
  text: string | undefined,
): { name: string; indices: number[] } | undefined {
  if (text === undefined) return undefined;
  const r = parseFor(text);
  const bound = (e: Expr) => {
    const ir = lowerExpr(e, ctx).ir;
    if (!isConst(ir)) throw new ExprProblem('a range bound must be known before the run', e.at);
    return ir.v;
  };
  const indices: number[] = [];
  for (let i = bound(r.from), to = bound(r.to); i <= to; i++) indices.push(i);
  if (indices.length === 0) throw new ExprProblem(`the range ${text.trim()} is empty`, 0);
  return { name: r.name, indices };
}

const withBinding = (ctx: Ctx, name: string, v: number): Ctx => {
  const bindings = new Map(ctx.bindings);
  bindings.set(name, { ir: { k: 'const', v }, type: 'int' });
  return { ...ctx, bindings };
};

/** Display-name suffix of a family member: none when the family has one member. */
const suffix = (indices: readonly number[] | undefined, i: number) =>
  indices && indices.length > 1 ? `.${i}` : '';

function parseSource(text: string, template: string | undefined): SourceRef {
  const m = /^(\S+)\s+(\S+)\s+(.+)$/.exec(text.trim());
  if (!m) throw new Error(`source "${text}" must read "<version> <file> <lines>"`);
  const [, version, file, lines] = m;
  const line = lines.split(/[–-]/)[0].trim();
  const url = (template ?? '')
    .replace('{version}', version)
    .replace('{file}', file)
    .replace('{line}', line);
  return { version, file, lines, url };
}

/** Resolves names and lowers every expression of one instance. */
export function lowerScenario(doc: ScenarioDoc, params: ResolvedParams): Lowered {
  const problems: DocProblem[] = referenceProblems(doc);
  const attempt = <T>(path: DocPath, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      problems.push(problemAt(path, e));
      return undefined;
    }
  };

  // Constants: declared constants, parameters and the chosen variant's features.
  const consts = new Map<string, { value: number; type: Type }>();
  const enums: (readonly string[])[] = [];
  const declareConst = (path: DocPath, name: string, value: number, type: Type) => {
    if (consts.has(name)) problems.push({ path, message: `"${name}" is declared twice` });
    consts.set(name, { value, type });
  };
  Object.entries(doc.constants ?? {}).forEach(([k, v]) =>
    declareConst(['constants', k], k, v, 'int'),
  );
  (doc.parameters ?? []).forEach((p, pi) => {
    const type: Type =
      p.type === 'bool' ? 'bool' : p.type === 'enum' ? { enum: p.values ?? [] } : 'int';
    if (p.type === 'enum') enums.push(p.values ?? []);
    declareConst(['parameters', pi], p.name, params.numeric.get(p.name)!, type);
    for (const [name, v] of Object.entries(p.names ?? {})) {
      if (!consts.has(name)) consts.set(name, { value: v, type: 'int' });
    }
  });
  const variantIndex = doc.variants.list.findIndex((x) => x.id === params.variant);
  const variant = doc.variants.list[variantIndex];
  const featureNames = Object.keys(doc.variants.features ?? {});
  for (const [f, on] of Object.entries(variant.features ?? {})) {
    if (!featureNames.includes(f)) {
      problems.push({
        path: ['variants', 'list', variantIndex, 'features', f],
        message: `"${f}" is not declared under variants.features`,
      });
    }
    void on;
  }
  for (const f of featureNames) {
    declareConst(['variants', 'features', f], f, variant.features?.[f] ? 1 : 0, 'bool');
  }

  const domains: SlotDomain[] = [];
  const tasksDoc = doc.tasks;

  // Task instances first: their program counters are the first slots, so a task's ordinal is
  // also its pc slot.
  const baseCtx = (): Ctx => rootCtx(model);
  // Initial values are constants: in them a name means a parameter, never a field.
  const initCtx = (): Ctx => rootCtx({ ...model, fields: new Map() });
  const paramNames = new Set((doc.parameters ?? []).map((p) => p.name));
  const fields = new Map<string, FieldInfo>();
  const fieldRanges = new Map<string, { name: string; indices: number[] }>();
  const locks = new Map<string, LockInfo>();
  const taskFamilies = new Map<string, TaskFamilyInfo>();
  const helpers = new Map<string, Helper>();
  const model: Model = { consts, fields, locks, tasks: taskFamilies, helpers, enums };

  interface TaskInst {
    ordinal: number;
    docIndex: number;
    index: number;
    indices?: number[];
    familyVar?: string;
    info: TaskInfo & { ref: string };
  }
  const taskInsts: TaskInst[] = [];
  tasksDoc.forEach((t, ti) => {
    const range = attempt(['tasks', ti, 'for'], () => rangeOf(baseCtx(), t.for));
    const indices = range?.indices ?? [0];
    for (const i of indices) {
      const ordinal = taskInsts.length;
      taskInsts.push({
        ordinal,
        docIndex: ti,
        index: i,
        indices: range?.indices,
        familyVar: range?.name,
        info: { id: ordinal + 1, key: t.id + suffix(range?.indices, i), name: t.name, ref: t.ref },
      });
      domains.push({ name: `pc of task ${t.id + suffix(range?.indices, i)}`, min: 0, max: 0 });
    }
  });

  // Fields.
  const fieldSlots: FieldSlotInfo[] = [];
  const fieldInit: { slot: number; value: number }[] = [];
  (doc.state ?? []).forEach((f, fi) => {
    const path: DocPath = ['state', fi];
    attempt(path, () => {
      // A field may share its name with a parameter (the parameter then sets its initial
      // value); elsewhere the field hides the parameter.
      if (fields.has(f.name) || (consts.has(f.name) && !paramNames.has(f.name))) {
        throw new Error(`"${f.name}" is declared twice`);
      }
      const range = attempt([...path, 'for'], () => rangeOf(baseCtx(), f.for));
      if (f.for && !range) return;
      let type: Type;
      let min = 0;
      let max = 1;
      let bits: number[] | undefined;
      if (f.type === 'bool') type = 'bool';
      else if (f.type === 'enum') {
        if (!f.values?.length) throw new Error(`enum field ${f.name} needs values`);
        type = { enum: f.values };
        enums.push(f.values);
        max = f.values.length - 1;
      } else if (f.type === 'flags') {
        if (!f.bits) throw new Error(`flags field ${f.name} needs bits`);
        type = 'int';
        bits = Object.values(f.bits);
        for (const [bn, bv] of Object.entries(f.bits))
          if (!consts.has(bn)) consts.set(bn, { value: bv, type: 'int' });
      } else {
        type = 'int';
        if (f.min === undefined || f.max === undefined)
          throw new Error(`int field ${f.name} needs min and max`);
        const lo = attempt([...path, 'min'], () => constOf(baseCtx(), f.min!, 'min'));
        const hi = attempt([...path, 'max'], () => constOf(baseCtx(), f.max!, 'max'));
        if (lo === undefined || hi === undefined) return;
        min = lo;
        max = hi;
        if (max < min) throw new Error(`${f.name}: max ${max} is below min ${min}`);
      }
      const indices = range?.indices ?? [0];
      const slots: number[] = [];
      for (const i of indices) {
        const slot = domains.length;
        const name = f.name + suffix(range?.indices, i);
        domains.push({ name, min, max, bits, mayOverflow: f.type === 'int' });
        slots.push(slot);
        fieldSlots.push({
          name,
          field: f.name,
          slot,
          doc: f,
          words: f.type === 'enum' ? f.values : undefined,
          dead: 0,
        });
      }
      fields.set(f.name, { name: f.name, type, slots, isArray: range !== undefined });
      if (range) fieldRanges.set(f.name, range);
      // Initial values (may use the element index).
      indices.forEach((i, k) => {
        const ctx = range ? withBinding(initCtx(), range.name, i) : initCtx();
        const v = attempt([...path, 'init'], () =>
          initValue(ctx, f.init, type, { min, max, bits }),
        );
        if (v !== undefined) fieldInit.push({ slot: slots[k], value: v });
      });
    });
  });

  // Locks.
  const lockInsts: LockInstance[] = [];
  (doc.locks ?? []).forEach((l, li) => {
    attempt(['locks', li], () => {
      if (locks.has(l.name) || fields.has(l.name)) throw new Error(`"${l.name}" is declared twice`);
      const range = attempt(['locks', li, 'for'], () => rangeOf(baseCtx(), l.for));
      if (l.for && !range) return;
      const instances: number[] = [];
      for (const i of range?.indices ?? [0]) {
        const name = l.name + suffix(range?.indices, i);
        const slot = domains.length;
        domains.push({ name: `lock ${name}`, min: 0, max: taskInsts.length });
        let readerSlot: number | undefined;
        if (l.kind === 'rwsem') {
          readerSlot = domains.length;
          domains.push({ name: `readers of ${name}`, min: 0, max: 2 ** taskInsts.length - 1 });
        }
        instances.push(lockInsts.length);
        lockInsts.push({ name, kind: l.kind, slot, readerSlot });
      }
      locks.set(l.name, { name: l.name, kind: l.kind, instances, isArray: range !== undefined });
    });
  });

  // Helpers: `name(a, b)` keys.
  for (const [key, body] of Object.entries(doc.helpers ?? {})) {
    attempt(['helpers', key], () => {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*$/.exec(key);
      if (!m) throw new Error(`a helper is declared as name(params), e.g. put_ref(m)`);
      const params = m[2]
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      helpers.set(m[1], { name: m[1], params, body: parseStatements(body), key });
    });
  }
  // Problems inside helpers are reported under their key, not their name.
  const helperKey = new Map([...helpers.values()].map((h) => [h.name, h.key]));

  // Steps: expand families, decide which exist in this variant, assign program-point codes.
  interface StepInst {
    doc: StepDoc;
    path: DocPath;
    base: string;
    id: string;
    index?: number;
    familyVar?: string;
    code: number;
  }
  const stepsOf: StepInst[][] = taskInsts.map(() => []);
  const declared: Set<string>[] = taskInsts.map(() => new Set());
  for (const ti of taskInsts) {
    const t = tasksDoc[ti.docIndex];
    const ctx0 = ti.familyVar ? withBinding(baseCtx(), ti.familyVar, ti.index) : baseCtx();
    const seen = new Map<string, number>();
    t.steps.forEach((s, si) => {
      const path: DocPath = ['tasks', ti.docIndex, 'steps', si];
      declared[ti.ordinal].add(s.id);
      const range = attempt([...path, 'for'], () => rangeOf(ctx0, s.for));
      if (s.for && ti.familyVar) {
        problems.push({
          path: [...path, 'for'],
          message: 'a step of a task family cannot be a family itself',
        });
        return;
      }
      for (const k of range?.indices ?? [0]) {
        const ctx = range ? withBinding(ctx0, range.name, k) : ctx0;
        const on =
          s.when === undefined
            ? 1
            : attempt([...path, 'when'], () => constOf(ctx, s.when!, 'when'));
        if (!on) continue;
        const id = s.id + (range ? suffix(range.indices, k) : suffix(ti.indices, ti.index));
        if (seen.has(id)) {
          problems.push({
            path,
            message: `step ${id} is defined twice for this variant (check the "when" conditions)`,
          });
          continue;
        }
        seen.set(id, 1);
        stepsOf[ti.ordinal].push({
          doc: s,
          path,
          base: s.id,
          id,
          index: range ? k : undefined,
          familyVar: range?.name,
          code: stepsOf[ti.ordinal].length,
        });
      }
    });
  }
  taskInsts.forEach((ti) => {
    (domains[ti.ordinal] as { max: number }).max = stepsOf[ti.ordinal].length; // DONE is the last code
  });

  // Task families as `at()` sees them.
  tasksDoc.forEach((t, di) => {
    const insts = taskInsts.filter((x) => x.docIndex === di);
    if (taskFamilies.has(t.ref))
      problems.push({ path: ['tasks', di, 'ref'], message: `task ref "${t.ref}" is used twice` });
    taskFamilies.set(t.ref, {
      ref: t.ref,
      ordinals: insts.map((x) => x.ordinal),
      isArray: t.for !== undefined,
      codesOf: (base, ordinal) =>
        declared[ordinal].has(base)
          ? stepsOf[ordinal].filter((s) => s.base === base).map((s) => s.code)
          : undefined,
      doneOf: (ordinal) => stepsOf[ordinal].length,
    });
  });

  // Step bodies.
  let localCount = 0;
  const tasks: Lowered['tasks'][number][] = [];
  const tables: StepTable[] = [];
  const stepCtxs: { id: string; base: string; ctx: Ctx }[][] = taskInsts.map(() => []);
  for (const ti of taskInsts) {
    const list = stepsOf[ti.ordinal];
    const table: StepTable = {
      lookup: (base: string) => {
        const members = list.filter((s) => s.base === base);
        if (members.length === 0) return undefined;
        const isFamily = members[0].index !== undefined;
        return { codes: members.map((s) => s.code), isFamily };
      },
      isDeclared: (base: string) => declared[ti.ordinal].has(base),
      done: list.length,
    };
    tables.push(table);
    const loweredSteps: LoweredStep[] = [];
    for (const s of list) {
      let ctx: Ctx = { ...baseCtx(), task: { ordinal: ti.ordinal, steps: table } };
      if (ti.familyVar) ctx = withBinding(ctx, ti.familyVar, ti.index);
      if (s.familyVar && s.index !== undefined)
        ctx = { ...withBinding(ctx, s.familyVar, s.index), familyIndex: s.index };
      ctx = { ...ctx, locals: { count: 0 } };
      stepCtxs[ti.ordinal].push({ id: s.id, base: s.base, ctx });
      const d = s.doc;
      const choose = (
        field: 'label' | 'short' | 'explain' | 'source',
        choice: TextChoiceDoc | undefined,
      ) =>
        choice === undefined
          ? undefined
          : attempt([...s.path, field], () => chooseText(ctx, choice));
      const label = choose('label', d.label) ?? s.id;
      const short = choose('short', d.short);
      const explain = choose('explain', d.explain) ?? '';
      const sourceText = choose('source', d.source);
      const source =
        sourceText === undefined
          ? undefined
          : attempt([...s.path, 'source'], () => parseSource(sourceText, doc.source_url));
      const acquire =
        d.acquire === undefined
          ? undefined
          : attempt([...s.path, 'acquire'], () => parseAcquire(ctx, d.acquire!));
      const releases =
        d.release === undefined ? [] : typeof d.release === 'string' ? [d.release] : d.release;
      const release = releases
        .map((r, ri) =>
          attempt(
            [...s.path, 'release', ...(typeof d.release === 'string' ? [] : [ri])],
            () => lockInstance(ctx, parseExpr(r)).lock,
          ),
        )
        .filter((x): x is number => x !== undefined);
      const guard =
        d.guard === undefined
          ? undefined
          : attempt([...s.path, 'guard'], () => lowerBool(ctx, d.guard!));
      // `next` is read after `do`, in its scope: a `let` of the effect may decide the branch.
      const body =
        d.do === undefined
          ? undefined
          : attempt([...s.path, 'do'], () => lowerBlock(parseStatements(d.do!), ctx));
      const effect = body?.stmts ?? [];
      const nextScope = body?.scope ?? ctx;
      const next = attempt([...s.path, 'next'], () => {
        const b = lowerExpr(parseExpr(d.next), { ...nextScope, allowSteps: true });
        if (b.type !== 'step') throw new ExprProblem('next must name a step (or done)', 0);
        return b.ir;
      });
      localCount = Math.max(localCount, ctx.locals.count);
      const def: StepDef = {
        id: s.id,
        base: s.base,
        task: ti.ordinal + 1,
        label,
        ...(short !== undefined ? { short } : {}),
        explain,
        source,
        acquires: acquire ? { lock: lockInsts[acquire.lock].name, mode: acquire.mode } : undefined,
        releases: release.map((l) => lockInsts[l].name),
        waitsFor: d.waits_for,
      };
      loweredSteps.push({
        def,
        task: ti.ordinal,
        code: s.code,
        acquire,
        release,
        guard,
        effect,
        next: next ?? { k: 'const', v: list.length },
      });
    }
    const stopBases = tasksDoc[ti.docIndex].may_stop_at ?? [];
    const stopCodes = [
      list.length,
      ...list.filter((s) => stopBases.includes(s.base)).map((s) => s.code),
    ];
    tasks.push({ ...ti.info, stopCodes, steps: loweredSteps });
  }

  // Liveness of fields (dead values cleared, spec 2.2's canonical key).
  const fieldsOut: FieldSlotInfo[] = fieldSlots.map((f) => {
    const init = fieldInit.find((x) => x.slot === f.slot)?.value ?? 0;
    if (f.doc.live === undefined) return { ...f, dead: init };
    const fi = (doc.state ?? []).indexOf(f.doc);
    const info = fields.get(f.field)!;
    const range = f.doc.for ? parseFor(f.doc.for) : undefined;
    const first = range ? lowerExpr(range.from, baseCtx()).ir : undefined;
    const index = info.slots.indexOf(f.slot) + (first && isConst(first) ? first.v : 0);
    const ctx = range ? withBinding(baseCtx(), range.name, index) : baseCtx();
    const live = attempt(['state', fi, 'live'], () => lowerBool(ctx, f.doc.live!));
    return { ...f, live, dead: init };
  });

  // Outcomes.
  const outcomes: OutcomeInfo[] = [];
  doc.outcomes.forEach((o, oi) => {
    const path: DocPath = ['outcomes', oi];
    const kinds = [o.flag, o.final, o.builtin].filter((x) => x !== undefined).length;
    if (kinds !== 1) {
      problems.push({ path, message: 'an outcome has exactly one of flag, final or builtin' });
      return;
    }
    if (o.flag !== undefined) {
      const f = fields.get(o.flag);
      if (!f) problems.push({ path: [...path, 'flag'], message: `unknown field "${o.flag}"` });
      else outcomes.push({ name: o.name, bad: o.bad ?? false, kind: 'flag', flagSlots: f.slots });
    } else if (o.final !== undefined) {
      const final = attempt([...path, 'final'], () =>
        lowerBool({ ...baseCtx(), allowFinished: true }, o.final!),
      );
      if (final) outcomes.push({ name: o.name, bad: o.bad ?? false, kind: 'final', final });
    } else {
      outcomes.push({ name: o.name, bad: o.bad ?? false, kind: o.builtin! });
    }
  });

  // The page's content: pseudo-code, notes and reports, checked like the model.
  const declaredByRef = new Map<string, Set<string>>(
    tasksDoc.map((t) => [t.ref, new Set(t.steps.map((x) => x.id))]),
  );
  const content = lowerContent({
    doc,
    constCtx: baseCtx(),
    taskCtx: (ordinal) => ({
      ...baseCtx(),
      task: { ordinal, steps: tables[ordinal] },
    }),
    tasks: taskInsts.map((ti) => ({ ref: ti.info.ref, steps: stepCtxs[ti.ordinal] })),
    declared: declaredByRef,
    flagOf: (outcome) => {
      const flag = doc.outcomes.find((o) => o.name === outcome)?.flag;
      const f = flag === undefined ? undefined : fields.get(flag);
      if (!f) return undefined;
      const range = fieldRanges.get(f.name);
      return { name: range?.name, slots: f.slots, indices: range?.indices ?? [0] };
    },
    rangeOf,
    constOf,
    chooseText,
    parseSource: (text) => parseSource(text, doc.source_url),
    attempt,
    problem: (path, message) => problems.push({ path, message }),
  });

  if (problems.length > 0) {
    throw new ScenarioError(
      problems.map((p) =>
        p.path[0] === 'helpers' && typeof p.path[1] === 'string' && helperKey.has(p.path[1])
          ? { ...p, path: ['helpers', helperKey.get(p.path[1])!] }
          : p,
      ),
    );
  }

  const initial: State = new Array<number>(domains.length).fill(0);
  for (const { slot, value } of fieldInit) initial[slot] = value;
  return {
    doc,
    params,
    tasks,
    fields: fieldsOut,
    locks: lockInsts,
    domains,
    initial,
    outcomes,
    localCount,
    content,
  };
}

/** A field's initial value: constant, of the field's type, inside its domain. */
function initValue(
  ctx: Ctx,
  init: string | number | boolean,
  type: Type,
  domain: { min: number; max: number; bits?: readonly number[] },
): number {
  const b =
    typeof init === 'string'
      ? lowerExpr(parseExpr(init), ctx, type)
      : { ir: { k: 'const' as const, v: init === true ? 1 : init === false ? 0 : init }, type };
  if (!isConst(b.ir)) throw new ExprProblem('init must be known before the run', 0);
  const v = b.ir.v;
  if (
    typeof type === 'object' &&
    (typeof b.type !== 'object' || b.type.enum.join() !== type.enum.join())
  ) {
    throw new ExprProblem(`init must be one of ${type.enum.join(', ')}`, 0);
  }
  if (domain.bits) {
    const whole = domain.bits.reduce((a, g) => ((v & g) === g ? a | g : a), 0);
    if (whole !== v) {
      throw new ExprProblem(
        `init 0x${v.toString(16)} is not a union of the declared bit groups`,
        0,
      );
    }
  } else if (v < domain.min || v > domain.max) {
    throw new ExprProblem(
      `init ${v} is outside the field's domain ${domain.min}..${domain.max}`,
      0,
    );
  }
  return v;
}

/** Ids that name other parts of the document: each must exist, and none may repeat. */
function referenceProblems(doc: ScenarioDoc): DocProblem[] {
  const out: DocProblem[] = [];
  const dupes = (path: DocPath, ids: readonly string[], what: string) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        out.push({ path: [...path, i], message: `${what} "${id}" is declared twice` });
    });
  };
  const variants = doc.variants.list.map((v) => v.id);
  dupes(['variants', 'list'], variants, 'variant');
  dupes(
    ['outcomes'],
    doc.outcomes.map((o) => o.name),
    'outcome',
  );
  dupes(
    ['tasks'],
    doc.tasks.map((t) => t.id),
    'task',
  );
  const need = (path: DocPath, id: string, among: readonly string[], what: string) => {
    if (!among.includes(id)) out.push({ path, message: `there is no ${what} "${id}"` });
  };
  need(['variants', 'default'], doc.variants.default, variants, 'variant');
  if (doc.variants.fix) {
    need(['variants', 'fix', 'bug'], doc.variants.fix.bug, variants, 'variant');
    need(['variants', 'fix', 'fixed'], doc.variants.fix.fixed, variants, 'variant');
  }
  const owner = new Map<string, number>();
  doc.tasks.forEach((t, ti) => {
    const ids = t.steps.map((x) => x.id);
    t.steps.forEach((x, si) => {
      const other = owner.get(x.id);
      if (other !== undefined && other !== ti) {
        out.push({
          path: ['tasks', ti, 'steps', si, 'id'],
          message: `step id ${x.id} is already a step of task ${doc.tasks[other].id}`,
        });
      }
      owner.set(x.id, ti);
    });
    (t.may_stop_at ?? []).forEach((id, i) =>
      need(['tasks', ti, 'may_stop_at', i], id, ids, `step of task ${t.id} called`),
    );
  });
  const d = doc.default_schedule;
  if (d && 'steps' in d)
    d.steps.forEach((id, i) =>
      need(['default_schedule', 'steps', i], id, [...owner.keys()], 'step'),
    );
  return out;
}

function chooseText(ctx: Ctx, choice: TextChoiceDoc): string {
  if (typeof choice === 'string') return choice;
  for (const alt of choice) {
    if (alt.when === undefined || constOf(ctx, alt.when, 'when') !== 0) return alt.text;
  }
  throw new Error('no alternative applies to this variant: end the list with one without "when"');
}

function lowerBool(ctx: Ctx, text: string | number | boolean): Ir {
  if (typeof text !== 'string')
    return { k: 'const', v: text === true || (typeof text === 'number' && text !== 0) ? 1 : 0 };
  const b = lowerExpr(parseExpr(text), ctx);
  if (b.type === 'step' || typeof b.type === 'object')
    throw new ExprProblem('expected a condition (true or false)', 0);
  return b.ir;
}

/** `sem[k] read`, `list_lock`, `some_mutex`: a lock (instance) and, for an rwsem, the mode. */
function parseAcquire(ctx: Ctx, text: string): { lock: number; mode: LockMode } {
  const m = /^(.*?)(?:\s+(read|write))?\s*$/.exec(text)!;
  const { lock, info } = lockInstance(ctx, parseExpr(m[1]));
  if (info.kind === 'rwsem' && !m[2]) {
    throw new ExprProblem(`${info.name} is an rwsem: say "read" or "write" after it`, text.length);
  }
  if (info.kind !== 'rwsem' && m[2]) {
    throw new ExprProblem(
      `${info.name} is a ${info.kind}: it has no ${m[2]} mode`,
      text.indexOf(m[2]),
    );
  }
  return { lock, mode: info.kind === 'rwsem' ? (m[2] as LockMode) : 'spin' };
}
