/**
 * Invalid documents: a valid document with one named mutation (mutations.ts) or one YAML-level
 * mistake in its text, and where the loader should report it. Test support only.
 */
import fc from 'fast-check';
import { buildTree, finishDoc, shrinkBriefly, withText, type GeneratedDoc } from './document.ts';
import { DEFAULT_OPTIONS, drawModel, Rand, type GenOptions } from './draw.ts';
import { emit, type DocPath, type YNode } from './yaml-emit.ts';
import { BUG_MUTATIONS, FIXED_MUTATIONS, MUTATIONS } from './mutations.ts';
import type { Expect, InvalidOptions, Mutable } from './mutate.ts';

/** An invalid document: the mutation that made it, and where the loader should point. */
export interface InvalidDoc {
  readonly mutation: string;
  readonly text: string;
  readonly expect: Expect;
  readonly describe: string;
}

/** Escapes are a known bug: keep them out unless that bug is the subject. */
function avoidEscapes(x: Mutable): void {
  if (x.opts.bug === 'escaped-string-offset') return;
  const walk = (n: YNode) => {
    if (n.t === 's' && n.style === 'escaped') n.style = 'strip';
    if (n.t === 'm') n.e.forEach(([, v]) => walk(v));
    if (n.t === 'q') n.i.forEach(walk);
  };
  walk(x.tree);
}

/** YAML-level mistakes on a line that holds `key: value` with a one-line value. */
function mutateText(doc: GeneratedDoc, r: Rand): InvalidDoc | undefined {
  const lines = doc.text.split('\n');
  const candidates: number[] = [];
  for (const [key, p] of doc.places) {
    const path = JSON.parse(key) as DocPath;
    const last = path[path.length - 1];
    if (typeof last !== 'string' || p.start.line !== p.end.line) continue;
    const line = lines[p.start.line - 1];
    // A scalar value only: `key: { … }: x` is valid YAML (a mapping with a complex key).
    if (!new RegExp(`^ *(- )?${last}: [^[{]`).test(line)) continue;
    candidates.push(p.start.line);
  }
  if (candidates.length === 0) return undefined;
  const line = r.pick(candidates);
  const text = lines[line - 1];
  const kind = r.pick(
    /^ /.test(text)
      ? (['duplicate-key', 'tab-indent', 'nested-compact-map'] as const)
      : (['duplicate-key', 'nested-compact-map'] as const),
  );
  const out = [...lines];
  let expectLine = line;
  if (kind === 'duplicate-key') {
    const m = /^( *)(- )?(.*)$/.exec(text)!;
    out.splice(line, 0, `${m[1]}${m[2] ? '  ' : ''}${m[3]}`);
    expectLine = line + 1;
  } else if (kind === 'tab-indent') {
    out[line - 1] = `\t${text.slice(1)}`;
  } else {
    out[line - 1] = `${text}: oops`;
  }
  return {
    mutation: `yaml-${kind}`,
    text: out.join('\n'),
    expect: { kind: 'lines', from: expectLine, to: expectLine },
    describe: `line ${expectLine}: ${kind}`,
  };
}

/** Invalid documents: a valid one with one named mutation, and where the loader should point. */
export function invalidDocArb(
  opts: InvalidOptions = {},
  gen: GenOptions = DEFAULT_OPTIONS,
): fc.Arbitrary<InvalidDoc> {
  // No filter: a rejected fc.gen() value is drawn again identically. When a mutation does not
  // apply to a document, the next one in the list is tried instead.
  return shrinkBriefly(fc.gen()).map((g) => {
    const r = new Rand(g);
    const model = drawModel(r, { ...gen, sloppy: 0, firstPlain: true });
    const { tree, sources } = buildTree(model, r);
    const x: Mutable = { m: model, tree, sources, r, opts };
    avoidEscapes(x);
    const valid = finishDoc(model, tree);
    const pool = opts.bug ? [BUG_MUTATIONS[opts.bug]] : [...MUTATIONS, ...FIXED_MUTATIONS];
    const first = r.int(0, pool.length - 1);
    for (let k = 0; k < pool.length; k++) {
      const mutation = pool[(first + k) % pool.length];
      if (mutation.name === 'yaml-syntax') {
        const t = mutateText(valid, r);
        if (t) return withText(t);
        continue;
      }
      const res = mutation.apply(x);
      if (!res) continue;
      if (res.knownBug !== opts.bug)
        throw new Error(`${res.mutation}: unexpected known bug ${res.knownBug}`);
      const { text, places } = emit(x.tree);
      return withText({
        mutation: res.mutation,
        describe: res.describe,
        text,
        expect: res.resolve(places, text),
      });
    }
    throw new Error(`no mutation applies to this document:\n${valid.text}`);
  });
}
