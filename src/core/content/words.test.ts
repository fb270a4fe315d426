/**
 * Outcome and step words from the document, and what a document without them reads as.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinLibrary } from '../scenario/builtin.ts';
import { compileScenario } from '../scenario/compile.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { outcomeShort, outcomeTitle, stepShortLabel } from './words.ts';

const abba = (() => {
  const file = 'docs/examples/abba-deadlock.yaml';
  const r = parseScenarioText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.doc;
})();

describe('outcome words', () => {
  it('reads title and short form from the document', () => {
    const doc = builtinLibrary().doc('ksm-oom-deadlock')!;
    expect(outcomeTitle(doc, 'WRONG_VICTIM')).toBe('wrong OOM victim');
    expect(outcomeShort(doc, 'WRONG_VICTIM')).toBe('wrong victim');
    expect(outcomeShort(doc, 'CLEAN')).toBe('clean');
  });

  it('falls back to the name in words, and the short form to the title', () => {
    expect(outcomeTitle(abba, 'DEADLOCK')).toBe('deadlock');
    expect(outcomeShort(abba, 'DEADLOCK')).toBe('deadlock');
    expect(outcomeTitle(abba, 'RUNNING')).toBe('running');
    expect(outcomeTitle(abba, 'USE_AFTER_FREE')).toBe('use after free');
  });
});

describe('stepShortLabel', () => {
  it('gives the short label for the variant, or the full label', () => {
    const lib = builtinLibrary();
    const maple = lib.instance('ksm-exit-race', { variant: 'a_vma_iter', processes: 2 });
    const list = lib.instance('ksm-exit-race', { variant: 'c_linked_list' });
    expect(stepShortLabel(maple, 't1_vma_first.2')).toBe('for_each_vma() → mas_root()');
    expect(stepShortLabel(list, 't1_vma_first')).toBe('vma = mm->mmap');
    const sc = compileScenario(abba);
    expect(stepShortLabel(sc, 't1_lock_a')).toBe('mutex_lock(&a->lock)');
    expect(stepShortLabel(sc, 'no_such_step')).toBe('no_such_step');
  });
});
