/**
 * A tiny race small enough to read by hand, for the tests of unranking and of shared orderings:
 * task 1 checks that an object is published and then uses it; task 2 unpublishes it and then
 * frees it. Task 1 uses a freed object exactly when its check comes before the unpublish and its
 * use after the free; a task 1 that finds the object unpublished never uses it. Test support
 * only.
 */
import { compileScenario, type CompiledScenario } from '../scenario/compile.ts';
import { parseScenarioText } from '../scenario/load.ts';

const CHECK_THEN_USE_YAML = `
format: 1
id: check-then-use
version: 1
title: Check, then use
summary: A reader checks that an object is published, then uses it, while its owner frees it.

variants:
  default: racy
  list:
    - { id: racy, title: racy, description: Nothing keeps the object alive between check and use. }

state:
  - { name: published, type: bool, init: true, label: the object is published }
  - { name: freed, type: bool, init: false, label: the object is freed }
  - { name: seen, type: bool, init: false, label: task 1 found it published }
  - { name: uaf, type: bool, init: false, label: task 1 used it freed }

tasks:
  - id: "1"
    ref: t1
    name: Reader
    steps:
      - { id: t1_check, label: "obj = lookup()", explain: Task 1 looks the object up., do: seen = published, next: "seen ? t1_use : done" }
      - { id: t1_use, label: "use(obj)", explain: Task 1 uses the object., do: uaf = freed, next: done }
  - id: "2"
    ref: t2
    name: Owner
    steps:
      - { id: t2_unpublish, label: "unpublish(obj)", explain: Task 2 unpublishes the object., do: published = false, next: t2_free }
      - { id: t2_free, label: "kfree(obj)", explain: Task 2 frees the object., do: freed = true, next: done }

outcomes:
  - { name: USE_AFTER_FREE, bad: true, flag: uaf, description: Task 1 used the freed object. }
  - { name: CLEAN, builtin: clean, description: Nothing went wrong. }
`;

/** The compiled check-then-use scenario. */
export function checkThenUse(): CompiledScenario {
  const r = parseScenarioText(CHECK_THEN_USE_YAML, 'check-then-use.yaml');
  if (!r.ok)
    throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return compileScenario(r.doc);
}
