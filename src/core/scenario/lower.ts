/**
 * Name resolution and lowering: expression syntax → IR. Parameters, variant features, constants,
 * family indices and loop variables are folded to constants; helpers are inlined; `for` loops and
 * `any`/`all` are unrolled. What is left is what must be decided at run time.
 */
import type { Expr, Range, Stmt } from './expr/ast.ts';
import { applyBinary, applyUnary } from './fold.ts';
import { isConst, type Ir, type IrStmt } from './ir.ts';

/** A value's type, as far as lowering needs it: enum words resolve against their enum. */
export type Type = 'int' | 'bool' | { readonly enum: readonly string[] } | 'step';

export interface FieldInfo {
  readonly name: string;
  readonly type: Type;
  /** Slot of each element: one for a scalar, `length` for a family (index 1 → slots[0]). */
  readonly slots: readonly number[];
  readonly isArray: boolean;
}

export interface LockInfo {
  readonly name: string;
  readonly kind: 'spinlock' | 'mutex' | 'rwsem';
  /** Lock instance numbers, by index. */
  readonly instances: readonly number[];
  readonly isArray: boolean;
}

export interface TaskFamilyInfo {
  readonly ref: string;
  /** 0-based task ordinals, by index (one for a single task). */
  readonly ordinals: readonly number[];
  readonly isArray: boolean;
  /**
   * Every program-point code of a base step id (all its family members): empty for a step this
   * variant does not have, undefined for a step the task never declares.
   */
  codesOf(base: string, ordinal: number): readonly number[] | undefined;
  /** The DONE code of one member (members may have different steps by `when`). */
  doneOf(ordinal: number): number;
}

/** A step table as seen from inside one task: base id → code by family index. */
export interface StepTable {
  /** Codes by index (index 1 → [0]); one entry for a step outside a family. */
  lookup(
    base: string,
  ): { readonly codes: readonly number[]; readonly isFamily: boolean } | undefined;
  /** Declared in the document, whether or not this variant has it. */
  isDeclared(base: string): boolean;
  readonly done: number;
}

export interface Helper {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: readonly Stmt[];
  /** The key the helper was declared under, for error positions. */
  readonly key: string;
}

export interface Model {
  readonly consts: ReadonlyMap<string, { readonly value: number; readonly type: Type }>;
  readonly fields: ReadonlyMap<string, FieldInfo>;
  readonly locks: ReadonlyMap<string, LockInfo>;
  readonly tasks: ReadonlyMap<string, TaskFamilyInfo>;
  readonly helpers: ReadonlyMap<string, Helper>;
  /** Every enum's words, for resolving a bare word. */
  readonly enums: readonly (readonly string[])[];
}

/** An error in an expression: its offset in the text, and the helper it is in, if any. */
export class ExprProblem extends Error {
  readonly offset: number;
  readonly helper?: string;
  constructor(message: string, offset: number, helper?: string) {
    super(message);
    this.offset = offset;
    this.helper = helper;
  }
}

interface Binding {
  readonly ir: Ir;
  readonly type: Type;
}

export interface Ctx {
  readonly model: Model;
  /** The running task (0-based ordinal) and its steps: for `holds()` and branch targets. */
  readonly task?: { readonly ordinal: number; readonly steps: StepTable };
  /** Family index of the step being compiled (1-based), for unindexed sibling references. */
  readonly familyIndex?: number;
  readonly bindings: ReadonlyMap<string, Binding>;
  readonly locals: { count: number };
  readonly allowSteps: boolean;
  readonly allowFinished: boolean;
  /** Helpers being expanded, innermost last (recursion check and error position). */
  readonly helpers: readonly string[];
}

export function rootCtx(model: Model, extra: Partial<Ctx> = {}): Ctx {
  return {
    model,
    bindings: new Map(),
    locals: { count: 0 },
    allowSteps: false,
    allowFinished: false,
    helpers: [],
    ...extra,
  };
}

const BOOL: Type = 'bool';
const INT: Type = 'int';
const c = (v: number): Ir => ({ k: 'const', v });

function fail(ctx: Ctx, message: string, at: number): never {
  throw new ExprProblem(message, at, ctx.helpers[ctx.helpers.length - 1]);
}

const isEnum = (t: Type): t is { readonly enum: readonly string[] } => typeof t === 'object';

function typeName(t: Type): string {
  return isEnum(t) ? `one of ${t.enum.join(', ')}` : t;
}

/** Whether a bare name means something by itself (so it is not an enum word to resolve). */
function isKnownName(ctx: Ctx, name: string): boolean {
  const m = ctx.model;
  return (
    ctx.bindings.has(name) ||
    m.fields.has(name) ||
    m.consts.has(name) ||
    (ctx.allowSteps && (name === 'done' || ctx.task?.steps.lookup(name) !== undefined)) ||
    (ctx.allowFinished && name === 'finished')
  );
}

function enumWord(ctx: Ctx, name: string, at: number, expect?: Type): Binding | undefined {
  if (expect && isEnum(expect)) {
    const i = expect.enum.indexOf(name);
    if (i >= 0) return { ir: c(i), type: expect };
  }
  const owners = ctx.model.enums.filter((e) => e.includes(name));
  const distinct = [...new Set(owners.map((e) => e.join(',')))];
  if (distinct.length === 1) return { ir: c(owners[0].indexOf(name)), type: { enum: owners[0] } };
  if (distinct.length > 1) {
    fail(ctx, `"${name}" is a value of several enums; compare it with a field to say which`, at);
  }
  return undefined;
}

function constIndex(ctx: Ctx, e: Expr, length: number, what: string): number {
  const idx = lowerExpr(e, ctx).ir;
  if (!isConst(idx))
    fail(ctx, `the index of ${what} must be known before the run (a constant)`, e.at);
  if (idx.v < 1 || idx.v > length) {
    fail(ctx, `${what}[${idx.v}] is out of range: the index runs from 1 to ${length}`, e.at);
  }
  return idx.v;
}

function rangeBounds(ctx: Ctx, r: Range): [number, number] {
  const from = lowerExpr(r.from, ctx).ir;
  const to = lowerExpr(r.to, ctx).ir;
  if (!isConst(from) || !isConst(to)) {
    fail(ctx, `the bounds of "${r.name} in …" must be known before the run`, r.at);
  }
  return [from.v, to.v];
}

function bind(ctx: Ctx, name: string, b: Binding): Ctx {
  const bindings = new Map(ctx.bindings);
  bindings.set(name, b);
  return { ...ctx, bindings };
}

function stepTarget(ctx: Ctx, name: string, index: Expr | undefined, at: number): Binding {
  const steps = ctx.task!.steps;
  if (name === 'done') {
    if (index) fail(ctx, '"done" takes no index', at);
    return { ir: c(steps.done), type: 'step' };
  }
  const entry = steps.lookup(name)!;
  if (!entry.isFamily) {
    if (index) fail(ctx, `step ${name} is not in a family and takes no index`, at);
    return { ir: c(entry.codes[0]), type: 'step' };
  }
  if (!index) {
    if (ctx.familyIndex === undefined) {
      fail(ctx, `step ${name} is one of a family: say which, e.g. ${name}[k]`, at);
    }
    return { ir: c(entry.codes[ctx.familyIndex - 1]), type: 'step' };
  }
  const idx = lowerExpr(index, ctx).ir;
  if (isConst(idx)) {
    if (idx.v < 1 || idx.v > entry.codes.length) {
      fail(ctx, `${name}[${idx.v}] is out of range 1..${entry.codes.length}`, index.at);
    }
    return { ir: c(entry.codes[idx.v - 1]), type: 'step' };
  }
  return { ir: { k: 'dstep', codes: entry.codes, index: idx }, type: 'step' };
}

function lowerName(ctx: Ctx, name: string, at: number, expect?: Type): Binding {
  const b = ctx.bindings.get(name);
  if (b) return b;
  const m = ctx.model;
  const f = m.fields.get(name);
  if (f) {
    if (f.isArray) fail(ctx, `${name} has one element per index: write ${name}[i]`, at);
    return { ir: { k: 'slot', slot: f.slots[0], name }, type: f.type };
  }
  // A word of the enum it is compared with means that value, even if a parameter has its name
  // (`exit == oom` where `oom` is also a parameter).
  if (expect && isEnum(expect) && expect.enum.includes(name)) {
    return { ir: c(expect.enum.indexOf(name)), type: expect };
  }
  const k = m.consts.get(name);
  if (k) return { ir: c(k.value), type: k.type };
  if (ctx.allowSteps && ctx.task && (name === 'done' || ctx.task.steps.lookup(name))) {
    return stepTarget(ctx, name, undefined, at);
  }
  if (ctx.task?.steps.isDeclared(name)) {
    fail(ctx, `step ${name} is not part of this variant (its "when" is false here)`, at);
  }
  if (ctx.allowFinished && name === 'finished') return { ir: { k: 'finished' }, type: BOOL };
  const word = enumWord(ctx, name, at, expect);
  if (word) return word;
  if (m.locks.has(name)) fail(ctx, `${name} is a lock: use holds(${name})`, at);
  if (m.tasks.has(name)) fail(ctx, `${name} is a task: use at(${name}, step…)`, at);
  if (m.helpers.has(name)) fail(ctx, `${name} is a helper: call it as ${name}(…)`, at);
  fail(ctx, `unknown name "${name}"`, at);
}

function lowerIndex(ctx: Ctx, name: string, index: Expr, at: number): Binding {
  const f = ctx.model.fields.get(name);
  if (f) {
    if (!f.isArray) fail(ctx, `${name} is a single value and takes no index`, at);
    const idx = lowerExpr(index, ctx).ir;
    if (isConst(idx)) {
      if (idx.v < 1 || idx.v > f.slots.length) {
        fail(
          ctx,
          `${name}[${idx.v}] is out of range: the index runs from 1 to ${f.slots.length}`,
          index.at,
        );
      }
      return {
        ir: { k: 'slot', slot: f.slots[idx.v - 1], name: `${name}[${idx.v}]` },
        type: f.type,
      };
    }
    return { ir: { k: 'dslot', field: name, slots: f.slots, index: idx }, type: f.type };
  }
  if (ctx.allowSteps && ctx.task?.steps.lookup(name)) return stepTarget(ctx, name, index, at);
  if (ctx.task?.steps.isDeclared(name)) {
    fail(ctx, `step ${name} is not part of this variant (its "when" is false here)`, at);
  }
  fail(ctx, `unknown array "${name}"`, at);
}

export function lockInstance(ctx: Ctx, e: Expr): { lock: number; info: LockInfo } {
  const name = e.k === 'name' || e.k === 'index' ? e.name : undefined;
  const info = name === undefined ? undefined : ctx.model.locks.get(name);
  if (!info) {
    fail(
      ctx,
      name === undefined ? 'expected a lock, e.g. holds(sem[i])' : `unknown lock "${name}"`,
      e.at,
    );
  }
  if (e.k === 'index') {
    if (!info.isArray) fail(ctx, `lock ${info.name} is a single lock and takes no index`, e.at);
    return {
      lock: info.instances[constIndex(ctx, e.index, info.instances.length, info.name) - 1],
      info,
    };
  }
  if (info.isArray)
    fail(ctx, `lock ${info.name} has one instance per index: write ${info.name}[i]`, e.at);
  return { lock: info.instances[0], info };
}

function lowerCall(ctx: Ctx, e: Extract<Expr, { k: 'call' }>): Binding {
  const { name, args } = e;
  if (name === 'holds') {
    if (!ctx.task) fail(ctx, 'holds() needs a running task: use it in a step or a helper', e.at);
    if (args.length < 1 || args.length > 2)
      fail(ctx, 'holds(lock) or holds(lock, read|write)', e.at);
    const { lock, info } = lockInstance(ctx, args[0]);
    let mode: 'read' | 'write' | 'any' = 'any';
    if (args.length === 2) {
      const m = args[1];
      if (m.k !== 'name' || (m.name !== 'read' && m.name !== 'write')) {
        fail(ctx, 'the mode of holds() is read or write', m.at);
      }
      if (info.kind !== 'rwsem')
        fail(ctx, `${info.name} is a ${info.kind}: it has no read mode`, m.at);
      mode = m.name;
    }
    return { ir: { k: 'holds', lock, task: ctx.task.ordinal, mode }, type: BOOL };
  }
  if (name === 'at') {
    if (args.length < 2) fail(ctx, 'at(task, step, …) names a task and at least one step', e.at);
    const t = args[0];
    const fam = t.k === 'name' || t.k === 'index' ? ctx.model.tasks.get(t.name) : undefined;
    if (!fam) fail(ctx, 'the first argument of at() is a task, e.g. t2 or t2[i]', t.at);
    let ordinal: number;
    if (t.k === 'index') {
      if (!fam.isArray) fail(ctx, `task ${fam.ref} is a single task and takes no index`, t.at);
      ordinal = fam.ordinals[constIndex(ctx, t.index, fam.ordinals.length, fam.ref) - 1];
    } else {
      if (fam.isArray) fail(ctx, `task ${fam.ref} is a family: write ${fam.ref}[i]`, t.at);
      ordinal = fam.ordinals[0];
    }
    const codes: number[] = [];
    for (const s of args.slice(1)) {
      if (s.k !== 'name') fail(ctx, 'at() lists step ids (without an index) or done', s.at);
      if (s.name === 'done') codes.push(fam.doneOf(ordinal));
      else {
        const found = fam.codesOf(s.name, ordinal);
        if (!found) fail(ctx, `task ${fam.ref} has no step ${s.name} in this variant`, s.at);
        codes.push(...found);
      }
    }
    // A step this variant does not have is never where the task is.
    if (codes.length === 0) return { ir: c(0), type: BOOL };
    return { ir: { k: 'pcin', task: ordinal, codes }, type: BOOL };
  }
  const helper = ctx.model.helpers.get(name);
  if (!helper) fail(ctx, `unknown function "${name}"`, e.at);
  const body = helper.body;
  if (body.length !== 1 || body[0].k !== 'expr' || isStatementHelperCall(ctx, body[0].expr)) {
    fail(ctx, `${name}() changes state; call it as a statement, not inside an expression`, e.at);
  }
  const inner = helperCtx(ctx, helper, args, e.at);
  return lowerExpr(body[0].expr, inner);
}

function isStatementHelperCall(ctx: Ctx, e: Expr): boolean {
  if (e.k !== 'call') return false;
  const h = ctx.model.helpers.get(e.name);
  return h !== undefined && !(h.body.length === 1 && h.body[0].k === 'expr');
}

function helperCtx(ctx: Ctx, helper: Helper, args: readonly Expr[], at: number): Ctx {
  if (ctx.helpers.includes(helper.name)) {
    fail(ctx, `${helper.name}() calls itself; helpers cannot recurse`, at);
  }
  if (args.length !== helper.params.length) {
    fail(ctx, `${helper.name}() takes ${helper.params.length} argument(s), not ${args.length}`, at);
  }
  const bindings = new Map<string, Binding>();
  helper.params.forEach((p, i) => bindings.set(p, lowerExpr(args[i], ctx)));
  return { ...ctx, bindings, helpers: [...ctx.helpers, helper.name] };
}

function isBoolish(t: Type): boolean {
  return t === 'bool' || t === 'int';
}

/** Lowers an expression; `expect` resolves bare enum words. */
export function lowerExpr(e: Expr, ctx: Ctx, expect?: Type): Binding {
  switch (e.k) {
    case 'num':
      return { ir: c(e.value), type: INT };
    case 'name':
      return lowerName(ctx, e.name, e.at, expect);
    case 'index':
      return lowerIndex(ctx, e.name, e.index, e.at);
    case 'unary': {
      const a = lowerExpr(e.arg, ctx);
      if (isEnum(a.type) || a.type === 'step')
        fail(ctx, `"${e.op}" needs a number or a boolean`, e.at);
      const type = e.op === '!' ? BOOL : INT;
      return {
        ir: isConst(a.ir) ? c(applyUnary(e.op, a.ir.v)) : { k: 'un', op: e.op, arg: a.ir },
        type,
      };
    }
    case 'binary': {
      if (e.op === '&&' || e.op === '||') {
        const l = lowerExpr(e.left, ctx);
        if (isConst(l.ir) && (e.op === '&&' ? l.ir.v === 0 : l.ir.v !== 0)) {
          return { ir: c(e.op === '&&' ? 0 : 1), type: BOOL };
        }
      }
      const leftFirst = !(e.left.k === 'name' && !isKnownName(ctx, e.left.name));
      let l: Binding;
      let r: Binding;
      if (leftFirst) {
        l = lowerExpr(e.left, ctx);
        r = lowerExpr(e.right, ctx, l.type);
      } else {
        r = lowerExpr(e.right, ctx);
        l = lowerExpr(e.left, ctx, r.type);
      }
      const eq = e.op === '==' || e.op === '!=';
      if (eq) {
        if (
          isEnum(l.type) !== isEnum(r.type) ||
          (isEnum(l.type) &&
            isEnum(r.type) &&
            l.type.enum !== r.type.enum &&
            l.type.enum.join() !== r.type.enum.join())
        ) {
          if (isEnum(l.type) || isEnum(r.type)) {
            fail(ctx, `cannot compare ${typeName(l.type)} with ${typeName(r.type)}`, e.at);
          }
        }
      } else if (!isBoolish(l.type) || !isBoolish(r.type)) {
        fail(
          ctx,
          `"${e.op}" needs numbers or booleans, not ${typeName(isBoolish(l.type) ? r.type : l.type)}`,
          e.at,
        );
      }
      const logical = e.op === '&&' || e.op === '||';
      const type: Type = logical || eq || ['<', '<=', '>', '>='].includes(e.op) ? BOOL : INT;
      if (logical && isConst(l.ir)) {
        const decided = e.op === '&&' ? l.ir.v === 0 : l.ir.v !== 0;
        if (decided) return { ir: c(e.op === '&&' ? 0 : 1), type };
        return {
          ir: isConst(r.ir) ? c(r.ir.v !== 0 ? 1 : 0) : { k: 'bin', op: '!=', l: r.ir, r: c(0) },
          type,
        };
      }
      if (isConst(l.ir) && isConst(r.ir)) {
        try {
          return { ir: c(applyBinary(e.op, l.ir.v, r.ir.v)), type };
        } catch (err) {
          fail(ctx, (err as Error).message, e.at);
        }
      }
      return { ir: { k: 'bin', op: e.op, l: l.ir, r: r.ir }, type };
    }
    case 'cond': {
      const test = lowerExpr(e.test, ctx);
      // A decided test leaves the other branch unresolved: it may name a step that this
      // variant does not have.
      if (isConst(test.ir)) return lowerExpr(test.ir.v !== 0 ? e.then : e.else, ctx, expect);
      const then = lowerExpr(e.then, ctx, expect);
      const other = lowerExpr(e.else, ctx, expect ?? then.type);
      return { ir: { k: 'cond', test: test.ir, then: then.ir, else: other.ir }, type: then.type };
    }
    case 'call':
      return lowerCall(ctx, e);
    case 'quant': {
      const [from, to] = rangeBounds(ctx, e.range);
      const parts: Ir[] = [];
      for (let j = from; j <= to; j++) {
        const body = lowerExpr(e.body, bind(ctx, e.range.name, { ir: c(j), type: INT }));
        parts.push(body.ir);
      }
      const isAny = e.q === 'any';
      let out: Ir = c(isAny ? 0 : 1);
      for (const p of parts) {
        if (isConst(p)) {
          if ((p.v !== 0) === isAny) return { ir: c(isAny ? 1 : 0), type: BOOL };
          continue;
        }
        const asBool: Ir = { k: 'bin', op: '!=', l: p, r: c(0) };
        out = isConst(out) ? asBool : { k: 'bin', op: isAny ? '||' : '&&', l: out, r: p };
      }
      return { ir: out, type: BOOL };
    }
  }
}

/** Lowers a statement list. Block scoping: a `let` is visible to the statements after it. */
export function lowerStmts(stmts: readonly Stmt[], ctx: Ctx): IrStmt[] {
  return lowerBlock(stmts, ctx).stmts;
}

/** Lowers a statement list and returns the scope after it (its top-level `let`s). */
export function lowerBlock(stmts: readonly Stmt[], ctx: Ctx): { stmts: IrStmt[]; scope: Ctx } {
  const out: IrStmt[] = [];
  let scope = ctx;
  for (const s of stmts) {
    switch (s.k) {
      case 'let': {
        const value = lowerExpr(s.value, scope);
        const id = scope.locals.count++;
        out.push({ k: 'setlocal', id, value: value.ir });
        scope = bind(scope, s.name, { ir: { k: 'local', id, name: s.name }, type: value.type });
        break;
      }
      case 'assign':
        out.push(lowerAssign(s, scope));
        break;
      case 'if': {
        const test = lowerExpr(s.test, scope);
        if (isConst(test.ir)) {
          out.push(...lowerStmts(test.ir.v !== 0 ? s.then : s.else, scope));
        } else {
          out.push({
            k: 'if',
            test: test.ir,
            then: lowerStmts(s.then, scope),
            else: lowerStmts(s.else, scope),
          });
        }
        break;
      }
      case 'for': {
        const [from, to] = rangeBounds(scope, s.range);
        for (let j = from; j <= to; j++) {
          out.push(...lowerStmts(s.body, bind(scope, s.range.name, { ir: c(j), type: INT })));
        }
        break;
      }
      case 'expr': {
        const e = s.expr;
        const helper = e.k === 'call' ? scope.model.helpers.get(e.name) : undefined;
        if (!helper || e.k !== 'call')
          fail(scope, 'this expression does nothing: assign it or call a helper', s.at);
        out.push(...lowerStmts(helper.body, helperCtx(scope, helper, e.args, e.at)));
        break;
      }
    }
  }
  return { stmts: out, scope };
}

function lowerAssign(s: Extract<Stmt, { k: 'assign' }>, ctx: Ctx): IrStmt {
  const t = s.target;
  const name = t.k === 'name' || t.k === 'index' ? t.name : '';
  const local = ctx.bindings.get(name);
  if (local && t.k === 'name') {
    if (local.ir.k !== 'local') fail(ctx, `${name} is fixed here and cannot be assigned`, t.at);
    const id = local.ir.id;
    return { k: 'setlocal', id, value: compound(s, local, ctx) };
  }
  const f = ctx.model.fields.get(name);
  if (!f) {
    if (ctx.model.consts.has(name))
      fail(ctx, `${name} is a parameter or constant and cannot be assigned`, t.at);
    fail(ctx, `unknown field "${name}"`, t.at);
  }
  const target =
    t.k === 'index' ? lowerIndex(ctx, name, t.index, t.at) : lowerName(ctx, name, t.at);
  const value = compound(s, target, ctx);
  if (target.ir.k === 'slot')
    return { k: 'set', slot: target.ir.slot, name: target.ir.name, value };
  if (target.ir.k === 'dslot') {
    return { k: 'dset', field: name, slots: target.ir.slots, index: target.ir.index, value };
  }
  fail(ctx, `${name} cannot be assigned`, t.at);
}

function compound(s: Extract<Stmt, { k: 'assign' }>, target: Binding, ctx: Ctx): Ir {
  const v = lowerExpr(s.value, ctx, target.type);
  if (isEnum(target.type) && s.op !== '=') fail(ctx, `"${s.op}" does not apply to an enum`, s.at);
  if (isEnum(target.type) !== isEnum(v.type) || v.type === 'step') {
    fail(
      ctx,
      `cannot assign ${typeName(v.type)} to a field that holds ${typeName(target.type)}`,
      s.value.at,
    );
  }
  if (s.op === '=') {
    return target.type === 'bool' && !isConst(v.ir) && v.type !== 'bool'
      ? { k: 'bin', op: '!=', l: v.ir, r: c(0) }
      : target.type === 'bool' && isConst(v.ir)
        ? c(v.ir.v !== 0 ? 1 : 0)
        : v.ir;
  }
  const op = s.op.slice(0, 1) as '+' | '-' | '|' | '&' | '^';
  const ir: Ir = { k: 'bin', op, l: target.ir, r: v.ir };
  // A boolean stays 0 or 1 whatever the operator (the key packs it in one bit, unchecked).
  return target.type === 'bool' ? { k: 'bin', op: '!=', l: ir, r: c(0) } : ir;
}
