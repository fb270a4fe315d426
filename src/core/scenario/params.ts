/**
 * A scenario's parameters: the values a user sets (on the command line, in a link), checked
 * against the document's declarations, with the variant among them.
 */
import type { ParamDoc, ScenarioDoc } from './document.ts';
import type { FieldValue } from '../engine.ts';

/** What a user asks for: parameter name → value (strings from a command line are parsed). */
export type ParamInput = Readonly<Record<string, FieldValue | undefined>>;

/** Resolved parameters: every declared parameter has a value, plus `variant`. */
export interface ResolvedParams {
  readonly variant: string;
  /** Numeric value of each parameter (bool 0/1, enum index), for the compiler. */
  readonly numeric: ReadonlyMap<string, number>;
  /** The values as people read them: true, 2, head, waits. */
  readonly display: Readonly<Record<string, FieldValue>>;
}

export class ParamError extends Error {
  /** The parameter's place in the document's list, when the problem is one parameter's. */
  readonly index?: number;
  constructor(message: string, index?: number) {
    super(message);
    this.index = index;
  }
}

function describe(p: ParamDoc, max: number | undefined, min: number | undefined): string {
  if (p.type === 'bool') return 'true or false';
  if (p.type === 'enum') return `one of ${(p.values ?? []).join(', ')}`;
  const names = Object.keys(p.names ?? {});
  return `a whole number from ${min} to ${max}${names.length ? ` or ${names.join(', ')}` : ''}`;
}

/** A bound (`min`/`max`) may be a number or the name of an earlier integer parameter. */
function bound(
  p: ParamDoc,
  which: 'min' | 'max',
  numeric: ReadonlyMap<string, number>,
): number | undefined {
  const b = p[which];
  if (b === undefined) return undefined;
  if (typeof b === 'number') return b;
  const v = numeric.get(String(b));
  if (v === undefined) {
    throw new ParamError(
      `parameter ${p.name}: ${which} "${b}" is not an earlier integer parameter`,
    );
  }
  return v;
}

function parseValue(
  p: ParamDoc,
  raw: FieldValue,
  min: number | undefined,
  max: number | undefined,
): number {
  const bad = () =>
    new ParamError(
      `${p.name}=${String(raw)} is not allowed: ${p.name} is ${describe(p, max, min)}`,
    );
  if (p.type === 'bool') {
    if (raw === true || raw === 'true' || raw === 1) return 1;
    if (raw === false || raw === 'false' || raw === 0) return 0;
    throw bad();
  }
  if (p.type === 'enum') {
    const i = (p.values ?? []).indexOf(String(raw));
    if (i < 0) throw bad();
    return i;
  }
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^-?\d+$/.test(raw)) n = Number(raw);
  else if (typeof raw === 'string' && p.names && raw in p.names) n = p.names[raw];
  else throw bad();
  if (!Number.isInteger(n) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw bad();
  }
  return n;
}

function displayOf(p: ParamDoc, n: number): FieldValue {
  if (p.type === 'bool') return n !== 0;
  if (p.type === 'enum') return (p.values ?? [])[n];
  const name = Object.entries(p.names ?? {}).find(([, v]) => v === n)?.[0];
  return name ?? n;
}

/**
 * Checks `input` against the declarations, in declaration order (a bound may name an earlier
 * parameter: `cursor` runs up to `processes`). Unknown names and bad values throw a ParamError
 * that says what is allowed.
 */
export function resolveParams(doc: ScenarioDoc, input: ParamInput): ResolvedParams {
  const declared = doc.parameters ?? [];
  const known = new Set(['variant', ...declared.map((p) => p.name)]);
  for (const name of Object.keys(input)) {
    if (input[name] !== undefined && !known.has(name)) {
      throw new ParamError(`${doc.id} has no parameter "${name}"; it has ${[...known].join(', ')}`);
    }
  }
  const variants = doc.variants.list.map((x) => x.id);
  const variant = input.variant === undefined ? doc.variants.default : String(input.variant);
  if (!variants.includes(variant)) {
    throw new ParamError(
      `${doc.id} has no variant "${variant}"; use one of ${variants.join(', ')}`,
    );
  }
  const numeric = new Map<string, number>();
  const display: Record<string, FieldValue> = {};
  declared.forEach((p, index) => {
    let n: number;
    try {
      const min = bound(p, 'min', numeric);
      const max = bound(p, 'max', numeric);
      n = parseValue(p, input[p.name] ?? p.default, min, max);
    } catch (e) {
      throw e instanceof ParamError ? new ParamError(e.message, index) : e;
    }
    numeric.set(p.name, n);
    display[p.name] = displayOf(p, n);
  });
  return { variant, numeric, display };
}
