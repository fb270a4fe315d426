/**
 * The example scenarios of docs/ (docs/examples/*.yaml) load without problems, and the tutorial's
 * ABBA deadlock gives the counts derived by hand below and in docs/scenario-format.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore } from '../explorer.ts';
import { replay } from '../replay.ts';
import { compileScenario } from './compile.ts';
import type { ScenarioDoc } from './document.ts';
import { formatProblems, parseScenarioText } from './load.ts';

const EXAMPLES = new URL('../../../docs/examples/', import.meta.url);
const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function load(name: string): ScenarioDoc {
  const r = parseScenarioText(
    readFileSync(new URL(name, EXAMPLES), 'utf8'),
    `docs/examples/${name}`,
  );
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.doc;
}

describe('docs/examples', () => {
  it('has examples', () => {
    expect(files).toContain('abba-deadlock.yaml');
  });

  it.each(files)('%s loads without problems', (name) => {
    const r = parseScenarioText(readFileSync(new URL(name, EXAMPLES), 'utf8'), name);
    expect(r.ok ? [] : formatProblems(r.problems).split('\n')).toEqual([]);
  });
});

/*
 * ABBA by hand. Each task has four steps, so its program counter runs 0..4 (4 = done):
 *
 *   task 1:  0 lock A   1 list_del   2 lock B   3 list_add + unlock B, A
 *   bug, task 2:  0 lock B   1 list_del   2 lock A   3 list_add + unlock A, B
 *   fix, task 2:  0 lock A   1 lock B     2 list_del 3 list_add + unlock A, B
 *
 * The fields and lock owners follow from the two counters, so a state is a pair (p1, p2): a
 * point on the 5 × 5 grid, and a schedule is a monotone path on it (task 1 moves right, task 2
 * up). A point where both tasks would hold the same mutex is unreachable, and a lock step is
 * disabled exactly when its target point is such a point, so the complete schedules are the
 * monotone paths from (0,0) that avoid those points and end where no move is left.
 *
 * Bug. Task 1 holds A at p1 ∈ {1,2,3}, B at p1 = 3; task 2 holds B at p2 ∈ {1,2,3}, A at p2 = 3.
 * Excluded: (1..3, 3) for A and (3, 1..3) for B — five points. At (2,2) task 1 waits for B (task
 * 2 holds it) and task 2 waits for A: no move, not finished, so DEADLOCK; it is the only stuck
 * point besides (4,4). Every path through {1,2} × {1,2} ends there, since from that square
 * neither task can reach p = 3.
 *   - DEADLOCK: the paths from (0,0) to (2,2): C(4,2) = 6 (no excluded point on the way).
 *   - CLEAN: a path to (4,4) must cross p1 = 3 with p2 ∈ {0,4} and p2 = 3 with p1 ∈ {0,4}: task 1
 *     runs all four steps then task 2 (1,1,1,1,2,2,2,2), or the other way round: 2 paths.
 *   So 8 complete schedules, 6 of them deadlock. Reachable points: the border of the grid (16)
 *   plus (1,1), (1,2), (2,1), (2,2): 20 states. Transitions: 16 along the border, plus 8 inside:
 *   (1,0)→(1,1), (2,0)→(2,1), (0,1)→(1,1), (0,2)→(1,2), (1,1)→(2,1), (1,1)→(1,2), (2,1)→(2,2),
 *   (1,2)→(2,2): 24. Terminal states: (2,2) and (4,4).
 *
 * Fix. Both tasks hold A at p ∈ {1,2,3}, so the whole square {1,2,3} × {1,2,3} is excluded: once
 * one task has taken A the other waits until it is done. 2 complete schedules (1,1,1,1,2,2,2,2
 * and 2,2,2,2,1,1,1,1), both CLEAN; 16 states (the border), 16 transitions, 1 terminal state.
 *
 * The tutorial replays 1,2,1,2 on the bug: (1,0), (1,1), (2,1), (2,2) — the deadlock. On the fix
 * its second turn is impossible: task 2's first step wants A, which task 1 holds.
 */
describe('abba-deadlock, counted by hand', () => {
  const doc = load('abba-deadlock.yaml');
  const expected = {
    a_opposite_order: {
      reachableStates: 20,
      transitions: 24,
      terminalStates: 2,
      completeSchedules: 8n,
      schedulesWith: { DEADLOCK: 6n, CLEAN: 2n },
    },
    b_same_order: {
      reachableStates: 16,
      transitions: 16,
      terminalStates: 1,
      completeSchedules: 2n,
      schedulesWith: { DEADLOCK: 0n, CLEAN: 2n },
    },
  };

  it('has exactly the two variants counted here, bug and fix', () => {
    expect(doc.variants.list.map((v) => v.id)).toEqual(Object.keys(expected));
    expect(doc.variants.fix).toMatchObject({ bug: 'a_opposite_order', fixed: 'b_same_order' });
  });

  it.each(Object.entries(expected))('%s', (variant, counts) => {
    const r = explore(compileScenario(doc, { variant }));
    if (!r.ok) throw new Error(r.problem.message);
    const { shortestWitness, ...summary } = r.exploration.summary;
    expect(summary).toEqual(counts);
    expect(Object.keys(shortestWitness)).toEqual(
      counts.schedulesWith.DEADLOCK > 0n ? ['DEADLOCK'] : [],
    );
  });

  it('the shortest deadlock is both tasks between their two locks', () => {
    const r = explore(compileScenario(doc, { variant: 'a_opposite_order' }));
    if (!r.ok) throw new Error(r.problem.message);
    // Breadth-first, task 1 tried first: task 1's two steps, then task 2's.
    expect(r.exploration.summary.shortestWitness.DEADLOCK).toEqual([
      't1_lock_a',
      't1_del',
      't2_lock_b',
      't2_del',
    ]);
  });

  it("the tutorial's schedule 1,2,1,2 deadlocks the bug", () => {
    const r = replay(compileScenario(doc, { variant: 'a_opposite_order' }), [1, 2, 1, 2]);
    if (!r.ok) throw new Error(r.problem.message);
    const t = r.trace;
    expect(t.steps.map((s) => s.stepId)).toEqual(['t1_lock_a', 't2_lock_b', 't1_del', 't2_del']);
    expect(t.complete).toBe(true);
    expect(t.outcomes).toEqual(['DEADLOCK']);
    expect(t.steps[3].state).toEqual({ a_len: 0, b_len: 0 });
    expect(t.steps[3].statuses).toMatchObject([
      { kind: 'blocked', stepId: 't1_lock_b', lock: 'lock_b', heldBy: [{ task: 2 }] },
      { kind: 'blocked', stepId: 't2_lock_a', lock: 'lock_a', heldBy: [{ task: 1 }] },
    ]);
  });

  it('the same schedule is impossible in the fix: task 2 waits for A at its first step', () => {
    const r = replay(compileScenario(doc, { variant: 'b_same_order' }), [1, 2, 1, 2]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ kind: 'blocked', position: 1 });
    expect(r.problem.message).toContain('lock_a is held by task 1');
  });
});
