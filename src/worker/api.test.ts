/**
 * The worker API, called directly and through Comlink over Node's MessageChannel, so the shell
 * the page talks to is tested without a browser. It is a thin shell: every answer must equal
 * what the core gives for the same instance, for every built-in scenario and variant, with the
 * engine's raw states left behind.
 */
import { expose, proxy, wrap } from 'comlink';
import fc from 'fast-check';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  builtinLibrary,
  chooseNext,
  completeSchedule,
  defaultSchedule,
  dropTargets,
  explore,
  moveTurn,
  replay,
  timelineFacts,
  DEFAULT_SCENARIO,
  type TaskId,
} from '../core/index.ts';
import { api, type Api } from './api.ts';

const library = builtinLibrary();

/** Every built-in scenario and variant, at default parameters. */
const instances = library.ids.flatMap((scenario) =>
  library.doc(scenario)!.variants.list.map((v) => ({
    scenario,
    params: { variant: v.id },
    instance: library.instance(scenario, { variant: v.id }),
  })),
);

describe('worker api', () => {
  it('replays each default schedule exactly as the core does, without raw states', () => {
    for (const { scenario, params, instance } of instances) {
      const tasks = defaultSchedule(instance);
      const r = api.simulate({ scenario, params, tasks, mode: 'strict' });
      const direct = replay(instance, tasks);
      if (!r.ok || !direct.ok) throw new Error(`${scenario} ${params.variant} does not replay`);
      expect('raw' in r.trace).toBe(false);
      const { raw, ...rest } = direct.trace;
      expect(raw).toHaveLength(tasks.length + 1);
      expect(r.trace).toEqual(rest);
      expect(r.facts).toEqual(timelineFacts(instance, direct.trace));
      expect(r.tasks).toEqual(tasks);
      expect(r.steps.map((s) => s.id)).toEqual([...instance.steps.keys()]);
      expect(r.skipped).toEqual([]);
      expect(r.appended).toBe(0);
    }
  });

  it('repairs any choices as completeSchedule does, and strict mode refuses what repair fixes', () => {
    const { scenario, params, instance } = instances[0];
    const n = instance.tasks.length;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: n + 1 }), { maxLength: 40 }), (choices) => {
        const r = api.simulate({ scenario, params, tasks: choices, mode: 'repair' });
        const c = completeSchedule(instance, choices);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.tasks).toEqual(c.tasks);
        expect(r.skipped).toEqual(c.skipped);
        expect(r.appended).toBe(c.appended);
        const strict = api.simulate({ scenario, params, tasks: choices, mode: 'strict' });
        expect(strict.ok).toBe(c.skipped.length === 0 && c.appended === 0);
      }),
      { numRuns: 200, seed: 20230308 },
    );
  });

  it('refuses an incomplete schedule in strict mode', () => {
    const { scenario, params } = instances[0];
    const r = api.simulate({ scenario, params, tasks: [1], mode: 'strict' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toContain('a task can still move');
  });

  it('explores as the core does, with fates along the schedule', () => {
    for (const { scenario, params, instance } of instances) {
      const tasks = defaultSchedule(instance);
      const r = api.explore({ scenario, params, tasks });
      const direct = explore(instance);
      if (!direct.ok) throw new Error(direct.problem.message);
      const ex = direct.exploration;
      expect(r.variant).toBe(params.variant);
      expect(r.summary).toEqual(ex.summary);
      const replayed = replay(instance, tasks);
      if (!replayed.ok) throw new Error(replayed.problem.message);
      const states = replayed.trace.raw;
      expect(r.fates).toEqual(states.map((s) => ex.fateOf(s)));
      expect(Object.keys(r.fatesByOutcome)).toEqual(instance.badOutcomes);
      for (const o of instance.badOutcomes) {
        expect(r.fatesByOutcome[o]).toEqual(states.map((s) => ex.fatesOf(s)![o]));
      }
    }
  });

  it('caches explorations by scenario and parameters, defaults filled in', () => {
    const doc = library.doc(DEFAULT_SCENARIO)!;
    const first = api.explore({ scenario: DEFAULT_SCENARIO, params: {} });
    const spelled = Object.fromEntries((doc.parameters ?? []).map((p) => [p.name, p.default]));
    const again = api.explore({
      scenario: DEFAULT_SCENARIO,
      params: { ...spelled, variant: doc.variants.default },
    });
    expect(again.summary).toBe(first.summary);
    expect(first.fates).toEqual([]);
  });

  it('explores every variant under the same parameters, in document order', () => {
    const doc = library.doc(DEFAULT_SCENARIO)!;
    const seen: [number, number][] = [];
    const all = api.exploreAll(
      { scenario: DEFAULT_SCENARIO, params: { variant: doc.variants.default } },
      (done, total) => void seen.push([done, total]),
    );
    const ids = doc.variants.list.map((v) => v.id);
    expect(all.map((r) => r.variant)).toEqual(ids);
    expect(seen).toEqual(ids.map((_, i) => [i + 1, ids.length]));
    all.forEach((r, i) => {
      expect(r.summary).toBe(
        api.explore({ scenario: DEFAULT_SCENARIO, params: { variant: ids[i] } }).summary,
      );
    });
  });

  it('edits as the core does', () => {
    const { scenario, params, instance } = instances[0];
    const tasks: TaskId[] = defaultSchedule(instance);
    const last = tasks.length - 1;
    expect(api.moveTurn({ scenario, params, tasks, from: last, to: 0 })).toEqual(
      moveTurn(instance, tasks, last, 0),
    );
    expect(api.dropTargets({ scenario, params, tasks, from: last })).toEqual(
      dropTargets(instance, tasks, last),
    );
    for (const t of instance.tasks) {
      expect(api.chooseNext({ scenario, params, tasks, cursor: 0, task: t.id })).toEqual(
        chooseNext(instance, tasks, 0, t.id),
      );
    }
  });

  it('refuses an unknown scenario or parameter with a message', () => {
    const tasks = [1];
    expect(() =>
      api.simulate({ scenario: 'no-such-race', params: {}, tasks, mode: 'repair' }),
    ).toThrow(/no-such-race/);
    expect(() =>
      api.simulate({ scenario: DEFAULT_SCENARIO, params: { nonsense: 1 }, tasks, mode: 'repair' }),
    ).toThrow(/nonsense/);
    expect(() => api.exploreAll({ scenario: 'no-such-race', params: {} })).toThrow(/no-such-race/);
  });
});

describe('through comlink', () => {
  const { port1, port2 } = new MessageChannel();
  expose(api, port1 as never);
  const remote = wrap<Api>(port2 as never);
  afterAll(() => {
    port1.close();
    port2.close();
  });

  it('returns the same trace as a direct call', async () => {
    const params = { variant: library.doc(DEFAULT_SCENARIO)!.variants.list[1].id };
    const req = {
      scenario: DEFAULT_SCENARIO,
      params,
      tasks: defaultSchedule(library.instance(DEFAULT_SCENARIO, params)),
      mode: 'strict',
    } as const;
    expect(await remote.simulate(req)).toEqual(api.simulate(req));
  });

  it('streams exploration progress through a proxied callback', async () => {
    const seen: number[] = [];
    const n = library.doc(DEFAULT_SCENARIO)!.variants.list.length;
    const r = await remote.exploreAll(
      { scenario: DEFAULT_SCENARIO, params: {} },
      proxy((done: number) => void seen.push(done)),
    );
    expect(r).toHaveLength(n);
    // Callback messages travel on their own channel; wait for them to arrive.
    await vi.waitFor(() => expect(seen).toEqual(Array.from({ length: n }, (_, i) => i + 1)));
  });
});

describe('an instance too big for the page', () => {
  it('is refused with what to run instead, not explored until the worker runs out', () => {
    // ksm-exit-race at two processes has 10,359 states: over a limit of 1,000.
    const req = { scenario: DEFAULT_SCENARIO, params: { processes: 2, variant: 'b_early_check' } };
    expect(() => api.explore(req, undefined, 1_000)).toThrow(
      /more than 1,000 reachable states, more than the page explores; run it from the command line \(npm run explore -- --scenario ksm-exit-race --variant b_early_check --set processes=2 --set rmap_nonempty=false --set cursor=head --limit 20000000\)/,
    );
  });
});
