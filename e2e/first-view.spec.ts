import { expect, test } from './fixtures.ts';

test('the default view paints before the simulator is fetched, and the simulator then takes over', async ({
  page,
  app,
}) => {
  const scripts: { name: string; at: number }[] = [];
  page.context().on('requestfinished', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.js')) scripts.push({ name, at: r.timing().startTime });
  });
  await app.open('');
  const firstPaint = await page.evaluate(
    () =>
      performance.timeOrigin + performance.getEntriesByName('interleave:first-render')[0].startTime,
  );
  expect(await app.stepIds()).toHaveLength(30);
  // Started after the first paint (warm), not needed for it.
  await expect.poll(() => scripts.some((s) => s.name.startsWith('explorer.worker'))).toBe(true);
  const worker = scripts.filter((s) => s.name.startsWith('explorer.worker'));
  expect(worker.every((s) => s.at >= firstPaint)).toBe(true);
  // An edit is the worker's: the schedule changes and the page stays consistent.
  await page
    .getByRole('button', { name: /Run task 2 next/ })
    .first()
    .click();
  await app.idle();
  expect((await app.stepIds())[0]).toMatch(/^t2_/);
});
