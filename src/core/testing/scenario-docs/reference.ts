/**
 * A reference interpreter of the generated model, written apart from the compiler and the
 * explorer so that the property test can compare them: it runs a model instance step by step
 * (Reference) and explores it (referenceExplore), counting states, schedules and outcomes.
 * Test support only.
 */
import {
  MODE_WORDS,
  range,
  type FieldGen,
  type ModelGen,
  type Setting,
  type StepGen,
  type TaskGen,
} from './model.ts';
import type { BinOp, Expr, Stmt } from './expr.ts';

/** A run-time error of the model (a lock released that is not held, a field out of its domain). */
class RefModelError extends Error {}

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

/** A lock's slots in the state: its owner (task + 1, or 0), and for an rwsem a reader mask. */
interface LockSlots {
  readonly owner: number;
  /** -1 when the lock is not an rwsem. */
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

/** A binary operator on 32-bit integers, with `/` and `%` by zero a model error. */
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
function constantsOf(m: ModelGen, s: Setting): Map<string, number> {
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

/**
 * One instance (a setting) of a generated model, run directly from the model. A state is an array
 * of numbers: first each task instance's program counter (the index of its next step among the
 * steps present; steps.length when done), then each field element, then each lock's slots.
 */
export class Reference {
  private readonly consts: Map<string, number>;
  readonly insts: RefInst[] = [];
  private readonly fieldSlots = new Map<string, number[]>();
  private readonly locks = new Map<string, LockSlots[]>();
  /** Per slot: its domain check and the value it is reset to when dead. */
  private readonly slotInfo: { field: FieldGen; dead: number; elem: number }[] = [];
  readonly initial: number[] = [];
  private readonly n: number;
  private readonly byRef = new Map<string, RefInst[]>();

  /** `constOnly`: no tasks, fields or locks, for evaluating what is known before the run. */
  constructor(
    readonly m: ModelGen,
    setting: Setting,
    constOnly = false,
  ) {
    this.consts = constantsOf(m, setting);
    this.n = setting.n;
    if (constOnly) return;
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
        inst.push({ owner, readers });
      }
      this.locks.set(l.name, inst);
    }
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

  private current(s: readonly number[], t: number): RefStep | undefined {
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
}

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
