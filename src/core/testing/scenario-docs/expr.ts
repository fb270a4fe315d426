/**
 * The expression language as the generator sees it: a tree of expressions and statements, a few
 * constructors, and the printer that writes a tree as source text while recording the offset
 * where each node starts (so a mutation knows the exact column of any name it plants). Test
 * support only.
 */

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

export const num = (v: number): Expr => ({ k: 'num', v });
export const name = (n: string): Expr => ({ k: 'name', name: n });
export const bin = (op: BinOp, l: Expr, r: Expr): Expr => ({ k: 'bin', op, l, r });
export const not = (a: Expr): Expr => ({ k: 'un', op: '!', a });
/** A fresh copy, so that one node never appears twice in a tree (offsets are kept by node). */
export const copy = <T>(x: T): T => structuredClone(x);

// ─── Printing ───────────────────────────────────────────────────────────────────────────────

/** How tightly each operator binds: the printer adds parentheses only where they are needed. */
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

/** Writes an expression or a statement list as `spec` says, noting where every node starts. */
export function renderSource(spec: SourceSpec): Source {
  const w = new Writer(spec.tight);
  if (spec.kind === 'expr') w.expr(spec.e);
  else if (spec.multi) w.multi(spec.ss, '', spec.notes);
  else w.single(spec.ss, spec.sep, true);
  return { text: w.s, at: w.at, tops: w.tops, comments: w.comments };
}
