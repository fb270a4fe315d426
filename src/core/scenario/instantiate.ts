/**
 * A lowered instance made runnable: closures made once, and the engine's `Scenario` methods
 * (enabled, apply, status, outcome masks, packing, views) over the state slots.
 */
import {
  DONE,
  type FieldValue,
  type LockHold,
  type LockMode,
  type LockView,
  type StateView,
  type StepDef,
  type TaskStatus,
} from '../engine.ts';
import {
  compileExpr,
  compileStmts,
  type Eval,
  type Exec,
  type Runtime,
  type State,
} from './closures.ts';
import type { ScenarioDoc } from './document.ts';
import type { Ir } from './ir.ts';
import { makePacking } from './layout.ts';
import type { SchedulePolicy } from '../schedule.ts';
import { ModelError, ScenarioError, type CompiledScenario, type Lowered } from './instance.ts';

/** Makes the closures and the engine methods of a lowered instance. */
export function instantiate(lowered: Lowered): CompiledScenario {
  const { doc, params, tasks, fields, locks, domains, initial, outcomes } = lowered;
  const nTasks = tasks.length;
  const env = new Int32Array(Math.max(1, lowered.localCount));
  const packing = makePacking(domains);
  let running = '';

  const holds = (s: State, lock: number, task: number, mode: 'read' | 'write' | 'any'): boolean => {
    const l = locks[lock];
    const owner = s[l.slot] === task + 1;
    if (mode === 'write' || l.readerSlot === undefined) return owner;
    const reading = ((s[l.readerSlot] >>> task) & 1) === 1;
    return mode === 'read' ? reading : owner || reading;
  };
  const stopTables = tasks.map((t) => {
    const table = new Uint8Array(t.steps.length + 1);
    for (const c of t.stopCodes) table[c] = 1;
    return table;
  });
  const finished = (s: State): boolean => {
    for (let t = 0; t < nTasks; t++) if (stopTables[t][s[t]] !== 1) return false;
    return true;
  };
  const rt: Runtime = {
    holds,
    finished,
    fail: (message) => {
      throw new ModelError(`${running}: ${message}`);
    },
  };

  interface RunStep {
    def: StepDef;
    canAcquire: (s: State) => boolean;
    guard?: Eval;
    run: Exec;
  }
  const liveFields = fields
    .filter((f) => f.live !== undefined)
    .map((f) => ({ slot: f.slot, dead: f.dead, live: compileExpr(f.live!, rt) }));
  const normalize = (d: State) => {
    for (let i = 0; i < liveFields.length; i++) {
      const f = liveFields[i];
      if (f.live(d, env) === 0) d[f.slot] = f.dead;
    }
  };

  const table: RunStep[][] = tasks.map((t) =>
    t.steps.map((st) => {
      const ord = st.task;
      const bit = 1 << ord;
      let canAcquire: (s: State) => boolean = () => true;
      let take: (d: State) => void = () => {};
      if (st.acquire) {
        const l = locks[st.acquire.lock];
        const o = l.slot;
        if (st.acquire.mode === 'read') {
          const r = l.readerSlot!;
          // A task that already holds it (for either mode) blocks for good, as with any lock.
          canAcquire = (s) => s[o] === 0 && (s[r] & bit) === 0;
          take = (d) => {
            d[r] |= bit;
          };
        } else if (st.acquire.mode === 'write') {
          const r = l.readerSlot!;
          canAcquire = (s) => s[o] === 0 && s[r] === 0;
          take = (d) => {
            d[o] = ord + 1;
          };
        } else {
          canAcquire = (s) => s[o] === 0;
          take = (d) => {
            d[o] = ord + 1;
          };
        }
      }
      const releases = st.release.map((lock) => {
        const l = locks[lock];
        return (d: State) => {
          if (d[l.slot] === ord + 1) d[l.slot] = 0;
          else if (l.readerSlot !== undefined && (d[l.readerSlot] & bit) !== 0)
            d[l.readerSlot] &= ~bit;
          else rt.fail(`releases ${l.name}, which task ${tasks[ord].key} does not hold`);
        };
      });
      const effect = compileStmts(st.effect, rt);
      const next = compileExpr(st.next, rt);
      const id = st.def.id;
      const run: Exec = (d) => {
        running = id;
        take(d);
        effect(d, env);
        for (let i = 0; i < releases.length; i++) releases[i](d);
        d[ord] = next(d, env);
        normalize(d);
      };
      return {
        def: st.def,
        canAcquire,
        guard: st.guard ? compileExpr(st.guard, rt) : undefined,
        run,
      };
    }),
  );

  // Expressions of the page's content, compiled on first use with the same runtime as the model.
  const compiled = new WeakMap<Ir, Eval>();
  const evaluate = (e: Ir, s: State, locals: readonly number[] = []): number => {
    let f = compiled.get(e);
    if (!f) compiled.set(e, (f = compileExpr(e, rt)));
    return f(s, Int32Array.from(locals));
  };

  const steps = new Map<string, StepDef>();
  for (const t of tasks) for (const st of t.steps) steps.set(st.def.id, st.def);

  const flagOutcomes = outcomes
    .map((o, i) => ({ o, bit: 1 << i }))
    .filter(({ o }) => o.kind === 'flag')
    .map(({ o, bit }) => ({ slots: Int32Array.from(o.flagSlots!), bit }));
  const finalOutcomes = outcomes
    .map((o, i) => ({ o, bit: 1 << i }))
    .filter(({ o }) => o.kind === 'final')
    .map(({ o, bit }) => ({ test: compileExpr(o.final!, rt), bit }));
  const deadlockBit = outcomes.findIndex((o) => o.kind === 'deadlock');
  const cleanIndex = outcomes.findIndex((o) => o.kind === 'clean');

  const flagMask = (s: State): number => {
    let mask = 0;
    for (let i = 0; i < flagOutcomes.length; i++) {
      const f = flagOutcomes[i];
      for (let j = 0; j < f.slots.length; j++) {
        if (s[f.slots[j]] !== 0) {
          mask |= f.bit;
          break;
        }
      }
    }
    return mask;
  };

  const isEnabled = (s: State, task: number): boolean => {
    const t = task - 1;
    const step = table[t][s[t]];
    return (
      step !== undefined &&
      step.canAcquire(s) &&
      (step.guard === undefined || step.guard(s, env) !== 0)
    );
  };

  const locksHeld = (s: State, task: number): LockHold[] => {
    const out: LockHold[] = [];
    const t = task - 1;
    for (const l of locks) {
      if (s[l.slot] === t + 1)
        out.push({ lock: l.name, mode: l.kind === 'rwsem' ? 'write' : 'spin' });
      else if (l.readerSlot !== undefined && ((s[l.readerSlot] >>> t) & 1) === 1)
        out.push({ lock: l.name, mode: 'read' });
    }
    return out;
  };

  const lockViews = (s: State): LockView[] =>
    locks.map((l) => {
      const holders: { task: number; mode: LockMode }[] = [];
      for (let t = 0; t < nTasks; t++) {
        if (s[l.slot] === t + 1)
          holders.push({ task: t + 1, mode: l.kind === 'rwsem' ? 'write' : 'spin' });
        else if (l.readerSlot !== undefined && ((s[l.readerSlot] >>> t) & 1) === 1)
          holders.push({ task: t + 1, mode: 'read' });
      }
      return { lock: l.name, kind: l.kind, holders };
    });

  const status = (s: State, task: number): TaskStatus => {
    const t = task - 1;
    const step = table[t][s[t]];
    if (step === undefined) return { kind: 'done' };
    if (!step.canAcquire(s)) {
      const want = step.def.acquires!;
      const lock = lockViews(s).find((l) => l.lock === want.lock)!;
      return {
        kind: 'blocked',
        stepId: step.def.id,
        lock: want.lock,
        lockKind: lock.kind,
        mode: want.mode,
        heldBy: lock.holders,
      };
    }
    if (step.guard !== undefined && step.guard(s, env) === 0) {
      return {
        kind: 'blocked',
        stepId: step.def.id,
        lock: null,
        mode: 'spin',
        heldBy: [],
        waitsFor: step.def.waitsFor ?? 'its condition',
      };
    }
    return { kind: 'runnable', stepId: step.def.id };
  };

  const view = (s: State): StateView => {
    const out: Record<string, FieldValue> = {};
    for (const f of fields) {
      const v = s[f.slot];
      out[f.name] = f.doc.type === 'bool' ? v !== 0 : f.words ? f.words[v] : v;
    }
    return out;
  };

  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    variant: params.variant,
    params: params.display,
    tasks: tasks.map((t) => ({ id: t.id, key: t.key, name: t.name })),
    steps,
    initial,
    outcomeNames: outcomes.map((o) => o.name),
    badOutcomes: outcomes.filter((o) => o.bad).map((o) => o.name),
    cleanOutcome: cleanIndex >= 0 ? outcomes[cleanIndex].name : undefined,
    keyWords: packing.keyWords,
    pack(s, out, o) {
      try {
        packing.pack(s, out, o);
      } catch (e) {
        throw new ModelError(`after ${running}: ${(e as Error).message}`);
      }
    },
    unpack: packing.unpack,
    isEnabled,
    apply(s, task) {
      const t = task - 1;
      const d = s.slice();
      table[t][d[t]].run(d, env);
      return d;
    },
    pcOf(s, task) {
      const t = task - 1;
      return table[t][s[t]]?.def.id ?? DONE;
    },
    status,
    locksHeld,
    flagMask,
    finalMask(s) {
      let mask = flagMask(s);
      for (let i = 0; i < finalOutcomes.length; i++)
        if (finalOutcomes[i].test(s, env) !== 0) mask |= finalOutcomes[i].bit;
      if (deadlockBit >= 0 && !finished(s)) mask |= 1 << deadlockBit;
      if (mask === 0 && cleanIndex >= 0) mask = 1 << cleanIndex;
      return mask;
    },
    view,
    lockViews,
    lowered,
    doc,
    defaultSchedule: defaultScheduleOf(doc, tasks),
    evaluate,
  };
}

/** The document's default schedule; task keys in a prefix name tasks (`1`, `2.1`). */
function defaultScheduleOf(
  doc: ScenarioDoc,
  tasks: Lowered['tasks'],
): SchedulePolicy | { readonly steps: readonly string[] } {
  const d = doc.default_schedule;
  if (d && 'steps' in d) return { steps: d.steps };
  const prefix = (d?.prefix ?? []).map((key) => {
    const t = tasks.find((x) => x.key === key || x.key === `${key}.1`);
    if (!t)
      throw new ScenarioError([
        { path: ['default_schedule', 'prefix'], message: `there is no task "${key}"` },
      ]);
    return t.id;
  });
  return { prefix, then: d?.then ?? 'task-order' };
}
