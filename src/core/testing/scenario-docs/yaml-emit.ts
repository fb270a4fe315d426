/**
 * A YAML node tree and our own emitter for it. We do not use a YAML library's writer because
 * the tests need to know the line and column of every node, and of every character of a string
 * (an expression's offset maps to a column even inside a `|` block or over folded lines).
 * Test support only.
 */

/**
 * How a string is written: plain, quoted, a literal block (`|` keeps a final newline, `|-`
 * not), folded (`>-`, one line), double-quoted with `\n` escapes, or plain / double-quoted
 * over several lines (each line break folds into the space it replaces).
 */
export type Style =
  | 'plain'
  | 'double'
  | 'single'
  | 'literal'
  | 'strip'
  | 'folded'
  | 'escaped'
  | 'plainLines'
  | 'doubleLines';

/** A scalar, a mapping (its entries, and `#` comment lines before some of them), or a sequence. */
export type YNode =
  | {
      t: 's';
      v: string | number | boolean;
      style?: Style;
      hex?: boolean;
      /** Offsets of the spaces that become line breaks (`plainLines`, `doubleLines`). */
      breaks?: number[];
    }
  | { t: 'm'; e: [string, YNode][]; flow?: boolean; notes?: (string | undefined)[] }
  | { t: 'q'; i: YNode[]; flow?: boolean };

/** A plain scalar: a number, a boolean or a string that needs no quotes. */
export const lit = (v: string | number | boolean): YNode => ({ t: 's', v, style: 'plain' });

/** Where a node is in the tree: keys and sequence indices from the root. */
export type DocPath = readonly (string | number)[];
/** A path as a map key. */
export const pathKey = (path: DocPath): string => JSON.stringify(path);

/** The loader's way of writing a path: `tasks[0].steps[3].next`. */
export const pathText = (path: DocPath): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

export interface Pos {
  readonly line: number;
  readonly col: number;
}

/** Where a node is: its first character, the end of its last line, each character of a string. */
export interface Placed {
  readonly start: Pos;
  readonly end: Pos;
  readonly chars?: readonly Pos[];
}

/** Whether `s` can be written unquoted (in a flow collection if `flow`) and read back as `s`. */
export function plainOk(s: string, flow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\t]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (flow && /[,[\]{}:]/.test(s)) return false;
  if (/^(true|false|null|~|yes|no|on|off|y|n)$/i.test(s)) return false;
  if (/^[-+.]?\d/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s)) return false;
  return true;
}

/** The value the loader should read from a node. */
export function toJS(n: YNode): unknown {
  if (n.t === 's') return n.v;
  if (n.t === 'q') return n.i.map(toJS);
  return Object.fromEntries(n.e.map(([k, v]) => [k, toJS(v)]));
}

const isMultiStyle = (s: Style | undefined) =>
  s === 'literal' || s === 'strip' || s === 'folded' || s === 'plainLines' || s === 'doubleLines';

class Emitter {
  private lines: string[] = [];
  private cur = '';
  readonly places = new Map<string, Placed>();

  private here(): Pos {
    return { line: this.lines.length + 1, col: this.cur.length + 1 };
  }
  private nl(): void {
    this.lines.push(this.cur);
    this.cur = '';
  }
  private lastEnd(): Pos {
    if (this.cur.length > 0) return this.here();
    return { line: this.lines.length, col: this.lines[this.lines.length - 1].length + 1 };
  }
  text(): string {
    if (this.cur.length > 0) this.nl();
    return `${this.lines.join('\n')}\n`;
  }

  map(m: Extract<YNode, { t: 'm' }>, indent: number, path: DocPath, inline: boolean): void {
    let start: Pos | undefined;
    m.e.forEach(([k, v], i) => {
      const note = m.notes?.[i];
      if (note !== undefined && i > 0) {
        this.cur += `${' '.repeat(indent)}# ${note}`;
        this.nl();
      }
      if (!(inline && i === 0)) this.cur += ' '.repeat(indent);
      if (i === 0) start = this.here();
      this.cur += `${k}:`;
      this.value(v, indent, [...path, k]);
    });
    this.places.set(pathKey(path), { start: start!, end: this.lastEnd() });
  }

  private value(v: YNode, indent: number, path: DocPath): void {
    if (v.t === 's') {
      this.cur += ' ';
      this.scalar(v, indent, path);
      return;
    }
    const empty = v.t === 'm' ? v.e.length === 0 : v.i.length === 0;
    if (v.flow || empty) {
      this.cur += ' ';
      this.flow(v, path);
      this.nl();
      return;
    }
    this.nl();
    if (v.t === 'm') this.map(v, indent + 2, path, false);
    else this.seq(v, indent + 2, path);
  }

  private seq(q: Extract<YNode, { t: 'q' }>, indent: number, path: DocPath): void {
    let start: Pos | undefined;
    q.i.forEach((item, i) => {
      this.cur += ' '.repeat(indent);
      if (i === 0) start = this.here();
      this.cur += '- ';
      const p = [...path, i];
      if (item.t === 'm' && !item.flow && item.e.length > 0) this.map(item, indent + 2, p, true);
      else if (item.t === 's') this.scalar(item, indent + 2, p);
      else {
        this.flow(item, p);
        this.nl();
      }
    });
    this.places.set(pathKey(path), { start: start!, end: this.lastEnd() });
  }

  private flow(v: YNode, path: DocPath): void {
    const start = this.here();
    if (v.t === 'm') {
      this.cur += v.e.length === 0 ? '{' : '{ ';
      v.e.forEach(([k, x], i) => {
        if (i > 0) this.cur += ', ';
        this.cur += `${k}: `;
        if (x.t === 's') this.inline(x, [...path, k]);
        else this.flow(x, [...path, k]);
      });
      this.cur += v.e.length === 0 ? '}' : ' }';
    } else if (v.t === 'q') {
      this.cur += '[';
      v.i.forEach((x, i) => {
        if (i > 0) this.cur += ', ';
        if (x.t === 's') this.inline(x, [...path, i]);
        else this.flow(x, [...path, i]);
      });
      this.cur += ']';
    }
    this.places.set(pathKey(path), { start, end: this.here() });
  }

  /** A one-line scalar at the cursor. */
  private inline(s: Extract<YNode, { t: 's' }>, path: DocPath): void {
    const start = this.here();
    if (typeof s.v !== 'string') {
      this.cur += typeof s.v === 'number' && s.hex ? `0x${s.v.toString(16)}` : String(s.v);
      this.places.set(pathKey(path), { start, end: this.here() });
      return;
    }
    const chars: Pos[] = [];
    const style = s.style ?? 'double';
    const quote = style === 'plain' ? '' : style === 'single' ? "'" : '"';
    this.cur += quote;
    for (const c of s.v) {
      chars.push(this.here());
      if (style === 'single') this.cur += c === "'" ? "''" : c;
      else if (style === 'plain') this.cur += c;
      else this.cur += c === '\n' ? '\\n' : c === '"' ? '\\"' : c === '\\' ? '\\\\' : c;
    }
    chars.push(this.here());
    this.cur += quote;
    this.places.set(pathKey(path), { start, end: this.here(), chars });
  }

  private scalar(s: Extract<YNode, { t: 's' }>, indent: number, path: DocPath): void {
    if (typeof s.v !== 'string' || !isMultiStyle(s.style)) {
      this.inline(s, path);
      this.nl();
      return;
    }
    const v = s.v;
    const start = this.here();
    const pad = ' '.repeat(indent + 2);
    const chars: Pos[] = [];
    let end: Pos;
    if (s.style === 'literal' || s.style === 'strip' || s.style === 'folded') {
      this.cur += s.style === 'literal' ? '|' : s.style === 'strip' ? '|-' : '>-';
      this.nl();
      const body = s.style === 'literal' ? v.slice(0, -1) : v;
      const lines = body.split('\n');
      lines.forEach((line, li) => {
        this.cur += pad;
        for (const c of line) {
          chars.push(this.here());
          this.cur += c;
        }
        if (li < lines.length - 1 || s.style === 'literal') chars.push(this.here());
        if (li === lines.length - 1) {
          // The end of the text: after its last character (for `|`, its final newline).
          chars.push(s.style === 'literal' ? chars[chars.length - 1] : this.here());
        }
        this.nl();
      });
      end = chars[chars.length - 1];
    } else {
      const quote = s.style === 'doubleLines' ? '"' : '';
      this.cur += quote;
      [...v].forEach((c, i) => {
        chars.push(this.here());
        if (s.breaks?.includes(i)) {
          this.nl();
          this.cur += pad;
        } else this.cur += c;
      });
      chars.push(this.here());
      end = this.here();
      this.cur += quote;
      this.nl();
    }
    this.places.set(pathKey(path), { start, end, chars });
  }
}

/** Writes a tree as YAML text, recording where every node is, by path key. */
export function emit(root: YNode): { text: string; places: Map<string, Placed> } {
  const e = new Emitter();
  if (root.t !== 'm') throw new Error('the root is a mapping');
  e.map(root, 0, [], false);
  return { text: e.text(), places: e.places };
}
