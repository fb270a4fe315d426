/**
 * The loader's cross-reference checks, each placed where the mistake is written.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './load.ts';

const BASE = `format: 1
id: t
version: 1
title: T
summary: S
variants:
  default: va
  list:
    - { id: va, title: A, description: D }
state:
  - { name: x, type: int, min: 0, max: 1, init: 0 }
tasks:
  - id: "1"
    ref: t1
    name: T
    steps:
      - { id: t1_a, label: A, explain: E, next: done }
outcomes:
  - { name: DEADLOCK, bad: true, builtin: deadlock, description: D }
  - { name: CLEAN, builtin: clean, description: D }
`;

function problems(text: string) {
  const r = parseScenarioText(text, 'f.yaml');
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.where}: ${p.message}`);
}

describe('cross-references', () => {
  it('accepts the base document', () => {
    expect(problems(BASE)).toEqual([]);
  });

  it.each([
    [
      'an unknown default variant',
      BASE.replace('default: va', 'default: vb'),
      '7:12 variants.default: there is no variant "vb"',
    ],
    [
      'a duplicate outcome',
      BASE.replace(
        'builtin: clean, description: D }',
        'builtin: clean, description: D }\n  - { name: CLEAN, builtin: clean, description: E }',
      ),
      '21:5 outcomes[2]: outcome "CLEAN" is declared twice',
    ],
    [
      'a step id of another task',
      BASE.replace(
        'outcomes:',
        '  - id: "2"\n    ref: t2\n    name: U\n    steps:\n      - { id: t1_a, label: A, explain: E, next: done }\noutcomes:',
      ),
      '22:15 tasks[1].steps[0].id: step id t1_a is already a step of task 1',
    ],
    [
      'an unknown may_stop_at step',
      BASE.replace('    name: T\n', '    name: T\n    may_stop_at: [t1_z]\n'),
      'tasks[0].may_stop_at[0]: there is no step of task 1 called "t1_z"',
    ],
    [
      'an init outside the domain',
      BASE.replace('init: 0 }', 'init: 3 }'),
      "11:49 state[0].init: init 3 is outside the field's domain 0..1",
    ],
  ])('rejects %s, at its place', (_what, text, expected) => {
    expect(problems(text).join('\n')).toContain(expected);
  });
});
