/**
 * The bridge against the spec's own facts (ksm-exit-race.md, sections 2.4, 4 and 6): the page
 * reads the variants, defaults and states it read before the model became a document. (The
 * state-by-state proof against the old hand-written model ran before that model was deleted:
 * see the history of src/core/testing/legacy-ksm/port.test.ts and this file.)
 */
import { describe, expect, it } from 'vitest';
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
  VARIANT_IDS,
  VARIANTS,
  type Toggles,
} from './ksm-bridge.ts';
import type { SimOk } from './store.ts';

function simulate(variant: string, toggles: Toggles, tasks: readonly number[]): SimOk {
  const r = api.simulate({ ...requestOf(variant, toggles), tasks, mode: 'repair' });
  if (!r.ok) throw new Error(r.problem.message);
  return r;
}

describe('the KSM bridge', () => {
  it('reads the spec’s six variants, their toggles and the fix pair from the document', () => {
    expect(VARIANT_IDS).toEqual([
      'a_vma_iter',
      'b_early_check',
      'c_linked_list',
      'd_early_plus_inloop',
      'e_ctl_no_exit_checks',
      'f_ctl_exit_ignores_cursor',
    ]);
    // Spec section 4, "toggles".
    expect(VARIANTS.a_vma_iter).toMatchObject({
      maple: true,
      earlyCheck: false,
      inloopCheck: true,
    });
    expect(VARIANTS.b_early_check).toMatchObject({ earlyCheck: true, inloopCheck: false });
    expect(VARIANTS.c_linked_list).toMatchObject({ maple: false });
    expect(VARIANTS.e_ctl_no_exit_checks).toMatchObject({ unmergeCheck: false });
    expect(VARIANTS.f_ctl_exit_ignores_cursor).toMatchObject({ exitIgnoresCursor: true });
    expect(DEFAULT_VARIANT).toBe('a_vma_iter');
    expect(FIX).toEqual({
      bug: 'a_vma_iter',
      fixed: 'b_early_check',
      label: 'Early ksm_test_exit() check',
    });
    expect(DEFAULT_TOGGLES).toEqual({ rmapNonempty: false, cursorAtSlot: false });
    expect(OUTCOMES).toEqual([
      'LOCKDEP_SPLAT',
      'USE_AFTER_FREE',
      'TOUCH_AFTER_KSM_EXIT',
      'DEADLOCK',
      'LEAK',
      'CLEAN',
    ]);
    expect(BAD_OUTCOMES).toEqual(OUTCOMES.slice(0, 5));
    expect(MT_FLAG_BITS.map(([, m]) => m)).toEqual([0x01, 0x02, 0x300]);
  });

  it('reads the e-mail’s interleaving as spec section 6 tells it', () => {
    expect(EMAIL_TASKS).toEqual([1, 1, 1, ...Array(15).fill(2), ...Array(12).fill(1)]);
    const r = simulate('a_vma_iter', DEFAULT_TOGGLES, EMAIL_TASKS);
    const s = statesOf(r);
    expect(s).toHaveLength(31);
    expect([s[4].mmUsers, s[4].mmCount]).toEqual([0, 2]); // "mm_users is 0, but mm_count is not"
    expect(s[7].cursor).toBe('slot'); // t2_lookup_slot sees the slot at the cursor
    expect(s[9].mmapWriter).toBe(true); // __ksm_exit()'s mmap_write_lock()
    expect([s[15].mtFlags, s[16].mtFlags]).toEqual([0x301, 0]); // __mt_destroy()
    expect(changedAt(r, 16)).toEqual(new Set(['pc2', 'vmasPopulated', 'nodesFreed', 'mtFlags']));
    expect([s[19].mmapReaders, s[20].fSplat]).toEqual([1, true]);
    expect([s[30].mmFreed, s[30].slotFreed, s[30].pc1, s[30].pc2]).toEqual([
      true,
      true,
      'done',
      'done',
    ]);
    expect(stateAt(r, 1).mmlistOwner).toBe('t1');
  });

  it('maps the toggles to the initial states of spec 2.4', () => {
    const at = (t: Toggles) => stateAt(simulate('a_vma_iter', t, []), 0);
    expect(at({ rmapNonempty: true, cursorAtSlot: false })).toMatchObject({
      rmapNonempty: true,
      cursor: 'head',
    });
    expect(at({ rmapNonempty: false, cursorAtSlot: true })).toMatchObject({
      rmapNonempty: false,
      cursor: 'slot',
    });
    expect(stateAt(simulate('c_linked_list', DEFAULT_TOGGLES, []), 0).mtFlags).toBe(0);
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
