/**
 * The engine on a tiny second scenario, small enough to count by hand: the classic lost update.
 * Each task reads a shared counter into its own field and writes it back plus one; in variant
 * `locked`, each task does so under a spinlock. The scenario is a document like any under
 * scenarios/, written here and compiled the same way.
 */
import { describe, expect, it } from 'vitest';
import { DONE, enabledTasks, isTerminal, outcomesOf, taskStatus, type Scenario } from './engine.ts';
import { explore } from './explorer.ts';
import { replay, whyNot } from './replay.ts';
import { compileScenario } from './scenario/compile.ts';
import { parseScenarioText } from './scenario/load.ts';
import { completeSchedule } from './schedule.ts';
import { bruteForceCounts } from './testing/brute-force.ts';

/** Task `n` of the lost-update document: it reads the counter and writes it back plus one. */
const task = (n: 1 | 2) => `
  - id: "${n}"
    ref: t${n}
    name: Task ${n}
    steps:
      - { id: t${n}_lock, when: locked, label: spin_lock(&lock), explain: Task ${n} takes the lock., acquire: lock, next: t${n}_read }
      - { id: t${n}_read, label: r${n} = x, explain: Task ${n} reads the counter., do: r${n} = x, next: t${n}_write }
      - id: t${n}_write
        label: x = r${n} + 1
        explain: Task ${n} writes back its copy plus one.
        do: x = r${n} + 1
        next: "locked ? t${n}_unlock : done"
      - { id: t${n}_unlock, when: locked, label: spin_unlock(&lock), explain: Task ${n} drops the lock., release: lock, next: done }`;

const LOST_UPDATE_YAML = `
format: 1
id: lost-update
version: 1
title: Lost update
summary: Two tasks increment one counter, each by reading it and writing it back plus one.

variants:
  default: unlocked
  features:
    locked: Each task holds the spinlock around its read and its write.
  list:
    - id: unlocked
      title: unlocked (the bug)
      description: Read and write with nothing around them.
      features: { locked: false }
    - id: locked
      title: locked (the fix)
      description: spin_lock() before the read, spin_unlock() after the write.
      features: { locked: true }

locks:
  - { name: lock, kind: spinlock, label: counter lock }

state:
  - { name: x, type: int, min: 0, max: 2, init: 0, label: the counter }
  - { name: r1, type: int, min: 0, max: 2, init: 0, label: task 1's copy }
  - { name: r2, type: int, min: 0, max: 2, init: 0, label: task 2's copy }

tasks:${task(1)}${task(2)}

outcomes:
  - { name: LOST_UPDATE, bad: true, final: "x != 2", description: One increment overwrote the other. }
  - { name: CLEAN, builtin: clean, description: Both increments count. }
`;

function counterScenario(variant: 'unlocked' | 'locked'): Scenario {
  const r = parseScenarioText(LOST_UPDATE_YAML, 'lost-update.yaml');
  if (!r.ok)
    throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return compileScenario(r.doc, { variant });
}

function exploreOk(sc: Scenario) {
  const r = explore(sc);
  if (!r.ok) throw new Error(r.problem.message);
  return r.exploration;
}

describe('engine on the lost-update example', () => {
  it('compiles to two tasks with the steps each variant declares', () => {
    const plain = counterScenario('unlocked');
    expect(plain.tasks.map((t) => t.key)).toEqual(['1', '2']);
    expect([...plain.steps.keys()]).toEqual(['t1_read', 't1_write', 't2_read', 't2_write']);
    expect(plain.outcomeNames).toEqual(['LOST_UPDATE', 'CLEAN']);
    expect(plain.badOutcomes).toEqual(['LOST_UPDATE']);
    expect(plain.cleanOutcome).toBe('CLEAN');
    const locked = counterScenario('locked');
    expect([...locked.steps.keys()].sort()).toEqual(
      [
        't1_lock',
        't1_read',
        't1_write',
        't1_unlock',
        't2_lock',
        't2_read',
        't2_write',
        't2_unlock',
      ].sort(),
    );
    expect(locked.steps.get('t2_lock')!.acquires).toEqual({ lock: 'lock', mode: 'spin' });
    expect(locked.steps.get('t2_unlock')!.releases).toEqual(['lock']);
    expect(locked.pcOf(locked.initial, 1)).toBe('t1_lock');
    expect(plain.pcOf(plain.initial, 2)).toBe('t2_read');
  });

  it.each([
    {
      title: 'counts 6 interleavings, 4 of them losing an update',
      variant: 'unlocked',
      // Two steps per task: C(4, 2) = 6 orders. Only the two serial ones (AABB, BBAA) are clean.
      schedules: 6,
      lost: 4,
      clean: 2,
      witness: { LOST_UPDATE: ['t1_read', 't2_read', 't1_write', 't2_write'] },
      // By program points (p1, p2) in {0,1,2}²: one state at each point except (2,1) and (1,2),
      // which have two (the other task read before or after the write), and (2,2), the three
      // terminal states: 6 + 2 + 2 + 3 = 13. Moves: two from each of (0,0), (1,0), (0,1), (1,1),
      // one from (2,0), (0,2) and from each of the four states at (2,1) and (1,2): 8 + 2 + 4 = 14.
      states: 13,
      transitions: 14,
      // Terminal states differ in (x, r1, r2): (1, 0, 0) lost, (2, 0, 1) and (2, 1, 0) serial.
      terminals: 3,
    },
    {
      title: 'with the lock: 2 schedules (A first or B first), never a lost update',
      variant: 'locked',
      // The lock is each task's first step and the unlock its last, so the tasks run whole, one
      // after the other: AAAA BBBB or BBBB AAAA. The two paths share only the initial state and
      // end in different states ((x, r1, r2) = (2, 0, 1) and (2, 1, 0)): 1 + 8 + 8 states.
      schedules: 2,
      lost: 0,
      clean: 2,
      witness: {},
      states: 17,
      transitions: 16,
      terminals: 2,
    },
  ] as const)(
    '$title',
    ({ variant, schedules, lost, clean, witness, states, transitions, terminals }) => {
      const sc = counterScenario(variant);
      const s = exploreOk(sc).summary;
      expect(s.completeSchedules).toBe(BigInt(schedules));
      expect(s.schedulesWith).toEqual({ LOST_UPDATE: BigInt(lost), CLEAN: BigInt(clean) });
      expect(s.shortestWitness).toEqual(witness);
      expect(s.reachableStates).toBe(states);
      expect(s.transitions).toBe(transitions);
      expect(s.terminalStates).toBe(terminals);
      // The same numbers, walked schedule by schedule.
      expect(bruteForceCounts(sc, sc.initial)).toEqual({
        schedules,
        with: { LOST_UPDATE: lost, CLEAN: clean },
        // Each schedule ends in exactly one of the two.
        byOutcomes: Object.fromEntries(
          Object.entries({ LOST_UPDATE: lost, CLEAN: clean }).filter(([, n]) => n > 0),
        ),
        states,
        transitions,
        terminals,
      });
    },
  );

  it('classifies the final state of each serial and each racy order', () => {
    const sc = counterScenario('unlocked');
    const lost = replay(sc, [1, 2, 1, 2]);
    if (!lost.ok) throw new Error(lost.problem.message);
    expect(lost.trace.complete).toBe(true);
    expect(lost.trace.outcomes).toEqual(['LOST_UPDATE']);
    expect(lost.trace.steps.at(-1)!.state).toEqual({ x: 1, r1: 0, r2: 0 });
    const serial = replay(sc, [2, 2, 1, 1]);
    if (!serial.ok) throw new Error(serial.problem.message);
    expect(serial.trace.outcomes).toEqual(['CLEAN']);
    expect(serial.trace.steps.at(-1)!.state).toEqual({ x: 2, r1: 1, r2: 0 });
    const final = serial.trace.raw.at(-1)!;
    expect(isTerminal(sc, final)).toBe(true);
    expect(outcomesOf(sc, sc.finalMask(final))).toEqual(['CLEAN']);
    expect(sc.flagMask(final)).toBe(0);
    expect(sc.pcOf(final, 1)).toBe(DONE);
    expect(taskStatus(sc, final, 1)).toEqual({ kind: 'done' });
  });

  it('reports who blocks whom and repairs an impossible order', () => {
    const sc = counterScenario('locked');
    const after = replay(sc, [1]);
    if (!after.ok) throw new Error(after.problem.message);
    const s1 = after.trace.raw[1];
    expect(taskStatus(sc, s1, 2)).toEqual({
      kind: 'blocked',
      stepId: 't2_lock',
      lock: 'lock',
      lockKind: 'spinlock',
      mode: 'spin',
      heldBy: [{ task: 1, mode: 'spin' }],
    });
    expect(taskStatus(sc, s1, 1)).toEqual({ kind: 'runnable', stepId: 't1_read' });
    expect(enabledTasks(sc, s1)).toEqual([1]);
    expect(sc.locksHeld(s1, 1)).toEqual([{ lock: 'lock', mode: 'spin' }]);
    expect(sc.locksHeld(s1, 2)).toEqual([]);
    expect(after.trace.steps[0].locks).toEqual([
      { lock: 'lock', kind: 'spinlock', holders: [{ task: 1, mode: 'spin' }] },
    ]);
    expect(whyNot(sc, s1, 2)).toBe(
      'task 2 is waiting in spin_lock(&lock): lock is held by task 1 (spinlock)',
    );
    const blocked = replay(sc, [1, 2]);
    expect(!blocked.ok && blocked.problem).toMatchObject({ kind: 'blocked', position: 1 });
    // Once task 1 unlocks, task 2 can take the lock.
    const released = replay(sc, [1, 1, 1, 1]);
    if (!released.ok) throw new Error(released.problem.message);
    expect(taskStatus(sc, released.trace.raw[4], 2)).toEqual({
      kind: 'runnable',
      stepId: 't2_lock',
    });
    const c = completeSchedule(sc, [1, 2, 1, 1, 1, 2, 2, 2, 2]);
    expect(c.skipped.map((x) => x.position)).toEqual([1]);
    expect(c.tasks).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(c.appended).toBe(0);
  });
});
