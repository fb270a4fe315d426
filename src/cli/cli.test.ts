import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli.ts';

function run(args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  try {
    return { code: main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('explore', () => {
  it('prints exactly one JSON object with every variant in the spec order', () => {
    const r = run(['explore', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(json.model).toBe('ksm-exit-race');
    expect(json.modelVersion).toBe(1);
    expect(json.scenario).toEqual({ rmapNonempty: false, cursorAtSlot: false });
    expect(json.variants.map((v: { id: string }) => v.id)).toEqual([
      'a_vma_iter',
      'b_early_check',
      'c_linked_list',
      'd_early_plus_inloop',
      'e_ctl_no_exit_checks',
      'f_ctl_exit_ignores_cursor',
    ]);
    const a = json.variants[0];
    expect(Object.keys(a.shortestWitness)).toEqual(['LOCKDEP_SPLAT']);
    expect(a.shortestWitness.LOCKDEP_SPLAT).toHaveLength(19);
    expect(a.schedulesWith.LOCKDEP_SPLAT + a.schedulesWith.CLEAN).toBe(a.completeSchedules);
    expect(Object.keys(json.variants[1].shortestWitness)).toEqual([]);
  });

  it('passes the toggles through', () => {
    const json = JSON.parse(
      run(['explore', '--variant', 'f_ctl_exit_ignores_cursor', '--rmap-nonempty', '--json']).out,
    );
    expect(json.scenario.rmapNonempty).toBe(true);
    expect(json.variants).toHaveLength(1);
    expect(json.variants[0].schedulesWith.TOUCH_AFTER_KSM_EXIT).toBe(0);
  });

  it('prints a readable table without --json', () => {
    const r = run(['explore', '--variant', 'a_vma_iter']);
    expect(r.out).toMatch(/a_vma_iter\s+286\s+496\s+2\s+51327549\s+130/);
    expect(r.out).toContain('shortest LOCKDEP_SPLAT (19 steps)');
  });
});

describe('replay', () => {
  it('replays the e-mail schedule to the splat', () => {
    const r = run(['replay', '--variant', 'a_vma_iter', '--schedule', 'email', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.steps).toHaveLength(30);
    expect(json.outcomes).toEqual(['LOCKDEP_SPLAT']);
    expect(json.steps[15].state.mt_flags).toBe('0x0');
    expect(json.steps[3].changed).toEqual(['pc2', 'mm_users']);
  });

  it('accepts task numbers and step ids alike', () => {
    const byTask = run([
      'replay',
      '--variant',
      'b_early_check',
      '--schedule',
      '1,1,1,2,2',
      '--json',
    ]);
    const ids = JSON.parse(byTask.out).schedule.join(',');
    const byId = run(['replay', '--variant', 'b_early_check', '--schedule', ids, '--json']);
    expect(JSON.parse(byId.out).steps).toEqual(JSON.parse(byTask.out).steps);
    expect(JSON.parse(byTask.out).outcomes).toEqual(['RUNNING']);
  });

  it('exits 2 with the position and reason of an impossible schedule', () => {
    const r = run(['replay', '--variant', 'a_vma_iter', '--schedule', '1,2,2,2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('turn 4');
    expect(r.err).toContain('ksm_mmlist_lock is held by task 1');
  });

  it.each([
    [['replay', '--schedule', '1']],
    [['replay', '--variant', 'nope', '--schedule', '1']],
    [['replay', '--variant', 'a_vma_iter']],
    [['replay', '--variant', 'a_vma_iter', '--schedule', '1,t1_set_cursor']],
    [['explore', '--limit', 'many']],
    [['explore', '--frobnicate']],
    [['wander']],
    [[]],
  ])('exits 2 on bad arguments %j', (args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^interleave: .+\n/);
    expect(r.err).toContain('Usage:');
  });
});
