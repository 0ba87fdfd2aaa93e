/**
 * Search quality: every query of tests/search/queries.json is typed into the /search/ page
 * of the built site, and the article links it shows are compared with the expectations.
 * Fails when fewer than 95% of queries put the expected article first, or when any
 * expected article is missing from the top 5. Prints MRR and recall@5. A second test
 * checks that no query with a word the library has ever shows "no results".
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseQuery } from '../../src/client/search-query.ts';
import { bundledArticles } from './helpers.ts';

interface QualityQuery {
  kind: string;
  query: string;
  first: string;
  top5: string[];
  /** No single article has every word of the query (checked below against the articles). */
  partial?: boolean;
}
const { queries } = JSON.parse(fs.readFileSync('tests/search/queries.json', 'utf8')) as { queries: QualityQuery[] };
const TOP1_THRESHOLD = 0.95;
const articles = bundledArticles();

interface Row {
  entry: QualityQuery;
  ranked: string[];
  status: string;
  /** A result in the top 5 says which words it lacks ("缺少：…"). */
  missingShown: boolean;
}

async function runQueries(page: Page): Promise<Row[]> {
  await page.goto('/search/');
  const input = page.getByRole('searchbox', { name: '搜索' }).last();
  const results = page.locator('#search-results');
  const rows: Row[] = [];
  for (const entry of queries) {
    await input.fill(entry.query);
    await expect(results).toHaveAttribute('data-query', entry.query);
    await expect(results).toHaveAttribute('aria-busy', 'false');
    const hrefs = await results
      .locator('.search-hit-title')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    const status = await page.locator('.search-page-status').innerText();
    const missingLines = await results
      .locator('.search-result')
      .evaluateAll((items) =>
        items.slice(0, 5).map((item) => item.querySelector('.search-hit-missing')?.textContent ?? ''),
      );
    rows.push({
      entry,
      ranked: hrefs.map((href) => /\/articles\/([^/]+)\//.exec(href)?.[1] ?? href),
      status,
      missingShown: missingLines.some((line) => /^缺少：\s*\S/.test(line)),
    });
  }
  return rows;
}

test('the query set is about the bundled articles and has every kind the issue asks for', () => {
  const slugs = new Set(articles.map((article) => article.slug));
  expect(queries.length).toBeGreaterThanOrEqual(100);
  for (const entry of queries) {
    for (const slug of [entry.first, ...entry.top5])
      expect(slugs, `${entry.query}: unknown article ${slug}`).toContain(slug);
  }
  const natural = queries.filter((entry) => entry.kind === 'natural');
  expect(natural.length).toBeGreaterThanOrEqual(25);
  const scripts = (entry: QualityQuery) => [/[\u4e00-\u9fff]/.test(entry.query), /[A-Za-z]/.test(entry.query)];
  expect(
    natural.some((entry) => scripts(entry).join() === 'true,false'),
    'a Chinese natural query',
  ).toBe(true);
  expect(
    natural.some((entry) => scripts(entry).join() === 'false,true'),
    'an English natural query',
  ).toBe(true);
  expect(
    natural.some((entry) => scripts(entry).join() === 'true,true'),
    'a mixed natural query',
  ).toBe(true);
  expect(
    queries.filter((entry) => entry.kind === 'phrase' && /^".+"$/.test(entry.query)).length,
  ).toBeGreaterThanOrEqual(10);
  for (const kind of ['zh', 'en', 'mixed', 'alias', 'tex', 'typo'])
    expect(
      queries.some((entry) => entry.kind === kind),
      kind,
    ).toBe(true);
  // "partial" is checked, not believed: no article (title, description, tags, text) has every word.
  const partial = queries.filter((entry) => entry.partial);
  expect(partial.length).toBeGreaterThanOrEqual(10);
  const texts = articles.map((article) =>
    [article.title, article.subtitle ?? '', article.tags.join(' '), article.body].join('\n').toLowerCase(),
  );
  for (const entry of partial) {
    const words = parseQuery(entry.query).units.map((unit) => unit.text.toLowerCase());
    const complete = articles.filter((_, index) => words.every((word) => texts[index]!.includes(word)));
    expect(
      complete.map((article) => article.slug),
      `${entry.query}: an article has every word`,
    ).toEqual([]);
  }
});

test('every query in tests/search/queries.json finds its articles', async ({ page }) => {
  test.setTimeout(300_000);
  const rows = await runQueries(page);

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
  // Where no article has every word, results say which words they lack (the first may
  // have them all under aliases: pigeonhole → 鸽巢).
  for (const { entry, missingShown } of rows.filter((row) => row.entry.partial))
    expect(missingShown, `${entry.query}: a result in the top 5 names the words it lacks`).toBe(true);
});

test('no query with a word the library has shows "no results"', async ({ page }) => {
  test.setTimeout(300_000);
  // Every query of the set has a known word (each expects an article); add queries that
  // mix known words with words no article has, and a partly typed one.
  const extra = ['rejection sampling 草稿', 'zebra 注意力 quokka', 'transfor', '梯度检', '"quokka zebra" 显存'];
  await page.goto('/search/');
  const input = page.getByRole('searchbox', { name: '搜索' }).last();
  const results = page.locator('#search-results');
  const empty: string[] = [];
  for (const query of [...queries.map((entry) => entry.query), ...extra]) {
    await input.fill(query);
    await expect(results).toHaveAttribute('data-query', query);
    await expect(results).toHaveAttribute('aria-busy', 'false');
    if ((await results.locator('.search-result').count()) === 0) empty.push(query);
  }
  expect(empty, 'queries that showed no results').toEqual([]);
});
