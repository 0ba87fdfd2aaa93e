import { expect, test } from '@playwright/test';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const titles = (list: typeof articles) => list.map((article) => article.title).sort();

async function listedTitles(page: import('@playwright/test').Page, url: string): Promise<string[]> {
  const seen: string[] = [];
  let next: string | null = url;
  while (next) {
    await page.goto(next);
    seen.push(...(await page.locator('.article-card-title a').allInnerTexts()));
    const nextLink = page.locator('.pager a[rel="next"]');
    next = (await nextLink.count()) > 0 ? await nextLink.getAttribute('href') : null;
  }
  return seen.sort();
}

test.describe('listings', () => {
  test('home lists the latest articles, newest first, with excerpts and pages', async ({ page }) => {
    await page.goto('/');
    const cards = page.locator('.article-card');
    await expect(cards).toHaveCount(Math.min(20, articles.length));
    const dates = await page
      .locator('.article-card .article-meta time')
      .first()
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')));
    const newest = [...articles].sort((a, b) => b.date.localeCompare(a.date))[0]!;
    expect(dates[0]).toBe(newest.date);
    await expect(cards.first().locator('.excerpt')).not.toBeEmpty();
    expect(await listedTitles(page, '/')).toEqual(titles(articles));
    if (articles.length > 20) {
      await page.goto('/page/2/');
      await expect(page.locator('.pager a[rel="prev"]')).toHaveAttribute('href', '/');
    }
  });

  test('a tag page lists exactly the articles with that tag', async ({ page }) => {
    const tagged = articles.filter((article) => article.tags.includes('attention'));
    expect(await listedTitles(page, '/tags/attention/')).toEqual(titles(tagged));
  });

  test('the tag index shows every tag with its count', async ({ page }) => {
    await page.goto('/tags/');
    const rope = page.locator('.term-index li', { has: page.locator('a[href="/tags/rope/"]') });
    const count = articles.filter((article) => article.tags.includes('rope')).length;
    await expect(rope.locator('.term-count')).toHaveText(`${count} 篇`);
  });

  test('a category page lists exactly its articles', async ({ page }) => {
    const inCategory = articles.filter((article) => article.category === 'llm');
    expect(await listedTitles(page, '/categories/llm/')).toEqual(titles(inCategory));
  });

  test('a series page lists its parts in order', async ({ page }) => {
    const parts = articles
      .filter((article) => article.series === 'ssm')
      .sort((a, b) => a.seriesOrder! - b.seriesOrder!);
    await page.goto('/series/ssm/');
    await expect(page.locator('.article-card-title a')).toHaveText(parts.map((article) => article.title));
  });

  test('the archive goes by year and month', async ({ page }) => {
    await page.goto('/archive/');
    const year2025 = articles.filter((article) => article.date.startsWith('2025'));
    await expect(page.locator('h2', { hasText: '2025 年' }).locator('.term-count')).toHaveText(`${year2025.length} 篇`);
    await page.locator('a[href="/archive/2025/"]').first().click();
    await expect(page.locator('.archive-list li')).toHaveCount(year2025.length);
    const june = articles.filter((article) => article.date.startsWith('2025-06'));
    await page.goto('/archive/2025/06/');
    expect(await page.locator('.article-card-title a').allInnerTexts()).toEqual(
      june.sort((a, b) => b.date.localeCompare(a.date)).map((article) => article.title),
    );
  });

  test('listings render excerpt math instead of showing TeX', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.excerpt')).not.toContainText(['\\frac', '$']);
  });

  test('an unknown URL answers with the 404 page', async ({ page }) => {
    const response = await page.goto('/articles/no-such-article/');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('页面不存在');
  });

  test('RSS, sitemap and robots.txt are served', async ({ request }) => {
    const rss = await (await request.get('/rss.xml')).text();
    // The newest 20 (tests/e2e/publish-feeds.spec.ts checks every feed in full).
    const newest = [...articles].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug))[0]!;
    expect(rss).toContain(`<title>${newest.title}</title>`);
    expect(rss.match(/<item>/g)).toHaveLength(Math.min(20, articles.length));
    expect((await request.get('/categories/llm/rss.xml')).ok()).toBe(true);
    expect(await (await request.get('/sitemap-index.xml')).text()).toContain('sitemap-0.xml');
    expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap:');
  });
});

test.describe('theme', () => {
  test('the toggle switches to dark and the choice survives a reload, with no flash', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/articles/rope/');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.locator('.theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background()).toBe(dark);
  });

  test('dark mode follows the system until the reader chooses', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 29)');
  });
});
