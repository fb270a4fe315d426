/** `interleave export --format promela`: the same instance as a Promela model for Spin. */
import type { CompiledScenario } from '../../core/index.ts';
import { exportPromela } from '../../core/export/promela.ts';
import { UsageError, type Io } from '../io.ts';

export function runExport(scenario: CompiledScenario, format: string | undefined, io: Io): number {
  if (format !== 'promela') {
    throw new UsageError(`--format ${format ?? '(missing)'}: the only format is promela`);
  }
  io.out(exportPromela(scenario));
  return 0;
}
