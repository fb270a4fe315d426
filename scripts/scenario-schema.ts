/**
 * Generates docs/scenario.schema.json, the JSON Schema of a scenario document, from the valibot
 * schema in src/core/scenario/document.ts, so that editors (the YAML language server in VS Code,
 * Neovim, Helix, …) can complete keys and flag mistakes while a scenario is typed. Scenario files
 * point at it with a first line `# yaml-language-server: $schema=<relative path>`.
 *
 *   npx tsx scripts/scenario-schema.ts          writes docs/scenario.schema.json
 *   npx tsx scripts/scenario-schema.ts --check  exits 1 if the file is out of date
 *
 * The schema checks shape only (keys, types, identifier spelling); whether names resolve and
 * expressions make sense is the loader's job (`npm run check -- FILE.yaml`).
 * src/core/scenario/schema.test.ts fails when the committed file differs from a fresh generation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import { ScenarioDocument } from '../src/core/scenario/document.ts';

/** Where the schema is committed. */
export const SCHEMA_FILE = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));

const SCHEMA_ID = 'urn:interleave:scenario-format:1';
const TITLE = 'Interleave scenario (format 1)';
const DESCRIPTION =
  'One kernel race as data: tasks, their steps, locks and state, the variants to compare and ' +
  'the outcomes to count. Reference: docs/scenario-format.md. This schema checks shape only; ' +
  'run `npm run check -- FILE.yaml` for names and expressions.';

const EXPR =
  'An expression (docs/scenario-format.md, "Expressions"): text, a number or true/false.';
const CONST_EXPR =
  'An expression known before the run: numbers, parameters, variant features, constants.';
const FOR =
  '`name in from..to`, e.g. `i in 1..processes`: one member per index. Each bound is a number or a parameter or constant name.';
const PIECE =
  'A text, or one of { text | lines | choose } with if, for, each, dim, strong (docs/scenario-format.md 3.15).';
const TESTS =
  'Report tests, all of which must hold: step, task, before, after, found, missing, by, lock, is (docs/scenario-format.md 3.15).';
const TEXT_CHOICE =
  'A text, or a list of { when, text } alternatives: the first whose `when` holds in the variant; end with one without `when`.';

/**
 * Descriptions by place in the document: `a.b` is key b of a, `a[]` an element of list a,
 * `a{}` the value of any key of map a. A place the generated schema does not have is reported
 * (document.ts changed), not silently dropped.
 */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  format: 'The format version of this file. Always 1.',
  id: 'Scenario id, lower-kebab-case: `--scenario ID` and links use it.',
  version: 'Version of this model, a whole number from 1; raise it when results change.',
  title: 'One-line title.',
  summary: 'Two or three sentences on what races with what.',
  provenance: 'Where the race comes from: mail thread, commits, links. Shown on the page.',
  'provenance.thread': 'Messages of the mail thread, oldest first.',
  'provenance.thread[].date': 'Date of the message, e.g. 2023-03-07.',
  'provenance.thread[].who': 'Author.',
  'provenance.thread[].subject': 'Subject line.',
  'provenance.thread[].message_id': 'Message-ID without angle brackets (for lore.kernel.org).',
  'provenance.commits': 'Commits that introduced, fixed or explain the race.',
  'provenance.commits[].hash': 'Abbreviated commit hash.',
  'provenance.commits[].subject': 'Commit subject.',
  'provenance.commits[].role': 'e.g. introduced, fix, context.',
  'provenance.links': 'Other links (syzbot, bug trackers).',
  source_url:
    'URL template for step `source`s, with {version}, {file} and {line}, e.g. https://elixir.bootlin.com/linux/{version}/source/{file}#L{line}.',
  parameters:
    'Values a user sets (`--set NAME=VALUE`, links); each is a constant while the model runs.',
  'parameters[].name': 'Parameter name, lower_snake_case; expressions use it as a constant.',
  'parameters[].type': 'bool, int (with min and max) or enum (with values).',
  'parameters[].min': 'int: the smallest value, a number or the name of an earlier parameter.',
  'parameters[].max': 'int: the largest value, a number or the name of an earlier parameter.',
  'parameters[].values': 'enum: the allowed words; in expressions each word is its enum value.',
  'parameters[].default': 'The value when none is given.',
  'parameters[].names':
    'int: words for values, e.g. { head: 0 }: accepted as values and usable as constants in expressions.',
  'parameters[].label': 'Short label for controls.',
  'parameters[].description': 'What the parameter means.',
  'parameters[].flag':
    'Command-line shorthand: a flag name for a bool (sets it true), or { flag-name: value }.',
  variants:
    'The versions of the code to compare (the bug, the fix, controls), as sets of features.',
  'variants.default': 'The variant shown when none is chosen.',
  'variants.features':
    'Feature name → what it means. A feature is a constant true/false in expressions; a variant turns features on.',
  'variants.fix': 'The bug/fix pair the page offers to compare.',
  'variants.fix.bug': 'Variant id of the bug.',
  'variants.fix.fixed': 'Variant id of the fix.',
  'variants.fix.label': 'Name of the fix.',
  'variants.list': 'The variants.',
  'variants.list[].id': 'Variant id (`--variant ID`).',
  'variants.list[].title': 'Title of the variant.',
  'variants.list[].kernel': 'Which kernel version or commit this variant is.',
  'variants.list[].description': 'What differs in this variant.',
  'variants.list[].features':
    'Feature → true/false for this variant; a feature not listed is false.',
  constants: 'Named numbers (identifiers), e.g. MT_FLAGS_LOCK_EXTERN: 0x300.',
  locks: 'Locks: spinlock, mutex or rwsem. Who holds each is part of the state.',
  'locks[].name': 'Lock name, lower_snake_case.',
  'locks[].kind':
    'spinlock or mutex (one holder) or rwsem (one writer or many readers). A task that cannot take a lock waits.',
  'locks[].for': `A family of locks, one per index: ${FOR}`,
  'locks[].label': 'How the lock reads in the kernel, e.g. mm->mmap_lock.',
  state: 'State fields, in key order: the values that steps read and write.',
  'state[].name': 'Field name, lower_snake_case.',
  'state[].for': `An array field, one element per index: ${FOR}`,
  'state[].type':
    'bool, int (min..max), enum (values) or flags (bits). The domain is part of the state key.',
  'state[].min': `int: the smallest value. ${CONST_EXPR}`,
  'state[].max': `int: the largest value. ${CONST_EXPR}`,
  'state[].values': 'enum: the words, in order.',
  'state[].bits':
    'flags: name → bit mask of each group; a value is a union of groups. The names become constants.',
  'state[].names': 'int: how values read, e.g. { head: 0 } (display only).',
  'state[].init':
    'Initial value, known before the run; a bare name here is a parameter, constant or enum word, never a field.',
  'state[].live':
    'When the value matters: after every step where this is false the field is reset to its init, so equal states have equal keys.',
  'state[].group': 'Group heading in the state panel.',
  'state[].label': 'Label in the state panel (default: the name).',
  'state[].object': 'The kernel object or expression the field stands for.',
  'state[].description': 'What the field means.',
  'state[].chart': 'Draw this field as a chart over the run.',
  helpers:
    '`name(params)` → statements or one expression, inlined where called. An expression helper can be used inside expressions; a statement helper only as a statement.',
  'helpers{}': 'The helper body, in the expression language.',
  tasks:
    'The tasks (threads, CPUs), in order: task numbers in schedules count from 1 in this order.',
  'tasks[].id':
    'Display number of the task, in quotes: "1". Members of a family read "2.1", "2.2".',
  'tasks[].ref': 'Name of the task in expressions: at(t1, …), at(t2[i], …).',
  'tasks[].for': `A family of tasks, one per index, e.g. one per process: ${FOR}`,
  'tasks[].name': 'What the task is doing, e.g. "Task 1 — unmerge_and_remove_all_rmap_items()".',
  'tasks[].may_stop_at':
    'Step ids where the task may rest for good: a run that ends with it there is not a deadlock.',
  'tasks[].steps':
    'Steps in program order; the first one present in the variant is where the task starts.',
  'tasks[].steps[].id':
    'Step id, unique within the task for each variant (the same id may appear twice with exclusive `when`s).',
  'tasks[].steps[].for': `A family of steps, one per index: ${FOR}`,
  'tasks[].steps[].when': `Whether the step exists in this variant. ${CONST_EXPR}`,
  'tasks[].steps[].label': `The code of this step, short. ${TEXT_CHOICE}`,
  'tasks[].steps[].short': `One line for a timeline block, when the label is longer. ${TEXT_CHOICE}`,
  'tasks[].steps[].short[].when': `This alternative applies where this holds. ${CONST_EXPR}`,
  'tasks[].steps[].short[].text': 'The text of this alternative.',
  'tasks[].steps[].explain': `What the step does, in a sentence. ${TEXT_CHOICE}`,
  'tasks[].steps[].source': `"<version> <file> <lines>", e.g. "v6.3-rc1 mm/ksm.c 979". ${TEXT_CHOICE}`,
  'tasks[].steps[].acquire':
    'Lock the step takes first: `name`, `name[i]`; an rwsem adds read or write. The step cannot run while the lock is unavailable.',
  'tasks[].steps[].release': 'Lock(s) the step releases after its `do`: a name or a list.',
  'tasks[].steps[].guard': `The step can run only when this holds. ${EXPR}`,
  'tasks[].steps[].waits_for': 'What a task blocked on its guard waits for, in words.',
  'tasks[].steps[].do': 'Statements run by the step (after acquire, before release).',
  'tasks[].steps[].next': 'The step that follows: a step id, done, or an expression choosing one.',
  'tasks[].steps[].label[].when': `This alternative applies where this holds. ${CONST_EXPR}`,
  'tasks[].steps[].label[].text': 'The text of this alternative.',
  'tasks[].steps[].explain[].when': `This alternative applies where this holds. ${CONST_EXPR}`,
  'tasks[].steps[].explain[].text': 'The text of this alternative.',
  'tasks[].steps[].source[].when': `This alternative applies where this holds. ${CONST_EXPR}`,
  'tasks[].steps[].source[].text': 'The text of this alternative.',
  outcomes: 'What a complete run can end in (at most 31): a flag, a final predicate, or builtin.',
  'outcomes[].name': 'Outcome name, UPPER_SNAKE_CASE.',
  'outcomes[].bad': 'A bad outcome: the explorer finds its shortest witness.',
  'outcomes[].flag':
    'A state field (usually bool, or an array of bools): the outcome holds when it, or any element, is non-zero at the end of a run.',
  'outcomes[].final': `A predicate on the final state; may use \`finished\`. ${EXPR}`,
  'outcomes[].builtin':
    'deadlock: no step can run and not every task has finished; clean: no other outcome holds.',
  'outcomes[].description': 'What the outcome means.',
  'outcomes[].title': 'The outcome in words, e.g. lockdep splat (default: the name in lower case).',
  'outcomes[].short': 'A short form for a timeline gutter, e.g. splat (default: the title).',
  default_schedule:
    'The schedule shown first: { prefix: [task ids], then: round-robin | task-order } or { steps: [step ids] }.',
  'default_schedule.prefix':
    'Turns to run first, as task ids people read ("1", "2", "2.1"; "2" also matches "2.1").',
  'default_schedule.then':
    'round-robin: each task in turn runs until it blocks or ends; task-order: the lowest-numbered task that can move moves.',
  'default_schedule.steps': 'An explicit schedule as step ids; turns that cannot run are skipped.',
  code: 'Pseudo-code of each task for the page: task ref → lines.',
  'code{}': 'The lines of one task (or task family), in order.',
  'code{}[].text': 'The line as shown (may be empty).',
  'code{}[].indent': 'Nesting depth in levels (default 0).',
  'code{}[].step': 'The document step id this line stands for (highlighted when the step runs).',
  'code{}[].when': `Show the line only where this holds. ${CONST_EXPR}`,
  'code{}[].source':
    'Where the line is upstream: "<version> <file> <line>", made a link through source_url.',
  'code{}[].href': 'A link for the line, where source_url cannot make it.',
  'code{}[].function':
    'The kernel function this line opens: lines indented under it run inside it (reports name it).',
  notes: 'What a thread says at a step, shown after that step.',
  'notes[].step': 'The document step id the note follows.',
  'notes[].when': `Holds in the state before the step; the note sits at the first instance of its step where it holds. ${EXPR}`,
  'notes[].title': 'Title of the note.',
  'notes[].text': 'The note, in our words.',
  'notes[].who': 'Who said it.',
  'notes[].message_id': 'The mail the note draws on, by Message-ID.',
  'notes[].url': 'A link to that mail.',
  reports: 'What the kernel would print for each outcome, rendered from a run.',
  'reports.kernel': `The kernel release reports name (\${kernel}, the hung-task report). ${TEXT_CHOICE}`,
  'reports.kernel[].when': `This alternative applies where this holds. ${CONST_EXPR}`,
  'reports.kernel[].text': 'The text of this alternative.',
  'reports.outcomes': 'Outcome name → report template.',
  'reports.outcomes{}': 'A report template (docs/scenario-format.md 3.15).',
  'reports.outcomes{}.words':
    'Named texts, chosen in order: a text, or { if, text } alternatives (the first that holds).',
  'reports.outcomes{}.words{}[].if': TESTS,
  'reports.outcomes{}.words{}[].text': 'The word, with ${placeholders}.',
  'reports.outcomes{}.find':
    "Named earlier steps: the first step, up to the report's, that makes the expression true.",
  'reports.outcomes{}.find{}[].if': TESTS,
  'reports.outcomes{}.find{}[].expr': `The condition the step makes true. ${EXPR}`,
  'reports.outcomes{}.console': 'Console lines (none: the kernel prints nothing).',
  'reports.outcomes{}.console[]': PIECE,
  'reports.outcomes{}.explain': 'One paragraph: a text, or pieces whose texts are joined.',
};

type Json = JsonSchema & Record<string, unknown>;

/** The schema node at `place` (see DESCRIPTIONS), looking through anyOf branches. */
function nodeAt(root: Json, place: string): Json | undefined {
  let node: Json | undefined = root;
  for (const part of place.match(/[^.[{]+|\[\]|\{\}/g) ?? []) {
    if (!node) return undefined;
    const branches: Json[] = [node, ...((node.anyOf as Json[] | undefined) ?? [])];
    if (part === '[]') node = branches.find((b) => b.items)?.items as Json | undefined;
    else if (part === '{}') {
      node = branches.find((b) => typeof b.additionalProperties === 'object')
        ?.additionalProperties as Json | undefined;
    } else {
      node = branches.find((b) => (b.properties as Record<string, Json> | undefined)?.[part])
        ?.properties?.[part] as Json | undefined;
    }
  }
  return node;
}

/** The JSON Schema of a scenario document, with descriptions. */
export function scenarioJsonSchema(): Json {
  const generated = toJsonSchema(ScenarioDocument, {
    target: 'draft-07',
    errorMode: 'throw',
    // YAML may give a provenance date as a string; a JSON Schema has no date type.
    overrideSchema: (c) =>
      c.valibotSchema.type === 'date' ? { type: 'string', format: 'date' } : undefined,
  }) as Json;
  const missing: string[] = [];
  for (const [place, description] of Object.entries(DESCRIPTIONS)) {
    const node = nodeAt(generated, place);
    if (node) node.description = description;
    else missing.push(place);
  }
  if (missing.length > 0) {
    throw new Error(
      `scripts/scenario-schema.ts describes places the schema does not have: ${missing.join(', ')}`,
    );
  }
  const { $schema, ...rest } = generated;
  return { $schema, $id: SCHEMA_ID, title: TITLE, description: DESCRIPTION, ...rest };
}

/** The file's text: the schema formatted as prettier formats the repository's JSON. */
export async function scenarioSchemaText(): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
  return prettier.format(JSON.stringify(scenarioJsonSchema()), { ...options, parser: 'json' });
}

async function main(): Promise<void> {
  const text = await scenarioSchemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      process.stderr.write(
        `${SCHEMA_FILE} is out of date: run npx tsx scripts/scenario-schema.ts\n`,
      );
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
