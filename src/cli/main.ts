/**
 * The CLI's module: `main(argv)` returns the exit code. bin/interleave.mjs loads the built copy of
 * this file (dist-cli/interleave.mjs) and runs it.
 */
export { main } from './cli.ts';
