/**
 * The CLI (`interleave …`, src/cli/cli.ts) run in the test's own Node process, on the same
 * modules the page is built from: what a person gets from `npm run -s explore -- … --json`.
 */
import { loadPageCode } from './load-page-code.ts';

const { cli } = await loadPageCode();

/** Runs the CLI on `args`; throws with its error output unless it exits 0. */
export async function runCli(args: readonly string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await cli([...args], { out: (t) => void (out += t), err: (t) => void (err += t) });
  if (code !== 0) throw new Error(`interleave ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

/** One variant of `explore --json`, every count as its exact decimal digits. */
export interface ExploredVariant {
  readonly id: string;
  readonly reachableStates: string;
  readonly completeSchedules: string;
  readonly schedulesWith: Readonly<Record<string, string>>;
  readonly shortestWitness: Readonly<Record<string, readonly string[]>>;
}

/**
 * `explore --json` with `args` (`--scenario`, `--set`, `--variant`). The CLI prints counts as
 * bare integers of any size; they are read as digit strings so none is rounded.
 */
export async function exploreJson(args: readonly string[]): Promise<ExploredVariant[]> {
  const out = await runCli(['explore', ...args, '--json']);
  const exact = out.replace(/([:[,])(-?\d+)(?=[,\]}])/g, '$1"$2"');
  return (JSON.parse(exact) as { variants: ExploredVariant[] }).variants;
}

/** The digits of a count as the page prints it (`51,327,549` → `51327549`). */
export const digits = (s: string | null): string => (s ?? '').replace(/\D/g, '');
