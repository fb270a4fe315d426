/**
 * The generated model of a race: its tasks, steps, locks, fields, helpers and outcomes, and the
 * settings (a variant and a value for each parameter) that make one instance of it. The
 * generator draws it (draw.ts), the document writes it (document.ts) and the reference
 * interpreter runs it (reference.ts). Test support only.
 */
import type { Expr, Stmt } from './expr.ts';

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

/**
 * A generated race. Its parameters are `n` (an int, 1..nMax), and optionally `p_on` (a bool) and
 * `mode` (one of MODE_WORDS); `pOn` and `mode` hold their defaults when they exist.
 */
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

/** The values of the optional enum parameter `mode`. */
export const MODE_WORDS = ['slow', 'fast'] as const;

/** One instance: a variant and a value for every parameter. */
export interface Setting {
  readonly variant: string;
  readonly n: number;
  readonly pOn: boolean;
  readonly mode: number;
}

/** The parameter values that select setting `s`, as compileScenario takes them. */
export function paramInput(m: ModelGen, s: Setting): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { variant: s.variant, n: s.n };
  if (m.pOn !== undefined) out.p_on = s.pOn;
  if (m.mode !== undefined) out.mode = MODE_WORDS[s.mode];
  return out;
}

/** The setting at every parameter's default, in the default variant unless one is named. */
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

/**
 * The settings the loader compiles (load.ts, compileProblems): every variant at the defaults,
 * and with each parameter on its own away from its default.
 */
export function loaderSettings(m: ModelGen): Setting[] {
  const out: Setting[] = [];
  for (const v of m.variants) {
    const d = defaultSetting(m, v.id);
    out.push(d);
    if (m.nMax !== m.nDefault) out.push({ ...d, n: m.nMax });
    if (m.pOn !== undefined) out.push({ ...d, pOn: !d.pOn });
    if (m.mode !== undefined) out.push({ ...d, mode: 1 - d.mode });
  }
  return out;
}

/** The integers a..b, both included, as `for: i in a..b` counts. */
export const range = (a: number, b: number): number[] => {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
};
