/**
 * The lowered form of a scenario's expressions, after names are resolved, parameters and variant
 * features folded to constants, helpers inlined and `for` loops unrolled. Closures (closures.ts)
 * and the Promela export are both made from this form, so they cannot disagree on meaning.
 */
import type { BinaryOp, UnaryOp } from './expr/ast.ts';

/** Where one element of a state field lives. */
export interface FieldSlot {
  /** Display name: `refs`, or `refs.2` in a family of more than one. */
  readonly name: string;
  readonly field: string;
  /** 1-based element index, or 0 for a scalar. */
  readonly index: number;
  readonly slot: number;
}

export type Ir =
  | { readonly k: 'const'; readonly v: number }
  | { readonly k: 'slot'; readonly slot: number; readonly name: string }
  /** A field element chosen at run time: `slots[index - 1]`, with `index` checked. */
  | {
      readonly k: 'dslot';
      readonly field: string;
      readonly slots: readonly number[];
      readonly index: Ir;
    }
  | { readonly k: 'local'; readonly id: number; readonly name: string }
  | { readonly k: 'un'; readonly op: UnaryOp; readonly arg: Ir }
  | { readonly k: 'bin'; readonly op: BinaryOp; readonly l: Ir; readonly r: Ir }
  | { readonly k: 'cond'; readonly test: Ir; readonly then: Ir; readonly else: Ir }
  /** Whether `task` (0-based) holds lock instance `lock`, in `mode` or any mode. */
  | {
      readonly k: 'holds';
      readonly lock: number;
      readonly task: number;
      readonly mode: 'read' | 'write' | 'any';
    }
  /** Whether `task`'s program counter is one of `codes`. */
  | { readonly k: 'pcin'; readonly task: number; readonly codes: readonly number[] }
  /** A program point of the current task (a branch target), chosen at run time by `index`. */
  | { readonly k: 'dstep'; readonly codes: readonly number[]; readonly index: Ir }
  /** Every task has finished (or rests where it may stop). Outcome predicates only. */
  | { readonly k: 'finished' };

export type IrStmt =
  | { readonly k: 'set'; readonly slot: number; readonly name: string; readonly value: Ir }
  | {
      readonly k: 'dset';
      readonly field: string;
      readonly slots: readonly number[];
      readonly index: Ir;
      readonly value: Ir;
    }
  | { readonly k: 'setlocal'; readonly id: number; readonly value: Ir }
  | {
      readonly k: 'if';
      readonly test: Ir;
      readonly then: readonly IrStmt[];
      readonly else: readonly IrStmt[];
    };

export const isConst = (e: Ir): e is { k: 'const'; v: number } => e.k === 'const';
