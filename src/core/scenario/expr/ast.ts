/**
 * The syntax tree of the scenario expression language: C-like guards, effects and branches.
 * Every node keeps `at`, its offset in the source text, so an error can name line and column.
 */

export type BinaryOp =
  | '*'
  | '/'
  | '%'
  | '+'
  | '-'
  | '<<'
  | '>>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '=='
  | '!='
  | '&'
  | '^'
  | '|'
  | '&&'
  | '||';

export type UnaryOp = '!' | '~' | '-';

export type AssignOp = '=' | '+=' | '-=' | '|=' | '&=' | '^=';

/** `j in a..b`: a loop or quantifier variable over an inclusive integer range. */
export interface Range {
  readonly name: string;
  readonly from: Expr;
  readonly to: Expr;
  readonly at: number;
}

export type Expr =
  | { readonly k: 'num'; readonly value: number; readonly at: number }
  | { readonly k: 'name'; readonly name: string; readonly at: number }
  | { readonly k: 'index'; readonly name: string; readonly index: Expr; readonly at: number }
  | { readonly k: 'unary'; readonly op: UnaryOp; readonly arg: Expr; readonly at: number }
  | {
      readonly k: 'binary';
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly at: number;
    }
  | {
      readonly k: 'cond';
      readonly test: Expr;
      readonly then: Expr;
      readonly else: Expr;
      readonly at: number;
    }
  | {
      readonly k: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly at: number;
    }
  | {
      readonly k: 'quant';
      readonly q: 'any' | 'all';
      readonly range: Range;
      readonly body: Expr;
      readonly at: number;
    };

export type Stmt =
  | {
      readonly k: 'assign';
      readonly op: AssignOp;
      readonly target: Expr;
      readonly value: Expr;
      readonly at: number;
    }
  | {
      readonly k: 'if';
      readonly test: Expr;
      readonly then: readonly Stmt[];
      readonly else: readonly Stmt[];
      readonly at: number;
    }
  | { readonly k: 'let'; readonly name: string; readonly value: Expr; readonly at: number }
  | {
      readonly k: 'for';
      readonly range: Range;
      readonly body: readonly Stmt[];
      readonly at: number;
    }
  | { readonly k: 'expr'; readonly expr: Expr; readonly at: number };

/** A problem in a piece of source text, at a character offset. */
export class SyntaxProblem extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}
