/**
 * The second half of reading a link: does the decoded view make sense for a scenario this page
 * has? `decode` (share.ts) knows only the syntax; this knows the scenario from its description
 * (ScenarioInfo, which the worker sends), so the page's main thread never compiles one.
 */
import type { CatalogEntry, ParamInfo, ScenarioInfo } from '../core/index.ts';
import { clip, inOrder, listWords, problem, quoteTasks, RANK } from './fields.ts';
import {
  MAX_TURNS,
  type DecodeResult,
  type ParamValue,
  type Problem,
  type ShareView,
} from './view.ts';

/**
 * Checks a view against the page's catalog and the description of the instance it asks for,
 * and lists every problem, naming the field and what is wrong, in the order format 1 listed them.
 *
 * - `input`: a view, or what `decode` made of a link (its problems are kept, and the fields it
 *   kept are checked).
 * - `info`: the description of the instance the view names (its scenario, variant and
 *   parameters), because bounds and lanes depend on the parameters (`cursor` runs up to
 *   `processes`; each process adds a lane). When that instance cannot be made (an unknown
 *   variant, a parameter out of range), pass the description of the scenario's default instance:
 *   the problems are then named against it. It may be absent only when the scenario is not in
 *   the catalog.
 * - `catalog`: the scenarios this page has.
 *
 * A link for a scenario the page lacks, or for another version of it, keeps nothing: its other
 * fields may mean something else there. Otherwise the result keeps every field that passed.
 * Throws only when `info` describes a different scenario or version than the view names (a bug
 * in the caller, not a bad link).
 */
export function checkView(
  input: ShareView | DecodeResult,
  info: ScenarioInfo | undefined,
  catalog: readonly CatalogEntry[],
): DecodeResult {
  const decoded: DecodeResult = 'ok' in input ? input : { ok: true, value: input };
  const view: Partial<ShareView> = decoded.ok ? decoded.value : decoded.kept;
  const earlier = decoded.ok ? [] : decoded.problems;
  if (view.scenario === undefined || view.version === undefined) return decoded;

  const entry = catalog.find((e) => e.id === view.scenario);
  if (!entry) {
    return refuse(
      `the link is for the model "${clip(view.scenario)}", which this page does not have (it has ${catalog.map((e) => e.id).join(', ')})`,
    );
  }
  if (view.version !== entry.version) {
    return refuse(
      view.version > entry.version
        ? `the link is for version ${view.version} of the model, newer than this page's version ${entry.version}`
        : `the link is for version ${view.version} of the model, which this page no longer has (it has ${entry.version})`,
    );
  }
  if (!info || info.id !== view.scenario || info.version !== view.version) {
    throw new Error(
      `checkView: the view is for ${view.scenario}.${view.version}, the description for ${info ? `${info.id}.${info.version}` : 'nothing'}`,
    );
  }

  const problems: Problem[] = [];
  const kept: { -readonly [K in keyof ShareView]?: ShareView[K] } = { ...view };
  const variantIds = info.variants.map((x) => x.id);
  const notAVariant = `is not one of the model's variants (${variantIds.join(', ')})`;

  if (view.variant !== undefined && !variantIds.includes(view.variant)) {
    problems.push(problem('var', `the variant "${clip(view.variant)}" ${notAVariant}`, RANK.var));
    delete kept.variant;
  }

  if (view.params !== undefined) {
    const checked = checkParams(view.params, info.params, problems);
    kept.params = checked;
  }

  if (view.tasks !== undefined) {
    const lanes = info.lanes.map((l) => l.id);
    const quoted = `the schedule "${quoteTasks(view.tasks)}"`;
    const bad =
      view.tasks.length === 0
        ? `the schedule is empty`
        : view.tasks.length > MAX_TURNS
          ? `${quoted} is longer than ${MAX_TURNS} turns`
          : !view.tasks.every((t) => lanes.includes(t))
            ? `${quoted} names a task the model does not have (tasks are ${listWords(lanes)})`
            : null;
    if (bad !== null) {
      problems.push(problem('s', bad, RANK.s));
      delete kept.tasks;
    }
  }

  if (view.compare !== undefined && !variantIds.includes(view.compare)) {
    problems.push(
      problem(
        'cmp',
        `the variant to compare with "${clip(view.compare)}" ${notAVariant}`,
        RANK.cmp,
      ),
    );
    delete kept.compare;
  }

  if (view.bad !== undefined) {
    const bad = info.outcomes.filter((o) => o.bad).map((o) => o.name);
    if (!bad.includes(view.bad.outcome)) {
      problems.push(
        problem(
          'b',
          `"${clip(view.bad.outcome)}" is not one of the model's bad outcomes (${listWords(bad)})`,
          RANK.b,
        ),
      );
      delete kept.bad;
    }
  }

  if (view.cursor !== undefined) {
    const n = kept.tasks?.length;
    if (!Number.isInteger(view.cursor) || view.cursor < 0) {
      problems.push(problem('c', `the cursor ${view.cursor} is not a whole number`, RANK.c));
      delete kept.cursor;
    } else if (n !== undefined && view.cursor > n) {
      problems.push(
        problem(
          'c',
          `the cursor ${view.cursor} is past the end of the ${n}-step schedule`,
          RANK.pastEnd,
        ),
      );
      delete kept.cursor;
    }
    // A cursor is a position in a schedule: without the link's schedule it means nothing.
    if (kept.tasks === undefined) delete kept.cursor;
  }

  if (earlier.length === 0 && problems.length === 0) return { ok: true, value: kept as ShareView };
  return { ok: false, problems: inOrder([...earlier, ...problems]), kept };
}

function refuse(message: string): DecodeResult {
  return { ok: false, problems: [problem('m', message, RANK.m)], kept: {} };
}

/** What a parameter may be, in words: `true or false`, `a whole number from 1 to 4`. */
function allowed(p: ParamInfo): string {
  if (p.type === 'bool') return 'true or false';
  if (p.type === 'enum') return `one of ${(p.values ?? []).join(', ')}`;
  if (p.min !== undefined && p.max !== undefined) return `a whole number from ${p.min} to ${p.max}`;
  if (p.min !== undefined) return `a whole number of at least ${p.min}`;
  if (p.max !== undefined) return `a whole number of at most ${p.max}`;
  return 'a whole number';
}

/** The value in canonical form if the parameter allows it. */
function accept(p: ParamInfo, value: ParamValue): ParamValue | undefined {
  if (p.type === 'bool') return typeof value === 'boolean' ? value : undefined;
  if (p.type === 'enum') {
    // An enum word that reads as true/false or a number is still the word.
    const word = String(value);
    return (p.values ?? []).includes(word) ? word : undefined;
  }
  const ok =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    (p.min === undefined || value >= p.min) &&
    (p.max === undefined || value <= p.max);
  return ok ? value : undefined;
}

/** Every declared parameter given and allowed, nothing else; returns the ones that passed. */
function checkParams(
  params: Readonly<Record<string, ParamValue>>,
  declared: readonly ParamInfo[],
  problems: Problem[],
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  const names = declared.map((p) => p.name);
  for (const [name, value] of Object.entries(params)) {
    const p = declared.find((d) => d.name === name);
    if (!p) {
      const has = names.length === 0 ? 'it has none' : names.join(', ');
      problems.push(
        problem(
          'p',
          `the parameter "${clip(name)}" is not one of the model's parameters (${has})`,
          RANK.params,
        ),
      );
      continue;
    }
    const ok = accept(p, value);
    if (ok === undefined) {
      problems.push(
        problem(
          'p',
          `the parameter ${name}:${clip(String(value))} is not allowed (${name} is ${allowed(p)})`,
          RANK.params,
        ),
      );
      continue;
    }
    out[name] = ok;
  }
  for (const name of names) {
    if (!Object.hasOwn(params, name)) {
      problems.push(problem('p', `the parameter ${name} is missing (p=…,${name}:…)`, RANK.params));
    }
  }
  return out;
}
