/**
 * A compiled instance described as plain data for a page: its parameters, variants, lanes,
 * locks, state fields and outcomes, in the document's order and words. It is what the worker
 * sends the page so the page can draw any scenario without compiling one, and knowing nothing of
 * which race it is. Every value here is read from the document or the instance; none is made up.
 */
import { commitUrl, messageUrl } from '../content/links.ts';
import type { FieldValue, TaskId } from '../engine.ts';
import { defaultSchedule } from '../schedule.ts';
import type { ScenarioDoc } from './document.ts';
import type { CompiledScenario } from './instance.ts';
import { codeOf, type CodeLine } from '../content/code.ts';
import { outcomeShort, outcomeTitle } from '../content/words.ts';

/** One entry of the scenario library: enough to offer it in a menu. */
export interface CatalogEntry {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly summary: string;
}

export interface ParamInfo {
  readonly name: string;
  readonly type: 'bool' | 'int' | 'enum';
  readonly label: string;
  readonly description?: string;
  /** Bounds of an int for this instance (a bound naming another parameter is resolved). */
  readonly min?: number;
  readonly max?: number;
  /** Enum words. */
  readonly values?: readonly string[];
  /** An int's named values (`head` for 0). */
  readonly names?: Readonly<Record<string, number>>;
  readonly default: FieldValue;
  /** This instance's value, as people read it (`true`, `2`, `head`, `waits`). */
  readonly value: FieldValue;
}

export interface VariantInfo {
  readonly id: string;
  readonly title: string;
  readonly kernel?: string;
  readonly description: string;
  readonly features: Readonly<Record<string, boolean>>;
}

export interface LaneInfo {
  readonly id: TaskId;
  /** The scenario's name for the task: `1`, `2`, `2.1`. */
  readonly key: string;
  readonly name: string;
  /** The task (or task family) in the document: `t1`, `t2`. */
  readonly ref: string;
  /** The family member's index (1-based) when the family has more than one. */
  readonly index?: number;
}

export interface LockInfo {
  /** The instance's name as views and holds spell it: `dev_lock`, `dev_lock.2`. */
  readonly name: string;
  readonly base: string;
  readonly index?: number;
  readonly kind: 'spinlock' | 'mutex' | 'rwsem';
  /** How people name it (`dev->lock`); the name when the document gives none. */
  readonly label: string;
}

export interface FieldInfo {
  /** The display name as state views spell it: `refs`, `refs.2`. */
  readonly name: string;
  readonly base: string;
  /** The family index (1-based) of an array field with more than one element. */
  readonly index?: number;
  readonly type: 'bool' | 'int' | 'enum' | 'flags';
  readonly group?: string;
  readonly label?: string;
  readonly object?: string;
  readonly description?: string;
  /** Plot it on the counter chart. */
  readonly chart: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly bits?: Readonly<Record<string, number>>;
  readonly names?: Readonly<Record<string, number>>;
}

export interface OutcomeDescription {
  readonly name: string;
  readonly bad: boolean;
  readonly kind: 'flag' | 'final' | 'deadlock' | 'clean';
  readonly description: string;
  /** In words (`lockdep splat`). */
  readonly title: string;
  /** The timeline gutter's form (`splat`). */
  readonly short: string;
}

/** Where a scenario comes from, with the pages a lore reader opens. */
export interface ProvenanceInfo {
  readonly thread: readonly {
    /** `2023-03-07` */
    readonly date: string;
    readonly who: string;
    readonly subject: string;
    readonly messageId: string;
    readonly url: string;
  }[];
  readonly commits: readonly {
    readonly hash: string;
    readonly subject: string;
    readonly role?: string;
    readonly url: string;
  }[];
  readonly links: readonly { readonly title: string; readonly url: string }[];
}

export interface ScenarioInfo extends CatalogEntry {
  readonly provenance: ProvenanceInfo;
  readonly variant: string;
  readonly defaultVariant: string;
  readonly variants: readonly VariantInfo[];
  readonly features: Readonly<Record<string, string>>;
  /** The bug and its fix, when the scenario declares the pair. */
  readonly fix?: { readonly bug: string; readonly fixed: string; readonly label: string };
  readonly params: readonly ParamInfo[];
  readonly lanes: readonly LaneInfo[];
  readonly locks: readonly LockInfo[];
  readonly fields: readonly FieldInfo[];
  readonly outcomes: readonly OutcomeDescription[];
  /** The document's default schedule as task choices. */
  readonly defaultTasks: readonly TaskId[];
  /** Each task's pseudo-code (by task ref), as this variant and these parameters show it. */
  readonly code: Readonly<Record<string, readonly CodeLine[]>>;
}

export function catalogEntry(doc: ScenarioDoc): CatalogEntry {
  return { id: doc.id, version: doc.version, title: doc.title, summary: doc.summary };
}

/** `name.3` → ['name', 3]; `name` → ['name', undefined]. */
function splitIndex(name: string): [string, number | undefined] {
  const m = /^(.*)\.(\d+)$/.exec(name);
  return m ? [m[1], Number(m[2])] : [name, undefined];
}

export function describeScenario(sc: CompiledScenario): ScenarioInfo {
  const doc = sc.doc;
  const low = sc.lowered;
  const params: ParamInfo[] = (doc.parameters ?? []).map((p) => {
    const bound = (b: unknown) =>
      typeof b === 'number' ? b : typeof b === 'string' ? low.params.numeric.get(b) : undefined;
    return {
      name: p.name,
      type: p.type,
      label: p.label,
      ...(p.description ? { description: p.description } : {}),
      ...(p.type === 'int' ? { min: bound(p.min), max: bound(p.max) } : {}),
      ...(p.values ? { values: p.values } : {}),
      ...(p.names ? { names: p.names } : {}),
      default: p.default,
      value: low.params.display[p.name],
    };
  });
  const lanes: LaneInfo[] = low.tasks.map((t) => {
    const [, index] = t.key.includes('.') ? splitIndex(t.key) : [t.key, undefined];
    return { id: t.id, key: t.key, name: t.name, ref: t.ref, ...(index ? { index } : {}) };
  });
  const lockDocs = new Map((doc.locks ?? []).map((l) => [l.name, l]));
  const locks: LockInfo[] = low.locks.map((l) => {
    const [base, index] = splitIndex(l.name);
    const d = lockDocs.get(base) ?? lockDocs.get(l.name);
    const label = d?.label ?? base;
    return {
      name: l.name,
      base: d ? d.name : base,
      ...(index !== undefined && d && d.name !== l.name ? { index } : {}),
      kind: l.kind,
      label,
    };
  });
  const fields: FieldInfo[] = low.fields.map((f) => {
    const d = f.doc;
    const [, index] = f.name === f.field ? [f.name, undefined] : splitIndex(f.name);
    return {
      name: f.name,
      base: f.field,
      ...(index !== undefined ? { index } : {}),
      type: d.type,
      ...(d.group ? { group: d.group } : {}),
      ...(d.label ? { label: d.label } : {}),
      ...(d.object ? { object: d.object } : {}),
      ...(d.description ? { description: d.description } : {}),
      chart: d.chart === true,
      ...(d.type === 'int' ? { min: low.domains[f.slot].min, max: low.domains[f.slot].max } : {}),
      ...(f.words ? { values: f.words } : {}),
      ...(d.bits ? { bits: d.bits } : {}),
      ...(d.names ? { names: d.names } : {}),
    };
  });
  const outcomeDocs = new Map(doc.outcomes.map((o) => [o.name, o]));
  const outcomes: OutcomeDescription[] = low.outcomes.map((o) => ({
    name: o.name,
    bad: o.bad,
    kind: o.kind,
    description: outcomeDocs.get(o.name)?.description ?? '',
    title: outcomeTitle(doc, o.name),
    short: outcomeShort(doc, o.name),
  }));
  return {
    ...catalogEntry(doc),
    provenance: provenanceOf(doc),
    variant: sc.variant,
    defaultVariant: doc.variants.default,
    variants: doc.variants.list.map((x) => ({
      id: x.id,
      title: x.title,
      ...(x.kernel ? { kernel: x.kernel } : {}),
      description: x.description,
      features: x.features ?? {},
    })),
    features: doc.variants.features ?? {},
    ...(doc.variants.fix ? { fix: doc.variants.fix } : {}),
    params,
    lanes,
    locks,
    fields,
    outcomes,
    defaultTasks: defaultSchedule(sc),
    code: codeOf(sc),
  };
}

/** A document's provenance with every message and commit linked, dates as `YYYY-MM-DD`. */
function provenanceOf(doc: ScenarioDoc): ProvenanceInfo {
  const p = doc.provenance ?? {};
  // YAML reads an unquoted date as a Date; the build's JSON has written it as an ISO string.
  const day = (d: string | { toISOString(): string }) =>
    (typeof d === 'string' ? d : d.toISOString()).slice(0, 10);
  return {
    thread: (p.thread ?? []).map((t) => ({
      date: day(t.date),
      who: t.who,
      subject: t.subject,
      messageId: t.message_id,
      url: messageUrl(t.message_id),
    })),
    commits: (p.commits ?? []).map((c) => ({ ...c, url: commitUrl(c.hash) })),
    links: p.links ?? [],
  };
}
