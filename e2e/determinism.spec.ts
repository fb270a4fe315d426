/**
 * Determinism across runtimes: for random schedules of both scenarios at every process count,
 * the trace the browser's worker computes equals what the CLI prints with `replay --json` in
 * Node.
 */
import type { Trace } from '../src/core/index.ts';
import { expect, test } from './fixtures.ts';
import { generateViews } from './support/links.ts';
import { loadPageCode } from './support/load-page-code.ts';

const { builtinLibrary, cli, encode, traceJson } = await loadPageCode();

const SEED = Number(process.env.FC_SEED ?? 4242);

/** Runs the CLI in this process and returns its parsed output. */
async function cliReplay(args: string[]): Promise<Record<string, unknown>> {
  let out = '';
  let err = '';
  const code = await cli(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  expect(code, err).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

/** The trace the page's store holds: the worker's answer, without the engine's raw states. */
type BrowserTrace = Omit<Trace, 'raw'>;

test('the worker in the browser and the CLI in Node give the same traces', async ({
  app,
  page,
}) => {
  const views = generateViews(SEED, 30);
  const kinds = new Set(views.map((v) => `${v.scenario} ${String(v.params.processes ?? '')}`));
  console.log(`[determinism] seed=${SEED} cases=${views.length} kinds=${[...kinds].join('; ')}`);
  expect(kinds.size).toBeGreaterThanOrEqual(4);
  await app.open();
  for (const view of views) {
    const link = encode({ ...view, compare: undefined });
    const trace = (await page.evaluate(async (link: string) => {
      const hook = (
        window as unknown as {
          __interleave: {
            createStore(): {
              getState(): {
                actions: { openLink(t: string, c: 'load'): Promise<void> };
                sim: { result: { trace: unknown } | null };
                view: { notice: unknown };
              };
            };
          };
        }
      ).__interleave;
      const store = hook.createStore();
      await store.getState().actions.openLink(link, 'load');
      return store.getState().view.notice ? null : (store.getState().sim.result?.trace ?? null);
    }, link)) as BrowserTrace | null;
    expect(trace, link).not.toBeNull();
    const cli = await cliReplay([
      'replay',
      '--scenario',
      view.scenario,
      '--variant',
      view.variant,
      ...Object.entries(view.params).flatMap(([k, v]) => ['--set', `${k}=${String(v)}`]),
      '--schedule',
      view.tasks.join(','),
      '--json',
    ]);
    const doc = builtinLibrary().doc(view.scenario)!;
    expect(traceJson(doc, trace!), link).toEqual({
      initial: cli.initial,
      steps: cli.steps,
      complete: cli.complete,
      outcomes: cli.outcomes,
    });
  }
});
