import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeDiff, fixDiffOf, type DiffLine } from './code-diff.ts';
import { codeOf, type CodeLine } from './content/code.ts';
import { builtinLibrary } from './scenario/builtin.ts';
import { checkProperty } from './testing/check.ts';

const lib = builtinLibrary();
const shown = (l: CodeLine) => `${'  '.repeat(l.indent)}${l.text}`;
const changes = (lines: readonly DiffLine[], kind: DiffLine['kind']) =>
  lines.filter((d) => d.kind === kind).map((d) => shown(d.line));

describe('the fix of the default scenario as a diff', () => {
  const doc = lib.doc('ksm-exit-race')!;
  const diff = fixDiffOf(doc)!;

  it('compares the pair the scenario declares', () => {
    expect([diff.bug, diff.fixed, diff.label]).toEqual([
      'a_vma_iter',
      'b_early_check',
      'Early ksm_test_exit() check',
    ]);
  });

  it('adds the early ksm_test_exit() after mmap_read_lock() and removes the in-loop check', () => {
    const t1 = diff.tasks.t1;
    expect(changes(t1, 'added')).toEqual([
      '    if (ksm_test_exit(mm))  goto mm_exiting;   /* the fix */',
      '  mm_exiting:',
    ]);
    expect(changes(t1, 'removed')).toEqual(['      if (ksm_test_exit(mm))  break;']);
    // Where: the early check right after mmap_read_lock(), the old check inside for_each_vma().
    const at = t1.findIndex((d) => d.kind === 'added');
    expect(shown(t1[at - 1].line)).toBe('    mmap_read_lock(mm);');
    const gone = t1.findIndex((d) => d.kind === 'removed');
    expect(shown(t1[gone - 1].line)).toMatch(/^ {4}for_each_vma\(vmi, vma\) \{/);
    // mm_exiting: labels remove_trailing_rmap_items(), where the early check jumps.
    const label = t1.findIndex((d) => d.kind === 'added' && d.line.text === 'mm_exiting:');
    expect(t1[label + 1].line.text).toBe('remove_trailing_rmap_items(&mm_slot->rmap_list);');
    expect(t1[label + 1].kind).toBe('same');
  });

  it('leaves task 2 alone', () => {
    expect(diff.tasks.t2.every((d) => d.kind === 'same')).toBe(true);
    expect(diff.tasks.t2.map((d) => d.line)).toEqual(
      codeOf(lib.instance('ksm-exit-race', { variant: 'b_early_check' })).t2,
    );
  });
});

/** Length of a longest common subsequence by text and indent, by plain recursion with a memo. */
function lcsLength(a: readonly CodeLine[], b: readonly CodeLine[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    let v = memo.get(key);
    if (v === undefined) {
      v =
        a[i].text === b[j].text && a[i].indent === b[j].indent
          ? 1 + go(i + 1, j + 1)
          : Math.max(go(i + 1, j), go(i, j + 1));
      memo.set(key, v);
    }
    return v;
  };
  return go(0, 0);
}

const same = (x: CodeLine) => ({ text: x.text, indent: x.indent });

/** The diff is a minimal edit of the bug side into the fixed side. */
function checkDiff(bug: Record<string, CodeLine[]>, fixed: Record<string, CodeLine[]>): void {
  const diff = codeDiff(bug, fixed);
  expect(Object.keys(diff).sort()).toEqual(
    [...new Set([...Object.keys(bug), ...Object.keys(fixed)])].sort(),
  );
  for (const [ref, lines] of Object.entries(diff)) {
    const b = bug[ref] ?? [];
    const f = fixed[ref] ?? [];
    const kept = lines.filter((d) => d.kind === 'same').map((d) => same(d.line));
    // The bug side without the removed lines is the kept lines; kept and added are the fix.
    const bugLeft = lines.filter((d) => d.kind !== 'added');
    expect(bugLeft.map((d) => same(d.line))).toEqual(b.map(same));
    expect(bugLeft.filter((d) => d.kind === 'same').map((d) => same(d.line))).toEqual(kept);
    expect(lines.filter((d) => d.kind !== 'removed').map((d) => d.line)).toEqual(f);
    expect(kept.length, `${ref}: as many kept lines as the longest common run`).toBe(
      lcsLength(b, f),
    );
  }
}

describe('codeDiff', () => {
  it('on every pair of variants of the built-in scenarios', () => {
    for (const id of lib.ids) {
      const variants = lib.doc(id)!.variants.list.map((v) => v.id);
      for (const x of variants) {
        for (const y of variants) {
          checkDiff(
            codeOf(lib.instance(id, { variant: x })),
            codeOf(lib.instance(id, { variant: y })),
          );
        }
      }
    }
  });

  it('on random line lists', () => {
    // Few distinct lines, so that runs repeat and the common subsequence is not obvious.
    const line = fc.record({
      text: fc.constantFrom('a();', 'b();', '}', 'if (x) {'),
      indent: fc.nat({ max: 2 }),
      step: fc.option(fc.constantFrom('s1', 's2'), { nil: undefined }),
    });
    const side = fc.dictionary(
      fc.constantFrom('t1', 't2', 't3'),
      fc.array(line, { maxLength: 12 }),
    );
    checkProperty(
      'codeDiff is a minimal edit',
      fc.property(side, side, (bug, fixed) => {
        const clean = (r: Record<string, { text: string; indent: number; step?: string }[]>) =>
          Object.fromEntries(
            Object.entries(r).map(([k, ls]) => [
              k,
              ls.map((l) => (l.step === undefined ? { text: l.text, indent: l.indent } : l)),
            ]),
          );
        checkDiff(clean(bug), clean(fixed));
      }),
      500,
    );
  });

  it('is undefined for a scenario that declares no fix', () => {
    const doc = lib.doc('ksm-exit-race')!;
    expect(fixDiffOf({ ...doc, variants: { ...doc.variants, fix: undefined } })).toBeUndefined();
  });
});
