/**
 * Runs a fast-check property and prints its seed, so any run can be repeated with FC_SEED=….
 * Test support only.
 */
import fc from 'fast-check';

declare const process: { env: Record<string, string | undefined> };

export function checkProperty<Ts>(name: string, property: fc.IProperty<Ts>, numRuns = 200): void {
  const seedText = process.env.FC_SEED;
  const details = fc.check(property, {
    numRuns,
    ...(seedText !== undefined ? { seed: Number(seedText) } : {}),
  });
  console.log(`[fast-check] ${name}: seed=${details.seed} runs=${details.numRuns}`);
  if (details.failed) {
    // The report names the counterexample; the error says what was wrong with it.
    const why = details.errorInstance instanceof Error ? details.errorInstance.message : '';
    throw new Error(`${fc.defaultReportMessage(details) ?? `${name} failed`}\n${why}`);
  }
}
