/**
 * C semantics of the operators on 32-bit integers (booleans are 0 and 1), shared by constant
 * folding and by the closures, so that a folded and an evaluated expression always agree.
 */
import type { BinaryOp, UnaryOp } from './expr/ast.ts';

export function applyUnary(op: UnaryOp, a: number): number {
  switch (op) {
    case '!':
      return a === 0 ? 1 : 0;
    case '~':
      return ~a;
    case '-':
      return -a | 0;
  }
}

/** `&&` and `||` are here for folding only; closures short-circuit them. */
export function applyBinary(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '*':
      return Math.imul(a, b);
    case '/':
      if (b === 0) throw new RangeError('division by zero');
      return (a / b) | 0;
    case '%':
      if (b === 0) throw new RangeError('division by zero');
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
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '&':
      return a & b;
    case '^':
      return a ^ b;
    case '|':
      return a | b;
    case '&&':
      return a !== 0 && b !== 0 ? 1 : 0;
    case '||':
      return a !== 0 || b !== 0 ? 1 : 0;
  }
}
