/**
 * The second scenario of the library, ksm-oom-deadlock (August 2009): chosen from the Scenario
 * menu, its fix switched off, the default schedule deadlocks, and the page shows it as the
 * kernel would (the hung-task report with lockdep's held locks) and as a wait-for cycle. The fix
 * runs clean; exploration counts what the CLI counts; a link reopens the view exactly.
 */
import { expect, InterleavePage, LINKS, test } from './fixtures.ts';
import { exploreJson } from './support/cli.ts';
import { expectCounts } from './support/counts.ts';
import { loadPageCode } from './support/load-page-code.ts';

const { builtinLibrary, describeScenario, replay } = await loadPageCode();

const SCENARIO = 'ksm-oom-deadlock';
const BUG = 'a_mutex_in_ksm_exit';
const FIX = 'b_exit_mmap_handshake';

/** The step ids of a variant's own default schedule, from the core in Node. */
function defaultStepIds(variant: string): string[] {
  const instance = builtinLibrary().instance(SCENARIO, { variant });
  const r = replay(instance, describeScenario(instance).defaultTasks);
  if (!r.ok) throw new Error(r.problem.message);
  return r.trace.steps.map((s) => s.stepId);
}

/** From the default page to ksm-oom-deadlock with the fix switched off, as a person gets there. */
async function openTheBug(app: InterleavePage): Promise<void> {
  await app.open();
  await app.scenario.selectOption(SCENARIO);
  await app.idle();
  await expect(app.variant).toHaveValue(FIX);
  await expect(app.oomFix).toBeChecked();
  await app.oomFix.uncheck();
  await app.idle();
  await expect(app.variant).toHaveValue(BUG);
}

test('without the fix, the default schedule deadlocks: both tasks blocked, the cycle drawn, the hung-task report', async ({
  app,
  page,
}) => {
  await openTheBug(app);
  await expect(app.oomFix).not.toBeChecked();
  await expect(app.earlyCheck).toHaveCount(0);
  expect(await app.stepIds()).toEqual(defaultStepIds(BUG));
  await expect(app.blocks()).toHaveCount(10);
  await expect(app.verdict()).toHaveAttribute('data-verdict', 'DEADLOCK');
  expect(await app.laneKeys()).toEqual(['1', '2']);

  // One step before the end nothing is reported yet: the hang is an outcome of the end.
  await app.stepTo(9);
  await expect(app.outcome).toHaveAttribute('data-outcome', 'RUNNING');
  await expect(page.getByLabel('Kernel console: deadlock')).toHaveCount(0);
  await expect(app.button('Run task 2 next')).toBeEnabled();

  await app.button('Last step').click();
  await app.idle();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'DEADLOCK');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '9');

  // Both tasks are blocked: neither can be chosen to run next, and each button says why.
  const run1 = app.button('Run task 1 next');
  const run2 = app.button('Run task 2 next');
  await expect(run1).toBeDisabled();
  await expect(run2).toBeDisabled();
  await expect(run1).toHaveAccessibleDescription(
    /^Task 1 is waiting in __alloc_pages_slowpath\(\).* for a free page/,
  );
  await expect(run2).toHaveAccessibleDescription(
    /^Task 2 is waiting in __ksm_exit\(\): mutex_lock\(&ksm_thread_mutex\): ksm_thread_mutex is held by task 1/,
  );

  // The wait-for cycle, named with both tasks.
  const cycle = page.getByRole('img', { name: /^Wait-for cycle:/ });
  await expect(cycle).toBeVisible();
  await expect(cycle).toHaveAccessibleName(/task 1 waits for a free page.*only task 2 could/);
  await expect(cycle).toHaveAccessibleName(/task 2 waits for ksm_thread_mutex held by task 1/);

  // The kernel's hung-task report: both tasks, and lockdep's list of the locks they hold.
  const hungTask = app.outcome.getByLabel('Kernel console: deadlock');
  await expect(hungTask).toBeVisible();
  await expect(hungTask).toContainText('INFO: task task1:1 blocked for more than 120 seconds.');
  await expect(hungTask).toContainText('INFO: task task2:2 blocked for more than 120 seconds.');
  await expect(hungTask).toContainText('__ksm_exit');
  await expect(hungTask).toContainText('Showing all locks held in the system:');
  await expect(hungTask).toContainText('2 locks held by task1/1:');
  await expect(hungTask).toContainText('(ksm_thread_mutex)');
  await expect(hungTask).toContainText('(&mm->mmap_sem)');
  await expect(hungTask).toContainText('no locks held by task2/2.');

  // The state panel agrees: task 1 holds the mutex task 2 waits for.
  await expect(app.lock('ksm_thread_mutex')).toHaveAttribute('data-value', 'held');
  await expect(app.lock('ksm_thread_mutex')).toContainText('held by task 1');
  await expect(app.lock('ksm_thread_mutex')).toContainText('waiting: task 2');
  await app.expectFields({ mm_users: '0' });
});

test('with the fix, the same default view runs CLEAN', async ({ app, page }) => {
  await app.open();
  await app.scenario.selectOption(SCENARIO);
  await app.idle();
  await expect(app.variant).toHaveValue(FIX);
  await expect(app.oomFix).toBeChecked();
  expect(await app.stepIds()).toEqual(defaultStepIds(FIX));
  await expect(app.verdict()).toHaveAttribute('data-verdict', 'CLEAN');
  await app.button('Last step').click();
  await app.idle();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'CLEAN');
  await expect(page.getByRole('img', { name: /^Wait-for cycle:/ })).toHaveCount(0);
  await expect(page.getByLabel('Kernel console: deadlock')).toHaveCount(0);
  await expect(app.button('Run task 1 next')).toBeDisabled();
  const hint = page.locator('.edit-hint');
  await expect(hint.getByText('Task 1 has finished.')).toBeVisible();
  await expect(hint.getByText('Task 2 has finished.')).toBeVisible();

  // Switching the fix off and on again comes back to the bug and the fix.
  await app.oomFix.uncheck();
  await app.idle();
  await expect(app.verdict()).toHaveAttribute('data-verdict', 'DEADLOCK');
  await app.oomFix.check();
  await app.idle();
  await expect(app.variant).toHaveValue(FIX);
  await expect(app.verdict()).toHaveAttribute('data-verdict', 'CLEAN');
});

test('exploration counts exactly what `explore --scenario ksm-oom-deadlock --json` counts', async ({
  app,
  page,
}) => {
  const cli = await exploreJson(['--scenario', SCENARIO]);
  expect(cli.map((v) => v.id)).toContain(BUG);
  await openTheBug(app);
  const region = app.exploration;
  await region.getByRole('button', { name: 'Explore all interleavings' }).click();
  await app.idle();

  const a = cli.find((v) => v.id === BUG)!;
  expect(Number(a.schedulesWith.DEADLOCK)).toBeGreaterThan(0);
  await expectCounts(app, cli, BUG);

  // The shortest deadlock is the CLI's witness, and the view ends in it.
  await page.getByRole('button', { name: 'Show shortest DEADLOCK schedule' }).click();
  await app.idle();
  const witness = a.shortestWitness.DEADLOCK;
  expect((await app.stepIds()).slice(0, witness.length)).toEqual(witness);
  await expect(app.currentBlock()).toHaveAttribute('data-index', String(witness.length - 1));
  await expect(app.outcome).toHaveAttribute('data-outcome', 'DEADLOCK');
});

test('a share link reopens exactly the deadlock view in a new page', async ({
  app,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openTheBug(app);
  await page.getByLabel('What makes the victim exit', { exact: true }).selectOption('oom');
  await app.idle();
  await app.button('Last step').click();
  await page.getByLabel('Compare with…', { exact: true }).selectOption(FIX);
  await app.idle();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'DEADLOCK');

  await app.button('Copy link').click();
  await expect(page.getByText('Link to this exact view copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  expect(link).toMatch(
    new RegExp(
      `#v=2&m=${SCENARIO}\\.1&var=${BUG}&p=oom:waits,exit:oom&s=[\\dx.]+&cmp=${FIX}&c=\\d+$`,
    ),
  );

  const ids = await app.stepIds();
  const cursor = await app.currentBlock().getAttribute('data-index');
  const report = await app.outcome.getByLabel('Kernel console: deadlock').textContent();
  const cycle = await page
    .getByRole('img', { name: /^Wait-for cycle:/ })
    .getAttribute('aria-label');

  const other = new InterleavePage(await context.newPage());
  await other.page.goto(link);
  await other.idle();
  await expect(other.notice).toBeEmpty();
  await expect(other.scenario).toHaveValue(SCENARIO);
  await expect(other.variant).toHaveValue(BUG);
  await expect(other.oomFix).not.toBeChecked();
  await expect(other.page.getByLabel('What makes the victim exit', { exact: true })).toHaveValue(
    'oom',
  );
  await expect(
    other.page.getByLabel('OOM killer and an exiting victim', { exact: true }),
  ).toHaveValue('waits');
  expect(await other.stepIds()).toEqual(ids);
  await expect(other.currentBlock()).toHaveAttribute('data-index', cursor!);
  await expect(other.outcome).toHaveAttribute('data-outcome', 'DEADLOCK');
  await expect(other.outcome.getByLabel('Kernel console: deadlock')).toHaveText(report!);
  await expect(other.page.getByRole('img', { name: /^Wait-for cycle:/ })).toHaveAttribute(
    'aria-label',
    cycle!,
  );
  await expect(other.page.getByLabel('Compare with…', { exact: true })).toHaveValue(FIX);
  expect(other.page.url()).toBe(link);

  // The fixture link (typed, not copied) opens the same deadlock.
  await other.open(LINKS.deadlock(10));
  await expect(other.outcome).toHaveAttribute('data-outcome', 'DEADLOCK');
  expect(await other.stepIds()).toEqual(defaultStepIds(BUG));
});
