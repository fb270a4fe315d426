/**
 * The named mutations: each makes a valid document invalid in one way (an unknown name, a syntax
 * error, a schema mistake, a recursive helper…) and says where the loader should report it.
 * Mutations that hit a known loader bug are kept apart in BUG_MUTATIONS. Test support only.
 */
import { name, renderSource, type Expr, type SourceSpec } from './expr.ts';
import { range } from './model.ts';
import { lit, pathKey, pathText, plainOk, type DocPath, type YNode } from './yaml-emit.ts';
import {
  alwaysLowered,
  exprTargets,
  getNode,
  linesOf,
  loweredSteps,
  pointIn,
  removeKey,
  restyle,
  rewrite,
  setNode,
  setSource,
  startOf,
  stmtLeaves,
  type KnownBug,
  type Mutation,
} from './mutate.ts';

/** Mutations of the tree, each with the place the loader should report. */
export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'unknown-name-in-expression',
    apply(x) {
      const targets = exprTargets(x, ['guard', 'next', 'do', 'final', 'init', 'live', 'when']);
      const options = targets.flatMap((t) => {
        const leaves: Expr[] = [];
        if (t.spec.kind === 'expr') alwaysLowered(t.spec.e, leaves);
        else stmtLeaves(t.spec.ss, leaves);
        return leaves.map((leaf) => ({ ...t, leaf }));
      });
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const by = name(`zz_nope${x.r.int(0, 9)}`);
      const { spec, text, offset } = rewrite(o.spec, o.leaf, by);
      setSource(x, o.path, spec, text, o.flow);
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} names ${by.k === 'name' ? by.name : ''}, which is declared nowhere`,
        resolve: (places) => pointIn(places, o.path, offset),
      };
    },
  },
  {
    name: 'unknown-field-statement',
    apply(x) {
      const options = exprTargets(x, ['do']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      if (o.spec.kind !== 'stmts') return undefined;
      const src = renderSource(o.spec);
      const tops = [...src.tops, src.text.length];
      const k = x.r.int(0, tops.length - 1);
      const at = tops[k];
      const stmt = `zz_field = 1`;
      const sep = o.spec.multi ? '\n' : '; ';
      const text =
        at === src.text.length
          ? `${src.text}${sep}${stmt}`
          : `${src.text.slice(0, at)}${stmt}${sep}${src.text.slice(at)}`;
      const offset = at === src.text.length ? src.text.length + sep.length : at;
      x.sources.delete(pathKey(o.path));
      setNode(x.tree, o.path, restyle(x, getNode(x.tree, o.path)!, text, true, o.flow));
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} assigns zz_field, which is not a field`,
        resolve: (places) => pointIn(places, o.path, offset),
      };
    },
  },
  {
    name: 'syntax-error-character',
    apply(x) {
      const options = exprTargets(x, ['guard', 'next', 'do', 'final', 'init', 'when']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const src = renderSource(o.spec);
      // Not inside a two-character operator (`..`, `&&`, `<=`…): splitting one leaves its first
      // half as the first bad character, one column before the "$" (seed 1554226761).
      const isPunct = (c: string | undefined) => c !== undefined && /[^\w\s]/.test(c);
      const free = range(0, src.text.length).filter(
        (i) =>
          !src.comments.some(([a, b]) => i > a && i <= b) &&
          !(isPunct(src.text[i - 1]) && isPunct(src.text[i])),
      );
      if (free.length === 0) return undefined;
      const k = x.r.pick(free);
      const text = `${src.text.slice(0, k)}$${src.text.slice(k)}`;
      x.sources.delete(pathKey(o.path));
      setNode(x.tree, o.path, restyle(x, getNode(x.tree, o.path)!, text, true, o.flow));
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} has a "$" at offset ${k}`,
        resolve: (places) => pointIn(places, o.path, k),
      };
    },
  },
  {
    name: 'syntax-error-paren',
    apply(x) {
      const options = exprTargets(x, ['guard', 'next', 'do', 'final']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const src = renderSource(o.spec);
      const text = `${src.text} )`;
      x.sources.delete(pathKey(o.path));
      setNode(x.tree, o.path, restyle(x, getNode(x.tree, o.path)!, text, true, o.flow));
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} ends with a stray ")"`,
        resolve: (places) => pointIn(places, o.path, text.length - 1),
      };
    },
  },
  {
    name: 'syntax-error-dangling-operator',
    apply(x) {
      const options = exprTargets(x, ['guard', 'next', 'do', 'final']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const src = renderSource(o.spec);
      // A statement list ends with a new assignment that has no value yet.
      const text = `${src.text} ${o.spec.kind === 'stmts' ? 'zz_d =' : '&&'}`;
      const literal = x.opts.bug === 'end-of-block-next-line';
      x.sources.delete(pathKey(o.path));
      const node = restyle(x, getNode(x.tree, o.path)!, text, !literal, o.flow);
      setNode(x.tree, o.path, literal ? { t: 's', v: `${text}\n`, style: 'literal' } : node);
      const len = literal ? text.length + 1 : text.length;
      return {
        mutation: this.name,
        knownBug: literal ? 'end-of-block-next-line' : undefined,
        describe: `${pathText(o.path)} ends with a dangling operator`,
        resolve: (places) => pointIn(places, o.path, len),
      };
    },
  },
  {
    name: 'next-names-missing-step',
    apply(x) {
      const options = exprTargets(x, ['next']);
      if (options.length === 0) return undefined;
      const o = x.r.pick(options);
      const bools = x.m.fields.filter((f) => f.kind === 'bool' && f.size === undefined);
      const missing = name(`${x.m.tasks[o.path[1] as number].ref}_nowhere`);
      const e: Expr =
        bools.length > 0 && x.r.chance(0.5)
          ? { k: 'cond', c: name(x.r.pick(bools).name), a: missing, b: (o.spec as { e: Expr }).e }
          : missing;
      const spec: SourceSpec = { kind: 'expr', e, tight: false };
      const src = renderSource(spec);
      setSource(x, o.path, spec, src.text, o.flow);
      const offset = src.at.get(missing)!;
      return {
        mutation: this.name,
        describe: `${pathText(o.path)} names a step its task does not have`,
        resolve: (places) => pointIn(places, o.path, offset),
      };
    },
  },
  {
    name: 'unknown-lock',
    apply(x) {
      const lowered = loweredSteps(x.m);
      const options: DocPath[] = [];
      for (const key of x.sources.keys()) {
        const path = JSON.parse(key) as (string | number)[];
        if (path[0] !== 'tasks' || !lowered.has(`${path[1]}/${path[3]}`)) continue;
        if (path[4] === 'acquire' || path[4] === 'release') options.push(path);
      }
      if (options.length === 0) return undefined;
      const path = x.r.pick(options);
      const node = getNode(x.tree, path)!;
      const old = node.t === 's' ? String(node.v) : '';
      const mode = / (read|write)\s*$/.exec(old)?.[0] ?? '';
      const text = `zz_lock${mode}`;
      x.sources.delete(pathKey(path));
      const flow =
        path.length === 6 &&
        (getNode(x.tree, path.slice(0, -1)) as { flow?: boolean }).flow === true;
      setNode(x.tree, path, restyle(x, node, text, true, flow));
      return {
        mutation: this.name,
        describe: `${pathText(path)} names zz_lock, which is not a lock`,
        resolve: (places) => pointIn(places, path, 0),
      };
    },
  },
  {
    name: 'duplicate-step',
    apply(x) {
      const lowered = [...loweredSteps(x.m)];
      if (lowered.length === 0) return undefined;
      const [ti, si] = x.r.pick(lowered).split('/').map(Number);
      const steps = getNode(x.tree, ['tasks', ti, 'steps']);
      if (!steps || steps.t !== 'q') return undefined;
      const clone = structuredClone(steps.i[si]);
      steps.i.splice(si + 1, 0, clone);
      const path = ['tasks', ti, 'steps', si + 1];
      return {
        mutation: this.name,
        describe: `step ${x.m.tasks[ti].steps[si].id} appears twice in a row`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'helper-recursion',
    apply(x) {
      const lowered = [...loweredSteps(x.m)];
      if (lowered.length === 0) return undefined;
      const [ti, si] = x.r.pick(lowered).split('/').map(Number);
      const helpers = getNode(x.tree, ['helpers']);
      const mutual = x.r.chance(0.5);
      const entries: [string, YNode][] = mutual
        ? [
            ['zz_a()', { t: 's', v: 'zz_b()', style: 'plain' }],
            ['zz_b()', { t: 's', v: 'zz_a()', style: 'plain' }],
          ]
        : [
            [
              'zz_loop()',
              { t: 's', v: x.r.pick(['zz_loop()', 'if (true) zz_loop()']), style: 'plain' },
            ],
          ];
      if (helpers && helpers.t === 'm') helpers.e.push(...entries);
      else {
        const root = x.tree as Extract<YNode, { t: 'm' }>;
        const at = root.e.findIndex(([k]) => k === 'tasks');
        root.e.splice(at, 0, ['helpers', { t: 'm', e: entries }]);
      }
      const doPath = ['tasks', ti, 'steps', si, 'do'];
      const node = getNode(x.tree, doPath);
      const call = mutual ? 'zz_a()' : 'zz_loop()';
      if (node && node.t === 's') {
        const v = String(node.v).replace(/\n$/, '');
        setNode(x.tree, doPath, restyle(x, node, `${call}\n${v}`, true, false));
      } else {
        const step = getNode(x.tree, ['tasks', ti, 'steps', si]) as Extract<YNode, { t: 'm' }>;
        const at = step.e.findIndex(([k]) => k === 'next');
        step.e.splice(at, 0, ['do', { t: 's', v: call, style: 'plain' }]);
        step.notes = undefined;
      }
      x.sources.delete(pathKey(doPath));
      const key = mutual ? 'zz_b()' : 'zz_loop()';
      const body = String(
        entries[entries.length - 1][1].t === 's'
          ? (entries[entries.length - 1][1] as { v: string }).v
          : '',
      );
      const offset = body.lastIndexOf(mutual ? 'zz_a' : 'zz_loop');
      return {
        mutation: this.name,
        describe: `helper ${key} calls itself${mutual ? ' through zz_a()' : ''}`,
        resolve: (places) => pointIn(places, ['helpers', key], offset),
      };
    },
  },
  {
    name: 'when-uses-state',
    apply(x) {
      const fields = x.m.fields.filter((f) => f.size === undefined);
      if (fields.length === 0) return undefined;
      const t = x.r.int(0, x.m.tasks.length - 1);
      const s = x.r.int(0, x.m.tasks[t].steps.length - 1);
      const path = ['tasks', t, 'steps', s, 'when'];
      const step = getNode(x.tree, path.slice(0, -1)) as Extract<YNode, { t: 'm' }>;
      const v = x.r.pick(fields).name;
      const i = step.e.findIndex(([k]) => k === 'when');
      if (i >= 0) step.e[i] = ['when', { t: 's', v, style: 'plain' }];
      else {
        step.e.splice(1, 0, ['when', { t: 's', v, style: 'plain' }]);
        step.notes = undefined;
      }
      x.sources.delete(pathKey(path));
      return {
        mutation: this.name,
        describe: `${pathText(path)} reads field ${v}, which is not known before the run`,
        resolve: (places) => pointIn(places, path, 0),
      };
    },
  },
  {
    name: 'schema-wrong-literal',
    apply(x) {
      const { r, m } = x;
      const ti = r.int(0, m.tasks.length - 1);
      const options: [DocPath, YNode][] = [
        [['state', r.int(0, m.fields.length - 1), 'type'], lit('float')],
        [['tasks', ti, 'id'], lit('one')],
        [
          ['tasks', ti, 'steps', r.int(0, m.tasks[ti].steps.length - 1), 'id'],
          { t: 's', v: 'Bad-Id', style: 'double' },
        ],
        [['outcomes', r.int(0, m.outcomes.length - 1), 'name'], lit('lower_case')],
        [
          ['outcomes', r.int(0, m.outcomes.length - 1), 'bad'],
          { t: 's', v: 'yes', style: 'double' },
        ],
        [['version'], lit(0)],
        [['format'], lit(2)],
        [['state', r.int(0, m.fields.length - 1), 'init'], { t: 'q', i: [], flow: true }],
        [['parameters', 0, 'type'], lit('float')],
        [['tasks', ti, 'steps'], { t: 'q', i: [], flow: true }],
        [['tasks', ti, 'name'], { t: 's', v: '', style: 'double' }],
      ];
      if (m.locks.length > 0)
        options.push([['locks', r.int(0, m.locks.length - 1), 'kind'], lit('semaphore')]);
      const [path, v] = r.pick(options);
      const parent = getNode(x.tree, path.slice(0, -1));
      const flow = parent?.t === 'm' && parent.flow === true;
      setNode(
        x.tree,
        path,
        v.t === 's' && typeof v.v === 'string' && !plainOk(v.v, flow)
          ? { ...v, style: 'double' }
          : v,
      );
      x.sources.delete(pathKey(path));
      return {
        mutation: this.name,
        describe: `${pathText(path)} has a value of the wrong type or form`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'schema-unknown-key',
    apply(x) {
      const { r, m } = x;
      const ti = r.int(0, m.tasks.length - 1);
      const parents: DocPath[] = [
        ['tasks', ti, 'steps', r.int(0, m.tasks[ti].steps.length - 1)],
        ['tasks', ti],
        ['state', r.int(0, m.fields.length - 1)],
        ['outcomes', r.int(0, m.outcomes.length - 1)],
        [],
      ];
      const parent = r.pick(parents);
      const key = r.pick(['nxt', 'lable', 'extra']);
      const node = getNode(x.tree, parent) as Extract<YNode, { t: 'm' }>;
      node.e.push([key, lit('oops')]);
      node.notes = undefined;
      const path = [...parent, key];
      return {
        mutation: this.name,
        describe: `${pathText(path)} is not a key of its object`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'schema-missing-key',
    apply(x) {
      const { r, m } = x;
      const ti = r.int(0, m.tasks.length - 1);
      const si = r.int(0, m.tasks[ti].steps.length - 1);
      const options: DocPath[] = [
        ['tasks', ti, 'steps', si, r.pick(['label', 'explain', 'next'])],
        ['tasks', ti, r.pick(['ref', 'name', 'steps'])],
        ['state', r.int(0, m.fields.length - 1), r.pick(['type', 'init'])],
        ['outcomes', r.int(0, m.outcomes.length - 1), 'description'],
        ['variants', 'list', r.int(0, m.variants.length - 1), r.pick(['title', 'description'])],
        ['parameters', 0, r.pick(['label', 'default'])],
        [r.pick(['title', 'summary', 'version'])],
      ];
      if (m.locks.length > 0) options.push(['locks', r.int(0, m.locks.length - 1), 'kind']);
      const path = r.pick(options);
      removeKey(x.tree, path);
      const parent = path.slice(0, -1);
      return {
        mutation: this.name,
        describe: `${pathText(path)} is missing`,
        resolve: (places) => startOf(places, parent, path),
      };
    },
  },
  {
    name: 'unknown-variant-feature',
    apply(x) {
      const vi = x.r.int(0, x.m.variants.length - 1);
      const vpath = ['variants', 'list', vi];
      const v = getNode(x.tree, vpath) as Extract<YNode, { t: 'm' }>;
      let feats = getNode(x.tree, [...vpath, 'features']);
      if (!feats) {
        feats = { t: 'm', e: [] };
        v.e.push(['features', feats]);
      }
      if (feats.t !== 'm') return undefined;
      feats.e.push(['zz_feature', lit(true)]);
      const path = [...vpath, 'features', 'zz_feature'];
      return {
        mutation: this.name,
        describe: `${pathText(path)} is not declared under variants.features`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'outcome-flag-unknown',
    apply(x) {
      const oi = x.r.int(0, x.m.outcomes.length - 1);
      const o = getNode(x.tree, ['outcomes', oi]) as Extract<YNode, { t: 'm' }>;
      o.e = o.e.filter(([k]) => k !== 'final' && k !== 'builtin' && k !== 'flag');
      o.e.splice(1, 0, ['flag', lit('zz_flag')]);
      x.sources.delete(pathKey(['outcomes', oi, 'final']));
      const path = ['outcomes', oi, 'flag'];
      return {
        mutation: this.name,
        describe: `${pathText(path)} names no field`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'outcome-two-kinds',
    apply(x) {
      const oi = x.r.int(0, x.m.outcomes.length - 1);
      const o = getNode(x.tree, ['outcomes', oi]) as Extract<YNode, { t: 'm' }>;
      const builtin = x.m.outcomes[oi].kind === 'clean' || x.m.outcomes[oi].kind === 'deadlock';
      if (builtin) o.e.splice(1, 0, ['final', lit('finished')]);
      else o.e.splice(1, 0, ['builtin', lit('clean')]);
      o.e = o.e.filter((e, i, all) => all.findIndex(([k]) => k === e[0]) === i);
      const path = ['outcomes', oi];
      return {
        mutation: this.name,
        describe: `${pathText(path)} has two of flag, final and builtin`,
        resolve: (places) => linesOf(places, path, path),
      };
    },
  },
  {
    name: 'field-min-above-max',
    apply(x) {
      const ints = x.m.fields.flatMap((f, fi) => (f.kind === 'int' ? [fi] : []));
      if (ints.length === 0) return undefined;
      const fi = x.r.pick(ints);
      setNode(x.tree, ['state', fi, 'min'], lit(x.m.fields[fi].max + 1));
      const path = ['state', fi];
      return {
        mutation: this.name,
        describe: `${pathText(path)} has min above max`,
        resolve: (places) => linesOf(places, path, path),
      };
    },
  },
  {
    name: 'param-default-out-of-range',
    apply(x) {
      const { m, r } = x;
      const params = getNode(x.tree, ['parameters']) as Extract<YNode, { t: 'q' }>;
      const choices: [number, YNode][] = [[0, lit(m.nMax + r.int(1, 5))]];
      if (m.pOn !== undefined) choices.push([1, { t: 's', v: 'maybe', style: 'plain' }]);
      if (m.mode !== undefined)
        choices.push([params.i.length - 1, { t: 's', v: 'zz_mode', style: 'plain' }]);
      // Any parameter: BUG param-error-at-first-param placed a later one's at the first.
      const [pi, v] = r.pick(choices);
      setNode(x.tree, ['parameters', pi, 'default'], v);
      const path = ['parameters', pi];
      return {
        mutation: this.name,
        describe: `${pathText(path)}.default is not an allowed value`,
        resolve: (places) => linesOf(places, path),
      };
    },
  },
  {
    name: 'yaml-syntax',
    apply() {
      // Applied to the text after emitting: see mutateText.
      return undefined;
    },
  },
];

/** Mutations that the loader handles correctly today (once known bugs, since fixed). */
export const FIXED_MUTATIONS: readonly Mutation[] = [
  {
    name: 'range-bound-unknown-name',
    apply(x) {
      const { m, r } = x;
      const options: DocPath[] = [
        ...m.tasks.flatMap((t, ti) => (t.familyVar ? [['tasks', ti, 'for']] : [])),
        ...m.fields.flatMap((f, fi) => (f.size !== undefined ? [['state', fi, 'for']] : [])),
        ...m.locks.flatMap((l, li) => (l.array ? [['locks', li, 'for']] : [])),
      ];
      if (options.length === 0) return undefined;
      const path = r.pick(options);
      const v = `${r.pick(['i', 'k'])} in ${r.pick(['1..zz_bound', 'zz_bound..n'])}`;
      setNode(x.tree, path, { t: 's', v, style: r.pick(['plain', 'double'] as const) });
      return {
        mutation: this.name,
        describe: `${pathText(path)} has zz_bound, which is declared nowhere, as a bound`,
        resolve: (places) => pointIn(places, path, v.indexOf('zz_bound')),
      };
    },
  },
  {
    name: 'unknown-default-variant',
    apply(x) {
      const path = ['variants', 'default'];
      setNode(x.tree, path, lit('zz_variant'));
      return {
        mutation: this.name,
        describe: `${pathText(path)} names no variant`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  {
    name: 'init-out-of-domain',
    apply(x) {
      const fi = x.r.int(0, x.m.fields.length - 1);
      const f = x.m.fields[fi];
      const v =
        f.kind === 'bool' ? 2 : f.kind === 'flags' ? 0x80 : x.r.pick([f.max + 1, f.min - 1]);
      const path = ['state', fi, 'init'];
      setNode(x.tree, path, lit(v));
      x.sources.delete(pathKey(path));
      return {
        mutation: this.name,
        describe: `${pathText(path)} is ${v}, outside ${f.name}'s domain`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
  // BUG field-bound-at-line-1 placed this at 1:1.
  {
    name: 'field-bound-unknown-name',
    apply(x) {
      const ints = x.m.fields.flatMap((f, fi) => (f.kind === 'int' ? [fi] : []));
      const fi = ints.length > 0 ? x.r.pick(ints) : 0;
      const path = ['state', fi, x.r.pick(['min', 'max'])];
      const field = getNode(x.tree, ['state', fi]) as Extract<YNode, { t: 'm' }>;
      if (x.m.fields[fi].kind !== 'int') {
        setNode(x.tree, ['state', fi, 'type'], lit('int'));
        setNode(x.tree, ['state', fi, 'min'], lit(0));
        setNode(x.tree, ['state', fi, 'max'], lit(1));
        field.e = field.e.filter(([k]) => k !== 'values' && k !== 'bits');
        setNode(x.tree, ['state', fi, 'init'], lit(0));
      }
      setNode(x.tree, path, { t: 's', v: 'zz_bound', style: 'double' });
      return {
        mutation: this.name,
        describe: `${pathText(path)} names zz_bound, which is declared nowhere`,
        resolve: (places) => pointIn(places, path, 0),
      };
    },
  },
  // BUG flags-init-partial-group: this loaded, and exploring failed.
  {
    name: 'flags-init-partial-group',
    apply(x) {
      // A flags field whose group 0x18 has two bits; init sets only one of them.
      const state = getNode(x.tree, ['state']) as Extract<YNode, { t: 'q' }>;
      state.i.push({
        t: 'm',
        e: [
          ['name', lit('zz_flags')],
          ['type', lit('flags')],
          ['bits', { t: 'm', e: [['ZZ_PAIR', { t: 's', v: 0x18, hex: true }]], flow: true }],
          ['init', { t: 's', v: 0x8, hex: true }],
        ],
        flow: x.r.chance(0.5),
      });
      const path = ['state', state.i.length - 1, 'init'];
      return {
        mutation: this.name,
        describe: `${pathText(path)} is 0x8, half of the bit group ZZ_PAIR = 0x18`,
        resolve: (places) => startOf(places, path, path),
      };
    },
  },
];

/** Known-bug cases: each forces the circumstances of one bug. */
export const BUG_MUTATIONS: Readonly<Record<KnownBug, Mutation>> = {
  'escaped-string-offset': {
    name: 'escaped-do-unknown-field',
    apply(x) {
      // Task 1's first step has no `when`: the loader compiles it.
      const doPath = ['tasks', 0, 'steps', 0, 'do'];
      const text = `let zz_t = 1\nzz_field = zz_t`;
      const step = getNode(x.tree, ['tasks', 0, 'steps', 0]) as Extract<YNode, { t: 'm' }>;
      step.e = step.e.filter(([k]) => k !== 'do');
      step.e.splice(step.e.length - 1, 0, ['do', { t: 's', v: text, style: 'escaped' }]);
      step.notes = undefined;
      x.sources.delete(pathKey(doPath));
      return {
        mutation: this.name,
        knownBug: 'escaped-string-offset',
        describe: `${pathText(doPath)} (double-quoted, with a \\n escape) assigns zz_field`,
        resolve: (places) => pointIn(places, doPath, text.indexOf('zz_field')),
      };
    },
  },
  'end-of-block-next-line': {
    name: 'dangling-operator-in-literal-block',
    apply(x) {
      return MUTATIONS.find((mu) => mu.name === 'syntax-error-dangling-operator')!.apply(x);
    },
  },
};
