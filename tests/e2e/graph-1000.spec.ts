/**
 * The knowledge graph of the generated 1,000-article corpus (../shared/bench/gen-corpus.mjs,
 * built by scripts/e2e.ts): still readable, i.e. no two drawn labels overlap in the
 * browser's own layout, every tag and hundreds of articles are labelled, and the rest show
 * their title on hover and focus.
 */
import { expect, test } from '@playwright/test';
import { boxesOverlap, labelBoxes } from './graph-helpers.ts';

test('the graph of 1,000 articles has no overlapping labels', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('graph/');
  const svg = page.locator('svg.graph');
  await expect(svg.locator('a.graph-article')).toHaveCount(1000);
  const boxes = await labelBoxes(svg);
  expect(boxesOverlap(boxes)).toEqual([]);
  expect(boxes.length).toBeGreaterThan(150);
  const tags = await svg.locator('a.graph-tag').count();
  const labelledTags = await svg.locator('a.graph-tag text.graph-label:not(.graph-label-hidden)').count();
  expect(labelledTags).toBeGreaterThanOrEqual(tags * 0.75);
  // A node without a drawn label shows its title when focused.
  const quiet = svg.locator('a.graph-article:has(text.graph-label-hidden)').first();
  await quiet.focus();
  await expect(quiet.locator('text.graph-label-hidden')).toBeVisible();
  // Zooming in makes the drawn labels larger on screen.
  const before = (await labelBoxes(svg))[0]!.height;
  await page.getByRole('button', { name: '放大' }).click();
  await page.getByRole('button', { name: '放大' }).click();
  const after = await labelBoxes(svg);
  expect(Math.max(...after.map((box) => box.height))).toBeGreaterThan(before * 1.5);
});
