/**
 * Short words for outcomes and steps, from the document, with plain fallbacks.
 */
import type { ScenarioDoc } from '../scenario/document.ts';
import type { CompiledScenario } from '../scenario/instance.ts';

/** An outcome in words (`lockdep splat`); an undeclared name reads as its words (`running`). */
export function outcomeTitle(doc: ScenarioDoc, name: string): string {
  return doc.outcomes.find((o) => o.name === name)?.title ?? name.toLowerCase().replace(/_/g, ' ');
}

/** An outcome's short form for a gutter (`splat`), or its title. */
export function outcomeShort(doc: ScenarioDoc, name: string): string {
  return doc.outcomes.find((o) => o.name === name)?.short ?? outcomeTitle(doc, name);
}

/** A step's one-line label for a timeline block: its `short`, or its full label. */
export function stepShortLabel(sc: CompiledScenario, stepId: string): string {
  const def = sc.steps.get(stepId);
  return def?.short ?? def?.label ?? stepId;
}
