/**
 * What a mutation works on and returns, and the edits the mutations share: reading and writing
 * the YAML tree by path, finding the names in an expression that the compiler always resolves,
 * rewriting an expression's source, and saying where the loader should point. Test support only.
 */
import { renderSource, type Expr, type SourceSpec, type Stmt } from './expr.ts';
import { loaderSettings, type ModelGen } from './model.ts';
import { Reference } from './reference.ts';
import type { Rand } from './draw.ts';
import {
  pathKey,
  pathText,
  plainOk,
  type DocPath,
  type Placed,
  type Pos,
  type YNode,
} from './yaml-emit.ts';

// ─── What a mutation is ─────────────────────────────────────────────────────────────────────

/** A valid document being made invalid: its model, its tree (edited in place), its sources. */
export interface Mutable {
  readonly m: ModelGen;
  readonly tree: YNode;
  /** Kept in step with the tree: an edited expression's new source, or none once it is text. */
  readonly sources: Map<string, SourceSpec>;
  readonly r: Rand;
  readonly opts: InvalidOptions;
}

/** A named way to make a valid document invalid. */
export interface Mutation {
  readonly name: string;
  /** Undefined when this document offers nothing to mutate this way. */
  apply(x: Mutable): Mutated | undefined;
}

export interface Mutated {
  readonly mutation: string;
  /** Set when this case hits a known bug of the loader (see documents.test.ts). */
  readonly knownBug?: KnownBug;
  readonly describe: string;
  /** Where the loader should point, once the edited tree is emitted. */
  readonly resolve: (places: ReadonlyMap<string, Placed>, text: string) => Expect;
}

/** Where the loader should report the mistake. */
export type Expect =
  /** Exactly here (an expression's character). */
  | { readonly kind: 'point'; readonly pos: Pos; readonly where?: string }
  /** On one of these lines. */
  | { readonly kind: 'lines'; readonly from: number; readonly to: number; readonly where?: string };

/** Loader bugs (see documents.test.ts): the mutations that hit them are kept apart. */
export type KnownBug = 'escaped-string-offset' | 'end-of-block-next-line';

/** Which invalid documents to draw. */
export interface InvalidOptions {
  /** Only cases of this known bug; without it, cases that hit a known bug are avoided. */
  readonly bug?: KnownBug;
}

// ─── Editing the tree by path ───────────────────────────────────────────────────────────────

/** The node at `path`, if there is one. */
export function getNode(root: YNode, path: DocPath): YNode | undefined {
  let n: YNode | undefined = root;
  for (const k of path) {
    if (!n) return undefined;
    if (n.t === 'm') n = n.e.find(([key]) => key === k)?.[1];
    else if (n.t === 'q' && typeof k === 'number') n = n.i[k];
    else return undefined;
  }
  return n;
}

/** Puts `v` at `path`: in place of the old value, or as a new last key of its mapping. */
export function setNode(root: YNode, path: DocPath, v: YNode): void {
  const parent = getNode(root, path.slice(0, -1))!;
  const k = path[path.length - 1];
  if (parent.t === 'm') {
    const i = parent.e.findIndex(([key]) => key === k);
    if (i >= 0) parent.e[i] = [k as string, v];
    else parent.e.push([k as string, v]);
  } else if (parent.t === 'q') parent.i[k as number] = v;
}

/** Removes the key at `path` from its mapping, with the comment line before it. */
export function removeKey(root: YNode, path: DocPath): void {
  const parent = getNode(root, path.slice(0, -1))!;
  if (parent.t === 'm') {
    const i = parent.e.findIndex(([key]) => key === path[path.length - 1]);
    parent.e.splice(i, 1);
    parent.notes?.splice(i, 1);
  }
}

// ─── Expressions the compiler resolves ──────────────────────────────────────────────────────

/** The leaves of an expression that the compiler always resolves (not behind && || ?:). */
export function alwaysLowered(e: Expr, out: Expr[]): void {
  switch (e.k) {
    case 'num':
    case 'bool':
    case 'name':
    case 'finished':
      out.push(e);
      break;
    case 'index':
      out.push(e);
      alwaysLowered(e.index, out);
      break;
    case 'un':
      alwaysLowered(e.a, out);
      break;
    case 'bin':
      alwaysLowered(e.l, out);
      if (e.op !== '&&' && e.op !== '||') alwaysLowered(e.r, out);
      break;
    case 'cond':
      alwaysLowered(e.c, out);
      break;
    case 'quant':
      alwaysLowered(e.from, out);
      alwaysLowered(e.to, out);
      alwaysLowered(e.body, out);
      break;
    case 'call':
      for (const a of e.args) alwaysLowered(a, out);
      break;
    case 'holds':
    case 'at':
      break;
  }
}

export function stmtLeaves(ss: readonly Stmt[], out: Expr[]): void {
  for (const st of ss) {
    switch (st.k) {
      case 'assign':
        out.push(st.target);
        if (st.target.k === 'index') alwaysLowered(st.target.index, out);
        alwaysLowered(st.value, out);
        break;
      case 'let':
        alwaysLowered(st.value, out);
        break;
      case 'if':
        alwaysLowered(st.c, out);
        break;
      case 'for':
        alwaysLowered(st.from, out);
        alwaysLowered(st.to, out);
        stmtLeaves(st.body, out);
        break;
      case 'call':
        for (const a of st.args) alwaysLowered(a, out);
        break;
    }
  }
}

/** Replaces node `old` (by identity) with `by` in an expression or statement tree. */
export function replaceNode<T>(x: T, old: object, by: object): T {
  if (x === old) return by as T;
  if (Array.isArray(x)) return x.map((y) => replaceNode(y, old, by)) as T;
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = replaceNode(v, old, by);
    return out as T;
  }
  return x;
}

/** Steps the loader compiles: present in some variant at the defaults or at n's maximum. */
export function loweredSteps(m: ModelGen): Set<string> {
  const out = new Set<string>();
  for (const s of loaderSettings(m)) {
    const ref = new Reference(m, s);
    for (const inst of ref.insts)
      for (const st of inst.steps) out.add(`${inst.taskIndex}/${st.docIndex}`);
  }
  return out;
}

// ─── Rewriting and placing ──────────────────────────────────────────────────────────────────

/** Where the node at `path` is in the emitted text. */
const placeOf = (places: ReadonlyMap<string, Placed>, path: DocPath): Placed => {
  const p = places.get(pathKey(path));
  if (!p) throw new Error(`no node at ${pathText(path)}`);
  return p;
};

/** Rewrites a string node with a new value, keeping its style when it still fits. */
export function restyle(
  x: Mutable,
  node: YNode,
  v: string,
  avoidLiteral: boolean,
  flow: boolean,
): YNode {
  const old = node.t === 's' ? node.style : undefined;
  const multiline = v.includes('\n');
  if (old === 'plain' && plainOk(v, flow)) return { t: 's', v, style: 'plain' };
  if ((old === 'double' || old === 'single') && !multiline) return { t: 's', v, style: old };
  if (old === 'literal' && !avoidLiteral)
    return { t: 's', v: v.endsWith('\n') ? v : `${v}\n`, style: 'literal' };
  if (old === 'strip' || (old === 'literal' && avoidLiteral)) return { t: 's', v, style: 'strip' };
  if (old === 'escaped' && multiline && x.opts.bug === 'escaped-string-offset')
    return { t: 's', v, style: 'escaped' };
  if (multiline) return { t: 's', v, style: 'strip' };
  return {
    t: 's',
    v,
    style: flow
      ? 'double'
      : x.r.pick(['double', 'plain', 'folded'] as const) === 'plain' && plainOk(v, flow)
        ? 'plain'
        : 'double',
  };
}

/** Expression sources in steps the loader compiles, and in outcomes and fields. */
export function exprTargets(
  x: Mutable,
  kinds: readonly string[],
): { path: DocPath; spec: SourceSpec; flow: boolean }[] {
  const lowered = loweredSteps(x.m);
  const out: { path: DocPath; spec: SourceSpec; flow: boolean }[] = [];
  for (const [key, spec] of x.sources) {
    const path = JSON.parse(key) as (string | number)[];
    const last = String(path[path.length - 1]);
    const lastKey =
      typeof path[path.length - 1] === 'number' ? String(path[path.length - 2]) : last;
    if (!kinds.includes(lastKey)) continue;
    if (path[0] === 'tasks') {
      if (path.length > 5) continue; // label alternatives
      if (lastKey !== 'when' && !lowered.has(`${path[1]}/${path[3]}`)) continue;
    }
    if (path[0] === 'helpers') continue;
    const parent = getNode(x.tree, path.slice(0, -1));
    const node = getNode(x.tree, path);
    if (!node || node.t !== 's' || typeof node.v !== 'string') continue;
    out.push({
      path,
      spec,
      flow: parent?.t === 'm' ? parent.flow === true : parent?.t === 'q' && parent.flow === true,
    });
  }
  return out;
}

export function pointIn(
  places: ReadonlyMap<string, Placed>,
  path: DocPath,
  offset: number,
): Expect {
  const p = placeOf(places, path);
  return { kind: 'point', pos: p.chars![offset], where: pathText(path) };
}

export function linesOf(
  places: ReadonlyMap<string, Placed>,
  path: DocPath,
  where?: DocPath,
): Expect {
  const p = placeOf(places, path);
  return { kind: 'lines', from: p.start.line, to: p.end.line, where: where && pathText(where) };
}

export function startOf(
  places: ReadonlyMap<string, Placed>,
  path: DocPath,
  where: DocPath,
): Expect {
  return { kind: 'point', pos: placeOf(places, path).start, where: pathText(where) };
}

/** Writes `e` (or statements) with `old` replaced by `by`, and says where `by` starts. */
export function rewrite(
  spec: SourceSpec,
  old: object,
  by: Expr | Stmt,
): { spec: SourceSpec; text: string; offset: number } {
  const next: SourceSpec =
    spec.kind === 'expr'
      ? { ...spec, e: replaceNode(spec.e, old, by) }
      : { ...spec, ss: replaceNode(spec.ss, old, by) };
  const src = renderSource(next);
  return { spec: next, text: src.text, offset: src.at.get(by)! };
}

export function setSource(
  x: Mutable,
  path: DocPath,
  spec: SourceSpec,
  text: string,
  flow: boolean,
  avoidLiteral = true,
): void {
  x.sources.set(pathKey(path), spec);
  setNode(x.tree, path, restyle(x, getNode(x.tree, path)!, text, avoidLiteral, flow));
}
