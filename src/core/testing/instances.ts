/**
 * What property tests over the built-in scenarios draw from: every built-in instance, and a
 * feasible schedule of one picked by a list of choices. Test support only.
 */
import { enabledTasks, type Scenario, type State, type TaskId } from '../engine.ts';
import { builtinLibrary } from '../scenario/builtin.ts';
import type { CompiledScenario } from '../scenario/compile.ts';

/** Every built-in instance: each scenario's variants, ksm-exit-race at 1 and 2 processes. */
export function builtinInstances(): CompiledScenario[] {
  const lib = builtinLibrary();
  return lib.ids.flatMap((id) =>
    lib
      .doc(id)!
      .variants.list.flatMap((v) =>
        (id === 'ksm-exit-race' ? [1, 2] : [undefined]).map((processes) =>
          lib.instance(id, { variant: v.id, ...(processes ? { processes } : {}) }),
        ),
      ),
  );
}

export interface ChoiceWalk {
  /** Each step taken: the state before it and its task. */
  readonly steps: readonly { readonly s: State; readonly task: TaskId }[];
  /** The step the engine refused (a model error), after the last one taken; null if none. */
  readonly refused: { readonly s: State; readonly task: TaskId } | null;
}

/**
 * A schedule that picks, at step i, enabled task number `choices[i mod length]` (mod how many are
 * enabled), until no task can move, the engine refuses a step, or `max` steps.
 */
export function choiceWalk(scenario: Scenario, choices: readonly number[], max = 200): ChoiceWalk {
  const steps: { s: State; task: TaskId }[] = [];
  let s = scenario.initial;
  for (let i = 0; i < max; i++) {
    const en = enabledTasks(scenario, s);
    if (en.length === 0) break;
    const task = en[(choices[i % choices.length] ?? 0) % en.length];
    let next: State;
    try {
      next = scenario.apply(s, task);
    } catch {
      return { steps, refused: { s, task } };
    }
    steps.push({ s, task });
    s = next;
  }
  return { steps, refused: null };
}
