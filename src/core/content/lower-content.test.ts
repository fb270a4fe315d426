/**
 * Mistakes in a document's content are load-time problems at file:line:column, like mistakes in
 * the model: an expression's column points inside the expression, also inside a template.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/load.ts';

const FILE = 'scenarios/ksm-exit-race.yaml';
const TEXT = readFileSync(FILE, 'utf8');

/** Replaces `from` (once) and returns the problems, with where `at` sits in the new text. */
function broken(from: string, to: string, at: string) {
  expect(TEXT.split(from)).toHaveLength(2);
  const text = TEXT.replace(from, to);
  const i = text.indexOf(at);
  const before = text.slice(0, i).split('\n');
  const r = parseScenarioText(text, FILE);
  return {
    problems: r.ok ? [] : r.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
    place: `${FILE}:${before.length}:${before[before.length - 1].length + 1}`,
  };
}

describe('content problems are placed', () => {
  it('the file loads as it is', () => {
    expect(parseScenarioText(TEXT, FILE).ok).toBe(true);
  });

  it.each([
    [
      'a misspelt field in a note condition',
      '    when: mm_users[k] == 0\n',
      '    when: mm_userz[k] == 0\n',
      'mm_userz',
      'unknown array "mm_userz"',
    ],
    [
      'a misspelt feature in a code line',
      'step: t1_early_test_exit, when: early_check }',
      'step: t1_early_test_exit, when: erly_check }',
      'erly_check',
      'unknown name "erly_check"',
    ],
    [
      'a misspelt field inside a report placeholder',
      '(page tables: ${pgtables[i]})',
      '(page tables: ${pgtabels[i]})',
      'pgtabels',
      'unknown array "pgtabels"',
    ],
    [
      'an unknown placeholder',
      '"The buggy address belongs to a freed ${object}."',
      '"The buggy address belongs to a freed ${objekt}."',
      'objekt',
      'unknown name "objekt"',
    ],
    [
      'a misspelt field in a report test',
      '{ if: { before: "vma_freed[i]" }, text: struct vm_area_struct }',
      '{ if: { before: "vma_fred[i]" }, text: struct vm_area_struct }',
      'vma_fred',
      'unknown array "vma_fred"',
    ],
  ])('%s', (_what, from, to, at, message) => {
    const { problems, place } = broken(from, to, at);
    expect(problems.join('\n')).toContain(`${place}: ${message}`);
  });

  it.each([
    [
      'a code line for a step the variant does not have',
      '{ indent: 2, text: "if (ksm_test_exit(mm))  goto mm_exiting;   /* the fix */", step: t1_early_test_exit, when: early_check }',
      '{ indent: 2, text: "if (ksm_test_exit(mm))  goto mm_exiting;   /* the fix */", step: t1_early_test_exit }',
      'step t1_early_test_exit is not part of this variant',
    ],
    [
      'a note at no step',
      'step: t2_mt_destroy\n    title:',
      'step: t2_mt_destory\n    title:',
      'there is no step "t2_mt_destory"',
    ],
    [
      'a lock test outside each: held',
      '{ if: { task: t1 }, lines: [" unmerge_and_remove_all_rmap_items", " run_store"] }',
      '{ if: { task: t1, lock: mmap_lock }, lines: [" unmerge_and_remove_all_rmap_items", " run_store"] }',
      '"lock" tests a held lock',
    ],
    [
      'a report of no outcome',
      '    CLEAN:\n      explain:',
      '    CLEEN:\n      explain:',
      'there is no outcome "CLEEN"',
    ],
  ])('%s', (_what, from, to, message) => {
    const { problems } = broken(from, to, to);
    expect(problems.join('\n')).toContain(message);
  });
});
