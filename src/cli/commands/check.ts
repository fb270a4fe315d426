/** `interleave check FILE…`: reads scenario files and reports every problem, with its place. */
import { FileError, readScenarioFile, UsageError, type Io } from '../io.ts';

export async function runCheck(files: readonly string[], io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError('check needs one or more scenario files');
  let failed = 0;
  for (const file of files) {
    try {
      const doc = await readScenarioFile(file);
      io.out(`${file}: ok — ${doc.id} v${doc.version}, ${doc.variants.list.length} variant(s)\n`);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      io.err(e.message + '\n');
      failed++;
    }
  }
  return failed ? 2 : 0;
}
