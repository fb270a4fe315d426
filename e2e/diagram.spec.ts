/**
 * The schedule as a mailing-list diagram: copied out (≤ 80 columns, notes as `====` lines),
 * pasted back through the Open dialog or anywhere on the page it opens the same schedule, a
 * misspelt call is refused naming its line; and the scenario's fix as a diff of its pseudo-code.
 */
import type { Locator, Page } from '@playwright/test';
import { axeViolations, expect, LINKS, test, type InterleavePage } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Runs task 2 first and checks the schedule really changed from `ids`. */
async function changeSchedule(app: InterleavePage, ids: readonly string[]): Promise<void> {
  const first = app.button('First step');
  if (await first.isEnabled()) await first.click();
  await app.button('Run task 2 next').click();
  await app.idle();
  expect(await app.stepIds()).not.toEqual(ids);
}

/** The Open dialog, found by its role and name. */
const openDialog = (page: Page) => page.getByRole('dialog', { name: 'Open a diagram' });

test('a copied diagram, pasted back in the dialog and on the page, opens the same schedule', async ({
  app,
  page,
}) => {
  await app.open();
  const ids = await app.stepIds();
  expect(ids).toHaveLength(30);

  await app.button('Copy as e-mail diagram').click();
  await expect(page.getByRole('status').filter({ hasText: 'E-mail diagram' })).toContainText(
    '✓ E-mail diagram of this schedule copied',
  );
  const text = await clipboard(page);
  const lines = text.trimEnd().split('\n');
  // A header, 30 steps (some wrapped), the notes and the outcome as banners.
  expect(lines.length).toBeGreaterThan(31);
  for (const l of lines) expect(Array.from(l).length, l).toBeLessThanOrEqual(80);
  expect(lines.some((l) => l.startsWith('==== '))).toBe(true);
  expect(lines.at(-1)).toMatch(/^==== outcome: LOCKDEP_SPLAT =+$/);

  // Through the dialog: focus goes to the timeline, the dialog's opener is not left behind.
  await changeSchedule(app, ids);
  const opener = app.button('Open a diagram…');
  await opener.click();
  const dialog = openDialog(page);
  await expect(dialog).toBeVisible();
  const area = dialog.getByRole('textbox', { name: 'Paste a diagram from an e-mail' });
  await expect(area).toBeFocused();
  await area.fill(text);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await app.idle();
  expect(await app.stepIds()).toEqual(ids);
  await expect(page.locator('#main-timeline [data-step-id]:focus')).toHaveCount(1);

  // On the page: Ctrl+V with focus on a button (not a field) opens the clipboard's diagram.
  await changeSchedule(app, ids);
  await app.button('Step forward').focus();
  await page.keyboard.press('ControlOrMeta+V');
  await app.idle();
  await expect.poll(() => app.stepIds()).toEqual(ids);
  await expect(
    app.notice.or(page.getByRole('status')).filter({ hasText: /pasted diagram/ }),
  ).toBeVisible();

  // Undo returns to the schedule before the paste.
  await page.keyboard.press('ControlOrMeta+Z');
  await app.idle();
  expect(await app.stepIds()).not.toEqual(ids);
});

test('a paste event on the page opens a quoted diagram; a paste into a field does not', async ({
  app,
  page,
}) => {
  await app.open();
  const ids = await app.stepIds();
  await app.button('Show diagram').click();
  const view = page.getByRole('dialog', { name: 'This schedule as an e-mail diagram' });
  const shown = view.getByRole('textbox', { name: 'E-mail diagram' });
  await expect(shown).toBeFocused();
  const text = await shown.inputValue();
  expect(text.split('\n')[0]).toMatch(/^1: /);
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  await expect(app.button('Show diagram')).toBeFocused();

  await changeSchedule(app, ids);
  const changed = await app.stepIds();
  const paste = (target: string, data: string) =>
    page.evaluate(
      ([selector, t]) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        document
          .querySelector(selector)!
          .dispatchEvent(
            new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
          );
      },
      [target, data] as const,
    );
  // Into a text field, a paste is the field's: the Processes number field keeps it.
  await paste('input[type="number"]', text);
  await app.idle();
  expect(await app.stepIds()).toEqual(changed);
  // Text that is not a diagram is left alone.
  await paste('body', 'thanks for the diagram');
  await app.idle();
  expect(await app.stepIds()).toEqual(changed);
  // A reply quoting the diagram opens it.
  const quoted = text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  await paste('body', quoted);
  await app.idle();
  await expect.poll(() => app.stepIds()).toEqual(ids);
});

test('a misspelt call is refused naming its line; the dialog keeps the text and the schedule stays', async ({
  app,
  page,
}) => {
  await app.open(LINKS.email(5));
  const ids = await app.stepIds();
  await app.button('Copy as e-mail diagram').click();
  const lines = (await clipboard(page)).split('\n');
  expect(lines[3]).toContain('spin_unlock(&ksm_mmlist_lock)');
  lines[3] = lines[3].replace('spin_unlock', 'spin_unlokc');
  const bad = lines.join('\n');

  await app.button('Open a diagram…').click();
  const dialog = openDialog(page);
  const area = dialog.getByRole('textbox', { name: 'Paste a diagram from an e-mail' });
  await area.fill(bad);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await app.idle();
  const why = dialog.getByRole('alert');
  await expect(why).toContainText('This diagram could not be opened');
  await expect(why).toContainText('Line 4:');
  await expect(why).toContainText('spin_unlokc');
  await expect(why).toContainText('The schedule is unchanged.');
  await expect(dialog).toBeVisible();
  await expect(area).toHaveValue(bad);
  expect(await app.stepIds()).toEqual(ids);
  await expect(page.locator('.position')).toContainText('After step 5 of 30');

  // Escape closes it, focus returns to its opener, and the page's status line says the same.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.button('Open a diagram…')).toBeFocused();
  await expect(app.notice).toContainText('This diagram could not be opened');
  await expect(app.notice).toContainText('Line 4:');

  // A page-level paste of the same text opens the dialog with it, and the reason.
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, bad);
  await expect(dialog).toBeVisible();
  await expect(area).toHaveValue(bad);
  await expect(dialog.getByRole('alert')).toContainText('Line 4:');
  expect(await app.stepIds()).toEqual(ids);
});

/** The fix-as-a-diff panel, opened. */
async function openDiff(page: Page): Promise<Locator> {
  const panel = page.getByRole('region', { name: 'The fix, as a diff' });
  await panel.locator('summary').click();
  await expect(panel.getByRole('list').first()).toBeVisible();
  return panel;
}

/** Each line of a task's diff as a reader sees it: the gutter's sign and the text. */
async function diffLines(panel: Locator, name: string): Promise<string[]> {
  const list = panel.getByRole('list', { name: `${name}, the fix as a diff` });
  return list.getByRole('listitem').evaluateAll((items) =>
    items.map((li) => {
      const sign = li.querySelector('.gutter-mark')?.textContent ?? '?';
      const text = li.querySelector('ins, del, span[style]')?.lastChild?.textContent ?? '';
      return `${sign}${text}`;
    }),
  );
}

test('the fix as a diff: the early check added after mmap_read_lock, the in-loop check removed', async ({
  app,
  page,
}) => {
  await app.open();
  const panel = await openDiff(page);
  await expect(panel.locator('summary')).toHaveText(
    'a — v6.3-rc1, VMA iterator (the bug) → b — the fix (6db504ce55bd)',
  );
  const name = /^Task 1/;
  const heading = panel.getByRole('heading', { level: 3, name });
  await expect(heading).toHaveCount(1);
  const lines = await diffLines(panel, (await heading.textContent())!);
  const changed = lines.filter((l) => !l.startsWith(' '));
  expect(changed).toEqual([
    '+if (ksm_test_exit(mm))  goto mm_exiting;   /* the fix */',
    '-if (ksm_test_exit(mm))  break;',
    '+mm_exiting:',
  ]);
  const added = lines.indexOf(changed[0]);
  expect(lines[added - 1]).toBe(' mmap_read_lock(mm);');
  const removed = lines.indexOf(changed[1]);
  expect(lines[removed - 1]).toMatch(/^ for_each_vma\(vmi, vma\) \{/);
  // Marked for screen readers as an insertion and a deletion, with the word said.
  await expect(panel.getByRole('insertion').first()).toHaveText(
    'added: if (ksm_test_exit(mm))  goto mm_exiting;   /* the fix */',
  );
  await expect(panel.getByRole('deletion')).toHaveText(['removed: if (ksm_test_exit(mm))  break;']);
  // Task 2's code is the same in both variants.
  const other = panel.getByRole('heading', { level: 3 }).filter({ hasNotText: name });
  const lines2 = await diffLines(panel, (await other.textContent())!);
  expect(lines2.length).toBeGreaterThan(10);
  expect(lines2.every((l) => l.startsWith(' '))).toBe(true);
  // Indentation is kept: the removed line sits one level inside the loop.
  const depth = (text: string) =>
    panel
      .locator('li', { hasText: text })
      .first()
      .locator('ins, del, span[style]')
      .evaluate((el) => (el as HTMLElement).style.paddingLeft);
  expect(await depth('for_each_vma(vmi, vma)')).toBe('4ch');
  expect(await depth('removed: if (ksm_test_exit(mm))  break;')).toBe('6ch');
});

test('ksm-oom-deadlock declares its pair: its diff moves __ksm_exit() out of the mutex', async ({
  app,
  page,
}) => {
  await app.open(LINKS.deadlock());
  const panel = await openDiff(page);
  await expect(panel.locator('summary')).toHaveText(
    'a — before the fix (mutex in __ksm_exit) → b — the fix (9ba692948008)',
  );
  const [t1, t2] = await panel
    .getByRole('heading', { level: 3 })
    .evaluateAll((hs) => hs.map((h) => h.textContent ?? ''));
  const lines1 = await diffLines(panel, t1);
  const lines2 = await diffLines(panel, t2);
  expect(lines1).toContain('+if (ksm_test_exit(mm))  break;   /* the fix */');
  expect(lines1).toContain('-while (mm_slot != &ksm_mm_head) {');
  // Task 2: ksm_exit() leaves mmput() (with its mutex) for exit_mmap(), after unmap_vmas().
  const at = (line: string) => {
    expect(lines2).toContain(line);
    return lines2.indexOf(line);
  };
  const mutex = at('-mutex_lock(&ksm_thread_mutex);');
  const exitMmap = at(' exit_mmap(mm):');
  const unmap = lines2.findIndex((l) => l.startsWith(' unmap_vmas('));
  const ksmExit = at('+ksm_exit(mm, &tlb, end):  if (test_bit(MMF_VM_MERGEABLE, &mm->flags))');
  expect(mutex).toBeLessThan(exitMmap);
  expect(exitMmap).toBeLessThan(unmap);
  expect(unmap).toBeLessThan(ksmExit);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme} theme: the fix as a diff and the Open dialog with a refusal have no axe violations`, async ({
    app,
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await app.open();
    await openDiff(page);
    expect(await axeViolations(page), 'the fix as a diff').toEqual([]);

    await app.button('Open a diagram…').click();
    const dialog = openDialog(page);
    await dialog.getByRole('textbox').fill('1: a  2: b\nmutex_lokc(&ksm_thread_mutex)');
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('This diagram could not be opened');
    expect(await axeViolations(page), 'the Open dialog').toEqual([]);
  });
}
