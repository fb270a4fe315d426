/**
 * Compiles a checked scenario document, for one variant and parameter setting, into the engine's
 * `Scenario`, in two stages: lower-scenario.ts resolves and lowers the whole document to IR
 * (collecting every problem with its place), and instantiate.ts makes the closures and engine
 * methods. instance.ts holds what the stages share.
 */
import type { ScenarioDoc } from './document.ts';
import { instantiate } from './instantiate.ts';
import type { CompiledScenario } from './instance.ts';
import { lowerScenario } from './lower-scenario.ts';
import { resolveParams, type ParamInput } from './params.ts';

export {
  ModelError,
  ScenarioError,
  type CompiledScenario,
  type FieldSlotInfo,
  type LockInstance,
  type Lowered,
  type LoweredStep,
  type OutcomeInfo,
} from './instance.ts';
export { instantiate } from './instantiate.ts';
export { lowerScenario } from './lower-scenario.ts';

/**
 * Compiles `doc` for one variant and parameter setting. Throws a ParamError for bad parameters
 * and a ScenarioError (with every problem found) for a document that does not compile.
 */
export function compileScenario(doc: ScenarioDoc, input: ParamInput = {}): CompiledScenario {
  const params = resolveParams(doc, input);
  const lowered = lowerScenario(doc, params);
  return instantiate(lowered);
}
