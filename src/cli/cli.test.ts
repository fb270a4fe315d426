import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli.ts';
import { VARIANTS } from '../core/testing/oracle-ksm-scaled.ts';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('explore', async () => {
  it('prints exactly one JSON object with every variant in the document order', async () => {
    const r = await run(['explore', '--json']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.out);
    expect(json.model).toBe('ksm-exit-race');
    expect(json.modelVersion).toBe(1);
    expect(json.scenario).toEqual({ processes: 1, rmap_nonempty: false, cursor: 'head' });
    expect(json.variants.map((v: { id: string }) => v.id)).toEqual(VARIANTS);
    const a = json.variants[0];
    expect(a.reachableStates).toBe(286);
    expect(a.completeSchedules).toBe(51327549);
    expect(a.schedulesWith).toEqual({
      LOCKDEP_SPLAT: 130,
      USE_AFTER_FREE: 0,
      TOUCH_AFTER_KSM_EXIT: 0,
      DEADLOCK: 0,
      LEAK: 0,
      CLEAN: 51327419,
    });
    expect(Object.keys(a.shortestWitness)).toEqual(['LOCKDEP_SPLAT']);
    expect(a.shortestWitness.LOCKDEP_SPLAT).toHaveLength(19);
    expect(Object.keys(json.variants[1].shortestWitness)).toEqual([]);
  });

  it('writes counts above 2^53 with every digit', async () => {
    const r = await run(['explore', '--variant', 'a_vma_iter', '--set', 'processes=2', '--json']);
    expect(r.code).toBe(0);
    // The independent oracle's count (src/core/testing/oracle-ksm-scaled.ts), digit for digit.
    expect(r.out).toContain('"completeSchedules":12971775000028382690302');
    expect(r.out).toContain('"LOCKDEP_SPLAT":3314293034853840672');
    expect(r.out).toContain('"t1_vma_first.1"');
  });

  it('keeps the old shorthand flags as aliases of --set', async () => {
    const a = JSON.parse(
      (
        await run([
          'explore',
          '--variant',
          'f_ctl_exit_ignores_cursor',
          '--rmap-nonempty',
          '--json',
        ])
      ).out,
    );
    const b = JSON.parse(
      (
        await run([
          'explore',
          '--variant',
          'f_ctl_exit_ignores_cursor',
          '--set',
          'rmap_nonempty=true',
          '--json',
        ])
      ).out,
    );
    expect(a).toEqual(b);
    expect(a.scenario.rmap_nonempty).toBe(true);
    expect(a.variants[0].schedulesWith.TOUCH_AFTER_KSM_EXIT).toBe(0);
    const c = JSON.parse((await run(['explore', '--cursor-at-slot', '--json'])).out);
    expect(c.scenario.cursor).toBe(1);
  });

  it('prints a readable table without --json', async () => {
    const r = await run(['explore', '--variant', 'a_vma_iter']);
    expect(r.out).toMatch(/a_vma_iter\s+286\s+496\s+2\s+51327549\s+130/);
    expect(r.out).toContain('shortest LOCKDEP_SPLAT (19 steps)');
  });

  it('explores a scenario file given by path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-'));
    const file = join(dir, 'tiny.yaml');
    writeFileSync(
      file,
      `format: 1
id: tiny
version: 1
title: Tiny
summary: Two tasks increment a counter without a lock.
variants:
  default: plain
  list: [{ id: plain, title: plain, description: no lock }]
state:
  - { name: x, type: int, min: 0, max: 2, init: 0 }
  - { name: r1, type: int, min: 0, max: 1, init: 0 }
  - { name: r2, type: int, min: 0, max: 1, init: 0 }
tasks:
  - id: "1"
    ref: t1
    name: A
    steps:
      - { id: t1_read, label: r1 = x, explain: reads, do: r1 = x, next: t1_write }
      - { id: t1_write, label: x = r1 + 1, explain: writes, do: x = r1 + 1, next: done }
  - id: "2"
    ref: t2
    name: B
    steps:
      - { id: t2_read, label: r2 = x, explain: reads, do: r2 = x, next: t2_write }
      - { id: t2_write, label: x = r2 + 1, explain: writes, do: x = r2 + 1, next: done }
outcomes:
  - { name: LOST_UPDATE, bad: true, final: "x != 2", description: one increment is lost }
  - { name: CLEAN, builtin: clean, description: both count }
`,
    );
    const r = await run(['explore', '--scenario', file, '--json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out).variants[0];
    // Four steps, two per task: C(4,2) = 6 orders; only the two serial ones keep both updates.
    expect(v.completeSchedules).toBe(6);
    expect(v.schedulesWith).toEqual({ LOST_UPDATE: 4, CLEAN: 2 });
  });
});

describe('replay', async () => {
  it('replays the e-mail schedule to the splat, with the changed fields named', async () => {
    const r = await run(['replay', '--variant', 'a_vma_iter', '--schedule', 'email', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.steps).toHaveLength(30);
    expect(json.outcomes).toEqual(['LOCKDEP_SPLAT']);
    expect(json.steps[15].stepId).toBe('t2_mt_destroy');
    expect(json.steps[15].state.mt_flags).toBe('0x0');
    expect(json.steps[14].state.mt_flags).toBe('0x301');
    expect(json.steps[3].changed).toEqual(['mm_users']);
    expect(json.steps[6].state.cursor).toBe(1);
  });

  it('prints each change on the step line, as the spec writes values', async () => {
    const r = await run(['replay', '--variant', 'a_vma_iter', '--schedule', 'default']);
    expect(r.out).toContain('mt_flags: 0x301 → 0x0');
    expect(r.out).toContain('complete after 30 steps: LOCKDEP_SPLAT');
  });

  it('accepts task numbers and step ids alike', async () => {
    const byTask = await run([
      'replay',
      '--variant',
      'b_early_check',
      '--schedule',
      '1,1,1,2,2',
      '--json',
    ]);
    const ids = JSON.parse(byTask.out).schedule.join(',');
    const byId = await run(['replay', '--variant', 'b_early_check', '--schedule', ids, '--json']);
    expect(JSON.parse(byId.out).steps).toEqual(JSON.parse(byTask.out).steps);
    expect(JSON.parse(byTask.out).outcomes).toEqual(['RUNNING']);
  });

  it('exits 2 with the position and reason of an impossible schedule', async () => {
    const r = await run(['replay', '--variant', 'a_vma_iter', '--schedule', '1,2,2,2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('turn 4');
    expect(r.err).toContain('ksm_mmlist_lock is held by task 1');
  });
});

describe('scenarios and check', async () => {
  it('lists the built-in scenarios with parameters and variants', async () => {
    const r = await run(['scenarios']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ksm-exit-race v1');
    expect(r.out).toMatch(/processes\s+1\.\.4/);
    expect(r.out).toContain('a_vma_iter');
  });

  it('names the file, line and column of a mistake, with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'format: 1\nid: broken\nversion: one\n');
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:3:10:`);
    const explore = await run(['explore', '--scenario', file]);
    expect(explore.code).toBe(2);
    expect(explore.err).toContain(`${file}:3:10:`);
  });

  it('accepts the built-in files', async () => {
    expect((await run(['check', 'scenarios/ksm-exit-race.yaml'])).code).toBe(0);
  });
});

describe('bad input', async () => {
  it.each([
    [['replay', '--schedule', '1'], '--variant is required'],
    [['replay', '--variant', 'nope', '--schedule', '1'], 'has no variant "nope"'],
    [['replay', '--variant', 'a_vma_iter'], '--schedule is required'],
    [['replay', '--variant', 'a_vma_iter', '--schedule', '1,t1_set_cursor'], 'mixes'],
    [['explore', '--limit', 'many'], '--limit takes a positive integer'],
    [['explore', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['explore', '--scenario', 'nope'], 'unknown scenario "nope"'],
    [['explore', '--set', 'processes=9'], 'processes=9 is not allowed'],
    [['explore', '--set', 'cursor=3'], 'a whole number from 0 to 1 or head'],
    [['explore', '--set', 'colour=red'], 'has no parameter "colour"'],
    [['explore', '--set', 'processes'], '--set takes NAME=VALUE'],
    [['export', '--variant', 'a_vma_iter', '--format', 'tla'], 'the only format is promela'],
    [['wander'], 'unknown command "wander"'],
    [[], 'no command given'],
  ])('exits 2 on %j, saying what is wrong', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^interleave: .+\n/);
    expect(r.err).toContain(message);
    expect(r.err).toContain('Usage:');
  });
});

describe('another scenario', () => {
  it('replays the 2009 OOM deadlock to its hang, naming the mutex and the wait', async () => {
    const r = await run([
      'replay',
      '--scenario',
      'ksm-oom-deadlock',
      '--variant',
      'a_mutex_in_ksm_exit',
      '--schedule',
      'default',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('task 2: blocked on ksm_thread_mutex (held by task 1, mutex)');
    expect(r.out).toMatch(/task 1: waiting at t1_alloc_retry_wp for /);
    expect(r.out).toContain('complete after 10 steps: DEADLOCK');
  });
});
