/**
 * What each step of a compiled scenario reads and writes, in field display names (`refs`,
 * `refs.2`), from the lowered IR: statically (what a step may touch, whatever the state) and
 * dynamically (what one execution of it in a given state did touch). The causal chain
 * (../causality.ts) is built from the dynamic form.
 *
 * Only state fields count. Program counters (`pcin`, `dstep`) and lock words (`holds`) are not
 * fields: a task's own program order and the lock hand-offs are drawn elsewhere (timeline.ts).
 */
import type { State, TaskId } from '../engine.ts';
import { applyBinary, applyUnary } from './fold.ts';
import { ModelError, type CompiledScenario, type LoweredStep } from './instance.ts';
import type { Ir, IrStmt } from './ir.ts';

/** The fields a step reads and writes, each list in first-touch order without repeats. */
export interface StepAccess {
  readonly reads: readonly string[];
  readonly writes: readonly string[];
}

/** What a step may touch in any state. */
export interface StaticAccess extends StepAccess {
  /**
   * Fields with a liveness predicate: after any step the engine may reset them to their dead
   * value (to keep equal states equal), so every step may write them in that sense. Kept apart
   * from `writes`, which are the step's own assignments.
   */
  readonly resets: readonly string[];
}

/** One execution of a step: the state after it, and what it read and wrote on the way. */
export interface StepRun extends StepAccess {
  readonly state: State;
  /** The reads of its branch target alone: what decided where its task goes next. */
  readonly branchReads: readonly string[];
}

const namesOf = new WeakMap<CompiledScenario, ReadonlyMap<number, string>>();

/** Display names of the field slots, by slot number (made once per instance). */
function slotNames(scenario: CompiledScenario): ReadonlyMap<number, string> {
  let names = namesOf.get(scenario);
  if (!names) {
    names = new Map(scenario.lowered.fields.map((f) => [f.slot, f.name]));
    namesOf.set(scenario, names);
  }
  return names;
}

/** The lowered step `id`, or an error naming it. */
function loweredStep(scenario: CompiledScenario, id: string): LoweredStep {
  for (const t of scenario.lowered.tasks) for (const st of t.steps) if (st.def.id === id) return st;
  throw new RangeError(`there is no step "${id}"`);
}

/**
 * The fields step `stepId` may read and may write, whatever the state: its guard, effects (both
 * arms of every `if` and `cond`) and branch target. An element chosen by a constant index names
 * that element; one chosen at run time names every element of its field, and the index's own
 * reads.
 */
export function staticAccess(scenario: CompiledScenario, stepId: string): StaticAccess {
  const names = slotNames(scenario);
  const st = loweredStep(scenario, stepId);
  const reads = new Set<string>();
  const writes = new Set<string>();
  const name = (slot: number) => names.get(slot) ?? `#${slot}`;
  const elements = (slots: readonly number[], index: Ir): number[] =>
    index.k === 'const' && index.v >= 1 && index.v <= slots.length
      ? [slots[index.v - 1]]
      : [...slots];
  const expr = (e: Ir): void => {
    switch (e.k) {
      case 'slot':
        reads.add(name(e.slot));
        return;
      case 'dslot':
        expr(e.index);
        for (const s of elements(e.slots, e.index)) reads.add(name(s));
        return;
      case 'un':
        return expr(e.arg);
      case 'bin':
        expr(e.l);
        return expr(e.r);
      case 'cond':
        expr(e.test);
        expr(e.then);
        return expr(e.else);
      case 'dstep':
        return expr(e.index);
      case 'const':
      case 'local':
      case 'holds':
      case 'pcin':
      case 'finished':
        return;
    }
  };
  const stmt = (s: IrStmt): void => {
    switch (s.k) {
      case 'set':
        expr(s.value);
        writes.add(name(s.slot));
        return;
      case 'dset':
        expr(s.index);
        expr(s.value);
        for (const x of elements(s.slots, s.index)) writes.add(name(x));
        return;
      case 'setlocal':
        return expr(s.value);
      case 'if':
        expr(s.test);
        s.then.forEach(stmt);
        s.else.forEach(stmt);
        return;
    }
  };
  if (st.guard) expr(st.guard);
  st.effect.forEach(stmt);
  expr(st.next);
  const resets = scenario.lowered.fields.filter((f) => f.live !== undefined).map((f) => f.name);
  return { reads: [...reads], writes: [...writes], resets };
}

/**
 * Runs `task`'s next step from `s` as the engine does (guard, lock acquisition, effects, lock
 * releases, branch, liveness resets) and records what it touched. The caller checks that the
 * step is enabled. The resulting state equals `scenario.apply(s, task)`.
 *
 * - `reads` are the fields whose value in `s` the step looked at: its guard, the test of every
 *   `if` and `cond` it evaluated, the expressions on the arms it took (`&&` and `||` stop early,
 *   as in C), element indexes, and its branch target. A field read after the step itself wrote
 *   it is not a read of `s` and is left out.
 * - `writes` are the fields it assigned, whether or not the value changed, plus a liveness reset
 *   when it changed the value (the engine resets dead fields after every step; a reset that
 *   changes nothing is no write anyone can see). The liveness predicates' own reads are left
 *   out: they are the engine's bookkeeping, not the program's.
 */
export function runStep(scenario: CompiledScenario, s: State, task: TaskId): StepRun {
  const { lowered } = scenario;
  const names = slotNames(scenario);
  const t = task - 1;
  const st = lowered.tasks[t]?.steps[s[t]];
  if (!st) throw new RangeError(`task ${task} has finished`);
  const d = s.slice();
  const locals = new Array<number>(Math.max(1, lowered.localCount)).fill(0);
  const reads = new Set<string>();
  const writes = new Set<string>();
  const written = new Set<number>();
  /** Also collects reads while the branch target is evaluated. */
  let branch: Set<string> | undefined;
  const fail = (message: string): never => {
    throw new ModelError(`${st.def.id}: ${message}`);
  };
  const read = (slot: number): number => {
    const n = names.get(slot);
    if (n !== undefined && !written.has(slot)) {
      reads.add(n);
      branch?.add(n);
    }
    return d[slot];
  };
  const write = (slot: number, v: number): void => {
    const n = names.get(slot);
    if (n !== undefined) writes.add(n);
    written.add(slot);
    d[slot] = v;
  };
  const element = (slots: readonly number[], x: number, what: string): number => {
    if (x < 1 || x > slots.length) fail(`${what}[${x}] is out of range 1..${slots.length}`);
    return slots[x - 1];
  };
  const value = (e: Ir): number => {
    switch (e.k) {
      case 'const':
        return e.v;
      case 'slot':
        return read(e.slot);
      case 'dslot':
        return read(element(e.slots, value(e.index), e.field));
      case 'local':
        return locals[e.id];
      case 'un':
        return applyUnary(e.op, value(e.arg));
      case 'bin': {
        if (e.op === '&&') return value(e.l) !== 0 && value(e.r) !== 0 ? 1 : 0;
        if (e.op === '||') return value(e.l) !== 0 || value(e.r) !== 0 ? 1 : 0;
        const a = value(e.l);
        const b = value(e.r);
        if ((e.op === '/' || e.op === '%') && b === 0) fail('division by zero');
        return applyBinary(e.op, a, b);
      }
      case 'cond':
        return value(e.test) !== 0 ? value(e.then) : value(e.else);
      case 'dstep': {
        const x = value(e.index);
        if (x < 1 || x > e.codes.length)
          fail(`step index ${x} is out of range 1..${e.codes.length}`);
        return e.codes[x - 1];
      }
      case 'holds':
      case 'pcin':
      case 'finished':
        // Lock words and program counters, not fields: the engine's own closure answers.
        return scenario.evaluate(e, d);
    }
  };
  const exec = (x: IrStmt): void => {
    switch (x.k) {
      case 'set':
        return write(x.slot, value(x.value));
      case 'dset': {
        const slot = element(x.slots, value(x.index), x.field);
        return write(slot, value(x.value));
      }
      case 'setlocal':
        locals[x.id] = value(x.value);
        return;
      case 'if':
        (value(x.test) !== 0 ? x.then : x.else).forEach(exec);
        return;
    }
  };

  if (st.guard) value(st.guard);
  const bit = 1 << t;
  if (st.acquire) {
    const l = lowered.locks[st.acquire.lock];
    if (st.acquire.mode === 'read') d[l.readerSlot!] |= bit;
    else d[l.slot] = t + 1;
  }
  st.effect.forEach(exec);
  for (const lock of st.release) {
    const l = lowered.locks[lock];
    if (d[l.slot] === t + 1) d[l.slot] = 0;
    else if (l.readerSlot !== undefined && (d[l.readerSlot] & bit) !== 0) d[l.readerSlot] &= ~bit;
    else fail(`releases ${l.name}, which task ${lowered.tasks[t].key} does not hold`);
  }
  branch = new Set();
  d[t] = value(st.next);
  const branchReads = [...branch];
  branch = undefined;
  for (const f of lowered.fields) {
    if (f.live !== undefined && scenario.evaluate(f.live, d) === 0 && d[f.slot] !== f.dead) {
      write(f.slot, f.dead);
    }
  }
  return { state: d, reads: [...reads], writes: [...writes], branchReads };
}
