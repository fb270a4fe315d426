/**
 * The fix as a diff: the pseudo-code of a scenario's bug variant against its fixed variant, per
 * task, as a line diff. The scenario says which pair that is (`variants.fix`); the lines are
 * what `codeOf` shows for each variant, so the diff is exactly what the page's code panel would
 * show switching from one to the other.
 */
import { codeOf, type CodeLine } from './content/code.ts';
import { compileScenario } from './scenario/compile.ts';
import type { ScenarioDoc } from './scenario/document.ts';
import type { CompiledScenario } from './scenario/instance.ts';
import type { ParamInput } from './scenario/params.ts';

/** One line of a diff: kept, added by the fix or removed by it. */
export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  /** A `same` line is the fixed side's (its `step` and `href` are the fixed variant's). */
  readonly line: CodeLine;
}

/** A scenario's fix as a diff, with the variant pair it compares. */
export interface FixDiff {
  readonly bug: string;
  readonly fixed: string;
  readonly label: string;
  /** Per task ref (`t1`), the bug side's lines turned into the fixed side's. */
  readonly tasks: Record<string, DiffLine[]>;
}

// Two lines are the same line when they read the same at the same depth; a step id or link that
// differs between the variants is not a change anyone reading the code would see.
const sameLine = (a: CodeLine, b: CodeLine): boolean => a.text === b.text && a.indent === b.indent;

/** The longest-common-subsequence diff of two line lists; removals come before additions. */
function diffLines(bug: readonly CodeLine[], fixed: readonly CodeLine[]): DiffLine[] {
  const n = bug.length;
  const m = fixed.length;
  // lcs[i][j]: length of the longest common subsequence of bug[i..] and fixed[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = sameLine(bug[i], fixed[j])
        ? lcs[i + 1][j + 1] + 1
        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && sameLine(bug[i], fixed[j])) {
      out.push({ kind: 'same', line: fixed[j] });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ kind: 'removed', line: bug[i] });
      i++;
    } else {
      out.push({ kind: 'added', line: fixed[j] });
      j++;
    }
  }
  return out;
}

/**
 * The line diff (LCS, lines compared by text and indent) of each task's pseudo-code, bug side
 * to fixed side. Task refs present on one side only are all removed or all added; the result
 * has the bug side's refs first, in their order, then refs only the fixed side has.
 */
export function codeDiff(
  bug: Readonly<Record<string, readonly CodeLine[]>>,
  fixed: Readonly<Record<string, readonly CodeLine[]>>,
): Record<string, DiffLine[]> {
  const refs = [...new Set([...Object.keys(bug), ...Object.keys(fixed)])];
  return Object.fromEntries(refs.map((r) => [r, diffLines(bug[r] ?? [], fixed[r] ?? [])]));
}

/**
 * The fix of a scenario that declares its bug/fix pair, as a code diff for the given parameters
 * (each variant compiled with them, or taken from `instance`, a cache); undefined when the
 * document declares no pair.
 */
export function fixDiffOf(
  doc: ScenarioDoc,
  params: ParamInput = {},
  instance: (variant: string) => CompiledScenario = (variant) =>
    compileScenario(doc, { ...params, variant }),
): FixDiff | undefined {
  const pair = doc.variants.fix;
  if (!pair) return undefined;
  return { ...pair, tasks: codeDiff(codeOf(instance(pair.bug)), codeOf(instance(pair.fixed))) };
}
