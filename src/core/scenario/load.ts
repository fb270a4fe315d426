/**
 * Reading a scenario file: YAML text → checked document, with every problem placed at its file,
 * line and column, including problems inside an expression (a block scalar's line 3 is the
 * file's line n + 3). Compiles every variant at its default parameters, so a mistake in any
 * variant's branch is found when the file is read, not when someone picks that variant.
 */
import { isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { checkDocument, type DocPath, type DocProblem, type ScenarioDoc } from './document.ts';
import { compileScenario, ScenarioError } from './compile.ts';
import { ParamError } from './params.ts';

/** A problem with its place in a file. */
export interface PlacedProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where in the document: `tasks[0].steps[3].next`. */
  readonly where: string;
  readonly message: string;
}

export type LoadResult =
  | { readonly ok: true; readonly doc: ScenarioDoc }
  | { readonly ok: false; readonly problems: readonly PlacedProblem[] };

/** `file:line:column: message (at where)`, one per line. */
export function formatProblems(problems: readonly PlacedProblem[]): string {
  return problems
    .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}${p.where ? ` (at ${p.where})` : ''}`)
    .join('\n');
}

function pathText(path: DocPath): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Maps an offset inside a scalar's value to an offset in the source text. */
function sourceOffset(src: string, node: unknown, offset: number): number {
  if (!isScalar(node) || !node.range) return 0;
  const start = node.range[0];
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  let i: number;
  let indent = 0;
  if (block) {
    i = src.indexOf('\n', start) + 1;
    while (src[i + indent] === ' ') indent++;
  } else {
    i = start + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0);
  }
  let v = 0;
  if (block) i += indent;
  while (v < offset && i < src.length) {
    if (src[i] === '\n') {
      i++;
      if (block) for (let k = 0; k < indent && src[i] === ' '; k++) i++;
      else while (src[i] === ' ') i++;
    } else i++;
    v++;
  }
  return i;
}

function place(
  file: string,
  src: string,
  yaml: Document,
  counter: LineCounter,
  p: DocProblem,
): PlacedProblem {
  // Walk up the path until a node exists (a missing key is reported at its parent).
  let path = [...p.path];
  let node = yaml.getIn(path, true) as { range?: [number, number, number] } | undefined;
  while (!node?.range && path.length > 0) {
    path = path.slice(0, -1);
    node = yaml.getIn(path, true) as typeof node;
  }
  const at =
    p.offset !== undefined && path.length === p.path.length
      ? sourceOffset(src, node, p.offset)
      : (node?.range?.[0] ?? 0);
  const pos = counter.linePos(at);
  return { file, line: pos.line, column: pos.col, where: pathText(p.path), message: p.message };
}

/** Parses and checks one scenario file's text. `file` names it in messages. */
export function parseScenarioText(text: string, file: string): LoadResult {
  const counter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (yaml.errors.length > 0) {
    return {
      ok: false,
      problems: yaml.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          where: '',
          message: e.message.split('\n')[0],
        };
      }),
    };
  }
  const checked = checkDocument(yaml.toJS());
  if (!checked.ok) {
    return {
      ok: false,
      problems: checked.problems.map((p) => place(file, text, yaml, counter, p)),
    };
  }
  const problems = compileProblems(checked.doc);
  if (problems.length > 0) {
    return { ok: false, problems: problems.map((p) => place(file, text, yaml, counter, p)) };
  }
  return { ok: true, doc: checked.doc };
}

/**
 * Compiles every variant at the parameters' defaults and extremes, and returns what fails. One
 * problem is reported once even when many variants share it.
 */
export function compileProblems(doc: ScenarioDoc): DocProblem[] {
  const seen = new Map<string, DocProblem>();
  // Each parameter away from its default on its own: an int at its maximum, a bool flipped,
  // every other word of an enum.
  const settings: Record<string, number | boolean | string>[] = [{}];
  for (const p of doc.parameters ?? []) {
    if (p.type === 'int' && typeof p.max === 'number' && p.max !== p.default) {
      settings.push({ [p.name]: p.max });
    } else if (p.type === 'bool') settings.push({ [p.name]: !p.default });
    else if (p.type === 'enum') {
      for (const w of p.values ?? []) if (w !== p.default) settings.push({ [p.name]: w });
    }
  }
  for (const variant of doc.variants.list) {
    for (const setting of settings) {
      try {
        compileScenario(doc, { ...setting, variant: variant.id });
      } catch (e) {
        const problems: DocProblem[] =
          e instanceof ScenarioError
            ? [...e.problems]
            : [
                {
                  path:
                    e instanceof ParamError
                      ? ['parameters', ...(e.index === undefined ? [] : [e.index])]
                      : [],
                  message: (e as Error).message,
                },
              ];
        for (const p of problems) {
          const key = `${p.path.join('.')}|${p.offset}|${p.message}`;
          if (!seen.has(key)) {
            seen.set(key, { ...p, message: `${p.message} [variant ${variant.id}]` });
          }
        }
      }
    }
  }
  return [...seen.values()];
}
