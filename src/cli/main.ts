/** Entry point: `tsx src/cli/main.ts explore|replay …` (see cli.ts). */
import { main } from './cli.ts';

process.exitCode = main(process.argv.slice(2));
