/**
 * Search quality: every query of tests/search/queries.json is typed into the /search/ page
 * of the built site, and the article links it shows are compared with the expectations.
 * Fails when fewer than 90% of queries put the expected article first, or when any
 * expected article is missing from the top 5. Prints MRR and recall@5.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { bundledArticles } from './helpers.ts';

interface QualityQuery {
  kind: string;
  query: string;
  first: string;
  top5: string[];
}
const { queries } = JSON.parse(fs.readFileSync('tests/search/queries.json', 'utf8')) as { queries: QualityQuery[] };
const TOP1_THRESHOLD = 0.9;

test('every query in tests/search/queries.json finds its articles', async ({ page }) => {
  test.setTimeout(180_000);
  // The file must stay about the bundled articles, and big enough to mean something.
  const slugs = new Set(bundledArticles().map((article) => article.slug));
  expect(queries.length).toBeGreaterThanOrEqual(40);
  for (const entry of queries) {
    for (const slug of [entry.first, ...entry.top5])
      expect(slugs, `${entry.query}: unknown article ${slug}`).toContain(slug);
  }

  await page.goto('/search/');
  const input = page.getByRole('searchbox', { name: '搜索' }).last();
  const results = page.locator('#search-results');
  const rows: Array<{ entry: QualityQuery; ranked: string[] }> = [];
  for (const entry of queries) {
    await input.fill(entry.query);
    await expect(results).toHaveAttribute('data-query', entry.query);
    await expect(results).toHaveAttribute('aria-busy', 'false');
    const hrefs = await results
      .locator('.search-hit-title')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    rows.push({ entry, ranked: hrefs.map((href) => /\/articles\/([^/]+)\//.exec(href)?.[1] ?? href) });
  }

  let reciprocalRanks = 0;
  let firstHits = 0;
  let expectedTotal = 0;
  let expectedFound = 0;
  const missing: string[] = [];
  const wrongFirst: string[] = [];
  for (const { entry, ranked } of rows) {
    const rank = ranked.indexOf(entry.first) + 1;
    reciprocalRanks += rank > 0 ? 1 / rank : 0;
    if (rank === 1) firstHits += 1;
    else wrongFirst.push(`${entry.query} → ${ranked[0] ?? '(nothing)'} (expected ${entry.first}, rank ${rank || '-'})`);
    const top5 = ranked.slice(0, 5);
    for (const slug of [entry.first, ...entry.top5]) {
      expectedTotal += 1;
      if (top5.includes(slug)) expectedFound += 1;
      else missing.push(`${entry.query}: ${slug} not in top 5 [${top5.join(', ')}]`);
    }
  }
  const top1Rate = firstHits / rows.length;
  const summary = [
    `search quality over ${rows.length} queries:`,
    `  MRR ${(reciprocalRanks / rows.length).toFixed(3)}`,
    `  recall@5 ${(expectedFound / expectedTotal).toFixed(3)} (${expectedFound}/${expectedTotal} expected articles)`,
    `  top-1 ${(top1Rate * 100).toFixed(1)}% (${firstHits}/${rows.length})`,
    ...wrongFirst.map((line) => `  not first: ${line}`),
    ...missing.map((line) => `  missing: ${line}`),
  ].join('\n');
  console.log(summary);
  expect(missing, summary).toEqual([]);
  expect(top1Rate, summary).toBeGreaterThanOrEqual(TOP1_THRESHOLD);
});
