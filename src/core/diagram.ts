/**
 * A schedule as the plain-text diagram kernel developers draw on mailing lists, and back: one
 * column per task, the calls each one makes in time order (each line in the column of the task
 * that runs it) and `====` banners for what is true at that moment.
 *
 * The layout, which the reader relies on (pinned by diagram.test.ts):
 * - No line is wider than 80 columns, so a diagram survives mail clients and `> ` quoting.
 * - The first line is the header: at the start of each task's column, `key: name`. A name that
 *   begins by restating the key ("Task 2 — …") loses that prefix; a name too long for its
 *   column is cut and ends with `…`, and a column too narrow for 8 characters of it shows
 *   `key:` alone.
 * - Columns start evenly spaced, the last at column 40 or before, so every task has at least 40
 *   characters to run right into (2 tasks: 0 and 40; 5 tasks: 0, 10, 20, 30, 40). Only one column
 *   holds text on any line, so a label runs right across the columns after its own. (Columns are
 *   never closer than a key and two spaces, so with very many tasks the last starts later.)
 * - Each step is its label, starting exactly at its task's column. A label too long for the rest
 *   of the line wraps at spaces (a word longer than a line is cut), continuation lines indented
 *   two more; labels are never abbreviated.
 * - A note is a banner after the step it follows: `==== title ===…`, filled with `=` to 80
 *   columns, wrapped onto more banner lines when long. A complete run ends with a banner of its
 *   outcomes.
 */
import { taskStatus, type Scenario, type StepDef, type TaskId } from './engine.ts';
import type { NoteAt } from './content/notes.ts';
import { whyNot, type Trace } from './replay.ts';

/** The widest line a diagram has. */
const WIDTH = 80;
/** The last column starts here or before, so it always has this much room. */
const LAST_COLUMN = 40;
/** How much deeper than its step line a wrapped label's continuation lines start. */
const CONTINUATION = 2;
/** The least room a column must leave its labels before the line ends. */
const LEAST_ROOM = 8;
/** The fewest characters of a task's name worth showing in the header. */
const LEAST_NAME = 8;
const BANNER = '====';

export interface DiagramProblem {
  /** 1-based line number in the text given to `parseDiagram`. */
  readonly line: number;
  readonly message: string;
}

export type DiagramParse =
  | { readonly ok: true; readonly schedule: TaskId[] }
  | { readonly ok: false; readonly problems: DiagramProblem[] };

/** Length in characters as a terminal counts them (code points, not UTF-16 units). */
const width = (s: string): number => Array.from(s).length;

/** `s` cut to `room` characters, ending with `…` when it was longer. */
function fit(s: string, room: number): string {
  const chars = Array.from(s);
  if (chars.length <= room) return s;
  const kept = chars.slice(0, room - 1).join('');
  return `${kept.trimEnd()}…`;
}

/** Where each task's column starts, by task order. */
function columnStarts(scenario: Scenario): number[] {
  const n = scenario.tasks.length;
  if (n <= 1) return [0];
  const widestKey = Math.max(...scenario.tasks.map((t) => width(t.key)));
  // A header field must hold at least `key:` and a space; a continuation line must land between
  // its column and the next, or a reader could not tell it from the next column's step.
  const spacing = Math.max(Math.floor(LAST_COLUMN / (n - 1)), widestKey + 2, CONTINUATION + 2);
  return scenario.tasks.map((_, i) => i * spacing);
}

/** A task's name without a leading restatement of its key (`Task 2 — `), which the header shows. */
function nameOf(key: string, name: string): string {
  const family = key.split('.')[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rest = name.replace(new RegExp(`^\\S+\\s+${family}(?:\\.\\d+)*\\s*[—–:-]\\s*`), '');
  return rest === '' ? name : rest;
}

function headerLine(scenario: Scenario, starts: readonly number[]): string {
  let line = '';
  scenario.tasks.forEach((t, i) => {
    const room = (i + 1 < starts.length ? starts[i + 1] - 1 : WIDTH) - starts[i];
    const label = `${t.key}:`;
    // A name cut to a few letters says nothing: below LEAST_NAME the column shows its key only.
    const hasRoom = room - width(label) - 1 >= LEAST_NAME;
    const field = hasRoom ? fit(`${label} ${nameOf(t.key, t.name)}`, room) : label;
    line = line.padEnd(starts[i]) + field;
  });
  return line;
}

/** `text` as lines of at most `first` characters, then at most `rest`, broken at spaces. */
function wrap(text: string, first: number, rest: number): string[] {
  const lines: string[] = [];
  let current = '';
  let room = first;
  const flush = () => {
    lines.push(current);
    current = '';
    room = rest;
  };
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let chars = Array.from(word);
    while (chars.length > 0) {
      const need = chars.length + (current === '' ? 0 : 1);
      if (width(current) + need <= room) {
        current += (current === '' ? '' : ' ') + chars.join('');
        chars = [];
      } else if (current !== '') {
        flush();
      } else {
        // A word longer than a whole line: cut it (the reader ignores spaces, so it rejoins).
        current = chars.slice(0, room).join('');
        chars = chars.slice(room);
        flush();
      }
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

function bannerLines(text: string): string[] {
  const room = WIDTH - 2 * (BANNER.length + 1);
  return wrap(text, room, room).map(
    (part) => `${BANNER} ${part} ${'='.repeat(WIDTH - BANNER.length - 2 - width(part))}`,
  );
}

/**
 * The run as a mailing-list diagram, at most 80 columns wide: a header naming each task's
 * column, one line per step (its label) in its task's column, the notes as `====` banners after
 * the steps they follow, and the outcomes as a last banner when the run is complete. The layout
 * is described at the top of diagram.ts; `parseDiagram` reads it back. Throws a RangeError for
 * a scenario with too many tasks to stand side by side (about 20).
 */
export function diagramOf(scenario: Scenario, trace: Trace, notes: readonly NoteAt[]): string {
  const starts = columnStarts(scenario);
  if (starts[starts.length - 1] > WIDTH - LEAST_ROOM) {
    throw new RangeError(`${starts.length} tasks do not fit side by side in ${WIDTH} columns`);
  }
  const out = [headerLine(scenario, starts)];
  const after = new Map<number, NoteAt[]>();
  for (const n of notes) after.set(n.k, [...(after.get(n.k) ?? []), n]);
  trace.steps.forEach((st, i) => {
    const at = starts[st.task - 1];
    wrap(st.label, WIDTH - at, WIDTH - at - CONTINUATION).forEach((part, j) => {
      out.push(' '.repeat(j === 0 ? at : at + CONTINUATION) + part);
    });
    for (const n of after.get(i + 1) ?? []) out.push(...bannerLines(n.title));
  });
  if (trace.complete) out.push(...bannerLines(`outcome: ${trace.outcomes.join(', ')}`));
  return out.join('\n') + '\n';
}

/**
 * The pasted lines with the quote markers of a reply taken off, level by level (while every line
 * with text is quoted), and tabs expanded. A level's marker is `> ` when every quoted line with
 * text has the space, else `>` alone: taking one space too many would move a whole column.
 */
function unquote(text: string): string[] {
  let lines = text.split(/\r?\n/).map((l) => l.trimEnd());
  for (;;) {
    const filled = lines.filter((l) => l !== '');
    if (filled.length === 0 || !filled.every((l) => l.startsWith('>'))) break;
    const said = filled.filter((l) => l.length > 1);
    const marker = said.length > 0 && said.every((l) => l.startsWith('> ')) ? '> ' : '>';
    lines = lines.map((l) => (l.startsWith(marker) ? l.slice(marker.length) : l.slice(1)));
  }
  return lines.map((l) => expandTabs(l).trimEnd());
}

function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (width(out) % 8)) : ch;
  return out;
}

const isBanner = (line: string): boolean => line.trimStart().startsWith(BANNER);

/** Text as the reader compares it: spacing, wrapping and a trailing `;` do not matter. */
const squeeze = (s: string): string => s.replace(/\s+/g, '').replace(/;+$/, '');

/** Whether `text` names the step: its label or short form, whole or cut short with `…`/`...`. */
function readsAs(text: string, step: StepDef): boolean {
  const said = squeeze(text);
  const forms = [step.label, ...(step.short !== undefined ? [step.short] : [])].map(squeeze);
  if (forms.includes(said)) return true;
  const cut = /^(.+?)(?:…|\.\.\.)$/.exec(said);
  return cut !== null && forms.some((f) => f.startsWith(cut[1]));
}

/**
 * Where the header puts each task's column: at its `key:`. The writer's own layout is tried
 * first, so a name that happens to contain another task's `key:` cannot move a column.
 */
function readHeader(
  scenario: Scenario,
  header: string,
): { readonly starts: number[] } | { readonly missing: string[] } {
  const writer = columnStarts(scenario);
  const tokenAt = (key: string, at: number) =>
    header.startsWith(`${key}:`, at) && (at === 0 || header[at - 1] === ' ');
  if (scenario.tasks.every((t, i) => tokenAt(t.key, writer[i]))) return { starts: writer };
  const starts: number[] = [];
  const missing: string[] = [];
  let from = 0;
  for (const t of scenario.tasks) {
    let at = header.indexOf(`${t.key}:`, from);
    while (at >= 0 && !tokenAt(t.key, at)) at = header.indexOf(`${t.key}:`, at + 1);
    if (at < 0) missing.push(t.key);
    else {
      starts.push(at);
      from = at + t.key.length + 1;
    }
  }
  return missing.length > 0 ? { missing } : { starts };
}

interface StepLine {
  readonly line: number;
  /** The last line of its text (a wrapped label continues on the lines after `line`). */
  last: number;
  readonly task: TaskId;
  text: string;
}

/**
 * Reads a diagram (as `diagramOf` writes it, or pasted back from a reply) into the schedule it
 * shows. The header gives the columns; each line that starts exactly at a column is a step of
 * that task, and a line indented further inside the same column continues it. Each step's text
 * is checked against the label (or short form) of the step its task runs next, replaying as it
 * goes; abbreviations ending in `…` or `...`, spacing, a trailing `;`, `> ` quote markers,
 * tabs, trailing whitespace and blank lines are tolerated, and `====` banners are skipped.
 * Problems name the line and what was expected there, in the kernel's words.
 */
export function parseDiagram(scenario: Scenario, text: string): DiagramParse {
  const lines = unquote(text);
  const numbered = lines.map((l, i) => ({ line: i + 1, text: l })).filter((l) => l.text !== '');
  const headerAt = numbered.findIndex((l) => !isBanner(l.text));
  const keys = scenario.tasks.map((t) => `"${t.key}:"`).join(', ');
  if (headerAt < 0) {
    return problem(1, `the diagram has no header naming each task's column (${keys})`);
  }
  const header = numbered[headerAt];
  const read = readHeader(scenario, header.text);
  if ('missing' in read) {
    const { missing } = read;
    return problem(
      header.line,
      missing.length === scenario.tasks.length
        ? `expected the header naming each task's column (${keys}), not "${header.text}"`
        : `the header names no column for ${missing.map((k) => `task ${k}`).join(', ')}: ` +
            `put ${missing.map((k) => `"${k}:"`).join(', ')} where its column starts`,
    );
  }
  const { starts } = read;
  const where = scenario.tasks.map((t, i) => `task ${t.key} at ${starts[i] + 1}`).join(', ');

  const steps: StepLine[] = [];
  let open: StepLine | undefined;
  for (const { line, text: l } of numbered.slice(headerAt + 1)) {
    if (isBanner(l)) {
      open = undefined;
      continue;
    }
    const indent = width(l) - width(l.trimStart());
    const exact = starts.indexOf(indent);
    if (exact >= 0) {
      open = { line, last: line, task: exact + 1, text: l.trimStart() };
      steps.push(open);
      continue;
    }
    // The column the line is indented inside: the last one starting before it.
    const inside = starts.reduce((found, s, i) => (s < indent ? i : found), -1);
    if (open !== undefined && inside === open.task - 1) {
      open.text += ` ${l.trimStart()}`;
      open.last = line;
      continue;
    }
    return problem(
      line,
      inside < 0
        ? `"${l.trimStart()}" starts at column ${indent + 1}, where no task's column starts ` +
            `(${where})`
        : `"${l.trimStart()}" starts at column ${indent + 1}, inside task ` +
            `${scenario.tasks[inside].key}'s column but under no step of it; a step starts ` +
            `exactly at its column (${where})`,
    );
  }

  const schedule: TaskId[] = [];
  let s = scenario.initial;
  for (const st of steps) {
    const key = scenario.tasks[st.task - 1].key;
    const reads = st.last === st.line ? 'the line reads' : `lines ${st.line}–${st.last} read`;
    const status = taskStatus(scenario, s, st.task);
    if (status.kind === 'done') {
      return problem(st.line, `task ${key} has finished, so its column has no "${st.text}"`);
    }
    const next = scenario.steps.get(status.stepId)!;
    if (!readsAs(st.text, next)) {
      const other = scenario.tasks.find((t) => {
        const os = taskStatus(scenario, s, t.id);
        return (
          t.id !== st.task && os.kind !== 'done' && readsAs(st.text, scenario.steps.get(os.stepId)!)
        );
      });
      return problem(
        st.line,
        `task ${key}'s next step is ${next.label}, but ${reads} "${st.text}"` +
          (other ? `, which is task ${other.key}'s next step: is it in the wrong column?` : ''),
      );
    }
    if (status.kind === 'blocked') {
      return problem(st.line, `${next.label} cannot run here: ${whyNot(scenario, s, st.task)}`);
    }
    schedule.push(st.task);
    s = scenario.apply(s, st.task);
  }
  return { ok: true, schedule };
}

function problem(line: number, message: string): DiagramParse {
  return { ok: false, problems: [{ line, message: `line ${line}: ${message}` }] };
}
