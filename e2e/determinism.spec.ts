/**
 * Determinism across runtimes: for random schedules, the trace the browser's worker computes
 * equals what the CLI prints with `replay --json` in Node.
 */
import fc from 'fast-check';
import type { TaskId, Trace } from '../src/core/index.ts';
import { expect, test } from './fixtures.ts';
import { loadPageCode } from './support/load-page-code.ts';

const {
  builtinLibrary,
  cli,
  completeSchedule,
  encode,
  traceJson,
  paramsOf,
  SCENARIO,
  VARIANT_IDS,
} = await loadPageCode();

const SEED = Number(process.env.FC_SEED ?? 4242);

/** Runs the CLI in this process and returns its parsed output. */
async function cliReplay(args: string[]): Promise<unknown> {
  let out = '';
  let err = '';
  const code = await cli(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  expect(code, err).toBe(0);
  return JSON.parse(out);
}

/** The trace the page's store holds: the worker's answer, without the engine's raw states. */
type BrowserTrace = Omit<Trace, 'raw'>;

test('the worker in the browser and the CLI in Node give the same traces', async ({
  app,
  page,
}) => {
  const cases = fc.sample(
    fc.record({
      variant: fc.constantFrom(...VARIANT_IDS),
      rmapNonempty: fc.boolean(),
      cursorAtSlot: fc.boolean(),
      choices: fc.array(fc.constantFrom<TaskId>(1, 2), { maxLength: 40 }),
    }),
    { seed: SEED, numRuns: 25 },
  );
  console.log(`[determinism] seed=${SEED} cases=${cases.length}`);
  await app.open();
  for (const c of cases) {
    const toggles = { rmapNonempty: c.rmapNonempty, cursorAtSlot: c.cursorAtSlot };
    const scenario = builtinLibrary().instance(SCENARIO, paramsOf(c.variant, toggles));
    const { tasks } = completeSchedule(scenario, c.choices);
    const link = encode({ variant: c.variant, toggles, tasks, cursor: 0 });
    const trace = (await page.evaluate(async (link: string) => {
      const hook = (
        window as unknown as {
          __interleave: {
            createStore(): {
              getState(): {
                actions: { openLink(t: string, c: 'load'): Promise<void> };
                sim: { result: { trace: unknown } | null };
              };
            };
          };
        }
      ).__interleave;
      const store = hook.createStore();
      await store.getState().actions.openLink(link, 'load');
      return store.getState().sim.result?.trace ?? null;
    }, link)) as BrowserTrace | null;
    expect(trace, link).not.toBeNull();
    const cli = (await cliReplay([
      'replay',
      '--variant',
      c.variant,
      '--schedule',
      tasks.join(','),
      '--json',
      ...(c.rmapNonempty ? ['--rmap-nonempty'] : []),
      ...(c.cursorAtSlot ? ['--cursor-at-slot'] : []),
    ])) as Record<string, unknown>;
    const doc = scenario.doc;
    expect(traceJson(doc, trace!), link).toEqual({
      initial: cli.initial,
      steps: cli.steps,
      complete: cli.complete,
      outcomes: cli.outcomes,
    });
  }
});
