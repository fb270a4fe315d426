/**
 * The engine on a tiny second scenario, small enough to count by hand: the classic lost update.
 * Each task reads a shared counter into a local and writes it back plus one; with `locked`, each
 * task does so under a spinlock.
 */
import { describe, expect, it } from 'vitest';
import { DONE, taskStatus, type Scenario, type StepDef } from './engine.ts';
import { explore } from './explorer.ts';
import { replay } from './replay.ts';
import { completeSchedule } from './schedule.ts';

interface Counter {
  pc1: string;
  pc2: string;
  x: number;
  r1: number;
  r2: number;
  owner: number;
}

const src = { file: 'example.c', lines: '1', version: 'test', url: 'https://example.invalid/' };

function counterScenario(locked: boolean): Scenario<Counter> {
  const prog = (task: 1 | 2): StepDef<Counter>[] => {
    const r = task === 1 ? 'r1' : 'r2';
    const p = `t${task}_`;
    const lock = { lock: 'lock', mode: 'spin' as const };
    const body: StepDef<Counter>[] = [
      {
        id: p + 'read',
        task,
        label: `${r} = x`,
        explain: '',
        source: src,
        holds: locked ? [lock] : [],
        effect: (d) => {
          (d as Counter)[r] = d.x;
        },
        next: () => p + 'write',
      },
      {
        id: p + 'write',
        task,
        label: `x = ${r} + 1`,
        explain: '',
        source: src,
        holds: locked ? [lock] : [],
        effect: (d) => {
          (d as Counter).x = d[r] + 1;
        },
        next: () => (locked ? p + 'unlock' : DONE),
      },
    ];
    if (!locked) return body;
    return [
      {
        id: p + 'lock',
        task,
        label: 'spin_lock(&lock)',
        explain: '',
        source: src,
        holds: [],
        acquires: lock,
        guard: (s) => s.owner === 0,
        effect: (d) => {
          (d as Counter).owner = task;
        },
        next: () => p + 'read',
      },
      ...body,
      {
        id: p + 'unlock',
        task,
        label: 'spin_unlock(&lock)',
        explain: '',
        source: src,
        holds: [lock],
        effect: (d) => {
          (d as Counter).owner = 0;
        },
        next: () => DONE,
      },
    ];
  };
  const steps = new Map([...prog(1), ...prog(2)].map((d) => [d.id, d]));
  return {
    id: 'counter',
    version: 1,
    tasks: [
      { id: 1, name: 'A' },
      { id: 2, name: 'B' },
    ],
    initial: {
      pc1: locked ? 't1_lock' : 't1_read',
      pc2: locked ? 't2_lock' : 't2_read',
      x: 0,
      r1: 0,
      r2: 0,
      owner: 0,
    },
    steps,
    pcOf: (s, t) => (t === 1 ? s.pc1 : s.pc2),
    setPc: (d, t, pc) => {
      (d as Counter)[t === 1 ? 'pc1' : 'pc2'] = pc;
    },
    flaggedOutcomes: () => [],
    finalOutcomes: (s) => (s.x === 2 ? ['CLEAN'] : ['LOST_UPDATE']),
    outcomeNames: ['LOST_UPDATE', 'CLEAN'],
    badOutcomes: ['LOST_UPDATE'],
    keyWords: 1,
    pack: (s, out, o) => {
      const pcs = [...steps.keys(), DONE];
      out[o] =
        pcs.indexOf(s.pc1) |
        (pcs.indexOf(s.pc2) << 4) |
        (s.x << 8) |
        (s.r1 << 10) |
        (s.r2 << 12) |
        (s.owner << 14);
    },
    unpack: (w, o) => {
      const pcs = [...steps.keys(), DONE];
      const v = w[o];
      return {
        pc1: pcs[v & 15],
        pc2: pcs[(v >> 4) & 15],
        x: (v >> 8) & 3,
        r1: (v >> 10) & 3,
        r2: (v >> 12) & 3,
        owner: (v >> 14) & 3,
      };
    },
  };
}

describe('engine on the lost-update example', () => {
  it('counts 6 interleavings, 4 of them losing an update', () => {
    const r = explore(counterScenario(false));
    if (!r.ok) throw new Error(r.problem.message);
    const s = r.exploration.summary;
    expect(s.completeSchedules).toBe(6n);
    expect(s.schedulesWith).toEqual({ LOST_UPDATE: 4n, CLEAN: 2n });
    expect(s.shortestWitness.LOST_UPDATE).toEqual(['t1_read', 't2_read', 't1_write', 't2_write']);
    // Terminal states differ in (x, r1, r2): (1, 0, 0) lost, (2, 0, 1) and (2, 1, 0) serial.
    expect(s.terminalStates).toBe(3);
  });

  it('with the lock: 2 schedules (A first or B first), never a lost update', () => {
    const sc = counterScenario(true);
    const r = explore(sc);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.exploration.summary.completeSchedules).toBe(2n);
    expect(r.exploration.summary.schedulesWith.LOST_UPDATE).toBe(0n);
    expect(r.exploration.summary.shortestWitness).toEqual({});
  });

  it('reports who blocks whom and repairs an impossible order', () => {
    const sc = counterScenario(true);
    const after = replay(sc, [1]);
    if (!after.ok) throw new Error();
    expect(taskStatus(sc, after.trace.steps[0].state, 2)).toEqual({
      kind: 'blocked',
      stepId: 't2_lock',
      lock: 'lock',
      mode: 'spin',
      heldBy: [{ task: 1, mode: 'spin' }],
    });
    const c = completeSchedule(sc, [1, 2, 1, 1, 1, 2, 2, 2, 2]);
    expect(c.skipped.map((x) => x.position)).toEqual([1]);
    expect(c.tasks).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(c.appended).toBe(0);
  });
});
