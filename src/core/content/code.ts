/**
 * A scenario's pseudo-code, per task, as this instance's variant and parameters show it.
 */
import type { CompiledScenario } from '../scenario/instance.ts';
import type { CodeLine } from './lowered.ts';

export type { CodeLine };

/**
 * The pseudo-code lines of each task ref (`t1`, `t2`): the document's `code` with the lines
 * whose `when` is false left out and source references turned into links. A line's `step` is
 * the document step id; a family member's instance steps (`t1_get.2`) share its `base`.
 */
export function codeOf(sc: CompiledScenario): Record<string, CodeLine[]> {
  return Object.fromEntries(
    Object.entries(sc.lowered.content.code).map(([ref, lines]) => [
      ref,
      lines.map(({ text, indent, step, href }) => ({
        text,
        indent,
        ...(step !== undefined ? { step } : {}),
        ...(href !== undefined ? { href } : {}),
      })),
    ]),
  );
}
