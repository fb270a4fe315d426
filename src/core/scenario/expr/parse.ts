/**
 * Our own parser for the scenario expression language (no eval: the page's CSP forbids it).
 *
 *   statements  let x = e;   t = e;   t[i] += e;   if (c) { … } else { … }
 *               for j in 1..processes { … }   helper(args);
 *   expressions C operators and precedence, `c ? a : b`, `f[i]`, `holds(lock)`,
 *               `at(t2[i], step, …, done)`, `any(j in 1..n: e)`, `all(…)`, true, false, 0x301
 *
 * Semicolons are optional; `//` starts a comment. Errors are `SyntaxProblem`s with an offset.
 */
import {
  SyntaxProblem,
  type AssignOp,
  type BinaryOp,
  type Expr,
  type Range,
  type Stmt,
} from './ast.ts';

type TokKind = 'num' | 'id' | 'op' | 'end';
interface Tok {
  readonly kind: TokKind;
  readonly text: string;
  readonly value: number;
  readonly at: number;
}

const OPERATORS = [
  '..',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+=',
  '-=',
  '|=',
  '&=',
  '^=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  ':',
  '?',
  '!',
  '~',
  '*',
  '/',
  '%',
  '+',
  '-',
  '<',
  '>',
  '&',
  '^',
  '|',
  '=',
];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(src.slice(i, i + 20));
    if (num) {
      const text = num[0];
      if (/[A-Za-z_]/.test(src[i + text.length] ?? '')) {
        throw new SyntaxProblem(`"${text}${src[i + text.length]}…" is not a number`, i);
      }
      out.push({ kind: 'num', text, value: Number(text), at: i });
      i += text.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (id) {
      out.push({ kind: 'id', text: id[0], value: 0, at: i });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new SyntaxProblem(`unexpected character "${c}"`, i);
    out.push({ kind: 'op', text: op, value: 0, at: i });
    i += op.length;
  }
  out.push({ kind: 'end', text: 'end of text', value: 0, at: src.length });
  return out;
}

/** Binding power of each binary operator, C's order. */
const PRECEDENCE: Readonly<Record<string, number>> = {
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

const ASSIGN_OPS = new Set(['=', '+=', '-=', '|=', '&=', '^=']);
const KEYWORDS = new Set(['let', 'if', 'else', 'for', 'in', 'true', 'false']);

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.pos];
  }
  private next(): Tok {
    return this.toks[this.pos++];
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }
  private isWord(text: string): boolean {
    const t = this.peek();
    return t.kind === 'id' && t.text === text;
  }
  private expectOp(text: string): Tok {
    const t = this.next();
    if (t.kind !== 'op' || t.text !== text) {
      throw new SyntaxProblem(`expected "${text}" but found "${t.text}"`, t.at);
    }
    return t;
  }
  private expectName(what: string): Tok {
    const t = this.next();
    if (t.kind !== 'id' || KEYWORDS.has(t.text)) {
      throw new SyntaxProblem(`expected ${what} but found "${t.text}"`, t.at);
    }
    return t;
  }
  atEnd(): boolean {
    return this.peek().kind === 'end';
  }
  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'end') throw new SyntaxProblem(`unexpected "${t.text}"`, t.at);
  }

  statements(until: 'end' | '}'): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      while (this.isOp(';')) this.next();
      if (until === 'end' ? this.atEnd() : this.isOp('}')) return out;
      if (this.atEnd()) throw new SyntaxProblem('missing "}"', this.peek().at);
      out.push(this.statement());
    }
  }

  private block(): Stmt[] {
    if (this.isOp('{')) {
      this.next();
      const body = this.statements('}');
      this.expectOp('}');
      return body;
    }
    return [this.statement()];
  }

  private range(): Range {
    const name = this.expectName('a loop variable');
    if (!this.isWord('in')) throw new SyntaxProblem('expected "in"', this.peek().at);
    this.next();
    const from = this.expr();
    this.expectOp('..');
    const to = this.expr();
    return { name: name.text, from, to, at: name.at };
  }

  private statement(): Stmt {
    const t = this.peek();
    if (this.isWord('let')) {
      this.next();
      const name = this.expectName('a name');
      this.expectOp('=');
      return { k: 'let', name: name.text, value: this.expr(), at: t.at };
    }
    if (this.isWord('if')) {
      this.next();
      this.expectOp('(');
      const test = this.expr();
      this.expectOp(')');
      const then = this.block();
      let otherwise: Stmt[] = [];
      if (this.isWord('else')) {
        this.next();
        otherwise = this.block();
      }
      return { k: 'if', test, then, else: otherwise, at: t.at };
    }
    if (this.isWord('for')) {
      this.next();
      const range = this.range();
      return { k: 'for', range, body: this.block(), at: t.at };
    }
    if (this.isOp('{')) {
      const body = this.block();
      return { k: 'if', test: { k: 'num', value: 1, at: t.at }, then: body, else: [], at: t.at };
    }
    const target = this.expr();
    const op = this.peek();
    if (op.kind === 'op' && ASSIGN_OPS.has(op.text)) {
      this.next();
      if (target.k !== 'name' && target.k !== 'index') {
        throw new SyntaxProblem('only a state field or a local can be assigned', target.at);
      }
      return { k: 'assign', op: op.text as AssignOp, target, value: this.expr(), at: target.at };
    }
    return { k: 'expr', expr: target, at: target.at };
  }

  expr(): Expr {
    const test = this.binary(1);
    if (!this.isOp('?')) return test;
    const q = this.next();
    const then = this.expr();
    this.expectOp(':');
    return { k: 'cond', test, then, else: this.expr(), at: q.at };
  }

  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t.kind === 'op' ? PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < minPrec) return left;
      this.next();
      const right = this.binary(prec + 1);
      left = { k: 'binary', op: t.text as BinaryOp, left, right, at: t.at };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '!' || t.text === '~' || t.text === '-')) {
      this.next();
      return { k: 'unary', op: t.text, arg: this.unary(), at: t.at };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'num') return { k: 'num', value: t.value, at: t.at };
    if (t.kind === 'op' && t.text === '(') {
      const e = this.expr();
      this.expectOp(')');
      return e;
    }
    if (t.kind !== 'id') throw new SyntaxProblem(`unexpected "${t.text}"`, t.at);
    if (t.text === 'true' || t.text === 'false') {
      return { k: 'num', value: t.text === 'true' ? 1 : 0, at: t.at };
    }
    if (KEYWORDS.has(t.text)) throw new SyntaxProblem(`unexpected "${t.text}"`, t.at);
    if ((t.text === 'any' || t.text === 'all') && this.isOp('(')) {
      this.next();
      const range = this.range();
      this.expectOp(':');
      const body = this.expr();
      this.expectOp(')');
      return { k: 'quant', q: t.text, range, body, at: t.at };
    }
    if (this.isOp('(')) {
      this.next();
      const args: Expr[] = [];
      if (!this.isOp(')')) {
        for (;;) {
          args.push(this.expr());
          if (!this.isOp(',')) break;
          this.next();
        }
      }
      this.expectOp(')');
      return { k: 'call', name: t.text, args, at: t.at };
    }
    if (this.isOp('[')) {
      this.next();
      const index = this.expr();
      this.expectOp(']');
      return { k: 'index', name: t.text, index, at: t.at };
    }
    return { k: 'name', name: t.text, at: t.at };
  }
}

// Trees are immutable, and one document compiles once per variant and parameter setting, so
// each text is parsed once. (A text that fails is not cached: its error is thrown every time.)
const exprCache = new Map<string, Expr>();
const stmtCache = new Map<string, Stmt[]>();

/** Parses one expression (a guard, a branch, an initial value). */
export function parseExpr(src: string): Expr {
  let e = exprCache.get(src);
  if (e === undefined) {
    const p = new Parser(tokenize(src));
    if (p.atEnd()) throw new SyntaxProblem('empty expression', 0);
    e = p.expr();
    p.expectEnd();
    exprCache.set(src, e);
  }
  return e;
}

/** Parses a sequence of statements (an effect or a helper body). */
export function parseStatements(src: string): readonly Stmt[] {
  let body = stmtCache.get(src);
  if (body === undefined) {
    const p = new Parser(tokenize(src));
    body = p.statements('end');
    p.expectEnd();
    stmtCache.set(src, body);
  }
  return body;
}
