/**
 * The pseudo-code a document gives, per variant and family size: every line stands for a step
 * the instance has, and every step has a line, by its document (base) id.
 */
import { describe, expect, it } from 'vitest';
import { builtinLibrary } from '../scenario/builtin.ts';
import { codeOf } from './code.ts';

const lib = builtinLibrary();
const cases = lib.ids.flatMap((id) => {
  const doc = lib.doc(id)!;
  const sizes = doc.parameters?.some((p) => p.name === 'processes') ? [1, 2, 3] : [undefined];
  return doc.variants.list.flatMap((v) => sizes.map((processes) => [id, v.id, processes] as const));
});

describe('codeOf', () => {
  it.each(cases)('%s %s (processes %s): lines and steps match', (id, variant, processes) => {
    const sc = lib.instance(id, processes ? { variant, processes } : { variant });
    const code = codeOf(sc);
    expect(Object.keys(code).sort()).toEqual(
      sc.lowered.tasks
        .map((t) => t.ref)
        .filter((r, i, a) => a.indexOf(r) === i)
        .sort(),
    );
    for (const task of sc.lowered.tasks) {
      const bases = new Set(task.steps.map((s) => s.def.base));
      const named = new Set(code[task.ref].flatMap((l) => (l.step ? [l.step] : [])));
      expect(
        [...named].filter((s) => !bases.has(s)),
        task.key,
      ).toEqual([]);
      expect(
        [...bases].filter((s) => !named.has(s)),
        task.key,
      ).toEqual([]);
    }
  });

  it('names document step ids, not instance ids, and is the same for every family size', () => {
    const one = codeOf(lib.instance('ksm-exit-race', { processes: 1 }));
    const three = lib.instance('ksm-exit-race', { processes: 3 });
    expect(codeOf(three)).toEqual(one);
    expect([...three.steps.keys()]).toContain('t1_mmap_read_lock.3');
    expect(one.t1.map((l) => l.step)).toContain('t1_mmap_read_lock');
  });

  it('keeps only the lines whose `when` holds, and links them through source_url', () => {
    const bug = codeOf(lib.instance('ksm-exit-race', { variant: 'a_vma_iter' })).t1;
    const fix = codeOf(lib.instance('ksm-exit-race', { variant: 'b_early_check' })).t1;
    expect(bug.some((l) => l.step === 't1_early_test_exit')).toBe(false);
    expect(fix.find((l) => l.step === 't1_early_test_exit')?.indent).toBe(2);
    expect(fix[1].href).toBe('https://elixir.bootlin.com/linux/v6.3.8/source/mm/ksm.c#L996');
    expect(bug[1].href).toBe('https://elixir.bootlin.com/linux/v6.3-rc1/source/mm/ksm.c#L971');
  });
});
