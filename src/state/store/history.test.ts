import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../core/testing/check.ts';
import { nextHistory, snapshotOf, type Recording } from './history.ts';
import { sameScenario } from './instance.ts';
import {
  UNDO_LIMIT,
  type AppState,
  type HistoryEntry,
  type HistorySlice,
  type SimOk,
  type Snapshot,
} from './slices.ts';

/** What the reducer reads of the page: the shown snapshot, its history, and whether a result is in. */
interface Page {
  readonly current: Snapshot;
  readonly history: HistorySlice;
}

function stateOf(p: Page, hasResult = true): AppState {
  const { cursor, ...scenario } = p.current;
  return {
    scenario,
    playback: { cursor, playing: false, speed: 2, stopAtBug: true },
    sim: { result: hasResult ? ({} as SimOk) : null, pending: 0, requested: null },
    history: p.history,
  } as unknown as AppState;
}

/** Commits `after` as the store does: the reducer moves the stacks, the page shows `after`. */
function commit(p: Page, after: Snapshot, record: Recording, label: string): Page {
  return { current: after, history: nextHistory(stateOf(p), after, record, label) };
}

function undo(p: Page): Page {
  const top = p.history.past.at(-1);
  return top ? commit(p, top.snapshot, 'undo', top.label) : p;
}

function redo(p: Page): Page {
  const next = p.history.future.at(-1);
  return next ? commit(p, next.snapshot, 'redo', next.label) : p;
}

/** Everything undo and redo can reach, oldest first, and the labels between them, as text. */
function timeline(p: Page): string {
  const future = [...p.history.future].reverse();
  return JSON.stringify({
    snapshots: [
      ...p.history.past.map((e) => e.snapshot),
      p.current,
      ...future.map((e) => e.snapshot),
    ],
    labels: [...p.history.past, ...future].map((e: HistoryEntry) => e.label),
  });
}

/** Deep equality as text (cheap enough for hundreds of steps per run). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function check(isTrue: boolean, what: string): void {
  if (!isTrue) throw new Error(what);
}

// Few distinct schedules, so that changes to the same scenario (no-ops) happen often.
const arbSnapshot: fc.Arbitrary<Snapshot> = fc.record({
  id: fc.constantFrom('ksm-exit-race', 'ksm-oom-deadlock'),
  params: fc.constantFrom({ processes: 1 }, { processes: 2 }),
  variant: fc.constantFrom('a', 'b'),
  tasks: fc.array(fc.constantFrom(1, 2), { maxLength: 2 }),
  cursor: fc.nat({ max: 3 }),
});

type Op =
  | { readonly kind: 'change'; readonly to: Snapshot; readonly label: string }
  | { readonly kind: 'undo' | 'redo' | 'back' | 'forward' }
  | { readonly kind: 'jump'; readonly to: Snapshot };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      to: arbSnapshot,
      label: fc.string({ maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'back' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'forward' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('jump' as const), to: arbSnapshot }) },
);

const START: Page = {
  current: { id: 'ksm-exit-race', params: { processes: 1 }, variant: 'a', tasks: [1], cursor: 0 },
  history: { past: [], future: [] },
};

/** Applies one op and checks what it must do to the stacks. */
function step(p: Page, op: Op): Page {
  switch (op.kind) {
    case 'change': {
      const q = commit(p, op.to, 'change', op.label);
      if (sameScenario(p.current, op.to)) {
        check(q.history === p.history, 'a change to the same scenario is no change');
        return q;
      }
      const expected = [...p.history.past, { snapshot: p.current, label: op.label }];
      check(
        same(q.history.past, expected.slice(-UNDO_LIMIT)),
        'a change pushes the snapshot before it',
      );
      check(q.history.future.length === 0, 'a change forgets the redo stack');
      // Undo right after a change shows the snapshot before it again.
      const back = undo(q);
      check(same(back.current, p.current), 'undo after a change restores the snapshot before it');
      check(
        same(back.history.future.at(-1), { snapshot: op.to, label: op.label }),
        'undo after a change offers the change to redo',
      );
      return q;
    }
    case 'undo':
    case 'redo': {
      const q = op.kind === 'undo' ? undo(p) : redo(p);
      const stack = op.kind === 'undo' ? p.history.past : p.history.future;
      if (stack.length === 0) {
        check(q === p, `${op.kind} with nothing to ${op.kind} is a no-op`);
        return q;
      }
      // Undo and redo only walk along the timeline: same snapshots, same labels.
      check(timeline(q) === timeline(p), `${op.kind} walks along the timeline`);
      check(same(q.current, stack.at(-1)!.snapshot), `${op.kind} shows the snapshot on top`);
      // And each one reverses the other.
      check(same(op.kind === 'undo' ? redo(q) : undo(q), p), `${op.kind} is reversible`);
      return q;
    }
    case 'back':
    case 'forward': {
      // The browser lands on a neighbouring page: the store maps it onto the undo stack. When
      // both neighbours are the same scenario, the reducer takes it as a step back.
      const stack = op.kind === 'back' ? p.history.past : p.history.future;
      const target = stack.at(-1);
      if (!target) return p;
      const q = commit(p, target.snapshot, 'history', 'a page from the browser history');
      const top = p.history.past.at(-1);
      const isBack = top !== undefined && sameScenario(top.snapshot, target.snapshot);
      const as = isBack ? undo(p) : redo(p);
      check(same(q.history, as.history), `${op.kind} is an ${isBack ? 'undo' : 'redo'}`);
      return q;
    }
    case 'jump': {
      // Any other page of the browser history: a neighbour is a step along, else a change.
      const q = commit(p, op.to, 'history', 'a page from the browser history');
      const top = p.history.past.at(-1);
      const next = p.history.future.at(-1);
      const { past, future } = p.history;
      if (sameScenario(p.current, op.to)) check(q.history === p.history, 'no change');
      else if (top && sameScenario(top.snapshot, op.to))
        check(q.history.past.length === past.length - 1, 'a jump to the previous page is an undo');
      else if (next && sameScenario(next.snapshot, op.to))
        check(q.history.future.length === future.length - 1, 'a jump to the next page is a redo');
      else check(q.history.future.length === 0, 'a jump elsewhere is a change');
      return q;
    }
  }
}

describe('the undo reducer', () => {
  it('keeps past and future one consistent timeline under any changes, undos and redos', () => {
    let longest = 0;
    checkProperty(
      'undo reducer',
      fc.property(fc.array(arbOp, { maxLength: 600, size: 'max' }), (ops) => {
        let p = START;
        for (const op of ops) {
          p = step(p, op);
          longest = Math.max(longest, p.history.past.length);
          check(p.history.past.length + p.history.future.length <= UNDO_LIMIT, 'bounded stacks');
          // No entry is the same scenario as the one next to it: every undo and redo changes it.
          const all = [
            ...p.history.past.map((e) => e.snapshot),
            p.current,
            ...[...p.history.future].reverse().map((e) => e.snapshot),
          ];
          for (let i = 1; i < all.length; i++) {
            check(!sameScenario(all[i - 1], all[i]), 'neighbours on the timeline differ');
          }
        }
      }),
      100,
    );
    // The runs were long enough to reach the limit.
    expect(longest).toBe(UNDO_LIMIT);
    // Pure computation (whole stacks compared after each of ~30,000 operations): about 2 s on a
    // quiet machine, several times that on a busy one, so not vitest's default 5 s.
  }, 30_000);

  it('remembers the last UNDO_LIMIT changes', () => {
    let p = START;
    for (let i = 1; i <= UNDO_LIMIT + 5; i++) {
      p = commit(p, { ...START.current, tasks: [1, i] }, 'change', `change ${i}`);
    }
    expect(p.history.past).toHaveLength(UNDO_LIMIT);
    expect(p.history.past[0]).toEqual({
      snapshot: { ...START.current, tasks: [1, 5] },
      label: 'change 6',
    });
    expect(p.history.past.at(-1)!.label).toBe(`change ${UNDO_LIMIT + 5}`);
  });

  it('a load resets the stacks, a commit before the first result or with `none` keeps them', () => {
    const p = commit(START, { ...START.current, variant: 'b' }, 'change', 'b');
    expect(nextHistory(stateOf(p), START.current, 'reset', '')).toEqual({ past: [], future: [] });
    expect(nextHistory(stateOf(p), START.current, 'none', '')).toBe(p.history);
    expect(nextHistory(stateOf(p, false), START.current, 'change', 'x')).toBe(p.history);
  });

  it('a snapshot is the scenario with the cursor; the cursor alone is no change', () => {
    const s = stateOf(START);
    expect(snapshotOf(s)).toEqual(START.current);
    expect(nextHistory(s, { ...START.current, cursor: 3 }, 'change', 'x')).toBe(START.history);
  });
});
