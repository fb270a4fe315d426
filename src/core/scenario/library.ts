/**
 * A set of scenario documents by id, with compiled instances cached per variant and parameters
 * (a compiled scenario is immutable, so one instance serves every caller).
 */
import type { ScenarioDoc } from './document.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { ParamError, resolveParams, type ParamInput } from './params.ts';

export interface Library {
  /** Scenario ids, in the order they were given. */
  readonly ids: readonly string[];
  doc(id: string): ScenarioDoc | undefined;
  /** Compiles (or reuses) one instance. Throws ParamError for an unknown id or bad parameters. */
  instance(id: string, params?: ParamInput): CompiledScenario;
}

export function createLibrary(docs: readonly ScenarioDoc[]): Library {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const cache = new Map<string, CompiledScenario>();
  return {
    ids: docs.map((d) => d.id),
    doc: (id) => byId.get(id),
    instance(id, params = {}) {
      const doc = byId.get(id);
      if (!doc) {
        throw new ParamError(`unknown scenario "${id}"; use one of ${[...byId.keys()].join(', ')}`);
      }
      const resolved = resolveParams(doc, params);
      const key = `${id}|${resolved.variant}|${JSON.stringify(resolved.display)}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = compileScenario(doc, { ...resolved.display, variant: resolved.variant });
        cache.set(key, hit);
      }
      return hit;
    },
  };
}
