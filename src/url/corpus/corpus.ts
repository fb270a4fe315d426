/**
 * The saved link corpora (format1.json, format2.json): links with what each opened when it was
 * saved, so a later codec can be held to them. Test-only: the page never imports this file (it
 * compiles scenarios, which the codec must not).
 */
import {
  builtinLibrary,
  catalogEntry,
  describeScenario,
  replay,
  type CatalogEntry,
  type FieldValue,
  type ScenarioInfo,
  type TaskId,
} from '../../core/index.ts';
import { checkView, decode, type DecodeResult, type ShareView } from '../share.ts';

/** A view in the generic form: the scenario, every parameter explicit, the variant, the turns. */
export interface GenericView {
  readonly scenario: string;
  readonly version: number;
  readonly params: Readonly<Record<string, boolean | number | string>>;
  readonly variant: string;
  readonly tasks: readonly TaskId[];
  readonly cursor: number;
  readonly compare?: string;
}

/** What the core makes of a view: the step ids in order, and the final outcomes. */
export type SavedRun =
  | { readonly steps: string; readonly outcomes: readonly string[] }
  /** Strict replay refused the schedule (or it does not end): the page shows a notice. */
  | { readonly refused: string };

export interface AcceptedLink {
  readonly link: string;
  readonly note: string;
  readonly view: GenericView;
  readonly run: SavedRun;
}

export interface RejectedLink {
  readonly link: string;
  readonly note: string;
  readonly problems: readonly { readonly key: string; readonly message: string }[];
  /** The fields the page still used, in the generic form. */
  readonly kept: Partial<GenericView>;
}

export interface Corpus {
  readonly about: string;
  /** Links the codec accepts whose schedule replays to the end: the page shows them exactly. */
  readonly accepted: readonly AcceptedLink[];
  /** Links the codec accepts whose schedule strict replay refuses: the page falls back. */
  readonly unrunnable: readonly AcceptedLink[];
  readonly rejected: readonly RejectedLink[];
}

/**
 * An instance's parameters in canonical form: booleans, integers as numbers (not their names:
 * `cursor` 0, not `head`), enum words.
 */
export function canonicalParams(info: ScenarioInfo): Record<string, boolean | number | string> {
  return Object.fromEntries(
    info.params.map((p) => [p.name, canonicalValue(p.type, p.value, p.names)]),
  );
}

function canonicalValue(
  type: 'bool' | 'int' | 'enum',
  value: FieldValue,
  names: Readonly<Record<string, number>> | undefined,
): boolean | number | string {
  if (type === 'bool') return value === true;
  if (type === 'int') return typeof value === 'number' ? value : (names?.[String(value)] ?? NaN);
  return String(value);
}

/** The instance a generic view runs on. */
export function instanceOf(view: Pick<GenericView, 'scenario' | 'params' | 'variant'>) {
  return builtinLibrary().instance(view.scenario, { ...view.params, variant: view.variant });
}

/** The description of a generic view's instance. */
export function infoOf(view: Pick<GenericView, 'scenario' | 'params' | 'variant'>): ScenarioInfo {
  return describeScenario(instanceOf(view));
}

/** The page's catalog: every built-in scenario. */
export const CATALOG: readonly CatalogEntry[] = builtinLibrary().ids.map((id) =>
  catalogEntry(builtinLibrary().doc(id)!),
);

/**
 * The description a page would check a decoded view against: the instance the view names, or,
 * when that cannot be made, the one with the view's parameters under the default variant, or
 * the scenario's default instance. None for a scenario or version the page does not have.
 */
export function describeFor(view: Partial<ShareView>): ScenarioInfo | undefined {
  const lib = builtinLibrary();
  if (view.scenario === undefined || lib.doc(view.scenario)?.version !== view.version) {
    return undefined;
  }
  const attempts = [{ ...view.params, variant: view.variant }, { ...view.params }, {}];
  for (const params of attempts) {
    try {
      return describeScenario(lib.instance(view.scenario, params));
    } catch {
      // A variant or parameter this instance cannot have: try with less of the link.
    }
  }
  return undefined;
}

/** A link as the page reads it: decode, describe what it names, check. */
export function openLink(text: string): DecodeResult {
  const d = decode(text);
  return checkView(d, describeFor(d.ok ? d.value : d.kept), CATALOG);
}

/** The strict replay the page does for a link: every turn as given, and the run must end. */
export function runOf(view: GenericView): SavedRun {
  const r = replay(instanceOf(view), view.tasks);
  if (!r.ok) return { refused: r.problem.message };
  if (!r.trace.complete) return { refused: 'the schedule stops before the run ends' };
  return { steps: r.trace.steps.map((s) => s.stepId).join(' '), outcomes: r.trace.outcomes };
}

/** A small seeded generator, so the corpus is the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
