/**
 * IR → JavaScript closures, made once per compiled scenario: the explorer's hot path calls these
 * and nothing else. No eval and no `new Function` (the page's CSP forbids both); instead a few
 * shapes that dominate real scenarios (`field == constant`, `field & constant`) get their own
 * closures so that a guard is one or two calls, not a tree walk.
 */
import { applyBinary, applyUnary } from './fold.ts';
import type { Ir, IrStmt } from './ir.ts';

/** A state: one integer per slot (plain array: V8 allocates and copies these far faster than typed arrays). */
export type State = number[];
/** Reads a value from the state; `env` holds the step's locals. */
export type Eval = (s: State, env: Int32Array) => number;
export type Exec = (s: State, env: Int32Array) => void;

/** How a compiled scenario answers the few questions IR cannot answer alone. */
export interface Runtime {
  /** Whether task `task` holds lock instance `lock` in `mode`. */
  holds(s: State, lock: number, task: number, mode: 'read' | 'write' | 'any'): boolean;
  /** Every task finished, or resting where it may stop. */
  finished(s: State): boolean;
  /** A run-time error inside the model (an index out of range). */
  fail(message: string): never;
}

export function compileExpr(e: Ir, rt: Runtime): Eval {
  switch (e.k) {
    case 'const': {
      const v = e.v;
      return () => v;
    }
    case 'slot': {
      const i = e.slot;
      return (s) => s[i];
    }
    case 'dslot': {
      const slots = Int32Array.from(e.slots);
      const index = compileExpr(e.index, rt);
      const n = slots.length;
      const field = e.field;
      return (s, env) => {
        const x = index(s, env);
        if (x < 1 || x > n) rt.fail(`${field}[${x}] is out of range 1..${n}`);
        return s[slots[x - 1]];
      };
    }
    case 'local': {
      const id = e.id;
      return (_s, env) => env[id];
    }
    case 'un': {
      const a = compileExpr(e.arg, rt);
      if (e.op === '!') return (s, env) => (a(s, env) === 0 ? 1 : 0);
      const op = e.op;
      return (s, env) => applyUnary(op, a(s, env));
    }
    case 'bin':
      return compileBinary(e, rt);
    case 'cond': {
      const t = compileExpr(e.test, rt);
      const a = compileExpr(e.then, rt);
      const b = compileExpr(e.else, rt);
      return (s, env) => (t(s, env) !== 0 ? a(s, env) : b(s, env));
    }
    case 'holds': {
      const { lock, task, mode } = e;
      return (s) => (rt.holds(s, lock, task, mode) ? 1 : 0);
    }
    case 'pcin': {
      const slot = e.task;
      if (e.codes.length === 1) {
        const code = e.codes[0];
        return (s) => (s[slot] === code ? 1 : 0);
      }
      const table = new Uint8Array(Math.max(...e.codes) + 1);
      for (const code of e.codes) table[code] = 1;
      return (s) => table[s[slot]] ?? 0;
    }
    case 'dstep': {
      const codes = Int32Array.from(e.codes);
      const index = compileExpr(e.index, rt);
      const n = codes.length;
      return (s, env) => {
        const x = index(s, env);
        if (x < 1 || x > n) rt.fail(`step index ${x} is out of range 1..${n}`);
        return codes[x - 1];
      };
    }
    case 'finished':
      return (s) => (rt.finished(s) ? 1 : 0);
  }
}

function compileBinary(e: Extract<Ir, { k: 'bin' }>, rt: Runtime): Eval {
  const { op, l, r } = e;
  // The common shapes: a field compared with or masked by a constant.
  if (l.k === 'slot' && r.k === 'const') {
    const i = l.slot;
    const v = r.v;
    switch (op) {
      case '==':
        return (s) => (s[i] === v ? 1 : 0);
      case '!=':
        return (s) => (s[i] !== v ? 1 : 0);
      case '&':
        return (s) => s[i] & v;
      case '+':
        return (s) => (s[i] + v) | 0;
      case '-':
        return (s) => (s[i] - v) | 0;
      case '>':
        return (s) => (s[i] > v ? 1 : 0);
      case '<':
        return (s) => (s[i] < v ? 1 : 0);
    }
  }
  const a = compileExpr(l, rt);
  const b = compileExpr(r, rt);
  switch (op) {
    case '&&':
      return (s, env) => (a(s, env) !== 0 && b(s, env) !== 0 ? 1 : 0);
    case '||':
      return (s, env) => (a(s, env) !== 0 || b(s, env) !== 0 ? 1 : 0);
    case '==':
      return (s, env) => (a(s, env) === b(s, env) ? 1 : 0);
    case '!=':
      return (s, env) => (a(s, env) !== b(s, env) ? 1 : 0);
    case '/':
    case '%':
      return (s, env) => {
        const y = b(s, env);
        if (y === 0) rt.fail('division by zero');
        return applyBinary(op, a(s, env), y);
      };
    default:
      return (s, env) => applyBinary(op, a(s, env), b(s, env));
  }
}

export function compileStmts(stmts: readonly IrStmt[], rt: Runtime): Exec {
  const parts = stmts.map((st) => compileStmt(st, rt));
  if (parts.length === 0) return () => {};
  if (parts.length === 1) return parts[0];
  return (s, env) => {
    for (let i = 0; i < parts.length; i++) parts[i](s, env);
  };
}

function compileStmt(st: IrStmt, rt: Runtime): Exec {
  switch (st.k) {
    case 'set': {
      const i = st.slot;
      if (st.value.k === 'const') {
        const v = st.value.v;
        return (s) => {
          s[i] = v;
        };
      }
      const v = compileExpr(st.value, rt);
      return (s, env) => {
        s[i] = v(s, env);
      };
    }
    case 'dset': {
      const slots = Int32Array.from(st.slots);
      const index = compileExpr(st.index, rt);
      const v = compileExpr(st.value, rt);
      const n = slots.length;
      const field = st.field;
      return (s, env) => {
        const x = index(s, env);
        if (x < 1 || x > n) rt.fail(`${field}[${x}] is out of range 1..${n}`);
        s[slots[x - 1]] = v(s, env);
      };
    }
    case 'setlocal': {
      const id = st.id;
      const v = compileExpr(st.value, rt);
      return (s, env) => {
        env[id] = v(s, env);
      };
    }
    case 'if': {
      const t = compileExpr(st.test, rt);
      const a = compileStmts(st.then, rt);
      const b = compileStmts(st.else, rt);
      return (s, env) => {
        if (t(s, env) !== 0) a(s, env);
        else b(s, env);
      };
    }
  }
}
