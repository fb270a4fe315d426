/**
 * The YAML document of a generated model. buildTree writes the model as a node tree, choosing
 * at random among equivalent spellings (plain, quoted, block, folded and multi-line strings;
 * block and flow collections; spaced or tight expressions; comments), and validDocArb gives
 * valid documents with their text, where every node is, and what the loader should read.
 * Test support only.
 */
import fc from 'fast-check';
import { renderSource, type Expr, type SourceSpec, type Stmt } from './expr.ts';
import { MODE_WORDS, type ModelGen } from './model.ts';
import { DEFAULT_OPTIONS, drawModel, Rand, type GenOptions } from './draw.ts';
import {
  emit,
  lit,
  pathKey,
  plainOk,
  toJS,
  type DocPath,
  type Placed,
  type Style,
  type YNode,
} from './yaml-emit.ts';

/** A generated document: the model, its YAML text, where every node is. */
export interface GeneratedDoc {
  readonly model: ModelGen;
  readonly text: string;
  readonly places: ReadonlyMap<string, Placed>;
  /** The document as the loader should read it. */
  readonly json: unknown;
}

/** Writes the parts of a document, each in one of the ways YAML allows, drawn at random. */
class TreeBuilder {
  /** The source of every expression and statement list written so far, by path key. */
  readonly sources = new Map<string, SourceSpec>();
  constructor(private readonly r: Rand) {}

  /** A piece of prose or an id. */
  str(v: string, flow = false): YNode {
    const style: Style =
      plainOk(v, flow) && this.r.chance(0.8) ? 'plain' : this.r.pick(['double', 'single']);
    return { t: 's', v, style };
  }

  /** Picks a style for a string; a `|` block keeps one final newline. */
  styled(v: string, flow: boolean, allowBlock: boolean): YNode {
    const { r } = this;
    const multiline = v.includes('\n');
    const options: [number, () => YNode][] = [];
    if (!multiline) {
      options.push([plainOk(v, flow) ? 5 : 0, () => ({ t: 's', v, style: 'plain' })]);
      options.push([3, () => ({ t: 's', v, style: 'double' })]);
      options.push([1, () => ({ t: 's', v, style: 'single' })]);
    }
    if (allowBlock && !flow) {
      options.push([
        multiline ? 4 : 1,
        () => ({ t: 's', v: v.endsWith('\n') ? v : `${v}\n`, style: 'literal' }),
      ]);
      options.push([multiline ? 3 : 1, () => ({ t: 's', v, style: 'strip' })]);
      if (multiline) options.push([1, () => ({ t: 's', v, style: 'escaped' })]);
      if (!multiline) {
        options.push([1, () => ({ t: 's', v, style: 'folded' })]);
        const spaces = [...v].flatMap((c, i) =>
          c === ' ' && v[i - 1] !== ' ' && v[i + 1] !== ' ' && /[A-Za-z_(!]/.test(v[i + 1] ?? '')
            ? [i]
            : [],
        );
        if (spaces.length > 0) {
          const breaks = [r.pick(spaces)];
          const lines = splitAt(v, breaks);
          options.push([
            lines.every((l) => plainOk(l, false)) && plainOk(v, false) ? 1 : 0,
            () => ({ t: 's', v, style: 'plainLines', breaks }),
          ]);
          options.push([1, () => ({ t: 's', v, style: 'doubleLines', breaks })]);
        }
      }
    }
    return r.weighted(options);
  }

  expr(path: DocPath, e: Expr, flow = false): YNode {
    const spec: SourceSpec = { kind: 'expr', e, tight: this.r.chance(0.15) };
    this.sources.set(pathKey(path), spec);
    return this.styled(renderSource(spec).text, flow, true);
  }

  /** An ExprText that is a literal: sometimes a YAML number or boolean instead of text. */
  exprText(path: DocPath, e: Expr, flow = false): YNode {
    if ((e.k === 'num' || e.k === 'bool') && this.r.chance(0.6)) return { t: 's', v: e.v };
    return this.expr(path, e, flow);
  }

  stmts(path: DocPath, ss: readonly Stmt[]): YNode {
    const { r } = this;
    const multi = ss.length > 1 && r.chance(0.7);
    const notes = ss.map((_, i) => (multi && i > 0 && r.chance(0.15) ? 'a note' : undefined));
    const spec: SourceSpec = {
      kind: 'stmts',
      ss,
      tight: r.chance(0.15),
      multi,
      sep: r.pick(['; ', '; ', ' ']),
      notes,
    };
    this.sources.set(pathKey(path), spec);
    return this.styled(renderSource(spec).text, false, true);
  }
}

const splitAt = (v: string, breaks: readonly number[]): string[] => {
  const out: string[] = [];
  let from = 0;
  for (const b of [...breaks].sort((a, b) => a - b)) {
    out.push(v.slice(from, b));
    from = b + 1;
  }
  out.push(v.slice(from));
  return out;
};

type Entries = [string, YNode][];
const map = (e: Entries, flow = false): YNode => ({ t: 'm', e, flow });
const seq = (i: YNode[], flow = false): YNode => ({ t: 'q', i, flow });

/**
 * The document of a model as a YAML tree, with the source of every expression and statement
 * list in it (by path key), so that a mutation can rewrite one and know where its nodes land.
 */
export function buildTree(m: ModelGen, r: Rand): { tree: YNode; sources: Map<string, SourceSpec> } {
  const b = new TreeBuilder(r);
  const root: Entries = [
    ['format', lit(1)],
    ['id', lit(m.id)],
    ['version', lit(1)],
    ['title', b.str('A generated race')],
    ['summary', b.str('Tasks, locks and fields drawn at random: see the seed.')],
  ];
  const params: YNode[] = [];
  params.push(
    map(
      [
        ['name', lit('n')],
        ['type', lit('int')],
        ['min', lit(1)],
        ['max', lit(m.nMax)],
        ['default', lit(m.nDefault)],
        ['label', lit('Processes')],
      ],
      r.chance(0.3),
    ),
  );
  if (m.pOn !== undefined) {
    params.push(
      map([
        ['name', lit('p_on')],
        ['type', lit('bool')],
        ['default', lit(m.pOn)],
        ['label', b.str('P on')],
        ['flag', lit('p-on')],
      ]),
    );
  }
  if (m.mode !== undefined) {
    params.push(
      map([
        ['name', lit('mode')],
        ['type', lit('enum')],
        ['values', seq(MODE_WORDS.map(lit), r.chance(0.5))],
        ['default', lit(m.mode)],
        ['label', b.str('Mode')],
      ]),
    );
  }
  root.push(['parameters', seq(params)]);
  const variants: Entries = [['default', lit(m.defaultVariant)]];
  if (m.features.length > 0) {
    variants.push(['features', map(m.features.map((f) => [f, b.str(`Feature ${f}: on or off`)]))]);
  }
  variants.push([
    'list',
    seq(
      m.variants.map((v) => {
        const e: Entries = [
          ['id', lit(v.id)],
          ['title', b.str(`Variant ${v.id}`)],
          ['description', b.str('One way the kernel could be.')],
        ];
        const explicit = r.chance(0.5);
        const feats = m.features.filter((f) => explicit || v.features[f]);
        if (feats.length > 0 || r.chance(0.2)) {
          e.push([
            'features',
            map(
              feats.map((f) => [f, lit(v.features[f])]),
              r.chance(0.6),
            ),
          ]);
        }
        return map(e);
      }),
    ),
  ]);
  root.push(['variants', map(variants)]);
  if (m.constants.length > 0)
    root.push(['constants', map(m.constants.map(([k, v]) => [k, lit(v)]))]);
  if (m.locks.length > 0) {
    root.push([
      'locks',
      seq(
        m.locks.map((l) => {
          const flow = r.chance(0.5);
          const e: Entries = [
            ['name', lit(l.name)],
            ['kind', lit(l.kind)],
          ];
          if (l.array) e.push(['for', lit('i in 1..n')]);
          if (r.chance(0.3)) e.push(['label', b.str(`the ${l.kind}`, flow)]);
          return map(e, flow);
        }),
      ),
    ]);
  }
  root.push([
    'state',
    seq(
      m.fields.map((f, fi) => {
        const flow = r.chance(0.4);
        const path = ['state', fi];
        const e: Entries = [['name', lit(f.name)]];
        if (f.size !== undefined) e.push(['for', lit(`${f.rangeVar} in 1..${f.size}`)]);
        e.push(['type', lit(f.kind)]);
        if (f.kind === 'int') {
          const limit = m.constants.find(([, v]) => v === f.max);
          e.push(['min', lit(f.min)]);
          e.push(['max', limit && r.chance(0.5) ? lit(limit[0]) : lit(f.max)]);
        }
        if (f.words) e.push(['values', seq(f.words.map(lit), true)]);
        if (f.bits)
          e.push([
            'bits',
            map(
              f.bits.map(([k, v]) => [k, { t: 's', v, hex: r.chance(0.5) }]),
              true,
            ),
          ]);
        e.push(['init', b.exprText([...path, 'init'], f.init, flow)]);
        if (f.live) e.push(['live', b.expr([...path, 'live'], f.live, flow)]);
        if (r.chance(0.3)) e.push(['label', b.str(`${f.name} as shown`, flow)]);
        if (r.chance(0.2)) e.push(['group', b.str('Group', flow)]);
        if (r.chance(0.1)) e.push(['chart', lit(true)]);
        return map(e, flow);
      }),
    ),
  ]);
  if (m.helpers.length > 0) {
    root.push([
      'helpers',
      map(
        m.helpers.map((h) => {
          const key = `${h.name}(${h.params.join(', ')})`;
          const path = ['helpers', key];
          return [key, h.body.k === 'expr' ? b.expr(path, h.body.e) : b.stmts(path, h.body.ss)];
        }),
      ),
    ]);
  }
  root.push([
    'tasks',
    seq(
      m.tasks.map((t, ti) => {
        const e: Entries = [
          ['id', { t: 's', v: t.id, style: 'double' }],
          ['ref', lit(t.ref)],
        ];
        if (t.familyVar) e.push(['for', lit(`${t.familyVar} in 1..n`)]);
        e.push(['name', b.str(t.name)]);
        if (t.mayStopAt) e.push(['may_stop_at', seq(t.mayStopAt.map(lit), r.chance(0.5))]);
        e.push([
          'steps',
          seq(
            t.steps.map((s, si) => {
              const path = ['tasks', ti, 'steps', si];
              const se: Entries = [['id', lit(s.id)]];
              if (s.when) se.push(['when', b.exprText([...path, 'when'], s.when)]);
              if (typeof s.label === 'string') se.push(['label', b.str(s.label)]);
              else {
                se.push([
                  'label',
                  seq(
                    s.label.map((alt, ai) => {
                      const ae: Entries = [];
                      if (alt.when)
                        ae.push(['when', b.expr([...path, 'label', ai, 'when'], alt.when, true)]);
                      ae.push(['text', b.str(alt.text, true)]);
                      return map(ae, r.chance(0.5));
                    }),
                  ),
                ]);
              }
              se.push(['explain', b.str(s.explain)]);
              if (s.acquire) {
                const spec: SourceSpec = { kind: 'expr', e: s.acquire.lock, tight: false };
                b.sources.set(pathKey([...path, 'acquire']), spec);
                const text = renderSource(spec).text + (s.acquire.mode ? ` ${s.acquire.mode}` : '');
                se.push(['acquire', b.styled(text, false, false)]);
              }
              if (s.release.length > 0) {
                const items = s.release.map((l, li) => {
                  const p = s.releaseList ? [...path, 'release', li] : [...path, 'release'];
                  const spec: SourceSpec = { kind: 'expr', e: l, tight: false };
                  b.sources.set(pathKey(p), spec);
                  return b.styled(renderSource(spec).text, s.releaseList, false);
                });
                se.push(['release', s.releaseList ? seq(items, r.chance(0.5)) : items[0]]);
              }
              if (s.guard) se.push(['guard', b.exprText([...path, 'guard'], s.guard)]);
              if (s.waitsFor) se.push(['waits_for', b.str(s.waitsFor)]);
              if (s.effect) se.push(['do', b.stmts([...path, 'do'], s.effect)]);
              se.push(['next', b.expr([...path, 'next'], s.next)]);
              const node: YNode = {
                t: 'm',
                e: se,
                notes: se.map((_, i) => (i > 0 && r.chance(0.04) ? 'a comment' : undefined)),
              };
              return node;
            }),
          ),
        ]);
        return map(e);
      }),
    ),
  ]);
  root.push([
    'outcomes',
    seq(
      m.outcomes.map((o, oi) => {
        const flow = r.chance(0.2);
        const e: Entries = [['name', lit(o.name)]];
        if (o.bad || r.chance(0.3)) e.push(['bad', lit(o.bad)]);
        if (o.kind === 'flag') e.push(['flag', lit(o.flag!)]);
        else if (o.kind === 'final')
          e.push(['final', b.expr(['outcomes', oi, 'final'], o.final!, flow)]);
        else e.push(['builtin', lit(o.kind)]);
        e.push(['description', b.str(`What ${o.name} means.`, flow)]);
        return map(e, flow);
      }),
    ),
  ]);
  if (m.defaultSchedule) {
    root.push([
      'default_schedule',
      map([
        ['prefix', seq([{ t: 's', v: '1', style: 'double' }], true)],
        ['then', lit(m.defaultSchedule)],
      ]),
    ]);
  }
  return { tree: { t: 'm', e: root }, sources: b.sources };
}

/** Emits the tree of a model's document. */
export function finishDoc(model: ModelGen, tree: YNode): GeneratedDoc {
  const { text, places } = emit(tree);
  return { model, text, places, json: toJS(tree) };
}

/** Valid scenario documents. */
export function validDocArb(opts: GenOptions = DEFAULT_OPTIONS): fc.Arbitrary<GeneratedDoc> {
  return shrinkBriefly(fc.gen()).map((g) => {
    const r = new Rand(g);
    const model = drawModel(r, opts);
    return withText(finishDoc(model, buildTree(model, r).tree));
  });
}

/** Shrinking replays whole explorations: keep it short. */
export const shrinkBriefly = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.limitShrink(a, 60);

/** Shows a document as its YAML text in fast-check's reports. */
export function withText<T extends { text: string }>(x: T): T {
  Object.defineProperty(x, fc.toStringMethod, { value: () => `\n${x.text}`, enumerable: false });
  return x;
}
