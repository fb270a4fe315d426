/**
 * The Promela export: one compiled instance (scenario, variant, parameters) as a Spin model, for
 * instances too large for the browser. It is made from the same lowered model (`Lowered`, the IR
 * of ir.ts) that the explorer's closures are made from, so the two cannot disagree on meaning.
 *
 * Shape: every state slot is a global, in slot order (program counters, fields, locks), typed
 * byte/short/int by its declared domain. One process runs a `do` loop with one `d_step` per step
 * (guard and acquire → acquire, effects, releases, next, dead-value resets). A d_step stores no
 * intermediate state and the loop returns to its head, so Spin's state vector is the canonical
 * state plus a constant process header: `states, stored` equals `explore()`'s `reachableStates`.
 * Step locals are `hidden` (outside the state vector) and always written before they are read
 * inside one d_step, and zeroed at its end, so they carry nothing from one step to the next.
 *
 * Outcome checks are assertions behind preprocessor switches (`-DCHECK_<OUTCOME>`), described in
 * the generated file's header. Pure: no Node APIs.
 */
import type { CompiledScenario, FieldSlotInfo, LoweredStep } from '../scenario/compile.ts';
import type { Ir, IrStmt } from '../scenario/ir.ts';
import type { BinaryOp } from '../scenario/expr/ast.ts';

export interface PromelaOptions {
  /** Turn every bad outcome's check on in the file itself, as `-DCHECK_BAD` would. */
  readonly assertBad?: boolean;
}

/** An outcome check of the exported model: its preprocessor switch and where it is asserted. */
export interface PromelaCheck {
  readonly outcome: string;
  readonly bad: boolean;
  readonly kind: 'flag' | 'final' | 'deadlock';
  /** `CHECK_<OUTCOME>`: pass `-D<switch>` to `spin -a` to turn the assertion on. */
  readonly switch: string;
}

/** The preprocessor switch of an outcome's check. */
export const promelaSwitch = (outcome: string): string =>
  'CHECK_' + outcome.replace(/[^A-Za-z0-9_]/g, '_');

/** The checks `exportPromela` writes for a scenario: every outcome except `clean`. */
export function promelaChecks(scenario: CompiledScenario): PromelaCheck[] {
  return scenario.lowered.outcomes
    .filter((o) => o.kind !== 'clean')
    .map((o) => ({
      outcome: o.name,
      bad: o.bad,
      kind: o.kind as PromelaCheck['kind'],
      switch: promelaSwitch(o.name),
    }));
}

// Names a generated identifier must not take: Promela's keywords, C's (globals become members
// of pan's `State` struct, hidden ones C globals) and pan's lower-case object-like macros.
const RESERVED = new Set(
  (
    'active assert atomic bit bool break byte chan d_step D_proctype do else empty enabled eval ' +
    'false fi full get_priority goto hidden if in init inline int len local ltl mtype nempty ' +
    'never nfull notrace np_ od of pc_value pid print printf printm priority proctype provided ' +
    'run select set_priority short show skip timeout trace true typedef unless unsigned xr xs ' +
    'c_code c_decl c_expr c_state c_track for always eventually until weakuntil stronguntil ' +
    'implies equivalent release next U V W X ' +
    'auto case char const continue default double enum extern float long register restrict ' +
    'return signed sizeof static struct switch union void volatile while main ' +
    'now State Trans Index uchar ushort uint ulong rand wasnew depth errors nstates'
  ).split(' '),
);

class Names {
  private readonly used = new Set(RESERVED);
  /** A fresh identifier close to `base`. */
  take(base: string): string {
    let b = base.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(b)) b = 'v' + b;
    let name = b;
    for (let i = 2; this.used.has(name); i++) name = `${b}_${i}`;
    this.used.add(name);
    return name;
  }
}

type PType = 'byte' | 'short' | 'int';
type Range = readonly [number, number];
const INT_RANGE: Range = [-2147483648, 2147483647];
const TYPE_RANGE: Record<PType, Range> = {
  byte: [0, 255],
  short: [-32768, 32767],
  int: INT_RANGE,
};
const typeFor = (lo: number, hi: number): PType =>
  lo >= 0 && hi <= 255 ? 'byte' : lo >= -32768 && hi <= 32767 ? 'short' : 'int';
const within = (r: Range, outer: Range) => r[0] >= outer[0] && r[1] <= outer[1];
const union = (a: Range, b: Range): Range => [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
const clampInt = (lo: number, hi: number): Range =>
  lo < INT_RANGE[0] || hi > INT_RANGE[1] ? INT_RANGE : [lo, hi];

interface SlotVar {
  /** The Promela lvalue: `name` or `name[j]`. */
  readonly ref: string;
  readonly type: PType;
  /** The declared domain (a flags field: 0 up to the union of its bit groups). */
  readonly domain: Range;
  readonly bits?: readonly number[];
  readonly field?: FieldSlotInfo;
}

/** An array field: its variable name, element type and slots (element j is index j + 1). */
interface FieldVar {
  readonly name: string;
  readonly type: PType;
  readonly slots: readonly number[];
  readonly array: boolean;
  readonly info: FieldSlotInfo;
  readonly domain: Range;
  readonly bits?: readonly number[];
}

const PREC: Record<BinaryOp, number> = {
  '*': 13,
  '/': 13,
  '%': 13,
  '+': 12,
  '-': 12,
  '<<': 11,
  '>>': 11,
  '<': 10,
  '<=': 10,
  '>': 10,
  '>=': 10,
  '==': 9,
  '!=': 9,
  '&': 8,
  '^': 7,
  '|': 6,
  '&&': 5,
  '||': 4,
};
const ATOM = 100;
const BITWISE = new Set<string>(['&', '^', '|', '<<', '>>']);
const COMPARE = new Set<string>(['<', '<=', '>', '>=', '==', '!=']);
const ASSOCIATIVE = new Set<string>(['&&', '||', '+', '*', '&', '|', '^']);

interface Printed {
  readonly text: string;
  readonly prec: number;
  readonly op?: string;
}

/** Text of a comment: no comment terminator inside, one line. */
const commentText = (s: string) => s.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();

/**
 * A Promela model of exactly `scenario`'s instance. See the generated header for how to run it
 * and for the outcome switches.
 */
export function exportPromela(scenario: CompiledScenario, options: PromelaOptions = {}): string {
  const low = scenario.lowered;
  const { tasks, fields, locks, domains, initial, outcomes } = low;
  const names = new Names();

  // Fixed helpers first, so nothing of the scenario's can take their names.
  const SET: Record<'byte' | 'short', string> = {
    byte: names.take('set_byte'),
    short: names.take('set_short'),
  };
  const setValue = names.take('set_value');
  const finishedName = names.take('finished');
  const terminalName = names.take('terminal');
  const resetName = names.take('reset_dead_fields');
  const checksOn = names.take('CHECKS_ON');
  const checkBad = names.take('CHECK_BAD');
  const visibleScratch = names.take('VISIBLE_SCRATCH');
  const checks = promelaChecks(scenario).map((c) => ({
    ...c,
    info: outcomes.find((o) => o.name === c.outcome)!,
    switchName: names.take(c.switch),
    macro: '',
  }));
  for (const c of checks) {
    if (c.switchName !== c.switch) {
      throw new Error(`outcome ${c.outcome}: switch ${c.switch} is taken; rename the outcome`);
    }
    c.macro = names.take('check_' + c.outcome);
  }

  // Program counters, then fields, then locks: the slot order.
  const slotVars: (SlotVar | undefined)[] = new Array(domains.length);
  const pcNames = tasks.map((t, i) => {
    const name = names.take('pc_' + t.key);
    slotVars[i] = { ref: name, type: typeFor(0, t.steps.length), domain: [0, t.steps.length] };
    return name;
  });

  const fieldVars: FieldVar[] = [];
  const byField = new Map<string, FieldSlotInfo[]>();
  for (const f of fields) {
    const list = byField.get(f.field) ?? [];
    list.push(f);
    byField.set(f.field, list);
  }
  for (const [field, list] of byField) {
    const d = domains[list[0].slot];
    const bits = d.bits;
    const domain: Range = bits ? [0, bits.reduce((a, b) => a | b, 0)] : [d.min, d.max];
    const type = typeFor(Math.min(domain[0], ...list.map((f) => initial[f.slot])), domain[1]);
    const array = list[0].doc.for !== undefined;
    const name = names.take(field);
    const fv: FieldVar = {
      name,
      type,
      slots: list.map((f) => f.slot),
      array,
      info: list[0],
      domain,
      bits,
    };
    fieldVars.push(fv);
    list.forEach((f, j) => {
      slotVars[f.slot] = { ref: array ? `${name}[${j}]` : name, type, domain, bits, field: f };
    });
  }
  const fieldOfSlot = new Map<number, FieldVar>();
  for (const fv of fieldVars) for (const s of fv.slots) fieldOfSlot.set(s, fv);

  const lockVars = locks.map((l) => {
    const owner = names.take(l.name);
    slotVars[l.slot] = { ref: owner, type: typeFor(0, tasks.length), domain: [0, tasks.length] };
    let readers: string | undefined;
    if (l.readerSlot !== undefined) {
      readers = names.take(`${l.name}_readers`);
      const max = domains[l.readerSlot].max;
      slotVars[l.readerSlot] = { ref: readers, type: typeFor(0, max), domain: [0, max] };
    }
    return { owner, readers };
  });
  slotVars.forEach((v, i) => {
    if (!v) throw new Error(`slot ${i} (${domains[i].name}) has no Promela variable`);
  });
  const slot = (i: number) => slotVars[i]!;

  // Program points: a macro per step (its code in its task) and per task's `done`.
  const codeNames = tasks.map((t) => {
    const list = t.steps.map((s) => names.take(s.def.id));
    list.push(names.take('done_' + t.key));
    return list;
  });
  const codeName = (task: number, code: number) => {
    const n = codeNames[task][code];
    if (n === undefined) throw new Error(`task ${tasks[task].key} has no program point ${code}`);
    return n;
  };

  // Locals: one hidden int per (id, name) a step uses.
  const localNames = new Map<string, string>();
  const localName = (id: number, name: string) => {
    const key = `${id}:${name}`;
    let n = localNames.get(key);
    if (!n) {
      n = names.take('let_' + name);
      localNames.set(key, n);
    }
    return n;
  };

  // ---- expressions ----

  const enumWord = (s: SlotVar | undefined, v: number) =>
    s?.field?.words?.[v] !== undefined ? ` /* ${s.field.words[v]} */` : '';

  const arrayOf = (fieldName: string, slots: readonly number[]): FieldVar => {
    const fv = fieldOfSlot.get(slots[0]);
    if (
      !fv ||
      !fv.array ||
      fv.slots.length !== slots.length ||
      fv.slots.some((s, j) => s !== slots[j])
    ) {
      throw new Error(`field ${fieldName}: an indexed access that is not one whole field`);
    }
    return fv;
  };

  // Spin hides a global that nothing reads (it cannot matter to its own checks), which would
  // merge states Interleave tells apart: such a field gets a domain assertion that reads it.
  const readFields = new Set<FieldVar>();
  let noting = true;
  const noteRead = (s: number) => {
    const fv = fieldOfSlot.get(s);
    if (fv && noting) readFields.add(fv);
  };

  const wrap = (p: Printed) => (p.prec >= ATOM ? p.text : `(${p.text})`);

  /** An operand of `op`, parenthesized unless C precedence makes that plainly unnecessary. */
  const operand = (child: Printed, op: BinaryOp, side: 'l' | 'r'): string => {
    if (child.prec >= ATOM) return child.text;
    const p = PREC[op];
    const mix =
      child.op !== undefined &&
      child.op !== op &&
      (BITWISE.has(op) || BITWISE.has(child.op) || (COMPARE.has(op) && COMPARE.has(child.op)));
    if (!mix && child.prec > p) return child.text;
    if (!mix && child.prec === p && (side === 'l' || (child.op === op && ASSOCIATIVE.has(op)))) {
      return child.text;
    }
    return `(${child.text})`;
  };

  const indexText = (index: Ir): string => {
    if (index.k === 'const') return String(index.v - 1);
    return `${operand(expr(index), '-', 'l')} - 1`;
  };

  const holdsText = (lock: number, task: number, mode: 'read' | 'write' | 'any'): Printed => {
    const l = locks[lock];
    const v = lockVars[lock];
    const own: Printed = { text: `${v.owner} == ${task + 1}`, prec: PREC['=='], op: '==' };
    if (mode === 'write' || l.readerSlot === undefined) return own;
    const read: Printed = {
      text: `(${v.readers} & ${1 << task}) != 0`,
      prec: PREC['!='],
      op: '!=',
    };
    if (mode === 'read') return read;
    return { text: `${own.text} || ${read.text}`, prec: PREC['||'], op: '||' };
  };

  const pcinText = (task: number, codes: readonly number[]): Printed => {
    const parts = codes.map((c) => `${pcNames[task]} == ${codeName(task, c)}`);
    if (parts.length === 0) return { text: '0', prec: ATOM };
    if (parts.length === 1) return { text: parts[0], prec: PREC['=='], op: '==' };
    return { text: parts.join(' || '), prec: PREC['||'], op: '||' };
  };

  const enumSide = (e: Ir): SlotVar | undefined =>
    e.k === 'slot' ? slot(e.slot) : e.k === 'dslot' ? slot(e.slots[0]) : undefined;

  function expr(e: Ir): Printed {
    switch (e.k) {
      case 'const':
        return { text: e.v < 0 ? `(${e.v})` : String(e.v), prec: ATOM };
      case 'slot':
        noteRead(e.slot);
        return { text: slot(e.slot).ref, prec: ATOM };
      case 'dslot': {
        const fv = arrayOf(e.field, e.slots);
        noteRead(e.slots[0]);
        return { text: `${fv.name}[${indexText(e.index)}]`, prec: ATOM };
      }
      case 'local':
        return { text: localName(e.id, e.name), prec: ATOM };
      case 'un': {
        const a = expr(e.arg);
        return { text: `${e.op}${wrap(a)}`, prec: ATOM - 1 };
      }
      case 'bin': {
        const l = expr(e.l);
        const r = expr(e.r);
        let rt = operand(r, e.op, 'r');
        let lt = operand(l, e.op, 'l');
        if ((e.op === '==' || e.op === '!=') && e.r.k === 'const')
          rt += enumWord(enumSide(e.l), e.r.v);
        if ((e.op === '==' || e.op === '!=') && e.l.k === 'const')
          lt += enumWord(enumSide(e.r), e.l.v);
        return { text: `${lt} ${e.op} ${rt}`, prec: PREC[e.op], op: e.op };
      }
      case 'cond':
        return {
          text: `(${expr(e.test).text} -> ${expr(e.then).text} : ${expr(e.else).text})`,
          prec: ATOM,
        };
      case 'holds':
        return holdsText(e.lock, e.task, e.mode);
      case 'pcin':
        return pcinText(e.task, e.codes);
      case 'finished':
        return { text: finishedName, prec: ATOM };
      case 'dstep':
        throw new Error('a branch target outside a step\u2019s next');
    }
  }
  const exprText = (e: Ir) => expr(e).text;

  // Value ranges, to leave out store and domain checks that cannot fail.
  function rangeOf(e: Ir, readRange: (s: number) => Range): Range {
    switch (e.k) {
      case 'const':
        return [e.v, e.v];
      case 'slot':
        return readRange(e.slot);
      case 'dslot':
        return e.slots.map(readRange).reduce(union);
      case 'local':
        return INT_RANGE;
      case 'un': {
        if (e.op === '!') return [0, 1];
        const [a, b] = rangeOf(e.arg, readRange);
        return e.op === '-' ? clampInt(-b, -a) : clampInt(-b - 1, -a - 1);
      }
      case 'bin': {
        if (COMPARE.has(e.op) || e.op === '&&' || e.op === '||') return [0, 1];
        const [a, b] = rangeOf(e.l, readRange);
        const [c, d] = rangeOf(e.r, readRange);
        switch (e.op) {
          case '+':
            return clampInt(a + c, b + d);
          case '-':
            return clampInt(a - d, b - c);
          case '*': {
            const p = [a * c, a * d, b * c, b * d];
            return clampInt(Math.min(...p), Math.max(...p));
          }
          case '&':
            if (a >= 0 && c >= 0) return [0, Math.min(b, d)];
            if (a >= 0) return [0, b];
            if (c >= 0) return [0, d];
            return INT_RANGE;
          case '|':
          case '^':
            if (a >= 0 && c >= 0) {
              let m = 1;
              while (m <= Math.max(b, d)) m *= 2;
              return [0, m - 1];
            }
            return INT_RANGE;
          default:
            return INT_RANGE;
        }
      }
      case 'cond':
        return union(rangeOf(e.then, readRange), rangeOf(e.else, readRange));
      case 'holds':
      case 'pcin':
      case 'finished':
        return [0, 1];
      case 'dstep':
        return [Math.min(...e.codes), Math.max(...e.codes)];
    }
  }

  /** Whether constant `v` is a value of a flags field (a union of whole bit groups). */
  const isFlagsValue = (bits: readonly number[], v: number) =>
    bits.reduce((acc, g) => ((v & g) === g ? acc | g : acc), 0) === v;

  // ---- statements ----

  interface StepCtx {
    /** Slots this step may write: reads of them are bounded by their type, not their domain. */
    readonly written: ReadonlySet<number>;
    /** Fields whose final values need a domain check. */
    readonly check: Set<FieldVar>;
    readonly locals: Set<string>;
  }

  const readRangeIn = (ctx: StepCtx) => (s: number) =>
    ctx.written.has(s) ? TYPE_RANGE[slot(s).type] : slot(s).domain;

  /** Stores `value` into a variable of `type`, checking it fits when it may not. */
  const store = (ctx: StepCtx, lhs: string, type: PType, value: Ir, fv: FieldVar | undefined) => {
    const r = rangeOf(value, readRangeIn(ctx));
    if (fv) {
      const fits = fv.bits
        ? value.k === 'const' && isFlagsValue(fv.bits, value.v)
        : within(r, fv.domain);
      if (!fits) ctx.check.add(fv);
    }
    const text =
      exprText(value) + (value.k === 'const' ? enumWord(fv && slot(fv.slots[0]), value.v) : '');
    if (type === 'int' || within(r, TYPE_RANGE[type])) return `${lhs} = ${text};`;
    return `${SET[type]}(${lhs}, ${text});`;
  };

  function stmts(list: readonly IrStmt[], ctx: StepCtx, ind: string): string[] {
    const out: string[] = [];
    for (const st of list) {
      switch (st.k) {
        case 'set': {
          const s = slot(st.slot);
          out.push(ind + store(ctx, s.ref, s.type, st.value, fieldOfSlot.get(st.slot)));
          break;
        }
        case 'dset': {
          const fv = arrayOf(st.field, st.slots);
          const lhs = `${fv.name}[${indexText(st.index)}]`;
          out.push(ind + store(ctx, lhs, fv.type, st.value, fv));
          break;
        }
        case 'setlocal': {
          const n = exprLocal(st);
          ctx.locals.add(n);
          out.push(`${ind}${n} = ${exprText(st.value)};`);
          break;
        }
        case 'if': {
          const a = stmts(st.then, ctx, ind + '   ');
          const b = stmts(st.else, ctx, ind + '   ');
          out.push(`${ind}if`);
          out.push(`${ind}:: ${exprText(st.test)} ->`);
          out.push(...(a.length ? a : [ind + '   skip;']));
          out.push(`${ind}:: else ->`);
          out.push(...(b.length ? b : [ind + '   skip;']));
          out.push(`${ind}fi;`);
          break;
        }
      }
    }
    return out;
  }
  // A `setlocal` names its local by id only: the step's reads of it give the `let` name.
  const letNames = new Map<number, string>();
  const exprLocal = (st: Extract<IrStmt, { k: 'setlocal' }>) =>
    localName(st.id, letNames.get(st.id) ?? `l${st.id}`);

  /** Records the name each local id goes by in `list` (from its reads). */
  function collectLocals(e: Ir | readonly IrStmt[] | undefined, into: Map<number, string>): void {
    if (e === undefined) return;
    if (Array.isArray(e)) {
      for (const st of e as readonly IrStmt[]) {
        if (st.k === 'set' || st.k === 'setlocal') collectLocals(st.value, into);
        else if (st.k === 'dset') {
          collectLocals(st.index, into);
          collectLocals(st.value, into);
        } else {
          collectLocals(st.test, into);
          collectLocals(st.then, into);
          collectLocals(st.else, into);
        }
      }
      return;
    }
    const x = e as Ir;
    switch (x.k) {
      case 'local':
        if (!into.has(x.id)) into.set(x.id, x.name);
        return;
      case 'dslot':
        return collectLocals(x.index, into);
      case 'un':
        return collectLocals(x.arg, into);
      case 'bin':
        collectLocals(x.l, into);
        return collectLocals(x.r, into);
      case 'cond':
        collectLocals(x.test, into);
        collectLocals(x.then, into);
        return collectLocals(x.else, into);
      case 'dstep':
        return collectLocals(x.index, into);
      default:
        return;
    }
  }

  /** Slots a statement list may write. */
  function writes(list: readonly IrStmt[], into: Set<number>): Set<number> {
    for (const st of list) {
      if (st.k === 'set') into.add(st.slot);
      else if (st.k === 'dset') st.slots.forEach((s) => into.add(s));
      else if (st.k === 'if') {
        writes(st.then, into);
        writes(st.else, into);
      }
    }
    return into;
  }

  /** pc := next, as statements (a branch target chosen at run time is checked). */
  function nextStmts(e: Ir, task: number, ind: string): string[] {
    const pc = pcNames[task];
    switch (e.k) {
      case 'const':
        return [`${ind}${pc} = ${codeName(task, e.v)};`];
      case 'cond':
        return [
          `${ind}if`,
          `${ind}:: ${exprText(e.test)} ->`,
          ...nextStmts(e.then, task, ind + '   '),
          `${ind}:: else ->`,
          ...nextStmts(e.else, task, ind + '   '),
          `${ind}fi;`,
        ];
      case 'dstep': {
        const i = wrap(expr(e.index));
        return [
          `${ind}if`,
          ...e.codes.map((c, j) => `${ind}:: ${i} == ${j + 1} -> ${pc} = ${codeName(task, c)};`),
          `${ind}:: else -> assert(1 <= ${i} && ${i} <= ${e.codes.length}); /* no such step */`,
          `${ind}fi;`,
        ];
      }
      default:
        throw new Error(`task ${tasks[task].key}: next is not a step (${e.k})`);
    }
  }

  // ---- outcome checks ----

  const flagTest = (slots: readonly number[]) =>
    slots.map((s) => `${slot(s).ref} != 0`).join(' || ') || '0';

  // A flag is sticky when nothing ever clears it: every write sets a nonzero constant and it has
  // no dead-value reset. Then "set in some reachable state" is "set at some terminal state"
  // (the graph is finite and acyclic), so it may be asserted right where it is set.
  const allStmts = tasks.flatMap((t) => t.steps.flatMap((s) => s.effect));
  const stickySlots = (slots: readonly number[]) => {
    const set = new Set(slots);
    if (fields.some((f) => set.has(f.slot) && f.live !== undefined)) return false;
    const ok = (list: readonly IrStmt[]): boolean =>
      list.every((st) => {
        if (st.k === 'set')
          return !set.has(st.slot) || (st.value.k === 'const' && st.value.v !== 0);
        if (st.k === 'dset') {
          return !st.slots.some((s) => set.has(s)) || (st.value.k === 'const' && st.value.v !== 0);
        }
        if (st.k === 'if') return ok(st.then) && ok(st.else);
        return true;
      });
    return ok(allStmts);
  };
  noting = false; // the checks are compiled in only with their switches
  const checkDefs = checks.map((c) => {
    const o = c.info;
    if (o.kind === 'flag') {
      const slots = o.flagSlots ?? [];
      return { ...c, assertion: `!(${flagTest(slots)})`, slots, sticky: stickySlots(slots) };
    }
    if (o.kind === 'final') {
      return { ...c, assertion: `!${wrap(expr(o.final!))}`, slots: [], sticky: false };
    }
    return { ...c, assertion: finishedName, slots: [] as readonly number[], sticky: false };
  });
  noting = true;

  // ---- the steps ----

  const guardOf = (st: LoweredStep): string => {
    const t = st.task;
    const parts = [`${pcNames[t]} == ${codeName(t, st.code)}`];
    if (st.acquire) {
      const v = lockVars[st.acquire.lock];
      parts.push(`${v.owner} == 0`);
      if (st.acquire.mode === 'write') parts.push(`${v.readers} == 0`);
    }
    if (st.guard) parts.push(operand(expr(st.guard), '&&', 'r'));
    return parts.join(' && ');
  };

  const hasLive = fields.some((f) => f.live !== undefined);
  const resetLines = fields
    .filter((f) => f.live !== undefined)
    .map((f) => {
      const r = slot(f.slot).ref;
      noteRead(f.slot);
      return `  ${r} = (${exprText(f.live!)} -> ${r} : ${f.dead})`;
    });
  const writtenBy = new Map<LoweredStep, Set<number>>();
  for (const t of tasks) for (const st of t.steps) writtenBy.set(st, writes(st.effect, new Set()));
  const writtenAnywhere = new Set([...writtenBy.values()].flatMap((w) => [...w]));

  /** One step's d_step; `keep` lists the fields no other code reads. */
  const stepBlock = (t: (typeof tasks)[number], st: LoweredStep, keep: ReadonlySet<FieldVar>) => {
    const ti = st.task;
    const written = writtenBy.get(st)!;
    const ctx: StepCtx = { written, check: new Set(), locals: new Set() };
    letNames.clear();
    collectLocals(st.effect, letNames);
    collectLocals(st.next, letNames);

    const ind = '       ';
    // Printed by `spin -t` replays only (pan ignores printf): the witness as step ids.
    const body: string[] = [
      `${ind}printf("step ${st.def.id.replace(/[^A-Za-z0-9_.]/g, '_')}\\n");`,
    ];
    if (st.acquire) {
      const v = lockVars[st.acquire.lock];
      body.push(
        st.acquire.mode === 'read'
          ? `${ind}${v.readers} = ${v.readers} | ${1 << ti};`
          : `${ind}${v.owner} = ${ti + 1};`,
      );
    }
    body.push(...stmts(st.effect, ctx, ind));
    for (const lock of st.release) {
      const l = locks[lock];
      const v = lockVars[lock];
      if (v.readers === undefined) {
        body.push(
          `${ind}assert(${v.owner} == ${ti + 1}); ${v.owner} = 0; /* release ${commentText(l.name)} */`,
        );
      } else {
        body.push(
          `${ind}if /* release ${commentText(l.name)} */`,
          `${ind}:: ${v.owner} == ${ti + 1} -> ${v.owner} = 0;`,
          `${ind}:: else -> assert((${v.readers} & ${1 << ti}) != 0); ${v.readers} = ${v.readers} & ~${1 << ti};`,
          `${ind}fi;`,
        );
      }
    }
    body.push(...nextStmts(st.next, ti, ind));
    if (hasLive) body.push(`${ind}${resetName};`);
    for (const fv of fieldVars) {
      const kept = keep.has(fv) && fv.slots.some((s) => written.has(s));
      if (!ctx.check.has(fv) && !kept) continue;
      const why = ctx.check.has(fv) ? '' : ' (read, so Spin keeps it in the state vector)';
      body.push(
        `${ind}assert(${domainTest(fv)}); /* ${commentText(fv.info.field)} stays in its domain${why} */`,
      );
    }
    for (const c of checkDefs) {
      if (c.sticky && c.slots.some((s) => written.has(s))) body.push(`${ind}${c.macro};`);
    }
    if (ctx.locals.size) body.push(`${ind}${[...ctx.locals].map((n) => `${n} = 0`).join('; ')};`);

    const d = st.def;
    const src = d.source ? ` (${d.source.version} ${d.source.file} ${d.source.lines})` : '';
    return [
      `  /* ${commentText(`${d.id} \u2014 task ${t.key}, step ${st.code}: ${d.label}${src}`)} */`,
      `  :: d_step { ${guardOf(st)} ->`,
      ...body,
      '     }',
    ];
  };
  // First pass: which fields the model reads. Second: the steps, keeping the others readable.
  for (const t of tasks) for (const st of t.steps) stepBlock(t, st, new Set());
  noting = false;
  const keep = new Set(
    fieldVars.filter((fv) => !readFields.has(fv) && fv.slots.some((s) => writtenAnywhere.has(s))),
  );
  const stepBlocks = tasks.flatMap((t) => t.steps.flatMap((st) => stepBlock(t, st, keep)));

  function domainTest(fv: FieldVar): string {
    const refs = fv.slots.map((s) => slot(s).ref);
    const parts = refs.map((r) => {
      if (fv.bits) {
        const rebuilt = fv.bits.map((g) => `((${r} & ${g}) == ${g} -> ${g} : 0)`).join(' | ');
        return `(${rebuilt}) == ${r}`;
      }
      const [lo, hi] = fv.domain;
      const [tlo, thi] = TYPE_RANGE[fv.type];
      const c: string[] = [];
      if (lo > tlo) c.push(`${lo} <= ${r}`);
      if (hi < thi) c.push(`${r} <= ${hi}`);
      return c.join(' && ') || `${r} == ${r}`;
    });
    return parts.join(' && ');
  }

  // ---- the file ----

  const out: string[] = [];
  const doc = low.doc;
  const variantDoc = doc.variants.list.find((v) => v.id === scenario.variant);
  const params = Object.entries(scenario.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  const switchWidth = Math.max(12, ...checkDefs.map((c) => c.switch.length + 2));
  out.push(
    '/*',
    ` * ${commentText(scenario.title)}`,
    ` * Interleave scenario ${scenario.id} (version ${scenario.version}), variant ${scenario.variant}${variantDoc ? ` \u2014 ${commentText(variantDoc.title)}` : ''}`,
    ` * Parameters: ${params || 'none'}`,
    ' *',
    ' * Exported by Interleave (src/core/export/promela.ts) from the lowered model the explorer runs:',
    ' * one process, one d_step per step, the state slots as globals in Interleave\u2019s slot order.',
    ' * Spin\u2019s states are Interleave\u2019s canonical states, so',
    ' *',
    ' *   spin -a model.pml',
    ' *   gcc -O2 -DSAFETY -DNOCLAIM -DNOREDUCE -o pan pan.c',
    ' *   ./pan -m1000000 -E',
    ' *',
    ' * reports "states, stored" equal to the explorer\u2019s reachable states, with no errors.',
    ' *',
    ' * Outcome checks, off by default: pass the switch to spin, e.g. spin -DCHECK_X -a model.pml,',
    ' * then compile and run pan as above. A check reports "errors: 1" (an assertion violation) iff',
    ' * some complete schedule ends in that outcome. `spin -t -DCHECK_X model.pml` then prints the',
    ' * witness as one "step <id>" line per step (for npm run replay -- --schedule id,id,...).',
    ' * Flags are asserted after each step that sets them when nothing ever clears them, and at',
    ' * terminal states (no step can run); final and deadlock outcomes at terminal states.',
    ' *',
    ...checkDefs.map(
      (c) =>
        ` *   -D${c.switch.padEnd(switchWidth)}${c.bad ? 'bad ' : 'not bad '}${c.kind === 'flag' ? `flag ${c.info.flagSlots?.map((s) => slot(s).ref).join(', ')}${c.sticky ? ', asserted when set' : ', asserted at terminal states'}` : c.kind === 'final' ? 'final predicate, asserted at terminal states' : 'deadlock: terminal and not finished'}`,
    ),
    ` *   -D${checkBad.padEnd(switchWidth)}every bad outcome above`,
    ' *',
    ` * -D${visibleScratch} (with spin -o2): the scratch variables as plain globals, for pan`,
    ' * compiled with -DNCORE=N or -DBFS, which reject hidden ones. The counts stay the same.',
    ...(options.assertBad
      ? [' * This file turns CHECK_BAD on itself (exported with assertBad).']
      : []),
    ' *',
    ' * Always checked (model errors, which stop Interleave\u2019s explorer too): an array index out of',
    ' * range (pan\u2019s bound check), a branch to a step that does not exist, a release of a lock the',
    ' * task does not hold, a field leaving its declared domain, a value that does not fit its type.',
    ' */',
    '',
  );

  // Switches.
  if (options.assertBad) out.push(`#ifndef ${checkBad}`, `#define ${checkBad}`, '#endif');
  const bad = checkDefs.filter((c) => c.bad);
  if (bad.length) {
    out.push(`#ifdef ${checkBad}`);
    for (const c of bad) out.push(`#ifndef ${c.switch}`, `#define ${c.switch}`, '#endif');
    out.push('#endif');
  }
  if (checkDefs.length) {
    out.push(
      `#if ${checkDefs.map((c) => `defined(${c.switch})`).join(' || ')}`,
      `#define ${checksOn}`,
      '#endif',
    );
  }
  out.push('');

  // Tasks and program points.
  out.push(
    '/* Tasks: program counter and program points (a step\u2019s code; done after the last). */',
  );
  tasks.forEach((t, ti) => {
    out.push(`/* Task ${t.key}: ${commentText(t.name)} */`);
    t.steps.forEach((_, c) => out.push(`#define ${codeName(ti, c)} ${c}`));
    out.push(`#define ${codeName(ti, t.steps.length)} ${t.steps.length}`);
  });
  out.push('');

  out.push('/* The state: Interleave\u2019s slots, in order. */');
  tasks.forEach((t, ti) => {
    out.push(
      `${slot(ti).type} ${pcNames[ti]} = ${initial[ti]}; /* slot ${ti}: pc of task ${t.key} */`,
    );
  });
  for (const fv of fieldVars) {
    const inits = fv.slots.map((s) => initial[s]);
    const same = inits.every((v) => v === inits[0]);
    const init = !fv.array || same ? String(inits[0]) : `{ ${inits.join(', ')} }`;
    const words = fv.info.words ? `; ${fv.info.words.map((w, i) => `${i} = ${w}`).join(', ')}` : '';
    const dom = fv.bits
      ? `flags, unions of ${fv.bits.join(', ')}`
      : `${fv.domain[0]}..${fv.domain[1]}`;
    const slotText =
      fv.slots.length === 1
        ? `slot ${fv.slots[0]}`
        : `slots ${fv.slots[0]}..${fv.slots[fv.slots.length - 1]}`;
    const decl = fv.array ? `${fv.name}[${fv.slots.length}]` : fv.name;
    const elem = fv.array ? `, element j is ${commentText(fv.info.field)}[j + 1]` : '';
    const live = fv.info.live ? `; reset to ${fv.info.dead} when not live` : '';
    out.push(`${fv.type} ${decl} = ${init}; /* ${slotText}: ${dom}${words}${elem}${live} */`);
  }
  locks.forEach((l, i) => {
    const v = lockVars[i];
    out.push(
      `${slot(l.slot).type} ${v.owner} = ${initial[l.slot]}; /* slot ${l.slot}: ${l.kind} ${commentText(l.name)}${v.readers ? ' writer' : ''}: 0 free, else task ordinal + 1 */`,
    );
    if (v.readers) {
      out.push(
        `${slot(l.readerSlot!).type} ${v.readers} = ${initial[l.readerSlot!]}; /* slot ${l.readerSlot}: readers of ${commentText(l.name)}, a bit per task ordinal */`,
      );
    }
  });
  out.push(
    '/* Task ordinals: ' + tasks.map((t, i) => `${i + 1} = task ${t.key}`).join(', ') + '. */',
    '',
  );

  // Scratch variables: hidden, unless VISIBLE_SCRATCH (multi-core and BFS pan reject hidden ones).
  const scratch = [setValue, ...new Set(localNames.values())];
  out.push(
    '/* Scratch: written before read within a d_step and zeroed at its end, so it is 0 in every',
    ' * state and cannot tell two states apart. Hidden (outside the state vector) unless',
    ' * VISIBLE_SCRATCH is defined: pan rejects hidden variables with -DNCORE or -DBFS. */',
    `#ifdef ${visibleScratch}`,
    ...scratch.map((n) => `int ${n};`),
    '#else',
    ...scratch.map((n) => `hidden int ${n};`),
    '#endif',
  );
  out.push(
    '',
    '/* x = e, checking that e fits x\u2019s type (a byte or short would silently wrap). */',
    `#define ${SET.byte}(x, e) ${setValue} = (e); assert(0 <= ${setValue} && ${setValue} <= 255); x = ${setValue}; ${setValue} = 0`,
    `#define ${SET.short}(x, e) ${setValue} = (e); assert(-32768 <= ${setValue} && ${setValue} <= 32767); x = ${setValue}; ${setValue} = 0`,
    '',
  );

  // Derived predicates.
  const finishedText = tasks
    .map((t, ti) => {
      const codes = [...new Set(t.stopCodes)].sort((a, b) => a - b);
      const p = pcinText(ti, codes);
      return codes.length > 1 && tasks.length > 1 ? `(${p.text})` : p.text;
    })
    .join(' && ');
  out.push(
    '/* Every task is done, or rests where it may stop. */',
    `#define ${finishedName} (${finishedText || '1'})`,
  );
  if (hasLive) {
    out.push(
      '/* After every step, a field whose live predicate is false holds its dead value. */',
      `#define ${resetName} \\`,
      resetLines.join('; \\\n'),
    );
  }
  out.push('');

  if (checkDefs.length) {
    out.push('/* Outcome checks: each asserts that its outcome has not happened. */');
    for (const c of checkDefs) {
      out.push(
        `/* ${c.outcome}: ${commentText(c.info.kind === 'flag' ? 'a flag' : c.info.kind === 'final' ? 'a final predicate' : 'deadlock')} */`,
        `#ifdef ${c.switch}`,
        `#define ${c.macro} assert(${c.assertion})`,
        '#else',
        `#define ${c.macro} skip`,
        '#endif',
      );
    }
    const terminal = tasks
      .flatMap((t) => t.steps.map((st) => `  (${guardOf(st)})`))
      .join(' || \\\n');
    out.push(
      '/* No step can run. */',
      `#define ${terminalName} !( \\`,
      (terminal || '  0') + ')',
      '',
    );
  }

  out.push('active proctype main() {', 'end:', '  do');
  out.push(...stepBlocks);
  if (checkDefs.length) {
    out.push(
      `#ifdef ${checksOn}`,
      '  /* A terminal state: the checks of final states (the state does not change). */',
      `  :: d_step { ${terminalName} -> ${checkDefs.map((c) => c.macro).join('; ')} }`,
      '#endif',
    );
  }
  out.push('  od', '}', '');
  return out.join('\n');
}
