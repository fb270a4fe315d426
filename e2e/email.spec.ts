import { expect, LINKS, test } from './fixtures.ts';

test('the default view is the e-mail interleaving under variant a, at the start', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.variant).toHaveValue('a_vma_iter');
  await expect(app.earlyCheck).not.toBeChecked();
  await expect(app.scenario).toHaveValue('ksm-exit-race');
  await expect(app.processes).toHaveValue('1');
  await expect(page.locator('[data-step-id]')).toHaveCount(30);
  const timeline = page.getByRole('group', { name: /^Timeline of 30 steps/ });
  expect(await app.laneKeys()).toEqual(['1', '2']);
  await expect(timeline).toContainText('Task 1 —unmerge_and_remove_all_rmap_items()');
  await expect(timeline).toContainText('Task 2 —__mmput() of the exiting process');
  await expect(app.currentBlock()).toHaveCount(0);
  await expect(app.outcome).toHaveAttribute('data-outcome', 'RUNNING');
  await app.expectFields({ mm_users: '1', mm_count: '2', mt_flags: '769' });
  await expect(app.lock('mmap_lock')).toHaveAttribute('data-value', 'free');
  // Every field the scenario declares, by its name there, with its raw initial value
  // (0x301 is 769; the cursor's 0 reads "head").
  await app.expectFields({
    mm_freed: 'false',
    mmf_mergeable: 'true',
    cursor: '0',
    slot_listed: '1',
    slot_freed: 'false',
    rmap_nonempty: 'false',
    k2: 'unset',
    vmas_populated: 'true',
    nodes_freed: 'false',
    vma_freed: 'false',
    pgtables: 'live',
    f_splat: 'false',
    f_uaf: 'false',
    f_touch: 'false',
  });
  await expect(page.locator('[data-field]')).toHaveCount(17);
  await expect(app.lock('ksm_mmlist_lock')).toHaveAttribute('data-value', 'free');
  await expect(page.locator('[data-lock]')).toHaveCount(2);
  await expect(app.field('cursor')).toContainText('head');
  await expect(app.field('mt_flags')).toContainText('0x301');
  expect(app.hash()).toBe(LINKS.email(0));
});

test('stepping through the e-mail: the thread’s steps, then the splat at step 20', async ({
  app,
  page,
}) => {
  await app.open();
  // Step 4: "mm_users is 0, but mm_count is not".
  await app.stepTo(4);
  await app.expectFields({ mm_users: '0', mm_count: '2', mt_flags: '769' });
  await expect(app.lock('mmap_lock')).toHaveAttribute('data-value', 'free');
  await expect(app.currentBlock()).toHaveAttribute('data-step-id', 't2_mmput_dec');
  await expect(app.field('mm_users')).toHaveAttribute('data-changed', 'true');
  await expect(page.getByText('mm_users is 0, but mm_count is not').first()).toBeVisible();

  // Step 8: __ksm_exit() found the slot at the cursor and dropped the spinlock.
  await app.stepTo(8);
  await app.expectFields({ mm_users: '0', mm_count: '2', mt_flags: '769' });
  await expect(app.lock('ksm_mmlist_lock')).toHaveAttribute('data-value', 'free');
  await expect(app.currentBlock()).toHaveAttribute('data-task', '2');

  // Step 16: __mt_destroy() under the write lock clears ma_flags.
  await app.stepTo(16);
  await app.expectFields({ mm_users: '0', mm_count: '2', mt_flags: '0' });
  await expect(app.field('mt_flags')).toHaveAttribute('data-changed', 'true');
  await expect(app.lock('mmap_lock')).toHaveAttribute('data-value', 'held');
  await expect(app.lock('mmap_lock')).toContainText('held by task 2');
  await expect(app.currentBlock()).toHaveAttribute('data-step-id', 't2_mt_destroy');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'RUNNING');

  // Step 17: the write lock is released.
  await app.stepTo(17);
  await app.expectFields({ mm_users: '0', mm_count: '2', mt_flags: '0' });
  await expect(app.lock('mmap_lock')).toHaveAttribute('data-value', 'free');

  await app.stepTo(19);
  await expect(app.outcome).toHaveAttribute('data-outcome', 'RUNNING');

  // Step 20: for_each_vma() with LOCK_EXTERN gone: the splat.
  await app.stepTo(20);
  await app.expectFields({ mm_users: '0', mm_count: '1', mt_flags: '0', f_splat: 'true' });
  await expect(app.lock('mmap_lock')).toHaveAttribute('data-value', 'held');
  await expect(app.currentBlock()).toHaveAttribute('data-step-id', 't1_vma_first');
  await expect(app.currentBlock()).toHaveAttribute('data-index', '19');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await expect(app.outcome.getByText('WARNING: suspicious RCU usage')).toBeVisible();
  await expect(
    app.outcome.getByText('lib/maple_tree.c:856 suspicious rcu_dereference_check() usage!'),
  ).toBeVisible();
  await expect(app.outcome.getByText(/\(&mm->mmap_lock\)/)).toBeVisible();

  await app.button('Last step').click();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await app.expectFields({ mm_count: '0', mm_freed: 'true', slot_freed: 'true' });
  await app.idle();
  expect(app.hash()).toBe(LINKS.email(30));
});

test('clicking a step moves the cursor there; hovering explains it', async ({ app, page }) => {
  await app.open();
  const block = page.locator('[data-step-id="t2_mt_destroy"]');
  await block.hover();
  const detail = page.getByRole('region', { name: 'Step explanation' });
  await expect(detail).toContainText('LOCK_EXTERN is gone');
  await expect(detail.getByRole('link', { name: /mm\/mmap\.c:3118/ })).toHaveAttribute(
    'href',
    /elixir\.bootlin\.com\/linux\/v6\.2\.1\/source\/mm\/mmap\.c#L3118/,
  );
  await block.click();
  await expect(app.currentBlock()).toHaveAttribute('data-index', '15');
  await expect(page.locator('.source li[aria-current="step"]').first()).toContainText(
    '__mt_destroy(&mm->mm_mt)',
  );
});

test('the fix switch turns variant a into b and the same interleaving ends CLEAN', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(20));
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  await app.earlyCheck.check();
  await app.idle();
  await expect(app.variant).toHaveValue('b_early_check');
  await expect(app.currentBlock()).toHaveAttribute('data-step-id', 't1_early_test_exit');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'RUNNING');
  await app.button('Last step').click();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'CLEAN');
  await expect(app.outcome).toContainText('printed nothing');
  await app.earlyCheck.uncheck();
  await app.idle();
  await expect(app.variant).toHaveValue('a_vma_iter');
  await expect(app.outcome).toHaveAttribute('data-outcome', 'LOCKDEP_SPLAT');
  expect(page.url()).toContain('var=a_vma_iter');
});

test('a variant where the interleaving no longer fits says which turns were dropped', async ({
  app,
  page,
}) => {
  await app.open();
  await app.variant.selectOption('c_linked_list');
  await app.idle();
  await expect(page.locator('[data-step-id]')).toHaveCount(27);
  await expect(page.getByRole('status').filter({ hasText: 'no longer apply' })).toContainText(
    'Turns 16–18 (task 2) no longer apply: task 2 has finished.',
  );
  await expect(app.outcome).toHaveAttribute('data-outcome', 'RUNNING');
  await app.button('Last step').click();
  await expect(app.outcome).toHaveAttribute('data-outcome', 'CLEAN');
});
