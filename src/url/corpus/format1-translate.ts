/**
 * What the format-1 codec (format1-reference.ts) decoded, in the generic form: its toggles as the
 * scenario's parameters, all of them explicit. Test-only, like the reference.
 */
import { canonicalParams, infoOf, type GenericView } from './corpus.ts';
import type { DecodeResult, ShareView, Toggles } from './format1-reference.ts';

const SCENARIO = 'ksm-exit-race';
const VERSION = 1;

/** Format 1's toggles as the scenario's parameters (format 1 always meant processes = 1). */
export function paramsOfToggles(t: Toggles) {
  return { processes: 1, rmap_nonempty: t.rmapNonempty, cursor: t.cursorAtSlot ? 1 : 0 };
}

/** A decoded format-1 view in the generic form, every parameter resolved by the scenario. */
export function genericOf(view: ShareView): GenericView {
  const base = { scenario: SCENARIO, version: VERSION, variant: view.variant };
  const params = canonicalParams(infoOf({ ...base, params: paramsOfToggles(view.toggles) }));
  const out: GenericView = { ...base, params, tasks: view.tasks, cursor: view.cursor };
  return view.compare === undefined ? out : { ...out, compare: view.compare };
}

/** The fields a refused format-1 link kept, in the generic form. */
export function keptOf(d: Extract<DecodeResult, { ok: false }>): Partial<GenericView> {
  // The format and model are checked first; when either is wrong the page keeps nothing.
  const early = d.problems.some(
    (p) => p.key === 'v' || p.key === 'm' || /too long to be ours/.test(p.message),
  );
  if (early) return {};
  const k = d.kept;
  return {
    scenario: SCENARIO,
    version: VERSION,
    ...(k.toggles ? { params: paramsOfToggles(k.toggles) } : {}),
    ...(k.variant !== undefined ? { variant: k.variant } : {}),
    ...(k.tasks !== undefined ? { tasks: k.tasks } : {}),
    ...(k.cursor !== undefined ? { cursor: k.cursor } : {}),
    ...(k.compare !== undefined ? { compare: k.compare } : {}),
  };
}
