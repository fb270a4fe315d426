/**
 * Random scenario documents for property tests. Test support only.
 *
 * - A small model of a race (tasks and task families, steps with `when`, guards, effects and
 *   forward branches, locks, fields, helpers, outcomes) drawn with fast-check.
 * - The model as a YAML document, written by our own emitter so that the line and column of
 *   every node, and of every character inside an expression, are known.
 * - A reference interpreter of the same model, independent of the compiler and the explorer.
 * - Named mutations that make a valid document invalid, each with the place the loader should
 *   report.
 */
import fc from 'fast-check';

// ─── Expressions and statements ─────────────────────────────────────────────────────────────

export type BinOp =
  | '||'
  | '&&'
  | '|'
  | '^'
  | '&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '<<'
  | '>>'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export type Expr =
  | { readonly k: 'num'; readonly v: number; readonly hex?: boolean }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'index'; readonly name: string; readonly index: Expr }
  | { readonly k: 'un'; readonly op: '!' | '-' | '~'; readonly a: Expr }
  | { readonly k: 'bin'; readonly op: BinOp; readonly l: Expr; readonly r: Expr }
  /** `fixed`: the test is known before the run (which step a variant has). */
  | {
      readonly k: 'cond';
      readonly c: Expr;
      readonly a: Expr;
      readonly b: Expr;
      readonly fixed?: boolean;
    }
  | { readonly k: 'holds'; readonly lock: Expr; readonly mode?: 'read' | 'write' }
  | { readonly k: 'at'; readonly task: Expr; readonly steps: readonly string[] }
  | { readonly k: 'finished' }
  | {
      readonly k: 'quant';
      readonly q: 'any' | 'all';
      readonly v: string;
      readonly from: Expr;
      readonly to: Expr;
      readonly body: Expr;
    }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[] };

export type AssignOp = '=' | '+=' | '-=' | '|=' | '&=' | '^=';

export type Stmt =
  | { readonly k: 'assign'; readonly op: AssignOp; readonly target: Expr; readonly value: Expr }
  | { readonly k: 'let'; readonly name: string; readonly value: Expr }
  | {
      readonly k: 'if';
      readonly c: Expr;
      readonly then: readonly Stmt[];
      readonly else: readonly Stmt[];
      readonly braces: boolean;
    }
  | {
      readonly k: 'for';
      readonly v: string;
      readonly from: Expr;
      readonly to: Expr;
      readonly body: readonly Stmt[];
      readonly braces: boolean;
    }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[] };

const num = (v: number): Expr => ({ k: 'num', v });
const name = (n: string): Expr => ({ k: 'name', name: n });
const bin = (op: BinOp, l: Expr, r: Expr): Expr => ({ k: 'bin', op, l, r });
const not = (a: Expr): Expr => ({ k: 'un', op: '!', a });
/** A fresh copy, so that one node never appears twice in a tree (offsets are kept by node). */
const copy = <T>(x: T): T => structuredClone(x);

const PREC: Readonly<Record<BinOp, number>> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};
const precOf = (e: Expr): number =>
  e.k === 'cond' ? 0 : e.k === 'bin' ? PREC[e.op] : e.k === 'un' ? 11 : 12;

/** How an expression or a statement list is written. */
export type SourceSpec =
  | { readonly kind: 'expr'; readonly e: Expr; readonly tight: boolean }
  | {
      readonly kind: 'stmts';
      readonly ss: readonly Stmt[];
      readonly tight: boolean;
      /** One statement per line (nested blocks over lines), or all on one line. */
      readonly multi: boolean;
      /** Between statements on one line: `; ` or a space (semicolons are optional). */
      readonly sep: string;
      /** A `//` comment line before top-level statement i. */
      readonly notes: readonly (string | undefined)[];
    };

/** Source text with the offset where each node starts. */
export interface Source {
  readonly text: string;
  readonly at: ReadonlyMap<object, number>;
  /** Offsets where top-level statements start. */
  readonly tops: readonly number[];
  /** `//` comments, [start, end). */
  readonly comments: readonly (readonly [number, number])[];
}

class Writer {
  s = '';
  readonly at = new Map<object, number>();
  readonly tops: number[] = [];
  readonly comments: [number, number][] = [];
  constructor(private readonly tight: boolean) {}

  expr(e: Expr, min = 0): void {
    const paren = precOf(e) < min;
    if (paren) this.s += '(';
    this.at.set(e, this.s.length);
    switch (e.k) {
      case 'num':
        this.s += e.hex ? `0x${e.v.toString(16)}` : String(e.v);
        break;
      case 'bool':
        this.s += e.v ? 'true' : 'false';
        break;
      case 'name':
        this.s += e.name;
        break;
      case 'index':
        this.s += `${e.name}[`;
        this.expr(e.index);
        this.s += ']';
        break;
      case 'un':
        this.s += e.op;
        this.expr(e.a, 11);
        break;
      case 'bin':
        this.expr(e.l, PREC[e.op]);
        this.s += this.tight ? e.op : ` ${e.op} `;
        this.expr(e.r, PREC[e.op] + 1);
        break;
      case 'cond':
        this.expr(e.c, 1);
        this.s += ' ? ';
        this.expr(e.a);
        this.s += ' : ';
        this.expr(e.b);
        break;
      case 'holds':
        this.s += 'holds(';
        this.expr(e.lock);
        if (e.mode) this.s += `, ${e.mode}`;
        this.s += ')';
        break;
      case 'at':
        this.s += 'at(';
        this.expr(e.task);
        for (const st of e.steps) this.s += `, ${st}`;
        this.s += ')';
        break;
      case 'finished':
        this.s += 'finished';
        break;
      case 'quant':
        this.s += `${e.q}(${e.v} in `;
        this.expr(e.from);
        this.s += '..';
        this.expr(e.to);
        this.s += ': ';
        this.expr(e.body);
        this.s += ')';
        break;
      case 'call':
        this.s += `${e.name}(`;
        e.args.forEach((a, i) => {
          if (i > 0) this.s += ', ';
          this.expr(a);
        });
        this.s += ')';
        break;
    }
    if (paren) this.s += ')';
  }

  multi(ss: readonly Stmt[], indent: string, notes?: readonly (string | undefined)[]): void {
    ss.forEach((st, i) => {
      if (i > 0) this.s += '\n';
      const note = notes?.[i];
      if (note !== undefined) {
        const c0 = this.s.length;
        this.s += `${indent}// ${note}`;
        this.comments.push([c0, this.s.length]);
        this.s += '\n';
      }
      this.s += indent;
      if (notes) this.tops.push(this.s.length);
      this.stmt(st, true, indent);
    });
  }

  single(ss: readonly Stmt[], sep: string, top: boolean): void {
    ss.forEach((st, i) => {
      if (i > 0) this.s += sep;
      if (top) this.tops.push(this.s.length);
      this.stmt(st, false, '');
    });
  }

  private body(ss: readonly Stmt[], braces: boolean, multi: boolean, indent: string): void {
    if (!braces) {
      this.stmt(ss[0], multi, indent);
      return;
    }
    if (multi) {
      this.s += '{\n';
      this.multi(ss, `${indent}  `);
      this.s += `\n${indent}}`;
    } else {
      this.s += '{ ';
      this.single(ss, '; ', false);
      this.s += ss.length > 0 ? ' }' : '}';
    }
  }

  private stmt(st: Stmt, multi: boolean, indent: string): void {
    this.at.set(st, this.s.length);
    switch (st.k) {
      case 'assign':
        this.expr(st.target);
        this.s += ` ${st.op} `;
        this.expr(st.value);
        break;
      case 'let':
        this.s += `let ${st.name} = `;
        this.expr(st.value);
        break;
      case 'call':
        this.expr({ k: 'call', name: st.name, args: st.args });
        break;
      case 'if': {
        this.s += 'if (';
        this.expr(st.c);
        this.s += ') ';
        // A then-branch that is itself an if or a for would take the else: braces.
        const thenBraces =
          st.braces ||
          st.then.length !== 1 ||
          (st.else.length > 0 && (st.then[0].k === 'if' || st.then[0].k === 'for'));
        this.body(st.then, thenBraces, multi, indent);
        if (st.else.length > 0) {
          this.s += ' else ';
          this.body(st.else, st.braces || st.else.length !== 1, multi, indent);
        }
        break;
      }
      case 'for':
        this.s += `for ${st.v} in `;
        this.expr(st.from);
        this.s += '..';
        this.expr(st.to);
        this.s += ' ';
        this.body(st.body, st.braces || st.body.length !== 1, multi, indent);
        break;
    }
  }
}

export function renderSource(spec: SourceSpec): Source {
  const w = new Writer(spec.tight);
  if (spec.kind === 'expr') w.expr(spec.e);
  else if (spec.multi) w.multi(spec.ss, '', spec.notes);
  else w.single(spec.ss, spec.sep, true);
  return { text: w.s, at: w.at, tops: w.tops, comments: w.comments };
}

// ─── The model ──────────────────────────────────────────────────────────────────────────────

export type Size = 'n' | 2;

export interface FieldGen {
  readonly name: string;
  readonly kind: 'bool' | 'int' | 'enum' | 'flags';
  /** An array of this many elements (`for: i in 1..n`), or a single value. */
  readonly size?: Size;
  readonly rangeVar: string;
  readonly min: number;
  readonly max: number;
  readonly words?: readonly string[];
  readonly bits?: readonly (readonly [string, number])[];
  init: Expr;
  live?: Expr;
}

export interface LockGen {
  readonly name: string;
  readonly kind: 'spinlock' | 'mutex' | 'rwsem';
  readonly array: boolean;
}

export interface StepGen {
  readonly id: string;
  readonly when?: Expr;
  readonly label: string | readonly { readonly when?: Expr; readonly text: string }[];
  readonly explain: string;
  readonly acquire?: { readonly lock: Expr; readonly mode?: 'read' | 'write' };
  readonly release: readonly Expr[];
  readonly releaseList: boolean;
  readonly guard?: Expr;
  readonly effect?: readonly Stmt[];
  readonly next: Expr;
  readonly waitsFor?: string;
}

export interface TaskGen {
  readonly id: string;
  readonly ref: string;
  readonly name: string;
  readonly familyVar?: string;
  readonly steps: StepGen[];
  readonly mayStopAt?: readonly string[];
}

export interface HelperGen {
  readonly name: string;
  readonly params: readonly string[];
  readonly body:
    | { readonly k: 'expr'; readonly e: Expr }
    | { readonly k: 'stmts'; readonly ss: readonly Stmt[] };
  /** Uses holds(): callable from steps only. */
  readonly usesTask: boolean;
}

export interface OutcomeGen {
  readonly name: string;
  readonly bad: boolean;
  readonly kind: 'flag' | 'final' | 'deadlock' | 'clean';
  readonly flag?: string;
  readonly final?: Expr;
}

export interface ModelGen {
  readonly id: string;
  readonly nMax: number;
  readonly nDefault: number;
  readonly pOn?: boolean;
  readonly mode?: string;
  readonly features: readonly string[];
  readonly variants: readonly {
    readonly id: string;
    readonly features: Readonly<Record<string, boolean>>;
  }[];
  readonly defaultVariant: string;
  readonly constants: readonly (readonly [string, number])[];
  readonly fields: FieldGen[];
  readonly locks: LockGen[];
  readonly helpers: HelperGen[];
  readonly tasks: TaskGen[];
  readonly outcomes: OutcomeGen[];
  defaultSchedule?: 'round-robin' | 'task-order';
  /** A step releases a lock its task may not hold: exploring must fail with a ModelError. */
  sloppy: boolean;
}

export const MODE_WORDS = ['slow', 'fast'] as const;
const WORD_SETS = [
  ['idle', 'busy', 'gone'],
  ['red', 'green', 'blue'],
] as const;

/** One instance: a variant and a value for every parameter. */
export interface Setting {
  readonly variant: string;
  readonly n: number;
  readonly pOn: boolean;
  readonly mode: number;
}

export function paramInput(m: ModelGen, s: Setting): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { variant: s.variant, n: s.n };
  if (m.pOn !== undefined) out.p_on = s.pOn;
  if (m.mode !== undefined) out.mode = MODE_WORDS[s.mode];
  return out;
}

export function defaultSetting(m: ModelGen, variant = m.defaultVariant): Setting {
  return {
    variant,
    n: m.nDefault,
    pOn: m.pOn ?? false,
    mode: m.mode === undefined ? 0 : MODE_WORDS.indexOf(m.mode as 'slow'),
  };
}

/** Every setting: each variant, n, p_on and mode. */
export function allSettings(m: ModelGen): Setting[] {
  const out: Setting[] = [];
  for (const v of m.variants)
    for (let n = 1; n <= m.nMax; n++)
      for (const pOn of m.pOn === undefined ? [false] : [false, true])
        for (const mode of m.mode === undefined ? [0] : [0, 1])
          out.push({ variant: v.id, n, pOn, mode });
  return out;
}

/** The settings the loader compiles: every variant, at the defaults and at n's maximum. */
export function loaderSettings(m: ModelGen): Setting[] {
  const out: Setting[] = [];
  for (const v of m.variants) {
    const d = defaultSetting(m, v.id);
    out.push(d);
    // Each parameter away from its default on its own.
    if (m.nMax !== m.nDefault) out.push({ ...d, n: m.nMax });
    if (m.pOn !== undefined) out.push({ ...d, pOn: !d.pOn });
    if (m.mode !== undefined) out.push({ ...d, mode: 1 - d.mode });
  }
  return out;
}

// ─── The reference interpreter ──────────────────────────────────────────────────────────────

/** A run-time error of the model (a lock released that is not held, a field out of its domain). */
export class RefModelError extends Error {}

export interface RefStep {
  readonly step: StepGen;
  /** Index in its task's `steps`. */
  readonly docIndex: number;
  readonly id: string;
  readonly code: number;
}

export interface RefInst {
  readonly ordinal: number;
  readonly task: TaskGen;
  readonly taskIndex: number;
  /** Family index (1-based), or 0 for a single task. */
  readonly index: number;
  readonly key: string;
  readonly steps: readonly RefStep[];
  readonly stop: ReadonlySet<number>;
}

interface LockSlots {
  readonly kind: LockGen['kind'];
  readonly owner: number;
  readonly readers: number;
}

interface Ctx {
  readonly s: number[];
  readonly bind: ReadonlyMap<string, { v: number }>;
  readonly task?: number;
  /** Branch targets: the running instance's steps. */
  readonly steps?: RefInst;
  readonly finals?: boolean;
}

function cop(op: BinOp, a: number, b: number): number {
  switch (op) {
    case '*':
      return Math.imul(a, b);
    case '/':
      if (b === 0) throw new RefModelError('division by zero');
      return Math.trunc(a / b) | 0;
    case '%':
      if (b === 0) throw new RefModelError('division by zero');
      return (a % b) | 0;
    case '+':
      return (a + b) | 0;
    case '-':
      return (a - b) | 0;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '<':
      return +(a < b);
    case '<=':
      return +(a <= b);
    case '>':
      return +(a > b);
    case '>=':
      return +(a >= b);
    case '==':
      return +(a === b);
    case '!=':
      return +(a !== b);
    case '&':
      return a & b;
    case '^':
      return a ^ b;
    case '|':
      return a | b;
    case '&&':
      return +(a !== 0 && b !== 0);
    case '||':
      return +(a !== 0 || b !== 0);
  }
}

/** Names that mean a number before the run: parameters, features, constants, enum words, bits. */
export function constantsOf(m: ModelGen, s: Setting): Map<string, number> {
  const c = new Map<string, number>();
  c.set('n', s.n);
  if (m.pOn !== undefined) c.set('p_on', s.pOn ? 1 : 0);
  if (m.mode !== undefined) {
    c.set('mode', s.mode);
    MODE_WORDS.forEach((w, i) => c.set(w, i));
  }
  const v = m.variants.find((x) => x.id === s.variant)!;
  for (const f of m.features) c.set(f, v.features[f] ? 1 : 0);
  for (const [k, x] of m.constants) c.set(k, x);
  for (const f of m.fields) {
    f.words?.forEach((w, i) => c.set(w, i));
    for (const [b, x] of f.bits ?? []) c.set(b, x);
  }
  return c;
}

/** Evaluates an expression that is known before the run (`when`, `init`). */
export function evalConst(
  m: ModelGen,
  s: Setting,
  e: Expr,
  bind: Record<string, number> = {},
): number {
  const r = new Reference(m, s, true);
  return r.eval(e, {
    s: [],
    bind: new Map(Object.entries(bind).map(([k, v]) => [k, { v }])),
  });
}

export class Reference {
  readonly consts: Map<string, number>;
  readonly insts: RefInst[] = [];
  readonly fieldSlots = new Map<string, number[]>();
  readonly locks = new Map<string, LockSlots[]>();
  /** Per slot: its domain check and the value it is reset to when dead. */
  private readonly slotInfo: { field: FieldGen; dead: number; elem: number }[] = [];
  readonly size: number;
  readonly initial: number[] = [];
  private readonly n: number;
  private readonly byRef = new Map<string, RefInst[]>();

  constructor(
    readonly m: ModelGen,
    readonly setting: Setting,
    constOnly = false,
  ) {
    this.consts = constantsOf(m, setting);
    this.n = setting.n;
    if (constOnly) {
      this.size = 0;
      return;
    }
    m.tasks.forEach((t, ti) => {
      const indices = t.familyVar ? range(1, this.n) : [0];
      for (const i of indices) {
        const bind = new Map<string, { v: number }>();
        if (t.familyVar) bind.set(t.familyVar, { v: i });
        const steps: RefStep[] = [];
        t.steps.forEach((st, si) => {
          if (st.when && this.eval(st.when, { s: [], bind }) === 0) return;
          const suffix = t.familyVar && this.n > 1 ? `.${i}` : '';
          steps.push({ step: st, docIndex: si, id: st.id + suffix, code: steps.length });
        });
        const stop = new Set([steps.length]);
        for (const x of steps) if (t.mayStopAt?.includes(x.step.id)) stop.add(x.code);
        const inst: RefInst = {
          ordinal: this.insts.length,
          task: t,
          taskIndex: ti,
          index: i,
          key: t.id + (t.familyVar && this.n > 1 ? `.${i}` : ''),
          steps,
          stop,
        };
        this.insts.push(inst);
        this.byRef.set(t.ref, [...(this.byRef.get(t.ref) ?? []), inst]);
      }
    });
    let slot = this.insts.length;
    for (let i = 0; i < this.insts.length; i++) this.initial.push(0);
    for (const f of m.fields) {
      const elems = f.size === undefined ? [0] : range(1, f.size === 'n' ? this.n : 2);
      const slots: number[] = [];
      for (const k of elems) {
        const bind = new Map([[f.rangeVar, { v: k }]]);
        const v = this.eval(f.init, { s: [], bind });
        this.initial.push(v);
        this.slotInfo[slot] = { field: f, dead: v, elem: k };
        slots.push(slot++);
      }
      this.fieldSlots.set(f.name, slots);
    }
    for (const l of m.locks) {
      const inst: LockSlots[] = [];
      for (let k = 0; k < (l.array ? this.n : 1); k++) {
        const owner = slot++;
        this.initial.push(0);
        let readers = -1;
        if (l.kind === 'rwsem') {
          readers = slot++;
          this.initial.push(0);
        }
        inst.push({ kind: l.kind, owner, readers });
      }
      this.locks.set(l.name, inst);
    }
    this.size = slot;
    this.checkDomains(this.initial, 'the initial state');
  }

  private lockOf(e: Expr, c: Ctx): LockSlots {
    const name = e.k === 'name' || e.k === 'index' ? e.name : '';
    const inst = this.locks.get(name);
    if (!inst) throw new Error(`reference: no lock ${name}`);
    const i = e.k === 'index' ? this.eval(e.index, c) : 1;
    if (i < 1 || i > inst.length) throw new Error(`reference: lock index ${i}`);
    return inst[i - 1];
  }

  private lockKey(e: Expr, c: Ctx): string {
    const name = e.k === 'name' || e.k === 'index' ? e.name : '';
    return e.k === 'index' ? `${name}[${this.eval(e.index, c)}]` : name;
  }

  eval(e: Expr, c: Ctx): number {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'bool':
        return e.v ? 1 : 0;
      case 'name': {
        const b = c.bind.get(e.name);
        if (b) return b.v;
        const f = this.fieldSlots.get(e.name);
        if (f) return c.s[f[0]];
        const k = this.consts.get(e.name);
        if (k !== undefined) return k;
        if (c.steps) {
          if (e.name === 'done') return c.steps.steps.length;
          const st = c.steps.steps.find((x) => x.step.id === e.name);
          if (st) return st.code;
        }
        if (c.finals && e.name === 'finished') return this.finished(c.s) ? 1 : 0;
        throw new Error(`reference: unknown name ${e.name}`);
      }
      case 'index': {
        const f = this.fieldSlots.get(e.name);
        if (!f) throw new Error(`reference: unknown array ${e.name}`);
        const i = this.eval(e.index, c);
        if (i < 1 || i > f.length) throw new RefModelError(`${e.name}[${i}] is out of range`);
        return c.s[f[i - 1]];
      }
      case 'un': {
        const a = this.eval(e.a, c);
        return e.op === '!' ? +(a === 0) : e.op === '-' ? -a | 0 : ~a;
      }
      case 'bin': {
        if (e.op === '&&') return +(this.eval(e.l, c) !== 0 && this.eval(e.r, c) !== 0);
        if (e.op === '||') return +(this.eval(e.l, c) !== 0 || this.eval(e.r, c) !== 0);
        return cop(e.op, this.eval(e.l, c), this.eval(e.r, c));
      }
      case 'cond':
        return this.eval(e.c, c) !== 0 ? this.eval(e.a, c) : this.eval(e.b, c);
      case 'holds': {
        const l = this.lockOf(e.lock, c);
        const t = c.task!;
        const owner = c.s[l.owner] === t + 1;
        if (e.mode === 'write' || l.readers < 0) return +owner;
        const reading = ((c.s[l.readers] >>> t) & 1) === 1;
        return +(e.mode === 'read' ? reading : owner || reading);
      }
      case 'at': {
        const ref = e.task.k === 'name' || e.task.k === 'index' ? e.task.name : '';
        const fam = this.byRef.get(ref)!;
        const inst = e.task.k === 'index' ? fam[this.eval(e.task.index, c) - 1] : fam[0];
        const pc = c.s[inst.ordinal];
        return +e.steps.some((st) =>
          st === 'done'
            ? pc === inst.steps.length
            : inst.steps.some((x) => x.step.id === st && x.code === pc),
        );
      }
      case 'finished':
        return this.finished(c.s) ? 1 : 0;
      case 'quant': {
        const from = this.eval(e.from, c);
        const to = this.eval(e.to, c);
        for (let j = from; j <= to; j++) {
          const bind = new Map(c.bind);
          bind.set(e.v, { v: j });
          const x = this.eval(e.body, { ...c, bind }) !== 0;
          if (x === (e.q === 'any')) return e.q === 'any' ? 1 : 0;
        }
        return e.q === 'any' ? 0 : 1;
      }
      case 'call': {
        const h = this.m.helpers.find((x) => x.name === e.name)!;
        const bind = new Map(h.params.map((p, i) => [p, { v: this.eval(e.args[i], c) }]));
        if (h.body.k !== 'expr') throw new Error('reference: a statement helper in an expression');
        return this.eval(h.body.e, { ...c, bind });
      }
    }
  }

  private exec(ss: readonly Stmt[], c: Ctx): void {
    let scope = c;
    for (const st of ss) {
      switch (st.k) {
        case 'let': {
          const bind = new Map(scope.bind);
          bind.set(st.name, { v: this.eval(st.value, scope) });
          scope = { ...scope, bind };
          break;
        }
        case 'assign': {
          const t = st.target;
          const tname = t.k === 'name' || t.k === 'index' ? t.name : '';
          const local = t.k === 'name' ? scope.bind.get(tname) : undefined;
          const value = this.eval(st.value, scope);
          const apply = (cur: number): number =>
            st.op === '=' ? value : cop(st.op.slice(0, 1) as BinOp, cur, value);
          if (local) {
            local.v = apply(local.v);
            break;
          }
          const slots = this.fieldSlots.get(tname)!;
          let slot = slots[0];
          if (t.k === 'index') {
            const i = this.eval(t.index, scope);
            if (i < 1 || i > slots.length)
              throw new RefModelError(`${tname}[${i}] is out of range`);
            slot = slots[i - 1];
          }
          const v = apply(scope.s[slot]);
          const f = this.slotInfo[slot].field;
          scope.s[slot] = f.kind === 'bool' && st.op === '=' ? +(v !== 0) : v;
          break;
        }
        case 'if':
          this.exec(this.eval(st.c, scope) !== 0 ? st.then : st.else, scope);
          break;
        case 'for': {
          const from = this.eval(st.from, scope);
          const to = this.eval(st.to, scope);
          for (let j = from; j <= to; j++) {
            const bind = new Map(scope.bind);
            bind.set(st.v, { v: j });
            this.exec(st.body, { ...scope, bind });
          }
          break;
        }
        case 'call': {
          const h = this.m.helpers.find((x) => x.name === st.name)!;
          const bind = new Map(h.params.map((p, i) => [p, { v: this.eval(st.args[i], scope) }]));
          if (h.body.k !== 'stmts')
            throw new Error('reference: an expression helper as a statement');
          this.exec(h.body.ss, { ...scope, bind });
          break;
        }
      }
    }
  }

  private checkDomains(s: readonly number[], after: string): void {
    for (let i = this.insts.length; i < this.slotInfo.length; i++) {
      const info = this.slotInfo[i];
      if (!info) continue;
      const f = info.field;
      const v = s[i];
      const ok =
        f.kind === 'flags'
          ? (f.bits ?? []).reduce((acc, [, b]) => ((v & b) === b ? acc | b : acc), 0) === v
          : v >= f.min && v <= f.max;
      if (!ok) throw new RefModelError(`${f.name} became ${v} after ${after}`);
    }
  }

  private bindOf(inst: RefInst): Map<string, { v: number }> {
    const bind = new Map<string, { v: number }>();
    if (inst.task.familyVar) bind.set(inst.task.familyVar, { v: inst.index });
    return bind;
  }

  /** As documented (scenario-format.md 3.7): a lock the task already holds blocks it for good. */
  private canAcquire(
    s: readonly number[],
    l: LockSlots,
    mode: 'read' | 'write' | 'spin',
    t: number,
  ): boolean {
    if (s[l.owner] === t + 1 || (l.readers >= 0 && ((s[l.readers] >>> t) & 1) === 1)) return false;
    if (mode === 'write') return s[l.owner] === 0 && s[l.readers] === 0;
    return s[l.owner] === 0;
  }

  current(s: readonly number[], t: number): RefStep | undefined {
    return this.insts[t].steps[s[t]];
  }

  enabled(s: number[], t: number): boolean {
    const inst = this.insts[t];
    const st = this.current(s, t);
    if (!st) return false;
    const c: Ctx = { s, bind: this.bindOf(inst), task: t };
    const a = st.step.acquire;
    if (a && !this.canAcquire(s, this.lockOf(a.lock, c), a.mode ?? 'spin', t)) return false;
    return st.step.guard === undefined || this.eval(st.step.guard, c) !== 0;
  }

  apply(s: readonly number[], t: number): number[] {
    const inst = this.insts[t];
    const st = this.current(s, t)!;
    const d = s.slice();
    const c: Ctx = { s: d, bind: this.bindOf(inst), task: t, steps: inst };
    const a = st.step.acquire;
    if (a) {
      const l = this.lockOf(a.lock, c);
      if (a.mode === 'read') d[l.readers] |= 1 << t;
      else d[l.owner] = t + 1;
    }
    if (st.step.effect) this.exec(st.step.effect, c);
    for (const r of st.step.release) {
      const l = this.lockOf(r, c);
      if (d[l.owner] === t + 1) d[l.owner] = 0;
      else if (l.readers >= 0 && (d[l.readers] & (1 << t)) !== 0) d[l.readers] &= ~(1 << t);
      else throw new RefModelError(`${st.id} releases ${this.lockKey(r, c)}, not held`);
    }
    d[t] = this.eval(st.step.next, c);
    if (d[t] <= s[t] && s[t] < inst.steps.length)
      throw new Error(`reference: ${st.id} branches back`);
    // Dead fields are reset, in slot order, each seeing the resets before it.
    for (let i = this.insts.length; i < this.slotInfo.length; i++) {
      const info = this.slotInfo[i];
      if (!info?.field.live) continue;
      const bind = new Map([[info.field.rangeVar, { v: info.elem }]]);
      if (this.eval(info.field.live, { s: d, bind }) === 0) d[i] = info.dead;
    }
    this.checkDomains(d, st.id);
    return d;
  }

  finished(s: readonly number[]): boolean {
    return this.insts.every((inst, t) => inst.stop.has(s[t]));
  }

  flagMask(s: number[]): number {
    let mask = 0;
    this.m.outcomes.forEach((o, i) => {
      if (o.kind === 'flag' && this.fieldSlots.get(o.flag!)!.some((x) => s[x] !== 0))
        mask |= 1 << i;
    });
    return mask;
  }

  finalMask(s: number[]): number {
    let mask = this.flagMask(s);
    this.m.outcomes.forEach((o, i) => {
      if (o.kind === 'final' && this.eval(o.final!, { s, bind: new Map(), finals: true }) !== 0) {
        mask |= 1 << i;
      }
    });
    const dl = this.m.outcomes.findIndex((o) => o.kind === 'deadlock');
    if (dl >= 0 && !this.finished(s)) mask |= 1 << dl;
    const clean = this.m.outcomes.findIndex((o) => o.kind === 'clean');
    if (mask === 0 && clean >= 0) mask = 1 << clean;
    return mask;
  }

  /** The step a family member or task would run next, by id. */
  pcOf(s: readonly number[], t: number): string {
    return this.current(s, t)?.id ?? 'done';
  }
}

const range = (a: number, b: number): number[] => {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
};

export interface RefSummary {
  readonly states: number;
  readonly transitions: number;
  readonly terminals: number;
  readonly schedules: bigint;
  readonly with: Readonly<Record<string, bigint>>;
  /** Length of the shortest schedule reaching each reachable bad outcome. */
  readonly witnessLength: Readonly<Record<string, number>>;
  /** The same counts from walking every schedule one by one, when there are few enough. */
  readonly enumerated?: {
    readonly schedules: number;
    readonly with: Readonly<Record<string, number>>;
  };
}

export type RefResult =
  | { readonly ok: true; readonly summary: RefSummary }
  | { readonly ok: false; readonly error: string };

/**
 * Explores the reference model: every reachable state (breadth first, keyed on the whole state),
 * counts of complete schedules by memoised recursion, and, when there are at most
 * `enumerateUpTo` schedules, a second count that walks every schedule without deduplication.
 */
export function referenceExplore(ref: Reference, enumerateUpTo = 20_000): RefResult {
  const nT = ref.insts.length;
  const names = ref.m.outcomes.map((o) => o.name);
  const index = new Map<string, number>();
  const states: number[][] = [];
  const depth: number[] = [];
  const succ: number[][] = [];
  const add = (s: number[], d: number): number => {
    const k = s.join(',');
    let i = index.get(k);
    if (i === undefined) {
      i = states.length;
      index.set(k, i);
      states.push(s);
      depth.push(d);
    }
    return i;
  };
  const witness: Record<string, number> = {};
  const bad = new Set(ref.m.outcomes.filter((o) => o.bad).map((o) => o.name));
  const note = (mask: number, d: number) => {
    names.forEach((o, i) => {
      if (mask & (1 << i) && bad.has(o) && !(o in witness)) witness[o] = d;
    });
  };
  let transitions = 0;
  let terminals = 0;
  const terminalMask: number[] = [];
  try {
    add(ref.initial, 0);
    for (let h = 0; h < states.length; h++) {
      const s = states[h];
      note(ref.flagMask(s), depth[h]);
      const next: number[] = [];
      for (let t = 0; t < nT; t++) {
        if (!ref.enabled(s, t)) continue;
        transitions++;
        next.push(add(ref.apply(s, t), depth[h] + 1));
      }
      succ.push(next);
      if (next.length === 0) {
        terminals++;
        terminalMask[h] = ref.finalMask(s);
        note(terminalMask[h], depth[h]);
      }
    }
  } catch (e) {
    if (e instanceof RefModelError) return { ok: false, error: e.message };
    throw e;
  }
  const memo = new Map<number, bigint[]>();
  const count = (i: number): bigint[] => {
    const hit = memo.get(i);
    if (hit) return hit;
    let out: bigint[];
    if (succ[i].length === 0)
      out = [1n, ...names.map((_, o) => (terminalMask[i] & (1 << o) ? 1n : 0n))];
    else {
      out = names.map(() => 0n).concat([0n]);
      for (const j of succ[i]) count(j).forEach((x, k) => (out[k] += x));
    }
    memo.set(i, out);
    return out;
  };
  const root = count(0);
  const withO: Record<string, bigint> = {};
  names.forEach((o, i) => (withO[o] = root[i + 1]));
  let enumerated: RefSummary['enumerated'];
  if (root[0] <= BigInt(enumerateUpTo)) {
    let schedules = 0;
    const w: Record<string, number> = Object.fromEntries(names.map((o) => [o, 0]));
    const walk = (s: number[]) => {
      let moved = false;
      for (let t = 0; t < nT; t++) {
        if (!ref.enabled(s, t)) continue;
        moved = true;
        walk(ref.apply(s, t));
      }
      if (!moved) {
        schedules++;
        const mask = ref.finalMask(s);
        names.forEach((o, i) => {
          if (mask & (1 << i)) w[o]++;
        });
      }
    };
    walk(ref.initial);
    enumerated = { schedules, with: w };
  }
  return {
    ok: true,
    summary: {
      states: states.length,
      transitions,
      terminals,
      schedules: root[0],
      with: withO,
      witnessLength: witness,
      enumerated,
    },
  };
}

// ─── Drawing a model ────────────────────────────────────────────────────────────────────────

/** Random choices from a fast-check generator; every choice shrinks towards its first option. */
export class Rand {
  constructor(private readonly g: fc.GeneratorValue) {}
  int(min: number, max: number): number {
    return min >= max ? min : this.g(fc.integer, { min, max });
  }
  /** True with probability p (shrinks to false). */
  chance(p: number): boolean {
    return this.int(0, 99) >= 100 - Math.round(p * 100);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }
  /** One of the options, by weight; the first shrinks best. */
  weighted<T>(options: readonly (readonly [number, () => T])[]): T {
    const live = options.filter(([w]) => w > 0);
    const total = live.reduce((a, [w]) => a + w, 0);
    let x = this.int(0, total - 1);
    for (const [w, f] of live) {
      if (x < w) return f();
      x -= w;
    }
    return live[live.length - 1][1]();
  }
}

export interface GenOptions {
  /** Allow `when` conditions on the family index (`i == 2`): see BUG at-family-member. */
  readonly familyWhen: boolean;
  /** Allow at() to list only steps a variant may lack: see BUG at-absent-steps. */
  readonly atAbsentSteps: boolean;
  /** Chance of a deliberately sloppy model (one release of a lock that may not be held). */
  readonly sloppy: number;
  /** Task 1's first step has no `when`, so the loader always compiles one step. */
  readonly firstPlain?: boolean;
  /** Allow a task to take an rwsem for reading that it already reads: see BUG rwsem-read-twice. */
  readonly readTwice?: boolean;
}

export const DEFAULT_OPTIONS: GenOptions = {
  familyWhen: false,
  atAbsentSteps: false,
  sloppy: 0.06,
};

type PositionKind = 'plain' | 'cond' | 'pair';

interface TaskPlan {
  readonly ref: string;
  readonly family: boolean;
  readonly familyVar?: string;
  readonly ids: readonly string[];
  /** Per position: always there, there when its `when` holds, or one of two alternatives. */
  readonly kinds: readonly PositionKind[];
}

interface Scope {
  readonly idx: readonly { readonly name: string; readonly size: Size }[];
  readonly ints: readonly string[];
  readonly state: boolean;
  /** How the running task names each lock (holds() allowed), if any. */
  readonly locks?: ReadonlyMap<string, Expr>;
  readonly at: boolean;
  readonly finals: boolean;
  readonly helpers: readonly HelperGen[];
  readonly usedTask?: { v: boolean };
  readonly loopVars: number;
}

const PHRASES = [
  'takes the lock',
  'checks the flag',
  'drops a reference',
  'frees the object',
  'wakes the waiter',
  'reads the counter',
];
const EXTRAS = [
  '',
  '',
  ': then stops',
  ' # not a comment',
  " (it's quoted)",
  ' — on → off',
  ' "as is"',
];

class ModelDrawer {
  readonly m: ModelGen;
  private plans: TaskPlan[] = [];
  private fieldCount = 0;
  /** The task that gets one sloppy release, or -1. */
  private sloppyAt = -1;

  constructor(
    readonly r: Rand,
    readonly opts: GenOptions,
  ) {
    const nMax = r.weighted<number>([
      [3, () => 1],
      [5, () => 2],
      [1, () => 3],
    ]);
    const features = ['feat_a', 'feat_b', 'feat_c'].slice(0, r.int(0, 3));
    const variantCount = r.int(1, 3);
    const variants = ['va', 'vb', 'vc'].slice(0, variantCount).map((id) => ({
      id,
      features: Object.fromEntries(features.map((f) => [f, r.chance(0.5)])),
    }));
    this.m = {
      id: `gen-${r.int(0, 99)}`,
      nMax,
      nDefault: r.int(1, nMax),
      pOn: r.chance(0.35) ? r.chance(0.5) : undefined,
      mode: r.chance(0.25) ? r.pick(MODE_WORDS) : undefined,
      features,
      variants,
      defaultVariant: r.pick(variants).id,
      constants: r.chance(0.4) ? [['LIMIT', r.int(1, 3)]] : [],
      fields: [],
      locks: [],
      helpers: [],
      tasks: [],
      outcomes: [],
      sloppy: false,
    };
  }

  draw(): ModelGen {
    const { r, m } = this;
    const fieldCount = r.int(1, 5);
    for (let k = 0; k < fieldCount; k++) m.fields.push(this.field());
    for (const kind of ['spinlock', 'mutex', 'rwsem'] as const) {
      const count = r.weighted<number>([
        [5, () => 0],
        [4, () => 1],
        [1, () => 2],
      ]);
      for (let k = 0; k < count; k++) {
        const array = r.chance(0.2);
        const base = kind === 'spinlock' ? 'spin' : kind === 'mutex' ? 'mutex' : 'sem';
        m.locks.push({ name: `${base}${m.locks.length}${array ? 's' : ''}`, kind, array });
      }
    }
    // Plan tasks first so that guards can name any task's steps.
    const taskCount = r.int(1, 3);
    let instances = 0;
    let stepBudget = 14;
    for (let t = 0; t < taskCount; t++) {
      const family = r.chance(0.4) && instances + m.nMax <= 4;
      instances += family ? m.nMax : 1;
      const per = family ? m.nMax : 1;
      const maxSteps = Math.max(1, Math.min(5, Math.floor(stepBudget / per / (taskCount - t))));
      const steps = r.int(1, maxSteps);
      stepBudget -= steps * per;
      const ref = `t${t + 1}`;
      const familyVar = family ? r.pick(['i', 'i', 'p']) : undefined;
      const canWhen =
        m.features.length > 0 ||
        m.pOn !== undefined ||
        m.mode !== undefined ||
        m.nMax > 1 ||
        (familyVar !== undefined && this.opts.familyWhen);
      this.plans.push({
        ref,
        family,
        familyVar,
        ids: range(0, steps - 1).map((k) => `${ref}_s${k}`),
        kinds: range(0, steps - 1).map((k) =>
          canWhen && !(this.opts.firstPlain && t === 0 && k === 0)
            ? r.weighted<PositionKind>([
                [6, () => 'plain'],
                [2, () => 'cond'],
                [1, () => 'pair'],
              ])
            : 'plain',
        ),
      });
    }
    this.sloppyAt =
      this.opts.sloppy > 0 && r.chance(this.opts.sloppy) ? r.int(0, taskCount - 1) : -1;
    const helperCount = r.weighted<number>([
      [5, () => 0],
      [3, () => 1],
      [2, () => 2],
    ]);
    for (let h = 0; h < helperCount; h++) m.helpers.push(this.helper(h));
    this.plans.forEach((p, ti) => m.tasks.push(this.task(p, ti)));
    for (const f of m.fields) {
      if (r.chance(0.12)) {
        const idx = f.size === undefined ? [] : [{ name: f.rangeVar, size: f.size }];
        f.live = this.bool({ ...this.baseScope(), idx }, 1);
      }
    }
    this.outcomes();
    if (r.chance(0.2)) m.defaultSchedule = r.pick(['round-robin', 'task-order'] as const);
    return m;
  }

  private baseScope(): Scope {
    return { idx: [], ints: [], state: true, at: true, finals: false, helpers: [], loopVars: 0 };
  }

  private constScope(idx: Scope['idx'] = []): Scope {
    return { idx, ints: [], state: false, at: false, finals: false, helpers: [], loopVars: 0 };
  }

  private text(who: string): string {
    return `${who} ${this.r.pick(PHRASES)}${this.r.pick(EXTRAS)}`;
  }

  // Fields.

  private field(): FieldGen {
    const { r } = this;
    const k = this.fieldCount++;
    const kind = r.weighted<FieldGen['kind']>([
      [3, () => 'bool'],
      [3, () => 'int'],
      [2, () => 'enum'],
      [1, () => 'flags'],
    ]);
    const size = r.chance(0.3) ? r.pick<Size>(['n', 2]) : undefined;
    const rangeVar = r.pick(['i', 'k']);
    const prefix = { bool: 'b', int: 'x', enum: 'e', flags: 'fl' }[kind];
    const fname = `${prefix}${size === undefined ? '' : 's'}${k}`;
    const idx = size === undefined ? [] : [{ name: rangeVar, size }];
    const cs = this.constScope(idx);
    let min = 0;
    let max = 1;
    let words: string[] | undefined;
    let bits: [string, number][] | undefined;
    let init: Expr;
    if (kind === 'bool') {
      init = r.weighted<Expr>([
        [4, () => ({ k: 'bool', v: r.chance(0.3) })],
        [
          1,
          () => (size === undefined ? { k: 'bool', v: true } : bin('==', name(rangeVar), num(1))),
        ],
        [2, () => this.bool(cs, 1)],
      ]);
    } else if (kind === 'int') {
      min = r.int(0, 1);
      max = min + r.int(1, 3);
      const lo = min;
      const hi = max;
      init = r.weighted<Expr>([
        [4, () => num(r.int(lo, hi))],
        [
          1,
          () => ({ k: 'cond', c: this.bool(cs, 1), a: num(r.int(lo, hi)), b: num(r.int(lo, hi)) }),
        ],
        [1, () => this.int(cs, 1)],
      ]);
      if (!this.initInRange(init, size, rangeVar, lo, hi)) init = num(lo);
    } else if (kind === 'enum') {
      words = [...r.pick(WORD_SETS)];
      max = words.length - 1;
      const w = words;
      init = r.weighted<Expr>([
        [4, () => name(r.pick(w))],
        [1, () => ({ k: 'cond', c: this.bool(cs, 1), a: name(r.pick(w)), b: name(r.pick(w)) })],
      ]);
    } else {
      const pool: [string, number][] = [
        ['A', 0x1],
        ['B', 0x2],
        ['C', 0x4],
        ['D', 0x18],
        ['E', 0x60],
      ];
      bits = pool
        .filter(() => r.chance(0.5))
        .slice(0, 3)
        .map(([s, v]) => [`FL${k}_${s}`, v] as [string, number]);
      if (bits.length === 0) bits = [[`FL${k}_A`, 0x1]];
      max = bits.reduce((a, [, v]) => a | v, 0);
      const b = bits;
      init = r.weighted<Expr>([
        [3, () => num(0)],
        [2, () => name(r.pick(b)[0])],
        [1, () => bin('|', name(b[0][0]), name(r.pick(b)[0]))],
      ]);
    }
    return { name: fname, kind, size, rangeVar, min, max, words, bits, init };
  }

  private initInRange(e: Expr, size: Size | undefined, v: string, lo: number, hi: number): boolean {
    const m = this.m;
    for (const s of allSettings({ ...m, fields: [] } as ModelGen)) {
      const elems = size === undefined ? [0] : range(1, size === 'n' ? s.n : 2);
      for (const i of elems) {
        let x: number;
        try {
          x = evalConst(m, s, e, { [v]: i });
        } catch {
          return false;
        }
        if (x < lo || x > hi) return false;
      }
    }
    return true;
  }

  // Expressions.

  private index(sc: Scope, size: Size): Expr {
    const vars = sc.idx.filter((x) => x.size === size);
    const consts = size === 'n' ? [1] : [1, 2];
    return this.r.weighted<Expr>([
      [2, () => num(this.r.pick(consts))],
      [vars.length > 0 ? 3 : 0, () => name(this.r.pick(vars).name)],
    ]);
  }

  private fieldRef(sc: Scope, f: FieldGen): Expr {
    // A run-time index: a field whose every value is a valid index (checked when it runs).
    const dyn = this.fieldsOf(['int']).filter(
      (g) => g.size === undefined && g.min >= 1 && g.max <= 2,
    );
    if (f.size === 2 && sc.state && dyn.length > 0 && this.r.chance(0.3)) {
      return { k: 'index', name: f.name, index: name(this.r.pick(dyn).name) };
    }
    return f.size === undefined
      ? name(f.name)
      : { k: 'index', name: f.name, index: this.index(sc, f.size) };
  }

  private fieldsOf(kinds: readonly FieldGen['kind'][]): FieldGen[] {
    return this.m.fields.filter((f) => kinds.includes(f.kind));
  }

  int(sc: Scope, d: number): Expr {
    const { r, m } = this;
    const ints = sc.state ? this.fieldsOf(['int', 'flags']) : [];
    const leaf = (): Expr =>
      r.weighted<Expr>([
        [3, () => num(r.int(0, 3))],
        [ints.length ? 4 : 0, () => this.fieldRef(sc, r.pick(ints))],
        [sc.idx.length ? 1 : 0, () => name(r.pick(sc.idx).name)],
        [sc.ints.length ? 2 : 0, () => name(r.pick(sc.ints))],
        [1, () => name('n')],
        [m.constants.length ? 1 : 0, () => name(m.constants[0][0])],
      ]);
    if (d <= 0 || r.chance(0.4)) return leaf();
    return r.weighted<Expr>([
      [3, () => bin(r.pick(['+', '-'] as const), this.int(sc, d - 1), this.int(sc, d - 1))],
      [1, () => bin('*', this.int(sc, d - 1), num(r.int(0, 3)))],
      [1, () => bin(r.pick(['&', '|', '^'] as const), this.int(sc, d - 1), this.int(sc, d - 1))],
      [1, () => bin(r.pick(['<<', '>>'] as const), this.int(sc, d - 1), num(r.int(0, 2)))],
      [1, () => bin(r.pick(['/', '%'] as const), this.int(sc, d - 1), num(r.int(1, 3)))],
      [1, () => ({ k: 'un', op: r.pick(['-', '-', '~'] as const), a: this.int(sc, d - 1) })],
      [
        1,
        () => ({
          k: 'cond',
          c: this.bool(sc, d - 1),
          a: this.int(sc, d - 1),
          b: this.int(sc, d - 1),
        }),
      ],
    ]);
  }

  /** A condition whose value is always 0 or 1. */
  bool(sc: Scope, d: number): Expr {
    const { r, m } = this;
    const bools = sc.state ? this.fieldsOf(['bool']) : [];
    const ints = sc.state ? this.fieldsOf(['int']) : [];
    const enums = sc.state ? this.fieldsOf(['enum']) : [];
    const flags = sc.state ? this.fieldsOf(['flags']) : [];
    const arrays = sc.state
      ? m.fields.filter((f) => f.size !== undefined && f.kind !== 'enum')
      : [];
    const consts = [...m.features, ...(m.pOn !== undefined ? ['p_on'] : [])];
    const exprHelpers = sc.helpers.filter((h) => h.body.k === 'expr' && (sc.locks || !h.usesTask));
    const cmp = () => r.pick(['<', '<=', '>', '>=', '==', '!='] as const);
    const leaf = (): Expr =>
      r.weighted<Expr>([
        [1, () => ({ k: 'bool', v: r.chance(0.5) })],
        [bools.length ? 4 : 0, () => this.fieldRef(sc, r.pick(bools))],
        [
          ints.length ? 3 : 0,
          () => {
            const f = r.pick(ints);
            return bin(cmp(), this.fieldRef(sc, f), num(r.int(f.min - 1, f.max + 1)));
          },
        ],
        [
          enums.length ? 2 : 0,
          () => {
            const f = r.pick(enums);
            const w = name(r.pick(f.words!));
            const op = r.pick(['==', '!='] as const);
            return r.chance(0.3)
              ? bin(op, w, this.fieldRef(sc, f))
              : bin(op, this.fieldRef(sc, f), w);
          },
        ],
        [
          flags.length ? 1 : 0,
          () => {
            const f = r.pick(flags);
            const b = name(r.pick(f.bits!)[0]);
            const masked = bin('&', this.fieldRef(sc, f), b);
            return r.chance(0.5) ? bin('!=', masked, num(0)) : bin('==', masked, copy(b));
          },
        ],
        [consts.length ? 2 : 0, () => name(r.pick(consts))],
        [m.mode !== undefined ? 1 : 0, () => bin('==', name('mode'), name(r.pick(MODE_WORDS)))],
        [1, () => bin(r.pick(['>', '=='] as const), name('n'), num(r.int(1, 2)))],
        [sc.idx.length ? 1 : 0, () => bin(cmp(), name(r.pick(sc.idx).name), num(r.int(1, 2)))],
        [sc.locks && m.locks.length ? 3 : 0, () => this.holds(sc)],
        [sc.at ? 2 : 0, () => this.at(sc)],
        [sc.finals ? 2 : 0, () => ({ k: 'finished' })],
        [arrays.length ? 1 : 0, () => this.quant(sc, r.pick(arrays))],
        [
          exprHelpers.length ? 2 : 0,
          () => {
            const h = r.pick(exprHelpers);
            if (h.usesTask && sc.usedTask) sc.usedTask.v = true;
            return { k: 'call', name: h.name, args: h.params.map(() => this.index(sc, 'n')) };
          },
        ],
        [sc.ints.length ? 1 : 0, () => bin(cmp(), name(r.pick(sc.ints)), num(r.int(0, 3)))],
      ]);
    if (d <= 0 || r.chance(0.45)) return leaf();
    return r.weighted<Expr>([
      [2, () => not(this.bool(sc, d - 1))],
      [3, () => bin(r.pick(['&&', '||'] as const), this.bool(sc, d - 1), this.bool(sc, d - 1))],
      [
        1,
        () => ({
          k: 'cond',
          c: this.bool(sc, d - 1),
          a: this.bool(sc, d - 1),
          b: this.bool(sc, d - 1),
        }),
      ],
      [2, () => bin(cmp(), this.int(sc, d - 1), this.int(sc, d - 1))],
      [1, () => bin(r.pick(['==', '!='] as const), this.bool(sc, d - 1), this.bool(sc, d - 1))],
    ]);
  }

  private holds(sc: Scope): Expr {
    const { r, m } = this;
    const l = r.pick(m.locks);
    if (sc.usedTask) sc.usedTask.v = true;
    const lock =
      sc.locks!.get(l.name) ??
      (l.array ? { k: 'index', name: l.name, index: num(1) } : name(l.name));
    const mode = l.kind === 'rwsem' ? r.pick([undefined, 'read', 'write'] as const) : undefined;
    return { k: 'holds', lock: copy(lock), mode };
  }

  private at(sc: Scope): Expr {
    const { r } = this;
    const p = r.pick(this.plans);
    const task: Expr = p.family
      ? { k: 'index', name: p.ref, index: this.index(sc, 'n') }
      : name(p.ref);
    const steps = [
      ...new Set([r.pick([...p.ids, 'done']), ...(r.chance(0.3) ? [r.pick(p.ids)] : [])]),
    ];
    // A step list that a variant may lack entirely crashes the compiler (BUG at-absent-steps).
    const always = (s: string) => s === 'done' || p.kinds[p.ids.indexOf(s)] !== 'cond';
    if (!this.opts.atAbsentSteps && !steps.some(always))
      steps.push(r.pick(['done', ...p.ids.filter(always)]));
    return { k: 'at', task, steps };
  }

  private quant(sc: Scope, f: FieldGen): Expr {
    const { r } = this;
    const v = sc.idx.some((x) => x.name === 'j') ? 'j2' : 'j';
    const el: Expr = { k: 'index', name: f.name, index: name(v) };
    const body =
      f.kind === 'bool'
        ? el
        : f.kind === 'flags'
          ? bin('!=', el, num(0))
          : bin('>', el, num(f.min));
    return {
      k: 'quant',
      q: r.pick(['any', 'all'] as const),
      v,
      from: num(1),
      to: f.size === 'n' ? name('n') : num(2),
      body,
    };
  }

  // Statements: every assignment keeps its field inside the declared domain.

  private stmts(sc: Scope, count: number, d: number): Stmt[] {
    const out: Stmt[] = [];
    let scope = sc;
    for (let k = 0; k < count; k++) {
      const [ss, next] = this.stmt(scope, d);
      out.push(...ss);
      scope = next;
    }
    return out;
  }

  private stmt(sc: Scope, d: number): [Stmt[], Scope] {
    const { r, m } = this;
    const ints = this.fieldsOf(['int']);
    const arraySizes = [
      ...new Set(m.fields.filter((f) => f.size !== undefined).map((f) => f.size!)),
    ];
    const stmtHelpers = sc.helpers.filter((h) => h.body.k === 'stmts' && (sc.locks || !h.usesTask));
    return r.weighted<[Stmt[], Scope]>([
      [6, () => [[this.assign(sc)], sc]],
      [
        d > 0 ? 2 : 0,
        () => {
          const then = this.stmts(sc, r.int(1, 2), d - 1);
          const other = r.chance(0.4) ? this.stmts(sc, r.int(1, 2), d - 1) : [];
          return [[{ k: 'if', c: this.bool(sc, 1), then, else: other, braces: r.chance(0.5) }], sc];
        },
      ],
      [
        d > 0 && arraySizes.length && sc.loopVars === 0 ? 1 : 0,
        () => {
          const size = r.pick(arraySizes);
          const inner: Scope = { ...sc, idx: [...sc.idx, { name: 'j', size }], loopVars: 1 };
          const body = this.stmts(inner, r.int(1, 2), d - 1);
          const to = size === 'n' ? name('n') : num(2);
          return [[{ k: 'for', v: 'j', from: num(1), to, body, braces: r.chance(0.5) }], sc];
        },
      ],
      [
        ints.length ? 1 : 0,
        () => {
          const local = `t${sc.ints.length}`;
          const f = r.pick(ints);
          const target = this.fieldRef(sc, f);
          const inRange = bin(
            '&&',
            bin('>=', name(local), num(f.min)),
            bin('<=', name(local), num(f.max)),
          );
          return [
            [
              { k: 'let', name: local, value: this.int(sc, 2) },
              {
                k: 'if',
                c: inRange,
                then: [{ k: 'assign', op: '=', target, value: name(local) }],
                else: [],
                braces: false,
              },
            ],
            { ...sc, ints: [...sc.ints, local] },
          ];
        },
      ],
      [
        stmtHelpers.length ? 1 : 0,
        () => {
          const h = r.pick(stmtHelpers);
          if (h.usesTask && sc.usedTask) sc.usedTask.v = true;
          return [[{ k: 'call', name: h.name, args: h.params.map(() => this.index(sc, 'n')) }], sc];
        },
      ],
    ]);
  }

  private assign(sc: Scope): Stmt {
    const { r, m } = this;
    const f = r.pick(m.fields);
    const target = this.fieldRef(sc, f);
    const set = (value: Expr, op: AssignOp = '='): Stmt => ({
      k: 'assign',
      op,
      target: copy(target),
      value,
    });
    switch (f.kind) {
      case 'bool':
        return r.weighted<Stmt>([
          [4, () => set(this.bool(sc, 2))],
          [2, () => set({ k: 'bool', v: true })],
          [1, () => set(this.bool(sc, 1), r.pick(['|=', '&=', '^='] as const))],
        ]);
      case 'int': {
        const others = this.fieldsOf(['int']).filter((g) => g.min >= f.min && g.max <= f.max);
        const guarded = (op: '+=' | '-='): Stmt => ({
          k: 'if',
          c: bin(op === '+=' ? '<' : '>', copy(target), num(op === '+=' ? f.max : f.min)),
          then: [set(num(1), op)],
          else: [],
          braces: r.chance(0.3),
        });
        return r.weighted<Stmt>([
          [3, () => set(num(r.int(f.min, f.max)))],
          [2, () => guarded('+=')],
          [2, () => guarded('-=')],
          [
            1,
            () =>
              set({
                k: 'cond',
                c: this.bool(sc, 1),
                a: num(r.int(f.min, f.max)),
                b: num(r.int(f.min, f.max)),
              }),
          ],
          [others.length ? 1 : 0, () => set(this.fieldRef(sc, r.pick(others)))],
        ]);
      }
      case 'enum': {
        const same = this.fieldsOf(['enum']).filter((g) => g.words!.join() === f.words!.join());
        return r.weighted<Stmt>([
          [3, () => set(name(r.pick(f.words!)))],
          [
            1,
            () =>
              set({
                k: 'cond',
                c: this.bool(sc, 1),
                a: name(r.pick(f.words!)),
                b: name(r.pick(f.words!)),
              }),
          ],
          [1, () => set(this.fieldRef(sc, r.pick(same)))],
        ]);
      }
      case 'flags': {
        const b = () => name(r.pick(f.bits!)[0]);
        return r.weighted<Stmt>([
          [2, () => set(b(), '|=')],
          [2, () => set({ k: 'un', op: '~', a: b() }, '&=')],
          [1, () => set(b(), '^=')],
          [1, () => set(num(0))],
          [1, () => set(bin('|', b(), b()))],
        ]);
      }
    }
  }

  // Helpers, tasks and outcomes.

  private helper(h: number): HelperGen {
    const { r, m } = this;
    const hasN = m.fields.some((f) => f.size === 'n');
    const params = hasN && r.chance(0.5) ? ['m'] : [];
    const used = { v: false };
    const locks = new Map<string, Expr>();
    for (const l of m.locks) {
      locks.set(
        l.name,
        l.array
          ? { k: 'index', name: l.name, index: params.length ? name('m') : num(1) }
          : name(l.name),
      );
    }
    const sc: Scope = {
      ...this.baseScope(),
      idx: params.map((p) => ({ name: p, size: 'n' as Size })),
      locks: r.chance(0.5) ? locks : undefined,
      helpers: [...m.helpers],
      usedTask: used,
    };
    const body: HelperGen['body'] = r.chance(0.6)
      ? { k: 'stmts', ss: this.stmts(sc, r.int(1, 2), 1) }
      : { k: 'expr', e: this.bool(sc, 2) };
    return { name: `h_${h}`, params, body, usesTask: used.v };
  }

  private whenCond(family?: string): Expr {
    const { r, m } = this;
    const options: [number, () => Expr][] = [
      [m.features.length ? 4 : 0, () => name(r.pick(m.features))],
      [m.features.length ? 1 : 0, () => not(name(r.pick(m.features)))],
      [1, () => bin('>', name('n'), num(1))],
      [m.pOn !== undefined ? 1 : 0, () => name('p_on')],
      [m.mode !== undefined ? 1 : 0, () => bin('==', name('mode'), name(r.pick(MODE_WORDS)))],
      [
        family && this.opts.familyWhen ? 4 : 0,
        () => bin(r.pick(['==', '>'] as const), name(family!), num(1)),
      ],
    ];
    return r.weighted(options);
  }

  private task(p: TaskPlan, ti: number): TaskGen {
    const { r, m } = this;
    const L = p.ids.length;
    const famVar = p.familyVar;
    // How this task names each lock: an array lock by its family index or by 1.
    const lockIndex = new Map<string, Expr>();
    for (const l of m.locks) {
      lockIndex.set(
        l.name,
        l.array
          ? { k: 'index', name: l.name, index: famVar && r.chance(0.7) ? name(famVar) : num(1) }
          : name(l.name),
      );
    }
    interface Position {
      kind: PositionKind;
      when?: Expr;
      acquire?: { lock: string; mode?: 'read' | 'write' };
      release: string[];
    }
    const positions: Position[] = [];
    const heldBefore: string[][] = [];
    let held: string[] = [];
    /** Held rwsems taken for reading. */
    const readers = new Set<string>();
    for (let q = 0; q < L; q++) {
      heldBefore.push([...held]);
      const kind = p.kinds[q];
      const pos: Position = { kind, release: [] };
      if (kind !== 'plain') pos.when = this.whenCond(famVar);
      if (kind !== 'cond' && m.locks.length > 0) {
        if (r.chance(0.45)) {
          const free = m.locks.filter((l) => !held.includes(l.name));
          const l = free.length > 0 && !r.chance(0.05) ? r.pick(free) : r.pick(m.locks);
          let mode = l.kind === 'rwsem' ? r.pick(['read', 'write'] as const) : undefined;
          // Taking a held rwsem for reading again does not block (BUG rwsem-read-twice).
          if (mode === 'read' && readers.has(l.name) && !this.opts.readTwice) mode = 'write';
          pos.acquire = { lock: l.name, mode };
          if (mode === 'read' && !held.includes(l.name)) readers.add(l.name);
        }
        const after =
          pos.acquire && !held.includes(pos.acquire.lock) ? [...held, pos.acquire.lock] : held;
        if (after.length > 0 && r.chance(0.4)) {
          const first = r.pick(after);
          pos.release.push(first);
          const rest = after.filter((x) => x !== first);
          if (rest.length > 0 && r.chance(0.3)) pos.release.push(r.pick(rest));
        }
        if (this.sloppyAt === ti && !m.sloppy) {
          const unheld = m.locks.filter((l) => !after.includes(l.name));
          if (unheld.length > 0) {
            pos.release.push(r.pick(unheld).name);
            m.sloppy = true;
          }
        }
        held = after.filter((x) => !pos.release.includes(x));
        for (const x of pos.release) readers.delete(x);
      }
      positions.push(pos);
    }
    heldBefore.push([...held]);
    const heldAfter = (q: number) => heldBefore[q + 1];
    const same = (a: string[], b: string[]) =>
      a.length === b.length && a.every((x) => b.includes(x));
    const target = (q: number): Expr => {
      if (q >= L) return name('done');
      const pos = positions[q];
      if (pos.kind === 'cond')
        return { k: 'cond', c: copy(pos.when!), a: name(p.ids[q]), b: target(q + 1), fixed: true };
      return name(p.ids[q]);
    };
    const locks = lockIndex;
    const scope: Scope = {
      ...this.baseScope(),
      idx: famVar ? [{ name: famVar, size: 'n' }] : [],
      locks,
      helpers: m.helpers,
    };
    const steps: StepGen[] = [];
    positions.forEach((pos, q) => {
      const eligible = range(q + 1, L).filter((x) => x === L || same(heldBefore[x], heldAfter(q)));
      const makeStep = (when: Expr | undefined): StepGen => {
        const next = r.weighted<Expr>([
          [6, () => target(q + 1)],
          [
            3,
            () => ({
              k: 'cond',
              c: this.bool(scope, 1),
              a: target(r.pick(eligible)),
              b: target(r.pick(eligible)),
            }),
          ],
          [1, () => target(r.pick(eligible))],
        ]);
        const guard = r.chance(0.35)
          ? r.chance(0.15)
            ? this.int(scope, 1)
            : this.bool(scope, 2)
          : undefined;
        const label = r.chance(0.2)
          ? [{ when: this.whenCond(famVar), text: this.text('Task') }, { text: this.text('Task') }]
          : this.text(`Task ${ti + 1}`);
        return {
          id: p.ids[q],
          when,
          label,
          explain: this.text('It'),
          acquire: pos.acquire && {
            lock: copy(locks.get(pos.acquire.lock)!),
            mode: pos.acquire.mode,
          },
          release: pos.release.map((l) => copy(locks.get(l)!)),
          releaseList: pos.release.length > 1 || r.chance(0.3),
          guard,
          effect: r.chance(0.7) ? this.stmts(scope, r.int(1, 3), 2) : undefined,
          next,
          waitsFor: guard && r.chance(0.3) ? 'its condition to hold' : undefined,
        };
      };
      if (pos.kind === 'pair') {
        steps.push(makeStep(pos.when), makeStep(not(copy(pos.when!))));
      } else steps.push(makeStep(pos.when));
    });
    return {
      id: String(ti + 1),
      ref: p.ref,
      name: `Task ${ti + 1}${p.family ? ' (a family)' : ''}`,
      familyVar: famVar,
      steps,
      mayStopAt: r.chance(0.2) ? [r.pick(p.ids)] : undefined,
    };
  }

  private outcomes(): void {
    const { r, m } = this;
    const flags = m.fields.filter(() => r.chance(0.3)).slice(0, 2);
    for (const f of flags) {
      m.outcomes.push({
        name: `FLAG_${f.name.toUpperCase()}`,
        bad: r.chance(0.8),
        kind: 'flag',
        flag: f.name,
      });
    }
    const finals = r.int(0, 2);
    const sc: Scope = { ...this.baseScope(), finals: true, helpers: m.helpers };
    for (let k = 0; k < finals; k++) {
      const e = this.bool(sc, 2);
      m.outcomes.push({
        name: `FINAL_${k}`,
        bad: r.chance(0.7),
        kind: 'final',
        final: r.chance(0.4) ? bin('&&', { k: 'finished' }, e) : e,
      });
    }
    if (r.chance(0.6)) m.outcomes.push({ name: 'DEADLOCK', bad: r.chance(0.9), kind: 'deadlock' });
    if (r.chance(0.6) || m.outcomes.length === 0)
      m.outcomes.push({ name: 'CLEAN', bad: false, kind: 'clean' });
  }
}

export function drawModel(r: Rand, opts: GenOptions = DEFAULT_OPTIONS): ModelGen {
  return new ModelDrawer(r, opts).draw();
}

// ─── YAML ───────────────────────────────────────────────────────────────────────────────────

/**
 * How a string is written: plain, quoted, a literal block (`|` keeps a final newline, `|-`
 * not), folded (`>-`, one line), double-quoted with `\n` escapes, or plain / double-quoted
 * over several lines (each line break folds into the space it replaces).
 */
export type Style =
  | 'plain'
  | 'double'
  | 'single'
  | 'literal'
  | 'strip'
  | 'folded'
  | 'escaped'
  | 'plainLines'
  | 'doubleLines';

export type YNode =
  | {
      t: 's';
      v: string | number | boolean;
      style?: Style;
      hex?: boolean;
      /** Offsets of the spaces that become line breaks (`plainLines`, `doubleLines`). */
      breaks?: number[];
    }
  | { t: 'm'; e: [string, YNode][]; flow?: boolean; notes?: (string | undefined)[] }
  | { t: 'q'; i: YNode[]; flow?: boolean };

export type DocPath = readonly (string | number)[];
export const pathKey = (path: DocPath): string => JSON.stringify(path);

/** The loader's way of writing a path: `tasks[0].steps[3].next`. */
export const pathText = (path: DocPath): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

export interface Pos {
  readonly line: number;
  readonly col: number;
}

/** Where a node is: its first character, the end of its last line, each character of a string. */
export interface Placed {
  readonly start: Pos;
  readonly end: Pos;
  readonly chars?: readonly Pos[];
}

export function plainOk(s: string, flow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\t]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (flow && /[,[\]{}:]/.test(s)) return false;
  if (/^(true|false|null|~|yes|no|on|off|y|n)$/i.test(s)) return false;
  if (/^[-+.]?\d/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s)) return false;
  return true;
}

export function toJS(n: YNode): unknown {
  if (n.t === 's') return n.v;
  if (n.t === 'q') return n.i.map(toJS);
  return Object.fromEntries(n.e.map(([k, v]) => [k, toJS(v)]));
}

const isMultiStyle = (s: Style | undefined) =>
  s === 'literal' || s === 'strip' || s === 'folded' || s === 'plainLines' || s === 'doubleLines';

class Emitter {
  private lines: string[] = [];
  private cur = '';
  readonly places = new Map<string, Placed>();

  private here(): Pos {
    return { line: this.lines.length + 1, col: this.cur.length + 1 };
  }
  private nl(): void {
    this.lines.push(this.cur);
    this.cur = '';
  }
  private lastEnd(): Pos {
    if (this.cur.length > 0) return this.here();
    return { line: this.lines.length, col: this.lines[this.lines.length - 1].length + 1 };
  }
  text(): string {
    if (this.cur.length > 0) this.nl();
    return `${this.lines.join('\n')}\n`;
  }

  map(m: Extract<YNode, { t: 'm' }>, indent: number, path: DocPath, inline: boolean): void {
    let start: Pos | undefined;
    m.e.forEach(([k, v], i) => {
      const note = m.notes?.[i];
      if (note !== undefined && i > 0) {
        this.cur += `${' '.repeat(indent)}# ${note}`;
        this.nl();
      }
      if (!(inline && i === 0)) this.cur += ' '.repeat(indent);
      if (i === 0) start = this.here();
      this.cur += `${k}:`;
      this.value(v, indent, [...path, k]);
    });
    this.places.set(pathKey(path), { start: start!, end: this.lastEnd() });
  }

  private value(v: YNode, indent: number, path: DocPath): void {
    if (v.t === 's') {
      this.cur += ' ';
      this.scalar(v, indent, path);
      return;
    }
    const empty = v.t === 'm' ? v.e.length === 0 : v.i.length === 0;
    if (v.flow || empty) {
      this.cur += ' ';
      this.flow(v, path);
      this.nl();
      return;
    }
    this.nl();
    if (v.t === 'm') this.map(v, indent + 2, path, false);
    else this.seq(v, indent + 2, path);
  }

  private seq(q: Extract<YNode, { t: 'q' }>, indent: number, path: DocPath): void {
    let start: Pos | undefined;
    q.i.forEach((item, i) => {
      this.cur += ' '.repeat(indent);
      if (i === 0) start = this.here();
      this.cur += '- ';
      const p = [...path, i];
      if (item.t === 'm' && !item.flow && item.e.length > 0) this.map(item, indent + 2, p, true);
      else if (item.t === 's') this.scalar(item, indent + 2, p);
      else {
        this.flow(item, p);
        this.nl();
      }
    });
    this.places.set(pathKey(path), { start: start!, end: this.lastEnd() });
  }

  private flow(v: YNode, path: DocPath): void {
    const start = this.here();
    if (v.t === 'm') {
      this.cur += v.e.length === 0 ? '{' : '{ ';
      v.e.forEach(([k, x], i) => {
        if (i > 0) this.cur += ', ';
        this.cur += `${k}: `;
        if (x.t === 's') this.inline(x, [...path, k]);
        else this.flow(x, [...path, k]);
      });
      this.cur += v.e.length === 0 ? '}' : ' }';
    } else if (v.t === 'q') {
      this.cur += '[';
      v.i.forEach((x, i) => {
        if (i > 0) this.cur += ', ';
        if (x.t === 's') this.inline(x, [...path, i]);
        else this.flow(x, [...path, i]);
      });
      this.cur += ']';
    }
    this.places.set(pathKey(path), { start, end: this.here() });
  }

  /** A one-line scalar at the cursor. */
  private inline(s: Extract<YNode, { t: 's' }>, path: DocPath): void {
    const start = this.here();
    if (typeof s.v !== 'string') {
      this.cur += typeof s.v === 'number' && s.hex ? `0x${s.v.toString(16)}` : String(s.v);
      this.places.set(pathKey(path), { start, end: this.here() });
      return;
    }
    const chars: Pos[] = [];
    const style = s.style ?? 'double';
    const quote = style === 'plain' ? '' : style === 'single' ? "'" : '"';
    this.cur += quote;
    for (const c of s.v) {
      chars.push(this.here());
      if (style === 'single') this.cur += c === "'" ? "''" : c;
      else if (style === 'plain') this.cur += c;
      else this.cur += c === '\n' ? '\\n' : c === '"' ? '\\"' : c === '\\' ? '\\\\' : c;
    }
    chars.push(this.here());
    this.cur += quote;
    this.places.set(pathKey(path), { start, end: this.here(), chars });
  }

  private scalar(s: Extract<YNode, { t: 's' }>, indent: number, path: DocPath): void {
    if (typeof s.v !== 'string' || !isMultiStyle(s.style)) {
      this.inline(s, path);
      this.nl();
      return;
    }
    const v = s.v;
    const start = this.here();
    const pad = ' '.repeat(indent + 2);
    const chars: Pos[] = [];
    let end: Pos;
    if (s.style === 'literal' || s.style === 'strip' || s.style === 'folded') {
      this.cur += s.style === 'literal' ? '|' : s.style === 'strip' ? '|-' : '>-';
      this.nl();
      const body = s.style === 'literal' ? v.slice(0, -1) : v;
      const lines = body.split('\n');
      lines.forEach((line, li) => {
        this.cur += pad;
        for (const c of line) {
          chars.push(this.here());
          this.cur += c;
        }
        if (li < lines.length - 1 || s.style === 'literal') chars.push(this.here());
        if (li === lines.length - 1) {
          // The end of the text: after its last character (for `|`, its final newline).
          chars.push(s.style === 'literal' ? chars[chars.length - 1] : this.here());
        }
        this.nl();
      });
      end = chars[chars.length - 1];
    } else {
      const quote = s.style === 'doubleLines' ? '"' : '';
      this.cur += quote;
      [...v].forEach((c, i) => {
        chars.push(this.here());
        if (s.breaks?.includes(i)) {
          this.nl();
          this.cur += pad;
        } else this.cur += c;
      });
      chars.push(this.here());
      end = this.here();
      this.cur += quote;
      this.nl();
    }
    this.places.set(pathKey(path), { start, end, chars });
  }
}

export function emit(root: YNode): { text: string; places: Map<string, Placed> } {
  const e = new Emitter();
  if (root.t !== 'm') throw new Error('the root is a mapping');
  e.map(root, 0, [], false);
  return { text: e.text(), places: e.places };
}

// ─── The document ───────────────────────────────────────────────────────────────────────────

/** A generated document: the model, its YAML tree and text, where every node is. */
export interface GeneratedDoc {
  readonly model: ModelGen;
  readonly tree: YNode;
  /** The source of every expression and statement list, by path key. */
  readonly sources: ReadonlyMap<string, SourceSpec>;
  readonly text: string;
  readonly places: ReadonlyMap<string, Placed>;
  /** The document as the loader should read it. */
  readonly json: unknown;
}

class TreeBuilder {
  readonly sources = new Map<string, SourceSpec>();
  constructor(private readonly r: Rand) {}

  /** A piece of prose or an id. */
  str(v: string, flow = false): YNode {
    const style: Style =
      plainOk(v, flow) && this.r.chance(0.8) ? 'plain' : this.r.pick(['double', 'single']);
    return { t: 's', v, style };
  }

  /** Picks a style for a string; a `|` block keeps one final newline. */
  styled(v: string, flow: boolean, allowBlock: boolean): YNode {
    const { r } = this;
    const multiline = v.includes('\n');
    const options: [number, () => YNode][] = [];
    if (!multiline) {
      options.push([plainOk(v, flow) ? 5 : 0, () => ({ t: 's', v, style: 'plain' })]);
      options.push([3, () => ({ t: 's', v, style: 'double' })]);
      options.push([1, () => ({ t: 's', v, style: 'single' })]);
    }
    if (allowBlock && !flow) {
      options.push([
        multiline ? 4 : 1,
        () => ({ t: 's', v: v.endsWith('\n') ? v : `${v}\n`, style: 'literal' }),
      ]);
      options.push([multiline ? 3 : 1, () => ({ t: 's', v, style: 'strip' })]);
      if (multiline) options.push([1, () => ({ t: 's', v, style: 'escaped' })]);
      if (!multiline) {
        options.push([1, () => ({ t: 's', v, style: 'folded' })]);
        const spaces = [...v].flatMap((c, i) =>
          c === ' ' && v[i - 1] !== ' ' && v[i + 1] !== ' ' && /[A-Za-z_(!]/.test(v[i + 1] ?? '')
            ? [i]
            : [],
        );
        if (spaces.length > 0) {
          const breaks = [r.pick(spaces)];
          const lines = splitAt(v, breaks);
          options.push([
            lines.every((l) => plainOk(l, false)) && plainOk(v, false) ? 1 : 0,
            () => ({ t: 's', v, style: 'plainLines', breaks }),
          ]);
          options.push([1, () => ({ t: 's', v, style: 'doubleLines', breaks })]);
        }
      }
    }
    return r.weighted(options);
  }

  expr(path: DocPath, e: Expr, flow = false): YNode {
    const spec: SourceSpec = { kind: 'expr', e, tight: this.r.chance(0.15) };
    this.sources.set(pathKey(path), spec);
    return this.styled(renderSource(spec).text, flow, true);
  }

  /** An ExprText that is a literal: sometimes a YAML number or boolean instead of text. */
  exprText(path: DocPath, e: Expr, flow = false): YNode {
    if ((e.k === 'num' || e.k === 'bool') && this.r.chance(0.6)) return { t: 's', v: e.v };
    return this.expr(path, e, flow);
  }

  stmts(path: DocPath, ss: readonly Stmt[]): YNode {
    const { r } = this;
    const multi = ss.length > 1 && r.chance(0.7);
    const notes = ss.map((_, i) => (multi && i > 0 && r.chance(0.15) ? 'a note' : undefined));
    const spec: SourceSpec = {
      kind: 'stmts',
      ss,
      tight: r.chance(0.15),
      multi,
      sep: r.pick(['; ', '; ', ' ']),
      notes,
    };
    this.sources.set(pathKey(path), spec);
    return this.styled(renderSource(spec).text, false, true);
  }
}

const splitAt = (v: string, breaks: readonly number[]): string[] => {
  const out: string[] = [];
  let from = 0;
  for (const b of [...breaks].sort((a, b) => a - b)) {
    out.push(v.slice(from, b));
    from = b + 1;
  }
  out.push(v.slice(from));
  return out;
};

type Entries = [string, YNode][];
const map = (e: Entries, flow = false): YNode => ({ t: 'm', e, flow });
const seq = (i: YNode[], flow = false): YNode => ({ t: 'q', i, flow });
const lit = (v: string | number | boolean): YNode => ({ t: 's', v, style: 'plain' });

function buildTree(m: ModelGen, r: Rand): { tree: YNode; sources: Map<string, SourceSpec> } {
  const b = new TreeBuilder(r);
  const root: Entries = [
    ['format', lit(1)],
    ['id', lit(m.id)],
    ['version', lit(1)],
    ['title', b.str('A generated race')],
    ['summary', b.str('Tasks, locks and fields drawn at random: see the seed.')],
  ];
  const params: YNode[] = [];
  params.push(
    map(
      [
        ['name', lit('n')],
        ['type', lit('int')],
        ['min', lit(1)],
        ['max', lit(m.nMax)],
        ['default', lit(m.nDefault)],
        ['label', lit('Processes')],
      ],
      r.chance(0.3),
    ),
  );
  if (m.pOn !== undefined) {
    params.push(
      map([
        ['name', lit('p_on')],
        ['type', lit('bool')],
        ['default', lit(m.pOn)],
        ['label', b.str('P on')],
        ['flag', lit('p-on')],
      ]),
    );
  }
  if (m.mode !== undefined) {
    params.push(
      map([
        ['name', lit('mode')],
        ['type', lit('enum')],
        ['values', seq(MODE_WORDS.map(lit), r.chance(0.5))],
        ['default', lit(m.mode)],
        ['label', b.str('Mode')],
      ]),
    );
  }
  root.push(['parameters', seq(params)]);
  const variants: Entries = [['default', lit(m.defaultVariant)]];
  if (m.features.length > 0) {
    variants.push(['features', map(m.features.map((f) => [f, b.str(`Feature ${f}: on or off`)]))]);
  }
  variants.push([
    'list',
    seq(
      m.variants.map((v) => {
        const e: Entries = [
          ['id', lit(v.id)],
          ['title', b.str(`Variant ${v.id}`)],
          ['description', b.str('One way the kernel could be.')],
        ];
        const explicit = r.chance(0.5);
        const feats = m.features.filter((f) => explicit || v.features[f]);
        if (feats.length > 0 || r.chance(0.2)) {
          e.push([
            'features',
            map(
              feats.map((f) => [f, lit(v.features[f])]),
              r.chance(0.6),
            ),
          ]);
        }
        return map(e);
      }),
    ),
  ]);
  root.push(['variants', map(variants)]);
  if (m.constants.length > 0)
    root.push(['constants', map(m.constants.map(([k, v]) => [k, lit(v)]))]);
  if (m.locks.length > 0) {
    root.push([
      'locks',
      seq(
        m.locks.map((l) => {
          const flow = r.chance(0.5);
          const e: Entries = [
            ['name', lit(l.name)],
            ['kind', lit(l.kind)],
          ];
          if (l.array) e.push(['for', lit('i in 1..n')]);
          if (r.chance(0.3)) e.push(['label', b.str(`the ${l.kind}`, flow)]);
          return map(e, flow);
        }),
      ),
    ]);
  }
  root.push([
    'state',
    seq(
      m.fields.map((f, fi) => {
        const flow = r.chance(0.4);
        const path = ['state', fi];
        const e: Entries = [['name', lit(f.name)]];
        if (f.size !== undefined) e.push(['for', lit(`${f.rangeVar} in 1..${f.size}`)]);
        e.push(['type', lit(f.kind)]);
        if (f.kind === 'int') {
          const limit = m.constants.find(([, v]) => v === f.max);
          e.push(['min', lit(f.min)]);
          e.push(['max', limit && r.chance(0.5) ? lit(limit[0]) : lit(f.max)]);
        }
        if (f.words) e.push(['values', seq(f.words.map(lit), true)]);
        if (f.bits)
          e.push([
            'bits',
            map(
              f.bits.map(([k, v]) => [k, { t: 's', v, hex: r.chance(0.5) }]),
              true,
            ),
          ]);
        e.push(['init', b.exprText([...path, 'init'], f.init, flow)]);
        if (f.live) e.push(['live', b.expr([...path, 'live'], f.live, flow)]);
        if (r.chance(0.3)) e.push(['label', b.str(`${f.name} as shown`, flow)]);
        if (r.chance(0.2)) e.push(['group', b.str('Group', flow)]);
        if (r.chance(0.1)) e.push(['chart', lit(true)]);
        return map(e, flow);
      }),
    ),
  ]);
  if (m.helpers.length > 0) {
    root.push([
      'helpers',
      map(
        m.helpers.map((h) => {
          const key = `${h.name}(${h.params.join(', ')})`;
          const path = ['helpers', key];
          return [key, h.body.k === 'expr' ? b.expr(path, h.body.e) : b.stmts(path, h.body.ss)];
        }),
      ),
    ]);
  }
  root.push([
    'tasks',
    seq(
      m.tasks.map((t, ti) => {
        const e: Entries = [
          ['id', { t: 's', v: t.id, style: 'double' }],
          ['ref', lit(t.ref)],
        ];
        if (t.familyVar) e.push(['for', lit(`${t.familyVar} in 1..n`)]);
        e.push(['name', b.str(t.name)]);
        if (t.mayStopAt) e.push(['may_stop_at', seq(t.mayStopAt.map(lit), r.chance(0.5))]);
        e.push([
          'steps',
          seq(
            t.steps.map((s, si) => {
              const path = ['tasks', ti, 'steps', si];
              const se: Entries = [['id', lit(s.id)]];
              if (s.when) se.push(['when', b.exprText([...path, 'when'], s.when)]);
              if (typeof s.label === 'string') se.push(['label', b.str(s.label)]);
              else {
                se.push([
                  'label',
                  seq(
                    s.label.map((alt, ai) => {
                      const ae: Entries = [];
                      if (alt.when)
                        ae.push(['when', b.expr([...path, 'label', ai, 'when'], alt.when, true)]);
                      ae.push(['text', b.str(alt.text, true)]);
                      return map(ae, r.chance(0.5));
                    }),
                  ),
                ]);
              }
              se.push(['explain', b.str(s.explain)]);
              if (s.acquire) {
                const spec: SourceSpec = { kind: 'expr', e: s.acquire.lock, tight: false };
                b.sources.set(pathKey([...path, 'acquire']), spec);
                const text = renderSource(spec).text + (s.acquire.mode ? ` ${s.acquire.mode}` : '');
                se.push(['acquire', b.styled(text, false, false)]);
              }
              if (s.release.length > 0) {
                const items = s.release.map((l, li) => {
                  const p = s.releaseList ? [...path, 'release', li] : [...path, 'release'];
                  const spec: SourceSpec = { kind: 'expr', e: l, tight: false };
                  b.sources.set(pathKey(p), spec);
                  return b.styled(renderSource(spec).text, s.releaseList, false);
                });
                se.push(['release', s.releaseList ? seq(items, r.chance(0.5)) : items[0]]);
              }
              if (s.guard) se.push(['guard', b.exprText([...path, 'guard'], s.guard)]);
              if (s.waitsFor) se.push(['waits_for', b.str(s.waitsFor)]);
              if (s.effect) se.push(['do', b.stmts([...path, 'do'], s.effect)]);
              se.push(['next', b.expr([...path, 'next'], s.next)]);
              const node: YNode = {
                t: 'm',
                e: se,
                notes: se.map((_, i) => (i > 0 && r.chance(0.04) ? 'a comment' : undefined)),
              };
              return node;
            }),
          ),
        ]);
        return map(e);
      }),
    ),
  ]);
  root.push([
    'outcomes',
    seq(
      m.outcomes.map((o, oi) => {
        const flow = r.chance(0.2);
        const e: Entries = [['name', lit(o.name)]];
        if (o.bad || r.chance(0.3)) e.push(['bad', lit(o.bad)]);
        if (o.kind === 'flag') e.push(['flag', lit(o.flag!)]);
        else if (o.kind === 'final')
          e.push(['final', b.expr(['outcomes', oi, 'final'], o.final!, flow)]);
        else e.push(['builtin', lit(o.kind)]);
        e.push(['description', b.str(`What ${o.name} means.`, flow)]);
        return map(e, flow);
      }),
    ),
  ]);
  if (m.defaultSchedule) {
    root.push([
      'default_schedule',
      map([
        ['prefix', seq([{ t: 's', v: '1', style: 'double' }], true)],
        ['then', lit(m.defaultSchedule)],
      ]),
    ]);
  }
  return { tree: { t: 'm', e: root }, sources: b.sources };
}

export function finishDoc(
  model: ModelGen,
  tree: YNode,
  sources: ReadonlyMap<string, SourceSpec>,
): GeneratedDoc {
  const { text, places } = emit(tree);
  return { model, tree, sources, text, places, json: toJS(tree) };
}

/** Valid scenario documents. */
export function validDocArb(opts: GenOptions = DEFAULT_OPTIONS): fc.Arbitrary<GeneratedDoc> {
  return SHRINK(fc.gen()).map((g) => {
    const r = new Rand(g);
    const model = drawModel(r, opts);
    const { tree, sources } = buildTree(model, r);
    return withText(finishDoc(model, tree, sources));
  });
}

/** Shrinking replays whole explorations: keep it short. */
const SHRINK = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.limitShrink(a, 60);

/** Shows a document as its YAML text in fast-check's reports. */
function withText<T extends { text: string }>(x: T): T {
  Object.defineProperty(x, fc.toStringMethod, { value: () => `\n${x.text}`, enumerable: false });
  return x;
}

// ─── Invalid documents ──────────────────────────────────────────────────────────────────────

/** Where the loader should report the mistake. */
export type Expect =
  /** Exactly here (an expression's character). */
  | { readonly kind: 'point'; readonly pos: Pos; readonly where?: string }
  /** On one of these lines. */
  | { readonly kind: 'lines'; readonly from: number; readonly to: number; readonly where?: string };

export interface InvalidDoc {
  readonly mutation: string;
  /** Set when this case hits a known bug of the loader (see documents.test.ts). */
  readonly knownBug?: string;
  readonly text: string;
  readonly expect: Expect;
  readonly describe: string;
}

/** Loader bugs (see documents.test.ts): the mutations that hit them are kept apart. */
export type KnownBug =
  | 'field-bound-at-line-1'
  | 'escaped-string-offset'
  | 'end-of-block-next-line'
  | 'param-error-at-first-param'
  | 'flags-init-partial-group';

export interface InvalidOptions {
  /** Only cases of this known bug; without it, cases that hit a known bug are avoided. */
  readonly bug?: KnownBug;
}

function getNode(root: YNode, path: DocPath): YNode | undefined {
  let n: YNode | undefined = root;
  for (const k of path) {
    if (!n) return undefined;
    if (n.t === 'm') n = n.e.find(([key]) => key === k)?.[1];
    else if (n.t === 'q' && typeof k === 'number') n = n.i[k];
    else return undefined;
  }
  return n;
}

function setNode(root: YNode, path: DocPath, v: YNode): void {
  const parent = getNode(root, path.slice(0, -1))!;
  const k = path[path.length - 1];
  if (parent.t === 'm') {
    const i = parent.e.findIndex(([key]) => key === k);
    if (i >= 0) parent.e[i] = [k as string, v];
    else parent.e.push([k as string, v]);
  } else if (parent.t === 'q') parent.i[k as number] = v;
}

function removeKey(root: YNode, path: DocPath): void {
  const parent = getNode(root, path.slice(0, -1))!;
  if (parent.t === 'm') {
    const i = parent.e.findIndex(([key]) => key === path[path.length - 1]);
    parent.e.splice(i, 1);
    parent.notes?.splice(i, 1);
  }
}

/** The leaves of an expression that the compiler always resolves (not behind && || ?:). */
function alwaysLowered(e: Expr, out: Expr[]): void {
  switch (e.k) {
    case 'num':
    case 'bool':
    case 'name':
    case 'finished':
      out.push(e);
      break;
    case 'index':
      out.push(e);
      alwaysLowered(e.index, out);
      break;
    case 'un':
      alwaysLowered(e.a, out);
      break;
    case 'bin':
      alwaysLowered(e.l, out);
      if (e.op !== '&&' && e.op !== '||') alwaysLowered(e.r, out);
      break;
    case 'cond':
      alwaysLowered(e.c, out);
      break;
    case 'quant':
      alwaysLowered(e.from, out);
      alwaysLowered(e.to, out);
      alwaysLowered(e.body, out);
      break;
    case 'call':
      for (const a of e.args) alwaysLowered(a, out);
      break;
    case 'holds':
    case 'at':
      break;
  }
}

function stmtLeaves(ss: readonly Stmt[], out: Expr[]): void {
  for (const st of ss) {
    switch (st.k) {
      case 'assign':
        out.push(st.target);
        if (st.target.k === 'index') alwaysLowered(st.target.index, out);
        alwaysLowered(st.value, out);
        break;
      case 'let':
        alwaysLowered(st.value, out);
        break;
      case 'if':
        alwaysLowered(st.c, out);
        break;
      case 'for':
        alwaysLowered(st.from, out);
        alwaysLowered(st.to, out);
        stmtLeaves(st.body, out);
        break;
      case 'call':
        for (const a of st.args) alwaysLowered(a, out);
        break;
    }
  }
}

/** Replaces node `old` (by identity) with `by` in an expression or statement tree. */
function replaceNode<T>(x: T, old: object, by: object): T {
  if (x === old) return by as T;
  if (Array.isArray(x)) return x.map((y) => replaceNode(y, old, by)) as T;
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = replaceNode(v, old, by);
    return out as T;
  }
  return x;
}

/** Steps the loader compiles: present in some variant at the defaults or at n's maximum. */
function loweredSteps(m: ModelGen): Set<string> {
  const out = new Set<string>();
  for (const s of loaderSettings(m)) {
    const ref = new Reference(m, s);
    for (const inst of ref.insts)
      for (const st of inst.steps) out.add(`${inst.taskIndex}/${st.docIndex}`);
  }
  return out;
}

interface Mutable {
  readonly m: ModelGen;
  readonly tree: YNode;
  readonly sources: Map<string, SourceSpec>;
  readonly r: Rand;
  readonly opts: InvalidOptions;
}

interface Mutation {
  readonly name: string;
  /** Undefined when this document offers nothing to mutate this way. */
  apply(x: Mutable):
    | (Omit<InvalidDoc, 'text' | 'expect'> & {
        readonly resolve: (places: ReadonlyMap<string, Placed>, text: string) => Expect;
      })
    | undefined;
}

const at = (places: ReadonlyMap<string, Placed>, path: DocPath): Placed => {
  const p = places.get(pathKey(path));
  if (!p) throw new Error(`no node at ${pathText(path)}`);
  return p;
};

/** Rewrites a string node with a new value, keeping its style when it still fits. */
function restyle(x: Mutable, node: YNode, v: string, avoidLiteral: boolean, flow: boolean): YNode {
  const old = node.t === 's' ? node.style : undefined;
  const multiline = v.includes('\n');
  if (old === 'plain' && plainOk(v, flow)) return { t: 's', v, style: 'plain' };
  if ((old === 'double' || old === 'single') && !multiline) return { t: 's', v, style: old };
  if (old === 'literal' && !avoidLiteral)
    return { t: 's', v: v.endsWith('\n') ? v : `${v}\n`, style: 'literal' };
  if (old === 'strip' || (old === 'literal' && avoidLiteral)) return { t: 's', v, style: 'strip' };
  if (old === 'escaped' && multiline && x.opts.bug === 'escaped-string-offset')
    return { t: 's', v, style: 'escaped' };
  if (multiline) return { t: 's', v, style: 'strip' };
  return {
    t: 's',
    v,
    style: flow
      ? 'double'
      : x.r.pick(['double', 'plain', 'folded'] as const) === 'plain' && plainOk(v, flow)
        ? 'plain'
        : 'double',
  };
}

/** Expression sources in steps the loader compiles, and in outcomes and fields. */
function exprTargets(
  x: Mutable,
  kinds: readonly string[],
): { path: DocPath; spec: SourceSpec; flow: boolean }[] {
  const lowered = loweredSteps(x.m);
  const out: { path: DocPath; spec: SourceSpec; flow: boolean }[] = [];
  for (const [key, spec] of x.sources) {
    const path = JSON.parse(key) as (string | number)[];
    const last = String(path[path.length - 1]);
    const lastKey =
      typeof path[path.length - 1] === 'number' ? String(path[path.length - 2]) : last;
    if (!kinds.includes(lastKey)) continue;
    if (path[0] === 'tasks') {
      if (path.length > 5) continue; // label alternatives
      if (lastKey !== 'when' && !lowered.has(`${path[1]}/${path[3]}`)) continue;
    }
    if (path[0] === 'helpers') continue;
    const parent = getNode(x.tree, path.slice(0, -1));
    const node = getNode(x.tree, path);
    if (!node || node.t !== 's' || typeof node.v !== 'string') continue;
    out.push({
      path,
      spec,
      flow: parent?.t === 'm' ? parent.flow === true : parent?.t === 'q' && parent.flow === true,
    });
  }
  return out;
}

/** Escapes are a known bug: keep them out unless that bug is the subject. */
function avoidEscapes(x: Mutable): void {
  if (x.opts.bug === 'escaped-string-offset') return;
  const walk = (n: YNode) => {
    if (n.t === 's' && n.style === 'escaped') n.style = 'strip';
    if (n.t === 'm') n.e.forEach(([, v]) => walk(v));
    if (n.t === 'q') n.i.forEach(walk);
  };
  walk(x.tree);
}

function pointIn(places: ReadonlyMap<string, Placed>, path: DocPath, offset: number): Expect {
  const p = at(places, path);
  return { kind: 'point', pos: p.chars![offset], where: pathText(path) };
}

function linesOf(places: ReadonlyMap<string, Placed>, path: DocPath, where?: DocPath): Expect {
  const p = at(places, path);
  return { kind: 'lines', from: p.start.line, to: p.end.line, where: where && pathText(where) };
}

function startOf(places: ReadonlyMap<string, Placed>, path: DocPath, where: DocPath): Expect {
  return { kind: 'point', pos: at(places, path).start, where: pathText(where) };
}

/** Writes `e` (or statements) with `old` replaced by `by`, and says where `by` starts. */
function rewrite(
  spec: SourceSpec,
  old: object,
  by: Expr | Stmt,
): { spec: SourceSpec; text: string; offset: number } {
  const next: SourceSpec =
    spec.kind === 'expr'
      ? { ...spec, e: replaceNode(spec.e, old, by) }
      : { ...spec, ss: replaceNode(spec.ss, old, by) };
  const src = renderSource(next);
  return { spec: next, text: src.text, offset: src.at.get(by)! };
}

function setSource(
  x: Mutable,
  path: DocPath,
  spec: SourceSpec,
  text: string,
  flow: boolean,
  avoidLiteral = true,
): void {
  x.sources.set(pathKey(path), spec);
  setNode(x.tree, path, restyle(x, getNode(x.tree, path)!, text, avoidLiteral, flow));
}

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'unknown-name-in-expression',
    apply(x) {
      const targets = exprTargets(x, ['guard', 'next', 'do', 'final', 'init', 'live', 'when']);
      const options = targets.flatMap((t) => {
        const leaves: Expr[] = [];
        if (t.spec.kind === 'expr') alwaysLowered(t.spec.e, leaves);
        else stmtLeaves(t.spec.ss, leaves);
        return leaves.map((leaf) => ({ ...t, leaf }));
      });
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const by = name(`zz_nope${x.r.int(0, 9)}`);
      const { spec, text, offset } = rewrite(o.spec, o.leaf, by);
      setSource(x, o.path, spec, text, o.flow);
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} names ${by.k === 'name' ? by.name : ''}, which is declared nowhere`,
        resolve: (places) => pointIn(places, o.path, offset),
      };
    },
  },
  {
    name: 'unknown-field-statement',
    apply(x) {
      const options = exprTargets(x, ['do']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      if (o.spec.kind !== 'stmts') return undefined;
      const src = renderSource(o.spec);
      const tops = [...src.tops, src.text.length];
      const k = x.r.int(0, tops.length - 1);
      const at = tops[k];
      const stmt = `zz_field = 1`;
      const sep = o.spec.multi ? '\n' : '; ';
      const text =
        at === src.text.length
          ? `${src.text}${sep}${stmt}`
          : `${src.text.slice(0, at)}${stmt}${sep}${src.text.slice(at)}`;
      const offset = at === src.text.length ? src.text.length + sep.length : at;
      x.sources.delete(pathKey(o.path));
      setNode(x.tree, o.path, restyle(x, getNode(x.tree, o.path)!, text, true, o.flow));
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} assigns zz_field, which is not a field`,
        resolve: (places) => pointIn(places, o.path, offset),
      };
    },
  },
  {
    name: 'syntax-error-character',
    apply(x) {
      const options = exprTargets(x, ['guard', 'next', 'do', 'final', 'init', 'when']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const src = renderSource(o.spec);
      const free = range(0, src.text.length).filter(
        (i) => !src.comments.some(([a, b]) => i > a && i <= b),
      );
      const k = x.r.pick(free);
      const text = `${src.text.slice(0, k)}$${src.text.slice(k)}`;
      x.sources.delete(pathKey(o.path));
      setNode(x.tree, o.path, restyle(x, getNode(x.tree, o.path)!, text, true, o.flow));
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} has a "$" at offset ${k}`,
        resolve: (places) => pointIn(places, o.path, k),
      };
    },
  },
  {
    name: 'syntax-error-paren',
    apply(x) {
      const options = exprTargets(x, ['guard', 'next', 'do', 'final']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const src = renderSource(o.spec);
      const text = `${src.text} )`;
      x.sources.delete(pathKey(o.path));
      setNode(x.tree, o.path, restyle(x, getNode(x.tree, o.path)!, text, true, o.flow));
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} ends with a stray ")"`,
        resolve: (places) => pointIn(places, o.path, text.length - 1),
      };
    },
  },
  {
    name: 'syntax-error-dangling-operator',
    apply(x) {
      const options = exprTargets(x, ['guard', 'next', 'do', 'final']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const src = renderSource(o.spec);
      // A statement list ends with a new assignment that has no value yet.
      const text = `${src.text} ${o.spec.kind === 'stmts' ? 'zz_d =' : '&&'}`;
      const literal = x.opts.bug === 'end-of-block-next-line';
      x.sources.delete(pathKey(o.path));
      const node = restyle(x, getNode(x.tree, o.path)!, text, !literal, o.flow);
      setNode(x.tree, o.path, literal ? { t: 's', v: `${text}\n`, style: 'literal' } : node);
      const len = literal ? text.length + 1 : text.length;
      return {
        mutation: this.name,
        knownBug: literal ? 'end-of-block-next-line' : undefined,
        describe: `${pathText(o.path)} ends with a dangling operator`,
        resolve: (places) => pointIn(places, o.path, len),
      };
    },
  },
  {
    name: 'next-names-missing-step',
    apply(x) {
      const options = exprTargets(x, ['next']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const bools = x.m.fields.filter((f) => f.kind === 'bool' && f.size === undefined);
      const missing = name(`${x.m.tasks[o.path[1] as number].ref}_nowhere`);
      const e: Expr =
        bools.length > 0 && x.r.chance(0.5)
          ? { k: 'cond', c: name(x.r.pick(bools).name), a: missing, b: (o.spec as { e: Expr }).e }
          : missing;
      const spec: SourceSpec = { kind: 'expr', e, tight: false };
      const src = renderSource(spec);
      setSource(x, o.path, spec, src.text, o.flow);
      const offset = src.at.get(missing)!;
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} names a step its task does not have`,
        resolve: (places) => pointIn(places, o.path, offset),
      };
    },
  },
  {
    name: 'unknown-lock',
    apply(x) {
      const lowered = loweredSteps(x.m);
      const options: DocPath[] = [];
      for (const key of x.sources.keys()) {
        const path = JSON.parse(key) as (string | number)[];
        if (path[0] !== 'tasks' || !lowered.has(`${path[1]}/${path[3]}`)) continue;
        if (path[4] === 'acquire' || path[4] === 'release') options.push(path);
      }
      if (options.length === 0) return undefined;
      const path = x.r.pick(options);
      const node = getNode(x.tree, path)!;
      const old = node.t === 's' ? String(node.v) : '';
      const mode = / (read|write)\s*$/.exec(old)?.[0] ?? '';
      const text = `zz_lock${mode}`;
      x.sources.delete(pathKey(path));
      const flow =
        path.length === 6 &&
        (getNode(x.tree, path.slice(0, -1)) as { flow?: boolean }).flow === true;
      setNode(x.tree, path, restyle(x, node, text, true, flow));
      return {
        mutation: this.name,
        describe: `${pathText(path)} names zz_lock, which is not a lock`,
        resolve: (places) => pointIn(places, path, 0),
      };
    },
  },
  {
    name: 'duplicate-step',
    apply(x) {
      const lowered = [...loweredSteps(x.m)];
      if (lowered.length === 0) return undefined;
      const [ti, si] = x.r.pick(lowered).split('/').map(Number);
      const steps = getNode(x.tree, ['tasks', ti, 'steps']);
      if (!steps || steps.t !== 'q') return undefined;
      const clone = structuredClone(steps.i[si]);
      steps.i.splice(si + 1, 0, clone);
      const path = ['tasks', ti, 'steps', si + 1];
      return {
        mutation: this.name,
        describe: `step ${x.m.tasks[ti].steps[si].id} appears twice in a row`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'helper-recursion',
    apply(x) {
      const lowered = [...loweredSteps(x.m)];
      if (lowered.length === 0) return undefined;
      const [ti, si] = x.r.pick(lowered).split('/').map(Number);
      const helpers = getNode(x.tree, ['helpers']);
      const mutual = x.r.chance(0.5);
      const entries: [string, YNode][] = mutual
        ? [
            ['zz_a()', { t: 's', v: 'zz_b()', style: 'plain' }],
            ['zz_b()', { t: 's', v: 'zz_a()', style: 'plain' }],
          ]
        : [
            [
              'zz_loop()',
              { t: 's', v: x.r.pick(['zz_loop()', 'if (true) zz_loop()']), style: 'plain' },
            ],
          ];
      if (helpers && helpers.t === 'm') helpers.e.push(...entries);
      else {
        const root = x.tree as Extract<YNode, { t: 'm' }>;
        const at = root.e.findIndex(([k]) => k === 'tasks');
        root.e.splice(at, 0, ['helpers', { t: 'm', e: entries }]);
      }
      const doPath = ['tasks', ti, 'steps', si, 'do'];
      const node = getNode(x.tree, doPath);
      const call = mutual ? 'zz_a()' : 'zz_loop()';
      if (node && node.t === 's') {
        const v = String(node.v).replace(/\n$/, '');
        setNode(x.tree, doPath, restyle(x, node, `${call}\n${v}`, true, false));
      } else {
        const step = getNode(x.tree, ['tasks', ti, 'steps', si]) as Extract<YNode, { t: 'm' }>;
        const at = step.e.findIndex(([k]) => k === 'next');
        step.e.splice(at, 0, ['do', { t: 's', v: call, style: 'plain' }]);
        step.notes = undefined;
      }
      x.sources.delete(pathKey(doPath));
      const key = mutual ? 'zz_b()' : 'zz_loop()';
      const body = String(
        entries[entries.length - 1][1].t === 's'
          ? (entries[entries.length - 1][1] as { v: string }).v
          : '',
      );
      const offset = body.lastIndexOf(mutual ? 'zz_a' : 'zz_loop');
      return {
        mutation: this.name,
        describe: `helper ${key} calls itself${mutual ? ' through zz_a()' : ''}`,
        resolve: (places) => pointIn(places, ['helpers', key], offset),
      };
    },
  },
  {
    name: 'when-uses-state',
    apply(x) {
      const fields = x.m.fields.filter((f) => f.size === undefined);
      if (fields.length === 0) return undefined;
      const t = x.r.int(0, x.m.tasks.length - 1);
      const s = x.r.int(0, x.m.tasks[t].steps.length - 1);
      const path = ['tasks', t, 'steps', s, 'when'];
      const step = getNode(x.tree, path.slice(0, -1)) as Extract<YNode, { t: 'm' }>;
      const v = x.r.pick(fields).name;
      const i = step.e.findIndex(([k]) => k === 'when');
      if (i >= 0) step.e[i] = ['when', { t: 's', v, style: 'plain' }];
      else {
        step.e.splice(1, 0, ['when', { t: 's', v, style: 'plain' }]);
        step.notes = undefined;
      }
      x.sources.delete(pathKey(path));
      return {
        mutation: this.name,
        describe: `${pathText(path)} reads field ${v}, which is not known before the run`,
        resolve: (places) => pointIn(places, path, 0),
      };
    },
  },
  {
    name: 'schema-wrong-literal',
    apply(x) {
      const { r, m } = x;
      const ti = r.int(0, m.tasks.length - 1);
      const options: [DocPath, YNode][] = [
        [['state', r.int(0, m.fields.length - 1), 'type'], lit('float')],
        [['tasks', ti, 'id'], lit('one')],
        [
          ['tasks', ti, 'steps', r.int(0, m.tasks[ti].steps.length - 1), 'id'],
          { t: 's', v: 'Bad-Id', style: 'double' },
        ],
        [['outcomes', r.int(0, m.outcomes.length - 1), 'name'], lit('lower_case')],
        [
          ['outcomes', r.int(0, m.outcomes.length - 1), 'bad'],
          { t: 's', v: 'yes', style: 'double' },
        ],
        [['version'], lit(0)],
        [['format'], lit(2)],
        [['state', r.int(0, m.fields.length - 1), 'init'], { t: 'q', i: [], flow: true }],
        [['parameters', 0, 'type'], lit('float')],
        [['tasks', ti, 'steps'], { t: 'q', i: [], flow: true }],
        [['tasks', ti, 'name'], { t: 's', v: '', style: 'double' }],
      ];
      if (m.locks.length > 0)
        options.push([['locks', r.int(0, m.locks.length - 1), 'kind'], lit('semaphore')]);
      const [path, v] = r.pick(options);
      const parent = getNode(x.tree, path.slice(0, -1));
      const flow = parent?.t === 'm' && parent.flow === true;
      setNode(
        x.tree,
        path,
        v.t === 's' && typeof v.v === 'string' && !plainOk(v.v, flow)
          ? { ...v, style: 'double' }
          : v,
      );
      x.sources.delete(pathKey(path));
      return {
        mutation: this.name,
        describe: `${pathText(path)} has a value of the wrong type or form`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'schema-unknown-key',
    apply(x) {
      const { r, m } = x;
      const ti = r.int(0, m.tasks.length - 1);
      const parents: DocPath[] = [
        ['tasks', ti, 'steps', r.int(0, m.tasks[ti].steps.length - 1)],
        ['tasks', ti],
        ['state', r.int(0, m.fields.length - 1)],
        ['outcomes', r.int(0, m.outcomes.length - 1)],
        [],
      ];
      const parent = r.pick(parents);
      const key = r.pick(['nxt', 'lable', 'extra']);
      const node = getNode(x.tree, parent) as Extract<YNode, { t: 'm' }>;
      node.e.push([key, lit('oops')]);
      node.notes = undefined;
      const path = [...parent, key];
      return {
        mutation: this.name,
        describe: `${pathText(path)} is not a key of its object`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'schema-missing-key',
    apply(x) {
      const { r, m } = x;
      const ti = r.int(0, m.tasks.length - 1);
      const si = r.int(0, m.tasks[ti].steps.length - 1);
      const options: DocPath[] = [
        ['tasks', ti, 'steps', si, r.pick(['label', 'explain', 'next'])],
        ['tasks', ti, r.pick(['ref', 'name', 'steps'])],
        ['state', r.int(0, m.fields.length - 1), r.pick(['type', 'init'])],
        ['outcomes', r.int(0, m.outcomes.length - 1), 'description'],
        ['variants', 'list', r.int(0, m.variants.length - 1), r.pick(['title', 'description'])],
        ['parameters', 0, r.pick(['label', 'default'])],
        [r.pick(['title', 'summary', 'version'])],
      ];
      if (m.locks.length > 0) options.push(['locks', r.int(0, m.locks.length - 1), 'kind']);
      const path = r.pick(options);
      removeKey(x.tree, path);
      const parent = path.slice(0, -1);
      return {
        mutation: this.name,
        describe: `${pathText(path)} is missing`,
        resolve: (places) => startOf(places, parent, path),
      };
    },
  },
  {
    name: 'unknown-variant-feature',
    apply(x) {
      const vi = x.r.int(0, x.m.variants.length - 1);
      const vpath = ['variants', 'list', vi];
      const v = getNode(x.tree, vpath) as Extract<YNode, { t: 'm' }>;
      let feats = getNode(x.tree, [...vpath, 'features']);
      if (!feats) {
        feats = { t: 'm', e: [] };
        v.e.push(['features', feats]);
      }
      if (feats.t !== 'm') return undefined;
      feats.e.push(['zz_feature', lit(true)]);
      const path = [...vpath, 'features', 'zz_feature'];
      return {
        mutation: this.name,
        describe: `${pathText(path)} is not declared under variants.features`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'outcome-flag-unknown',
    apply(x) {
      const oi = x.r.int(0, x.m.outcomes.length - 1);
      const o = getNode(x.tree, ['outcomes', oi]) as Extract<YNode, { t: 'm' }>;
      o.e = o.e.filter(([k]) => k !== 'final' && k !== 'builtin' && k !== 'flag');
      o.e.splice(1, 0, ['flag', lit('zz_flag')]);
      x.sources.delete(pathKey(['outcomes', oi, 'final']));
      const path = ['outcomes', oi, 'flag'];
      return {
        mutation: this.name,
        describe: `${pathText(path)} names no field`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'outcome-two-kinds',
    apply(x) {
      const oi = x.r.int(0, x.m.outcomes.length - 1);
      const o = getNode(x.tree, ['outcomes', oi]) as Extract<YNode, { t: 'm' }>;
      const builtin = x.m.outcomes[oi].kind === 'clean' || x.m.outcomes[oi].kind === 'deadlock';
      if (builtin) o.e.splice(1, 0, ['final', lit('finished')]);
      else o.e.splice(1, 0, ['builtin', lit('clean')]);
      o.e = o.e.filter((e, i, all) => all.findIndex(([k]) => k === e[0]) === i);
      const path = ['outcomes', oi];
      return {
        mutation: this.name,
        describe: `${pathText(path)} has two of flag, final and builtin`,
        resolve: (places) => linesOf(places, path, path),
      };
    },
  },
  {
    name: 'field-min-above-max',
    apply(x) {
      const ints = x.m.fields.flatMap((f, fi) => (f.kind === 'int' ? [fi] : []));
      if (ints.length === 0) return undefined;
      const fi = x.r.pick(ints);
      setNode(x.tree, ['state', fi, 'min'], lit(x.m.fields[fi].max + 1));
      const path = ['state', fi];
      return {
        mutation: this.name,
        describe: `${pathText(path)} has min above max`,
        resolve: (places) => linesOf(places, path, path),
      };
    },
  },
  {
    name: 'param-default-out-of-range',
    apply(x) {
      const { m, r } = x;
      const params = getNode(x.tree, ['parameters']) as Extract<YNode, { t: 'q' }>;
      const choices: [number, YNode][] = [[0, lit(m.nMax + r.int(1, 5))]];
      if (m.pOn !== undefined) choices.push([1, { t: 's', v: 'maybe', style: 'plain' }]);
      if (m.mode !== undefined)
        choices.push([params.i.length - 1, { t: 's', v: 'zz_mode', style: 'plain' }]);
      const usable = choices.filter(([pi]) =>
        x.opts.bug === 'param-error-at-first-param' ? pi > 0 : pi === 0,
      );
      if (usable.length === 0) return undefined;
      const [pi, v] = r.pick(usable);
      setNode(x.tree, ['parameters', pi, 'default'], v);
      const path = ['parameters', pi];
      return {
        mutation: this.name,
        knownBug: pi > 0 ? 'param-error-at-first-param' : undefined,
        describe: `${pathText(path)}.default is not an allowed value`,
        resolve: (places) => linesOf(places, path),
      };
    },
  },
  {
    name: 'yaml-syntax',
    apply() {
      // Applied to the text after emitting: see mutateText.
      return undefined;
    },
  },
];

/** Mutations that the loader handles correctly today (once known bugs, since fixed). */
const FIXED_MUTATIONS: readonly Mutation[] = [
  {
    name: 'range-bound-unknown-name',
    apply(x) {
      const { m, r } = x;
      const options: DocPath[] = [
        ...m.tasks.flatMap((t, ti) => (t.familyVar ? [['tasks', ti, 'for']] : [])),
        ...m.fields.flatMap((f, fi) => (f.size !== undefined ? [['state', fi, 'for']] : [])),
        ...m.locks.flatMap((l, li) => (l.array ? [['locks', li, 'for']] : [])),
      ];
      if (options.length === 0) return undefined;
      const path = r.pick(options);
      const v = `${r.pick(['i', 'k'])} in ${r.pick(['1..zz_bound', 'zz_bound..n'])}`;
      setNode(x.tree, path, { t: 's', v, style: r.pick(['plain', 'double'] as const) });
      return {
        mutation: this.name,
        describe: `${pathText(path)} has zz_bound, which is declared nowhere, as a bound`,
        resolve: (places) => pointIn(places, path, v.indexOf('zz_bound')),
      };
    },
  },
  {
    name: 'unknown-default-variant',
    apply(x) {
      const path = ['variants', 'default'];
      setNode(x.tree, path, lit('zz_variant'));
      return {
        mutation: this.name,
        describe: `${pathText(path)} names no variant`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'init-out-of-domain',
    apply(x) {
      const fi = x.r.int(0, x.m.fields.length - 1);
      const f = x.m.fields[fi];
      const v =
        f.kind === 'bool' ? 2 : f.kind === 'flags' ? 0x80 : x.r.pick([f.max + 1, f.min - 1]);
      const path = ['state', fi, 'init'];
      setNode(x.tree, path, lit(v));
      x.sources.delete(pathKey(path));
      return {
        mutation: this.name,
        describe: `${pathText(path)} is ${v}, outside ${f.name}'s domain`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
];

/** Known-bug cases: each forces the circumstances of one bug. */
const BUG_MUTATIONS: Readonly<Record<KnownBug, Mutation>> = {
  'field-bound-at-line-1': {
    name: 'field-bound-unknown-name',
    apply(x) {
      const ints = x.m.fields.flatMap((f, fi) => (f.kind === 'int' ? [fi] : []));
      const fi = ints.length > 0 ? x.r.pick(ints) : 0;
      const path = ['state', fi, x.r.pick(['min', 'max'])];
      const field = getNode(x.tree, ['state', fi]) as Extract<YNode, { t: 'm' }>;
      if (x.m.fields[fi].kind !== 'int') {
        setNode(x.tree, ['state', fi, 'type'], lit('int'));
        setNode(x.tree, ['state', fi, 'min'], lit(0));
        setNode(x.tree, ['state', fi, 'max'], lit(1));
        field.e = field.e.filter(([k]) => k !== 'values' && k !== 'bits');
        setNode(x.tree, ['state', fi, 'init'], lit(0));
      }
      setNode(x.tree, path, { t: 's', v: 'zz_bound', style: 'double' });
      return {
        mutation: this.name,
        knownBug: 'field-bound-at-line-1',
        describe: `${pathText(path)} names zz_bound, which is declared nowhere`,
        resolve: (places) => pointIn(places, path, 0),
      };
    },
  },
  'escaped-string-offset': {
    name: 'escaped-do-unknown-field',
    apply(x) {
      // Task 1's first step has no `when`: the loader compiles it.
      const doPath = ['tasks', 0, 'steps', 0, 'do'];
      const text = `let zz_t = 1\nzz_field = zz_t`;
      const step = getNode(x.tree, ['tasks', 0, 'steps', 0]) as Extract<YNode, { t: 'm' }>;
      step.e = step.e.filter(([k]) => k !== 'do');
      step.e.splice(step.e.length - 1, 0, ['do', { t: 's', v: text, style: 'escaped' }]);
      step.notes = undefined;
      x.sources.delete(pathKey(doPath));
      return {
        mutation: this.name,
        knownBug: 'escaped-string-offset',
        describe: `${pathText(doPath)} (double-quoted, with a \\n escape) assigns zz_field`,
        resolve: (places) => pointIn(places, doPath, text.indexOf('zz_field')),
      };
    },
  },
  'end-of-block-next-line': {
    name: 'dangling-operator-in-literal-block',
    apply(x) {
      return MUTATIONS.find((mu) => mu.name === 'syntax-error-dangling-operator')!.apply(x);
    },
  },
  'param-error-at-first-param': {
    name: 'later-param-default',
    apply(x) {
      const later = MUTATIONS.find((mu) => mu.name === 'param-default-out-of-range')!.apply(x);
      if (later) return later;
      // No second parameter: add one with a default it does not allow.
      const params = getNode(x.tree, ['parameters']) as Extract<YNode, { t: 'q' }>;
      params.i.push({
        t: 'm',
        e: [
          ['name', lit('zz_p')],
          ['type', lit('bool')],
          ['default', lit('maybe')],
          ['label', lit('P')],
        ],
      });
      const path = ['parameters', params.i.length - 1];
      return {
        mutation: this.name,
        knownBug: 'param-error-at-first-param',
        describe: `${pathText(path)}.default is not an allowed value`,
        resolve: (places) => linesOf(places, path),
      };
    },
  },
  'flags-init-partial-group': {
    name: 'flags-init-partial-group',
    apply(x) {
      // A flags field whose group 0x18 has two bits; init sets only one of them.
      const state = getNode(x.tree, ['state']) as Extract<YNode, { t: 'q' }>;
      state.i.push({
        t: 'm',
        e: [
          ['name', lit('zz_flags')],
          ['type', lit('flags')],
          ['bits', { t: 'm', e: [['ZZ_PAIR', { t: 's', v: 0x18, hex: true }]], flow: true }],
          ['init', { t: 's', v: 0x8, hex: true }],
        ],
        flow: x.r.chance(0.5),
      });
      const path = ['state', state.i.length - 1, 'init'];
      return {
        mutation: this.name,
        knownBug: 'flags-init-partial-group',
        describe: `${pathText(path)} is 0x8, half of the bit group ZZ_PAIR = 0x18`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
};

/** YAML-level mistakes on a line that holds `key: value` with a one-line value. */
function mutateText(doc: GeneratedDoc, r: Rand): InvalidDoc | undefined {
  const lines = doc.text.split('\n');
  const candidates: number[] = [];
  for (const [key, p] of doc.places) {
    const path = JSON.parse(key) as DocPath;
    const last = path[path.length - 1];
    if (typeof last !== 'string' || p.start.line !== p.end.line) continue;
    const line = lines[p.start.line - 1];
    // A scalar value only: `key: { … }: x` is valid YAML (a mapping with a complex key).
    if (!new RegExp(`^ *(- )?${last}: [^[{]`).test(line)) continue;
    candidates.push(p.start.line);
  }
  if (candidates.length === 0) return undefined;
  const line = r.pick(candidates);
  const text = lines[line - 1];
  const kind = r.pick(
    /^ /.test(text)
      ? (['duplicate-key', 'tab-indent', 'nested-compact-map'] as const)
      : (['duplicate-key', 'nested-compact-map'] as const),
  );
  const out = [...lines];
  let expectLine = line;
  if (kind === 'duplicate-key') {
    const m = /^( *)(- )?(.*)$/.exec(text)!;
    out.splice(line, 0, `${m[1]}${m[2] ? '  ' : ''}${m[3]}`);
    expectLine = line + 1;
  } else if (kind === 'tab-indent') {
    out[line - 1] = `\t${text.slice(1)}`;
  } else {
    out[line - 1] = `${text}: oops`;
  }
  return {
    mutation: `yaml-${kind}`,
    text: out.join('\n'),
    expect: { kind: 'lines', from: expectLine, to: expectLine },
    describe: `line ${expectLine}: ${kind}`,
  };
}

/** Invalid documents: a valid one with one named mutation, and where the loader should point. */
export function invalidDocArb(
  opts: InvalidOptions = {},
  gen: GenOptions = DEFAULT_OPTIONS,
): fc.Arbitrary<InvalidDoc> {
  // No filter: a rejected fc.gen() value is drawn again identically. When a mutation does not
  // apply to a document, the next one in the list is tried instead.
  return SHRINK(fc.gen()).map((g) => {
    const r = new Rand(g);
    const model = drawModel(r, { ...gen, sloppy: 0, firstPlain: true });
    const { tree, sources } = buildTree(model, r);
    const x: Mutable = { m: model, tree, sources, r, opts };
    avoidEscapes(x);
    const valid = finishDoc(model, tree, sources);
    const pool = opts.bug ? [BUG_MUTATIONS[opts.bug]] : [...MUTATIONS, ...FIXED_MUTATIONS];
    const first = r.int(0, pool.length - 1);
    for (let k = 0; k < pool.length; k++) {
      const mutation = pool[(first + k) % pool.length];
      if (mutation.name === 'yaml-syntax') {
        const t = mutateText(valid, r);
        if (t) return withText(t);
        continue;
      }
      const res = mutation.apply(x);
      if (!res) continue;
      if (res.knownBug !== opts.bug)
        throw new Error(`${res.mutation}: unexpected known bug ${res.knownBug}`);
      const { text, places } = emit(x.tree);
      return withText({
        mutation: res.mutation,
        knownBug: res.knownBug,
        describe: res.describe,
        text,
        expect: res.resolve(places, text),
      });
    }
    throw new Error(`no mutation applies to this document:\n${valid.text}`);
  });
}
