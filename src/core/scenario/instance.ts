/**
 * What a compiled instance is made of: the lowered model (which the closures and the Promela
 * export are both made from) and the errors compiling and running it can raise.
 */
import { type LockMode, type Scenario, type StepDef, type TaskInfo } from '../engine.ts';
import { type State } from './closures.ts';
import type { DocProblem, FieldDoc, ScenarioDoc } from './document.ts';
import { type Ir, type IrStmt } from './ir.ts';
import { type SlotDomain } from './layout.ts';
import { type ResolvedParams } from './params.ts';
import type { SchedulePolicy } from '../schedule.ts';
import type { LoweredContent } from '../content/lowered.ts';

/** A document that does not compile: every problem, each with its place. */
export class ScenarioError extends Error {
  readonly problems: readonly DocProblem[];
  constructor(problems: readonly DocProblem[]) {
    super(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
    this.problems = problems;
  }
}

/** A model error at run time (a field left its domain, an index out of range). */
export class ModelError extends Error {}

/** The lowered model of one instance: what closures and the Promela export are made from. */
export interface LoweredStep {
  readonly def: StepDef;
  /** 0-based task ordinal and the step's program-point code in that task. */
  readonly task: number;
  readonly code: number;
  readonly acquire?: { readonly lock: number; readonly mode: LockMode };
  readonly release: readonly number[];
  readonly guard?: Ir;
  readonly effect: readonly IrStmt[];
  readonly next: Ir;
}

export interface LockInstance {
  readonly name: string;
  readonly kind: 'spinlock' | 'mutex' | 'rwsem';
  /** Owner slot (writer for an rwsem): 0 free, task ordinal + 1 held. */
  readonly slot: number;
  /** An rwsem's readers: a bit per task ordinal. */
  readonly readerSlot?: number;
}

export interface FieldSlotInfo {
  readonly name: string;
  readonly field: string;
  readonly slot: number;
  readonly doc: FieldDoc;
  /** Enum words, for a view. */
  readonly words?: readonly string[];
  /** Its liveness predicate: when false after a step, the slot is reset to `dead`. */
  readonly live?: Ir;
  readonly dead: number;
}

export interface OutcomeInfo {
  readonly name: string;
  readonly bad: boolean;
  readonly kind: 'flag' | 'final' | 'deadlock' | 'clean';
  readonly flagSlots?: readonly number[];
  readonly final?: Ir;
}

export interface Lowered {
  readonly doc: ScenarioDoc;
  readonly params: ResolvedParams;
  readonly tasks: readonly (TaskInfo & {
    readonly ref: string;
    readonly stopCodes: readonly number[];
    readonly steps: readonly LoweredStep[];
  })[];
  readonly fields: readonly FieldSlotInfo[];
  readonly locks: readonly LockInstance[];
  readonly domains: readonly SlotDomain[];
  readonly initial: State;
  readonly outcomes: readonly OutcomeInfo[];
  readonly localCount: number;
  /** The page's words for this instance: pseudo-code, note conditions, report templates. */
  readonly content: LoweredContent;
}

export interface CompiledScenario extends Scenario {
  readonly lowered: Lowered;
  readonly doc: ScenarioDoc;
  /** The document's default schedule, as a policy or as explicit step ids. */
  readonly defaultSchedule: SchedulePolicy | { readonly steps: readonly string[] };
  /**
   * The value of a lowered expression in state `s`, with the closures the engine uses; `locals`
   * are the values of the expression's `local` slots (names bound by its caller).
   */
  evaluate(e: Ir, s: State, locals?: readonly number[]): number;
}
