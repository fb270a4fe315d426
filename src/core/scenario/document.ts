/**
 * The shape of a scenario document (one file under scenarios/), checked with valibot. The
 * expressions inside it are checked later, by the compiler, which knows what each name means.
 * docs/scenario-format.md is the reference for every construct; docs/scenario.schema.json is
 * generated from these schemas (npm run schema) so editors can complete and check a file.
 */
import * as v from 'valibot';

/** A mapping with exactly these keys; an unknown key is named as a likely misspelling. */
function strict<const E extends v.ObjectEntries>(entries: E) {
  return v.strictObject(entries, (issue) =>
    issue.expected === 'never'
      ? `is not a key here: check its spelling (known keys: ${Object.keys(entries).join(', ')})`
      : 'must be a mapping of keys to values',
  );
}

const Id = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case (a–z, 0–9, _), starting with a letter'),
);
const ScenarioId = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9-]*$/, 'must be lower-kebab-case (a–z, 0–9, -)'),
);
const ConstName = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, _)'),
);
const Text = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
/** An expression of the scenario language, given as text (or a bare number or boolean). */
const ExprText = v.union(
  [Text, v.number(), v.boolean()],
  'must be an expression (text, a number or true/false)',
);
/** `name in from..to`, e.g. `i in 1..processes`. */
const ForText = v.pipe(
  v.string(),
  v.regex(/^\s*[A-Za-z_][A-Za-z0-9_]*\s+in\s+\S.*\.\.\s*\S.*$/, 'must read "i in 1..processes"'),
);
/** A text, or alternatives chosen by variant: the first whose `when` holds. */
const TextChoice = v.union(
  [Text, v.array(strict({ when: v.optional(ExprText), text: Text }))],
  'must be a text or a list of { when, text } alternatives',
);

const Param = strict({
  name: Id,
  type: v.picklist(['bool', 'int', 'enum'], 'must be bool, int or enum'),
  min: v.optional(ExprText),
  max: v.optional(ExprText),
  values: v.optional(v.array(Id)),
  default: v.union([v.number(), v.boolean(), v.string()], 'must be a number, true/false or a word'),
  names: v.optional(v.record(Id, v.number())),
  label: Text,
  description: v.optional(Text),
  /** Command-line shorthand: a flag name for a bool, or { flag: value }. */
  flag: v.optional(v.union([Text, v.record(v.string(), v.union([v.number(), v.string()]))])),
});

const Variant = strict({
  id: Id,
  title: Text,
  kernel: v.optional(Text),
  description: Text,
  features: v.optional(v.record(Id, v.boolean())),
});

const Field = strict({
  name: Id,
  for: v.optional(ForText),
  type: v.picklist(['bool', 'int', 'enum', 'flags'], 'must be bool, int, enum or flags'),
  min: v.optional(ExprText),
  max: v.optional(ExprText),
  values: v.optional(v.array(Id)),
  bits: v.optional(v.record(ConstName, v.number())),
  names: v.optional(v.record(Id, v.number())),
  init: ExprText,
  live: v.optional(ExprText),
  group: v.optional(Text),
  label: v.optional(Text),
  object: v.optional(Text),
  description: v.optional(Text),
  chart: v.optional(v.boolean()),
});

const Lock = strict({
  name: Id,
  kind: v.picklist(['spinlock', 'mutex', 'rwsem'], 'must be spinlock, mutex or rwsem'),
  for: v.optional(ForText),
  label: v.optional(Text),
});

const Step = strict({
  id: Id,
  for: v.optional(ForText),
  when: v.optional(ExprText),
  label: TextChoice,
  short: v.optional(TextChoice),
  explain: TextChoice,
  source: v.optional(TextChoice),
  acquire: v.optional(Text),
  release: v.optional(v.union([Text, v.array(Text)])),
  guard: v.optional(ExprText),
  waits_for: v.optional(Text),
  do: v.optional(Text),
  next: Text,
});

const Task = strict({
  id: v.pipe(v.string(), v.regex(/^[0-9]+$/, 'must be a task number in quotes, e.g. "1"')),
  ref: Id,
  for: v.optional(ForText),
  name: Text,
  may_stop_at: v.optional(v.array(Id)),
  steps: v.pipe(v.array(Step), v.minLength(1, 'a task needs at least one step')),
});

const Outcome = strict({
  name: v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_SNAKE_CASE')),
  bad: v.optional(v.boolean()),
  flag: v.optional(Id),
  final: v.optional(ExprText),
  builtin: v.optional(v.picklist(['deadlock', 'clean'], 'must be deadlock or clean')),
  description: Text,
  title: v.optional(Text),
  short: v.optional(Text),
});

// --- page content: pseudo-code, notes, reports (docs/scenario-format.md 3.15) -------------------

const OutcomeName = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_SNAKE_CASE'));

const CodeLine = strict({
  text: v.string(),
  indent: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0))),
  step: v.optional(Id),
  when: v.optional(ExprText),
  source: v.optional(Text),
  href: v.optional(Text),
  function: v.optional(ConstName),
});

const Note = strict({
  step: Id,
  when: v.optional(ExprText),
  title: Text,
  text: Text,
  who: Text,
  message_id: v.optional(Text),
  url: v.optional(Text),
});

/** Tests on a report's run; every test given must hold. */
const ReportTests = strict({
  step: v.optional(v.array(Id)),
  task: v.optional(Id),
  before: v.optional(ExprText),
  after: v.optional(ExprText),
  found: v.optional(Id),
  missing: v.optional(Id),
  by: v.optional(Id),
  lock: v.optional(Id),
  is: v.optional(v.record(Id, v.string())),
});

const PieceKeys = {
  if: v.optional(ReportTests),
  for: v.optional(ForText),
  each: v.optional(v.picklist(['held'], 'must be held')),
  dim: v.optional(v.union([v.boolean(), ReportTests], 'must be true/false or tests')),
  strong: v.optional(v.union([v.boolean(), ReportTests], 'must be true/false or tests')),
};
/** A console line or explanation fragment; `lines` and `choose` nest two levels deep. */
const Piece0 = v.union(
  [v.string(), strict({ text: v.string(), ...PieceKeys })],
  'must be a text or a { text, if, … } line',
);
const nested = <T extends v.GenericSchema>(inner: T) =>
  v.union(
    [
      v.string(),
      strict({
        text: v.optional(v.string()),
        lines: v.optional(v.array(inner)),
        choose: v.optional(v.array(inner)),
        ...PieceKeys,
      }),
    ],
    'must be a text, or a mapping with one of text, lines or choose',
  );
const Piece = nested(nested(Piece0));

const ReportTemplate = strict({
  words: v.optional(
    v.record(
      Id,
      v.union(
        [v.string(), v.array(strict({ if: v.optional(ReportTests), text: v.string() }))],
        'must be a text or a list of { if, text } alternatives',
      ),
    ),
  ),
  find: v.optional(
    v.record(
      Id,
      v.union(
        [ExprText, v.array(strict({ if: v.optional(ReportTests), expr: ExprText }))],
        'must be an expression or a list of { if, expr } alternatives',
      ),
    ),
  ),
  console: v.optional(v.array(Piece)),
  explain: v.union([Text, v.array(Piece)], 'must be a text or a list of pieces'),
});

export const ScenarioDocument = strict({
  format: v.literal(1, 'must be 1 (the only format so far)'),
  id: ScenarioId,
  version: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1)),
  title: Text,
  summary: Text,
  provenance: v.optional(
    strict({
      thread: v.optional(
        v.array(
          strict({
            date: v.union([v.string(), v.date()]),
            who: Text,
            subject: Text,
            message_id: Text,
          }),
        ),
      ),
      commits: v.optional(v.array(strict({ hash: Text, subject: Text, role: v.optional(Text) }))),
      links: v.optional(v.array(strict({ title: Text, url: Text }))),
    }),
  ),
  source_url: v.optional(Text),
  parameters: v.optional(v.array(Param)),
  variants: strict({
    default: Id,
    features: v.optional(v.record(Id, Text)),
    fix: v.optional(strict({ bug: Id, fixed: Id, label: Text })),
    list: v.pipe(v.array(Variant), v.minLength(1, 'declare at least one variant')),
  }),
  constants: v.optional(v.record(ConstName, v.number())),
  locks: v.optional(v.array(Lock)),
  state: v.optional(v.array(Field)),
  helpers: v.optional(v.record(v.string(), Text)),
  tasks: v.pipe(v.array(Task), v.minLength(1, 'declare at least one task')),
  outcomes: v.pipe(v.array(Outcome), v.minLength(1), v.maxLength(31, 'at most 31 outcomes')),
  default_schedule: v.optional(
    v.union([
      strict({
        prefix: v.optional(v.array(v.string())),
        then: v.picklist(['round-robin', 'task-order'], 'must be round-robin or task-order'),
      }),
      strict({ steps: v.array(Id) }),
    ]),
  ),
  code: v.optional(v.record(Id, v.array(CodeLine))),
  notes: v.optional(v.array(Note)),
  reports: v.optional(
    strict({
      kernel: v.optional(TextChoice),
      outcomes: v.optional(v.record(OutcomeName, ReportTemplate)),
    }),
  ),
});

export type ScenarioDoc = v.InferOutput<typeof ScenarioDocument>;
export type ParamDoc = v.InferOutput<typeof Param>;
export type FieldDoc = v.InferOutput<typeof Field>;
export type LockDoc = v.InferOutput<typeof Lock>;
export type StepDoc = v.InferOutput<typeof Step>;
export type TaskDoc = v.InferOutput<typeof Task>;
export type OutcomeDoc = v.InferOutput<typeof Outcome>;
export type TextChoiceDoc = v.InferOutput<typeof TextChoice>;
export type CodeLineDoc = v.InferOutput<typeof CodeLine>;
export type NoteDoc = v.InferOutput<typeof Note>;
export type ReportTestsDoc = v.InferOutput<typeof ReportTests>;
export type ReportPieceDoc = v.InferOutput<typeof Piece>;
export type ReportTemplateDoc = v.InferOutput<typeof ReportTemplate>;

/** A path into the document: keys and list indices, as valibot and YAML use them. */
export type DocPath = readonly (string | number)[];

/** One thing wrong with a document, with where it is. */
export interface DocProblem {
  readonly path: DocPath;
  /** Offset inside the text at `path`, for a problem inside an expression. */
  readonly offset?: number;
  readonly message: string;
}

/** Checks the shape of a parsed document. */
export function checkDocument(
  raw: unknown,
): { ok: true; doc: ScenarioDoc } | { ok: false; problems: DocProblem[] } {
  const r = v.safeParse(ScenarioDocument, raw);
  if (r.success) return { ok: true, doc: r.output };
  return {
    ok: false,
    problems: r.issues.map((issue) => ({
      path: (issue.path ?? []).map((p) => p.key as string | number),
      message: issue.message,
    })),
  };
}
