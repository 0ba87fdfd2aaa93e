/**
 * The feeds, read as a feed reader reads them: every feed (site-wide, per category, per
 * tag, per series) is well-formed XML (Chromium's strict XML parser finds no error in it),
 * parses as RSS 2.0 with a maintained feed parser,
 * holds the newest articles (20 at most) with the whole article in each entry, and that
 * article is readable without our CSS: formulas as MathML (one <math> per formula of the
 * page), no KaTeX glyph HTML, no classes, styles or scripts, every link and image absolute
 * with the site URL and the base path. At / and under /kb/ (see playwright.config.ts).
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { bundledArticles, newestFirst } from './helpers.ts';

const articles = bundledArticles().sort(newestFirst);
const FEED_SIZE = 20;
const feeds = [
  { path: 'rss.xml', articles },
  ...[...new Set(articles.map((article) => article.category))].map((category) => ({
    path: `categories/${category}/rss.xml`,
    articles: articles.filter((article) => article.category === category),
  })),
  ...[...new Set(articles.flatMap((article) => article.tags))].map((tag) => ({
    path: `tags/${tag}/rss.xml`,
    articles: articles.filter((article) => article.tags.includes(tag)),
  })),
  ...[...new Set(articles.flatMap((article) => (article.series ? [article.series] : [])))].map((series) => ({
    path: `series/${series}/rss.xml`,
    articles: articles.filter((article) => article.series === series),
  })),
];

/** The absolute URL of the site's root, as its pages announce it (site URL and base path). */
async function siteRoot(request: APIRequestContext): Promise<string> {
  const home = await (await request.get('')).text();
  return /<link rel="canonical" href="([^"]+)"/.exec(home)![1]!;
}

const formulasOnPage = new Map<string, number>();
async function formulaCount(request: APIRequestContext, slug: string): Promise<number> {
  if (!formulasOnPage.has(slug)) {
    const html = await (await request.get(`articles/${slug}/`)).text();
    // The article's own formulas: the TOC and the excerpts around it have copies.
    // (Up to what follows the text: history, references, other articles' blocks for previews.)
    const prose =
      /<div class="prose"[^>]*>([\s\S]*?)(?:<footer class="article-history"|<section class="references"|<div class="crossref-previews"|<\/article>)/.exec(
        html,
      )![1]!;
    formulasOnPage.set(slug, (prose.match(/<span class="katex">/g) ?? []).length);
  }
  return formulasOnPage.get(slug)!;
}

test('every listing announces its feed, and the site-wide feed is on every page', async ({ page }) => {
  for (const path of ['', 'tags/attention/', 'categories/transformer/', 'series/efficient-attention/']) {
    await page.goto(path);
    const feed = path === '' ? 'rss.xml' : `${path}rss.xml`;
    const hrefs = await page
      .locator('link[rel="alternate"][type="application/rss+xml"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(hrefs).toContain(new URL(feed, page.url().replace(/[^/]*$/, '')).href.replace(path, ''));
  }
});

test.describe('feeds', () => {
  test.describe.configure({ timeout: 120_000 });
  for (const feed of feeds) {
    test(`${feed.path}: valid RSS 2.0, newest ${FEED_SIZE} at most, whole articles readable without our CSS`, async ({
      request,
      page,
    }) => {
      const root = await siteRoot(request);
      const response = await request.get(feed.path);
      expect(response.status()).toBe(200);
      const xml = await response.text();
      const xmlError = await page.evaluate((text) => {
        const parsed = new DOMParser().parseFromString(text, 'application/xml');
        return parsed.querySelector('parsererror')?.textContent ?? null;
      }, xml);
      expect(xmlError).toBeNull();

      const parsed = parseFeed(xml);
      expect(parsed.meta).toMatchObject({ type: 'rss', version: '2.0' });
      expect(parsed.title).toBeTruthy();
      expect(parsed.description).toBeTruthy();
      expect(parsed.url).toBe(root);
      expect(parsed.self).toBe(new URL(feed.path, root).href);
      expect(parsed.language).toMatch(/^(zh-CN|en)$/);

      const expected = feed.articles
        .slice(0, FEED_SIZE)
        .map((article) => new URL(`articles/${article.slug}/`, root).href);
      expect(parsed.items.map((item) => item.url)).toEqual(expected);
      for (const [index, item] of parsed.items.entries()) {
        const article = feed.articles[index]!;
        expect(item.title).toBe(article.title);
        expect(item.id).toBe(item.url);
        expect(item.published?.toISOString().slice(0, 10)).toBe(article.date);
        const content = item.content ?? '';
        expect(content.length, item.url!).toBeGreaterThan(500);
        expect(content).not.toContain('katex-html');
        expect(content).not.toMatch(/\s(class|style|id|data-[\w-]+)="/);
        expect(content).not.toMatch(/<(script|style|button|link)\b/);
        for (const [, url] of content.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
          expect(url, `${item.url}: ${url}`).toMatch(/^(https?:|mailto:)/);
          if (url!.startsWith(new URL(root).origin)) expect(url!.startsWith(root), url).toBe(true);
        }
        const formulas = await formulaCount(request, article.slug);
        expect((content.match(/<math\b/g) ?? []).length, `${item.url}: one <math> per formula`).toBe(formulas);
        if (/<pre>/.test(content)) expect(content).toMatch(/<pre><code>/);
      }
    });
  }
});
