/**
 * Dragging a step with the real mouse (page.mouse), as a person would: press on the block, move
 * past the drag threshold, wait for the drop places the worker marks, move onto one, release.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The block of step k (1-based) in the editable timeline, by its accessible name (any lane key). */
export function stepBlock(page: Page, k: number): Locator {
  return page.getByRole('button', { name: new RegExp(`^Go to step ${k}, task [\\d.]+: `) });
}

/** The drop place that would make the dragged step step k (only there while dragging). */
export function dropPlace(page: Page, k: number): Locator {
  return page.getByRole('img', { name: `Drop place: step ${k}`, exact: true });
}

/** Presses on step `from` and drags until the drop places are shown; returns the mouse. */
export async function startDrag(page: Page, from: number): Promise<void> {
  const block = stepBlock(page, from);
  await block.scrollIntoViewIfNeeded();
  const box = (await block.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 30, box.y + box.height / 2 + 8, { steps: 2 });
  await expect(page.locator('[data-drop]').first()).toBeVisible();
}

/** Moves the dragged step over the drop place for step `to` (not releasing). */
export async function hoverDropPlace(page: Page, to: number): Promise<Locator> {
  const place = dropPlace(page, to);
  const box = (await place.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
  await expect(place).toHaveClass(/is-target/);
  return place;
}
