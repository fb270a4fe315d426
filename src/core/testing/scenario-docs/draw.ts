/**
 * The random generator of models: choices that shrink well (Rand), what may be drawn
 * (GenOptions), and drawModel, which draws a whole race (tasks and families, steps with `when`,
 * guards, effects and forward branches, locks, fields, helpers, outcomes). Test support only.
 */
import fc from 'fast-check';
import { bin, copy, name, not, num, type AssignOp, type Expr, type Stmt } from './expr.ts';
import {
  allSettings,
  MODE_WORDS,
  range,
  type FieldGen,
  type HelperGen,
  type ModelGen,
  type Size,
  type StepGen,
  type TaskGen,
} from './model.ts';
import { evalConst } from './reference.ts';

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

/**
 * What the generator may draw. Kinds of model that hit a compiler bug are held back until it is
 * fixed; switching one off again isolates a regression of that bug (its regression test in
 * documents.test.ts has the same name).
 */
export interface GenOptions {
  /** Allow `when` conditions on the family index (`i == 2`): BUG at-family-member, fixed. */
  readonly familyWhen: boolean;
  /** Allow at() to list only steps a variant may lack: BUG at-absent-steps, fixed. */
  readonly atAbsentSteps: boolean;
  /** Chance of a deliberately sloppy model (one release of a lock that may not be held). */
  readonly sloppy: number;
  /** Task 1's first step has no `when`, so the loader always compiles one step. */
  readonly firstPlain?: boolean;
  /** Allow a task to take an rwsem for reading that it already reads: BUG rwsem-read-twice, fixed. */
  readonly readTwice?: boolean;
}

export const DEFAULT_OPTIONS: GenOptions = {
  familyWhen: true,
  atAbsentSteps: true,
  sloppy: 0.06,
  readTwice: true,
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

/** What an expression being drawn may name. */
interface Scope {
  /** Index variables (a family's, a field's `for`, a loop's), each good for arrays of `size`. */
  readonly idx: readonly { readonly name: string; readonly size: Size }[];
  /** Local `let` variables. */
  readonly ints: readonly string[];
  /** Fields may be read (not in `init` or `when`, which are known before the run). */
  readonly state: boolean;
  /** How the running task names each lock (holds() allowed), if any. */
  readonly locks?: ReadonlyMap<string, Expr>;
  readonly at: boolean;
  /** `finished` may be read (in an outcome's `final`). */
  readonly finals: boolean;
  readonly helpers: readonly HelperGen[];
  /** Set when the expression calls holds(), directly or through a helper. */
  readonly usedTask?: { v: boolean };
  readonly loopVars: number;
}

/** The values an enum field takes. */
const WORD_SETS = [
  ['idle', 'busy', 'gone'],
  ['red', 'green', 'blue'],
] as const;

/** Prose for labels and explanations; the extras need quoting in YAML. */
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
  private readonly m: ModelGen;
  private plans: TaskPlan[] = [];
  private fieldCount = 0;
  /** The task that gets one sloppy release, or -1. */
  private sloppyAt = -1;

  constructor(
    private readonly r: Rand,
    private readonly opts: GenOptions,
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

  private int(sc: Scope, d: number): Expr {
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
  private bool(sc: Scope, d: number): Expr {
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
    // Unless allowed (BUG at-absent-steps), a list a variant may lack entirely gets a step that
    // every variant has.
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
          // Unless allowed (BUG rwsem-read-twice), reading a held rwsem again becomes a write;
          // either way the task blocks for good.
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

/**
 * A random model: every assignment keeps its field in its domain and every branch goes forward;
 * with chance `opts.sloppy`, one step releases a lock its task may not hold (`m.sloppy`).
 */
export function drawModel(r: Rand, opts: GenOptions = DEFAULT_OPTIONS): ModelGen {
  return new ModelDrawer(r, opts).draw();
}
