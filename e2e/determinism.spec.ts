/**
 * Determinism across runtimes: for random schedules, the trace the browser's worker computes
 * equals what the CLI prints with `replay --json` in Node.
 */
import fc from 'fast-check';
import { main } from '../src/cli/cli.ts';
import { specNames, specState } from '../src/cli/format.ts';
import {
  completeSchedule,
  ksmScenario,
  VARIANT_IDS,
  type KsmState,
  type TaskId,
} from '../src/core/index.ts';
import { encode } from '../src/url/share.ts';
import { expect, test } from './fixtures.ts';

const SEED = Number(process.env.FC_SEED ?? 4242);

/** Runs the CLI in this process and returns its parsed stdout. */
function cliReplay(args: string[]): unknown {
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  try {
    expect(main(args)).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(out);
}

interface BrowserTrace {
  initial: KsmState;
  steps: {
    index: number;
    task: number;
    stepId: string;
    label: string;
    state: KsmState;
    changed: string[];
    statuses: unknown[];
    flagged: string[];
  }[];
  complete: boolean;
  outcomes: string[];
}

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
    const { tasks } = completeSchedule(ksmScenario(c.variant, toggles), c.choices);
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
    const cli = cliReplay([
      'replay',
      '--variant',
      c.variant,
      '--schedule',
      tasks.join(','),
      '--json',
      ...(c.rmapNonempty ? ['--rmap-nonempty'] : []),
      ...(c.cursorAtSlot ? ['--cursor-at-slot'] : []),
    ]) as Record<string, unknown>;
    expect(
      {
        initial: specState(trace!.initial),
        steps: trace!.steps.map((s) => ({
          index: s.index,
          task: s.task,
          stepId: s.stepId,
          label: s.label,
          state: specState(s.state),
          changed: specNames(s.changed),
          statuses: s.statuses,
          flagged: s.flagged,
        })),
        complete: trace!.complete,
        outcomes: trace!.outcomes,
      },
      link,
    ).toEqual({
      initial: cli.initial,
      steps: cli.steps,
      complete: cli.complete,
      outcomes: cli.outcomes,
    });
  }
});
