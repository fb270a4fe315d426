/**
 * What every command shares: where output goes, usage errors, scenario lookup (a built-in id or a
 * file), parameters from `--set NAME=VALUE` and from a scenario's shorthand flags.
 */
import { readFileSync } from 'node:fs';
import {
  builtinLibrary,
  createLibrary,
  DEFAULT_SCENARIO,
  ParamError,
  type Library,
  type ParamInput,
  type ScenarioDoc,
} from '../core/index.ts';

/** A mistake in what the user typed: exit code 2 with the usage text. */
export class UsageError extends Error {}

/** A scenario file that does not load: exit code 2 with its problems, no usage text. */
export class FileError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const looksLikeFile = (s: string) => /\.ya?ml$/i.test(s) || s.includes('/');

/**
 * Reads and checks a scenario file; its problems become a FileError. The YAML parser and the
 * document schema load only here, so a run on the built-in scenarios does not pay for them.
 */
export async function readScenarioFile(path: string): Promise<ScenarioDoc> {
  const { formatProblems, parseScenarioText } = await import('../core/scenario/load.ts');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new FileError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const r = parseScenarioText(text, path);
  if (!r.ok) throw new FileError(formatProblems(r.problems));
  return r.doc;
}

/** The library a command works in and the scenario it names (`--scenario`, default built-in). */
export async function scenarioOf(
  name: string | undefined,
): Promise<{ library: Library; doc: ScenarioDoc }> {
  if (name !== undefined && looksLikeFile(name)) {
    const doc = await readScenarioFile(name);
    return { library: createLibrary([doc]), doc };
  }
  const library = builtinLibrary();
  const id = name ?? DEFAULT_SCENARIO;
  const doc = library.doc(id);
  if (!doc) {
    throw new UsageError(
      `unknown scenario "${id}"; use one of ${library.ids.join(', ')}, or a path to a .yaml file`,
    );
  }
  return { library, doc };
}

/** The value after `--scenario` in raw arguments, before the full parse (flags depend on it). */
export function peekScenario(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scenario') return argv[i + 1];
    if (argv[i].startsWith('--scenario=')) return argv[i].slice('--scenario='.length);
  }
  return undefined;
}

/** A scenario's shorthand flags (`--rmap-nonempty`, `--cursor-at-slot`) → parameter values. */
export function shorthandFlags(
  doc: ScenarioDoc,
): Map<string, { param: string; value: string | number | boolean }> {
  const out = new Map<string, { param: string; value: string | number | boolean }>();
  for (const p of doc.parameters ?? []) {
    if (typeof p.flag === 'string') out.set(p.flag, { param: p.name, value: true });
    else if (p.flag)
      for (const [flag, value] of Object.entries(p.flag)) out.set(flag, { param: p.name, value });
  }
  return out;
}

/** `--set NAME=VALUE` entries and set shorthand flags, as parameter input. */
export function paramsOf(
  sets: readonly string[],
  flags: ReadonlyMap<string, { param: string; value: string | number | boolean }>,
  given: Readonly<Record<string, unknown>>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [flag, { param, value }] of flags) if (given[flag] === true) out[param] = value;
  for (const s of sets) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(s);
    if (!m) throw new UsageError(`--set takes NAME=VALUE, not "${s}"`);
    if (m[1] === 'variant') throw new UsageError('choose the variant with --variant, not --set');
    out[m[1]] = m[2];
  }
  return out;
}

/** Compiles one instance; a bad parameter becomes a UsageError naming what is allowed. */
export function instanceOf(library: Library, id: string, params: ParamInput) {
  try {
    return library.instance(id, params);
  } catch (e) {
    if (e instanceof ParamError) throw new UsageError(e.message);
    throw e;
  }
}
