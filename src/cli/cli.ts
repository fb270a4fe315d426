/**
 * The simulation core from Node, for any scenario. Built to one plain JS file (the package's
 * `interleave` bin), so no TypeScript is compiled at run time.
 */
import { parseArgs } from 'node:util';
import { runCheck } from './commands/check.ts';
import { runExplore } from './commands/explore.ts';
import { runExport } from './commands/export.ts';
import { runReplay } from './commands/replay.ts';
import { runScenarios } from './commands/scenarios.ts';
import { builtinLibrary, DEFAULT_SCENARIO, ModelError } from '../core/index.ts';
import {
  FileError,
  instanceOf,
  paramsOf,
  peekScenario,
  processIo,
  scenarioOf,
  shorthandFlags,
  UsageError,
  type Io,
} from './io.ts';

const USAGE = `Usage:
  interleave explore   [--scenario ID|FILE] [--variant ID|all] [--set NAME=VALUE]... [--limit N] [--json]
  interleave replay    [--scenario ID|FILE] --variant ID [--set NAME=VALUE]... --schedule S [--json]
  interleave export    [--scenario ID|FILE] --variant ID [--set NAME=VALUE]... --format promela
  interleave scenarios [--json]
  interleave check     FILE...

  (npm run explore|replay|export|scenarios|check -- … runs the same.)
  ID is a built-in scenario; "npm run scenarios" lists them with their parameters, variants and
    shorthand flags. FILE is a scenario document (.yaml). The default is ${DEFAULT_SCENARIO}.
  S is a comma-separated list of task numbers (1,1,2,…), of step ids, or "default" for the
    scenario's own schedule ("email" is its old name).`;

function parse(argv: string[], flags: ReadonlyMap<string, unknown>) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scenario: { type: 'string' },
      variant: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      schedule: { type: 'string' },
      format: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...Object.fromEntries([...flags.keys()].map((f) => [f, { type: 'boolean' as const }])),
    },
  });
}

function limitOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--limit takes a positive integer');
  return n;
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === 'check')
    return runCheck(
      argv.filter((a) => a !== 'check'),
      io,
    );
  const named = peekScenario(argv);
  const { library, doc } =
    command === 'scenarios'
      ? { library: builtinLibrary(), doc: undefined }
      : await scenarioOf(named);
  const flags = doc ? shorthandFlags(doc) : new Map();
  const { values, positionals } = parse(argv, flags);
  if (values.help) {
    io.out(USAGE + '\n');
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no command given');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (command === 'scenarios') return runScenarios(library, values.json, io);
  if (!doc) throw new UsageError(`unknown command "${command}"`);
  const params = paramsOf(values.set, flags, values);
  if (command === 'explore') {
    return runExplore(
      {
        library,
        doc,
        variant: values.variant,
        params,
        limit: limitOf(values.limit),
        json: values.json,
      },
      io,
    );
  }
  if (command !== 'replay' && command !== 'export')
    throw new UsageError(`unknown command "${command}"`);
  if (values.variant === undefined) throw new UsageError('--variant is required');
  const scenario = instanceOf(library, doc.id, { ...params, variant: values.variant });
  if (command === 'replay') return runReplay(scenario, values.schedule, values.json, io);
  return runExport(scenario, values.format, io);
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof FileError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ModelError) {
      io.err(`interleave: the model went wrong: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`interleave: ${message}\n\n${USAGE}\n`);
    return 2;
  }
}
