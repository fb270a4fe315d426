/**
 * The page's content of one compiled instance, as plain data: the pseudo-code lines this variant
 * shows, the notes' conditions per instance step, and the report templates with every expression
 * lowered to IR. lower-content.ts makes it while the instance is compiled, so a mistake in the
 * content is a load-time problem with its place, like any other; the functions beside this file
 * read it.
 */
import type { Ir } from '../scenario/ir.ts';

/** One line of a task's pseudo-code, as the page shows it. */
export interface CodeLine {
  readonly text: string;
  /** Nesting depth, in levels (0 = flush left). */
  readonly indent: number;
  /** The document step id (the base id, without a family suffix) the line stands for. */
  readonly step?: string;
  /** Where the line's function or block is upstream, for lines that say so. */
  readonly href?: string;
}

export interface LoweredCodeLine extends CodeLine {
  /** The kernel function this line opens: lines indented under it run inside it. */
  readonly function?: string;
}

/** A note's condition at one instance step of its document step. */
export interface LoweredNote {
  /** Index of the note in the document's `notes`. */
  readonly note: number;
  /** The instance step id (`t2_get`, `t2_get.2`). */
  readonly step: string;
  /** Evaluated on the state before the step; absent: always. */
  readonly when?: Ir;
}

/** A piece of template text: literal, a named placeholder, or an expression's value. */
export type Segment =
  | string
  | { readonly ph: string }
  | { readonly expr: Ir; readonly format: 'int' | 'bool' | readonly string[] };

/** Report tests, lowered: every one given must hold. */
export interface ReportTests {
  readonly step?: readonly string[];
  readonly task?: string;
  readonly before?: Ir;
  readonly after?: Ir;
  readonly found?: string;
  readonly missing?: string;
  readonly by?: string;
  readonly lock?: string;
  readonly is?: Readonly<Record<string, string>>;
}

export type ReportPiece =
  | {
      readonly k: 'text';
      readonly text: readonly Segment[];
      readonly if?: ReportTests;
      readonly each?: 'held';
      /** Shown dimmed or strong: always (true) or where the tests hold. */
      readonly dim?: boolean | ReportTests;
      readonly strong?: boolean | ReportTests;
    }
  | {
      readonly k: 'lines' | 'choose';
      readonly pieces: readonly ReportPiece[];
      readonly if?: ReportTests;
      readonly each?: 'held';
      readonly dim?: boolean | ReportTests;
      readonly strong?: boolean | ReportTests;
    };

export interface ReportTemplate {
  readonly words: readonly {
    readonly name: string;
    readonly alts: readonly { readonly if?: ReportTests; readonly text: readonly Segment[] }[];
  }[];
  readonly finds: readonly {
    readonly name: string;
    readonly alts: readonly { readonly if?: ReportTests; readonly expr: Ir }[];
  }[];
  readonly console: readonly ReportPiece[];
  readonly explain: readonly ReportPiece[];
}

/** Slots of the names a report binds, in an expression's `locals` (finds follow, in order). */
export const REPORT_LOCALS = ['step', 'held', 'task', 'index'] as const;

export interface LoweredReport {
  /** For a flag outcome: the flag's slots and the family index of each (0 for a scalar). */
  readonly flag?: { readonly slots: readonly number[]; readonly indices: readonly number[] };
  /**
   * The template lowered for each flag index (the flag field's `for` name; 0 when there is
   * none), as run by task 1: `holds()` is retasked to the report's task when it is rendered.
   */
  readonly byIndex: Readonly<Record<number, ReportTemplate>>;
}

export interface LoweredContent {
  /** Pseudo-code lines per task ref, for this instance's variant and parameters. */
  readonly code: Readonly<Record<string, readonly LoweredCodeLine[]>>;
  readonly notes: readonly LoweredNote[];
  /** The kernel release the reports name (`reports.kernel`), for this variant. */
  readonly kernel?: string;
  readonly reports: Readonly<Record<string, LoweredReport>>;
}
