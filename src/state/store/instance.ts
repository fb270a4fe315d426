/**
 * An instance (scenario id, parameters, variant) as the worker is asked for it, and the few
 * rules about instances the store applies: equality, the key explorations are cached by, and
 * which variant a comparison pairs with.
 */
import type { FieldValue, ParamInfo, ScenarioInfo } from '../../core/index.ts';
import type { ScenarioRequest } from '../../worker/api.ts';
import type { Instance, Params, ScenarioSlice } from './slices.ts';

/** What the worker is asked for an instance (an empty variant: the document's default). */
export function requestOf(i: Instance): ScenarioRequest {
  return { scenario: i.id, params: i.variant ? { ...i.params, variant: i.variant } : i.params };
}

/** A parameter's value in canonical form: an int's named value (`head`) as its number. */
function canonical(p: ParamInfo, v: FieldValue): FieldValue {
  if (p.type === 'int' && typeof v === 'string' && p.names && v in p.names) return p.names[v];
  return v;
}

/** Every declared parameter of a described instance, in canonical form. */
export function paramsOf(info: ScenarioInfo): Params {
  return Object.fromEntries(info.params.map((p) => [p.name, canonical(p, p.value)]));
}

/** The instance a description describes. */
export function instanceOf(info: ScenarioInfo): Instance {
  return { id: info.id, params: paramsOf(info), variant: info.variant };
}

/** Scenario and parameters, the variant excluded: what an exploration of every variant shares. */
export function paramsKey(i: Pick<Instance, 'id' | 'params'>): string {
  return `${i.id}|${Object.keys(i.params)
    .sort()
    .map((k) => `${k}=${String(i.params[k])}`)
    .join(',')}`;
}

export function sameInstance(a: Instance | null, b: Instance): boolean {
  return a !== null && a.variant === b.variant && paramsKey(a) === paramsKey(b);
}

/** Same instance and task choices (the cursor does not count). */
export function sameScenario(a: ScenarioSlice, b: ScenarioSlice): boolean {
  return (
    sameInstance(a, b) &&
    a.tasks.length === b.tasks.length &&
    a.tasks.every((t, i) => t === b.tasks[i])
  );
}

/**
 * The variant a comparison pairs with by default: the bug against the fix where the scenario
 * declares the pair, else the first other variant.
 */
export function defaultComparison(info: ScenarioInfo, variant: string): string | null {
  const fix = info.fix;
  if (fix && variant === fix.fixed) return fix.bug;
  if (fix && variant !== fix.fixed) return fix.fixed;
  return info.variants.find((v) => v.id !== variant)?.id ?? null;
}

/** A variant's title (`a — v6.3-rc1, VMA iterator (the bug)`), or its id if unknown. */
export function variantTitle(info: ScenarioInfo, variant: string): string {
  return info.variants.find((v) => v.id === variant)?.title ?? variant;
}

/** One instance: scenario, parameters and variant (what an exploration's numbers belong to). */
export function instanceKey(i: Pick<Instance, 'id' | 'params' | 'variant'>): string {
  return `${paramsKey(i)}|${i.variant}`;
}
