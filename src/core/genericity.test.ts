/**
 * "Nothing else knows a race": no production source of the engine, worker, CLI, store, link
 * codec or page names a field, lock, step, helper, parameter or variant of a built-in scenario.
 * (Test files, `testing` folders (src/core/testing holds the independent oracles) and
 * src/url/corpus (the saved links and their writer) are exempt: knowing the race is their job.
 * So is src/url/format1.ts, the frozen reader of links made when the page showed one race: its
 * `t` words name that race's parameters, and must keep doing so.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinLibrary } from './scenario/builtin.ts';

/** Words that are a scenario's names and also ordinary programming words. */
const COMMON = new Set([
  'cursor',
  'done',
  'mutex',
  'readers',
  'writer',
  'killed',
  'zapped',
  'exit',
  'oom',
  'processes',
]);
/** Sources allowed to name a race, with the reason above. */
const EXEMPT = new Set([join('src', 'url', 'format1.ts')]);

function names(): Set<string> {
  const out = new Set<string>();
  const lib = builtinLibrary();
  for (const id of lib.ids) {
    const doc = lib.doc(id)!;
    for (const f of doc.state ?? []) out.add(f.name);
    for (const l of doc.locks ?? []) out.add(l.name);
    for (const v of doc.variants.list) out.add(v.id);
    for (const f of Object.keys(doc.variants.features ?? {})) out.add(f);
    for (const t of doc.tasks) for (const s of t.steps) out.add(s.id);
    for (const h of Object.keys(doc.helpers ?? {})) out.add(h.replace(/\(.*$/, ''));
    for (const p of doc.parameters ?? []) out.add(p.name);
  }
  for (const w of COMMON) out.delete(w);
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const isTestSupport = e.name === 'testing' || p.endsWith(join('url', 'corpus'));
      return isTestSupport ? [] : sources(p);
    }
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !EXEMPT.has(p) ? [p] : [];
  });
}

describe('the engine, worker, CLI, store, link codec and page know no race', () => {
  const words = names();
  it('has names to look for', () => {
    expect(words.has('t1_vma_first')).toBe(true);
    expect(words.has('mm_users')).toBe(true);
    expect(words.has('ksm_mmlist_lock')).toBe(true);
  });
  it.each(['src/core', 'src/worker', 'src/cli', 'src/state', 'src/url', 'src/ui'])(
    '%s names none of them',
    (dir) => {
      const hits: string[] = [];
      for (const file of sources(dir)) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
          if (words.has(m[0])) hits.push(`${file}: ${m[0]}`);
        }
      }
      expect(hits).toEqual([]);
    },
  );
});
