/**
 * The bridge against the hand-written KSM model it replaces (frozen in src/core/testing as a test
 * oracle only): the page must read every state, change, variant and default exactly as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTask,
  isEnabled,
  taskStatus,
  type TaskStatus as OldStatus,
} from '../core/testing/legacy-ksm/engine.ts';
import { EMAIL_SCHEDULE } from '../core/testing/legacy-ksm/email.ts';
import { ksmScenario } from '../core/testing/legacy-ksm/scenario.ts';
import type { KsmState as OldState, Toggles } from '../core/testing/legacy-ksm/state.ts';
import {
  VARIANTS as OLD_VARIANTS,
  VARIANT_IDS as OLD_IDS,
} from '../core/testing/legacy-ksm/variants.ts';
import { checkProperty } from '../core/testing/check.ts';
import { api } from '../worker/api.ts';
import {
  BAD_OUTCOMES,
  changedAt,
  DEFAULT_TOGGLES,
  DEFAULT_VARIANT,
  EMAIL_TASKS,
  FIX,
  MT_FLAG_BITS,
  OUTCOMES,
  rawValues,
  requestOf,
  stateAt,
  statesOf,
  TASKS,
  VARIANT_IDS,
  VARIANTS,
} from './ksm-bridge.ts';
import type { SimOk } from './store.ts';

/** The old model's run of `tasks`: its states, initial first, and each step's id and label. */
function oldRun(variant: string, toggles: Toggles, tasks: readonly number[]) {
  const sc = ksmScenario(variant as (typeof OLD_IDS)[number], toggles);
  let s = sc.initial;
  const states: OldState[] = [s];
  const statuses: OldStatus[][] = [[1, 2].map((t) => taskStatus(sc, s, t))];
  const steps: { id: string; label: string; url: string }[] = [];
  for (const t of tasks) {
    if (!isEnabled(sc, s, t)) throw new Error(`the old model cannot run task ${t} here`);
    const def = sc.steps.get(t === 1 ? s.pc1 : s.pc2)!;
    steps.push({ id: def.id, label: def.label, url: def.source.url });
    s = applyTask(sc, s, t);
    states.push(s);
    statuses.push([1, 2].map((u) => taskStatus(sc, s, u)));
  }
  return { states, statuses, steps };
}

function simulate(variant: string, toggles: Toggles, tasks: readonly number[]): SimOk {
  const r = api.simulate({ ...requestOf(variant, toggles), tasks, mode: 'repair' });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

const togglesArb = fc.record({ rmapNonempty: fc.boolean(), cursorAtSlot: fc.boolean() });

describe('the KSM bridge', () => {
  it('reads the same variants, in the same order, from the document', () => {
    expect(VARIANT_IDS).toEqual(OLD_IDS);
    for (const id of OLD_IDS) {
      const { description: oldDescription, ...old } = OLD_VARIANTS[id];
      const { description, ...now } = VARIANTS[id];
      expect(now, id).toEqual(old);
      // One description was reworded when the model moved to its document (":" → "—").
      expect(description.replace(' — ', ': '), id).toBe(oldDescription);
    }
    expect(DEFAULT_VARIANT).toBe('a_vma_iter');
    expect(FIX).toEqual({
      bug: 'a_vma_iter',
      fixed: 'b_early_check',
      label: 'Early ksm_test_exit() check',
    });
  });

  it('keeps the defaults: the e-mail’s schedule, toggles off, both tasks, every outcome', () => {
    const sc = ksmScenario('a_vma_iter', { rmapNonempty: false, cursorAtSlot: false });
    expect(EMAIL_TASKS).toEqual(EMAIL_SCHEDULE.map((id) => sc.steps.get(id)!.task));
    expect(DEFAULT_TOGGLES).toEqual({ rmapNonempty: false, cursorAtSlot: false });
    expect(TASKS.map((t) => [t.id, t.name])).toEqual(sc.tasks.map((t) => [t.id, t.name]));
    expect(OUTCOMES).toEqual(sc.outcomeNames);
    expect(BAD_OUTCOMES).toEqual(sc.badOutcomes);
    expect(MT_FLAG_BITS).toEqual([
      ['ALLOC_RANGE', 0x01],
      ['USE_RCU', 0x02],
      ['LOCK_EXTERN', 0x300],
    ]);
  });

  it('maps toggles to the parameters that give the old initial states', () => {
    for (const variant of VARIANT_IDS) {
      for (const toggles of fc.sample(togglesArb, { seed: 1, numRuns: 8 })) {
        const r = simulate(variant, toggles, []);
        expect(stateAt(r, 0)).toEqual(oldRun(variant, toggles, []).states[0]);
      }
    }
  });

  it('reads every state, change and step of any schedule as the old model did', () => {
    checkProperty(
      'bridge = old model',
      fc.property(
        fc.constantFrom(...VARIANT_IDS),
        togglesArb,
        fc.array(fc.constantFrom(1, 2), { maxLength: 45 }),
        (variant, toggles, choices) => {
          const r = simulate(variant, toggles, choices);
          const old = oldRun(variant, toggles, r.tasks);
          expect(statesOf(r)).toEqual(old.states);
          const n = r.tasks.length;
          for (let k = 1; k <= n; k++) {
            const a = old.states[k - 1];
            const b = old.states[k];
            const changed = (Object.keys(b) as (keyof OldState)[]).filter((f) => a[f] !== b[f]);
            expect([...changedAt(r, k)].sort()).toEqual(changed.sort());
          }
          expect(changedAt(r, 0).size).toBe(0);
          // The timeline's words for the steps (the document rewords some explanations for N
          // processes, so those are not compared), and the statuses the edit bar explains.
          const info = new Map(r.steps.map((s) => [s.id, s]));
          expect(
            r.trace.steps.map((s) => ({
              id: s.stepId,
              label: s.label,
              url: info.get(s.stepId)!.source?.url,
            })),
          ).toEqual(old.steps);
          expect([r.trace.initialStatuses, ...r.trace.steps.map((s) => s.statuses)]).toEqual(
            old.statuses,
          );
        },
      ),
      150,
    );
  });

  it('spells raw values as the spec does', () => {
    const r = simulate('a_vma_iter', DEFAULT_TOGGLES, EMAIL_TASKS);
    expect(rawValues(stateAt(r, 0))).toEqual({
      mm_users: '1',
      mm_count: '2',
      mm_freed: 'false',
      mmap_readers: '0',
      mmap_writer: 'false',
      mmlist_owner: 'none',
      cursor: 'head',
      slot_listed: 'true',
      slot_freed: 'false',
      rmap_nonempty: 'false',
      mmf_mergeable: 'true',
      mt_flags: '0x301',
      vmas_populated: 'true',
      nodes_freed: 'false',
      vma_freed: 'false',
      pgtables: 'live',
      f_splat: 'false',
      f_uaf: 'false',
      f_touch: 'false',
    });
    expect(rawValues(stateAt(r, 1))).toMatchObject({ mmlist_owner: 't1' });
  });
});
