/**
 * Titles, tags, summaries and headings that contain markup are shown as text everywhere:
 * on the article, in every listing, in RSS, in OpenGraph meta, in search results and in
 * the BibTeX block, and in link previews. Runs against tests/fixtures/xss-metadata (the
 * `xss` project). Any dialog fails the test: it would mean a payload ran.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import YAML from 'yaml';

const fixture = 'tests/fixtures/xss-metadata';
const frontmatter = (file: string) =>
  YAML.parse(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(path.join(fixture, 'articles', file), 'utf8'))![1]!);
const article = frontmatter('xss-title.md') as { title: string; description: string };
const taxonomy = YAML.parse(fs.readFileSync(path.join(fixture, 'taxonomy.yaml'), 'utf8'));
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';

// Any dialog during a test (on load, on hover, while typing) fails it: a payload ran.
let dialogs: string[] = [];
let errors: string[] = [];
test.beforeEach(({ page }) => {
  dialogs = [];
  errors = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
});
test.afterEach(() => {
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

/** Loads a page and checks that no payload became an element. */
async function visitSafely(page: Page, url: string, ready?: string) {
  await page.goto(url);
  if (ready) await expect(page.locator(ready).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(dialogs).toEqual([]);
  await expect(page.locator('img[src="x"], img[onerror]')).toHaveCount(0);
  const scripts = await page.locator('script').evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
  expect(scripts.filter((text) => text.includes('alert(1)'))).toEqual([]);
}

test.describe('markup in metadata is shown as text', () => {
  test('the article: title, tags, headings, table of contents, OpenGraph and BibTeX', async ({ page }) => {
    await visitSafely(page, 'articles/xss-title/');
    await expect(page.locator('h1')).toHaveText(article.title);
    await expect(page).toHaveTitle(new RegExp(`^${article.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', article.title);
    await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', article.description);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', article.description);
    await expect(page.locator('.article-header .tag')).toHaveText([`#${SCRIPT}`, `#${IMG}`, '#{{ tag }}']);
    const headings = page.locator('.prose h2');
    await expect(headings.nth(0)).toContainText(`${SCRIPT} heading`);
    await expect(headings.nth(1)).toContainText(`${IMG} heading`);
    await expect(headings.nth(2)).toContainText('{{ heading }} and <script>alert(1)</script>');
    await expect(page.locator('.toc a').first()).toContainText(SCRIPT);
    const bibtex = await page.locator('.cite-block code').innerText();
    expect(bibtex).toContain(`title   = {${SCRIPT} xsspayload ${IMG} \\{\\{ title \\}\\}}`);
  });

  test('the article whose excerpt has markup, and its link preview of the other one', async ({ page }) => {
    await visitSafely(page, 'articles/xss-excerpt/');
    await expect(page.locator('meta[name="description"]')).toHaveAttribute(
      'content',
      new RegExp(`${SCRIPT.replace(/[()]/g, '\\$&')} then`),
    );
    await page.locator('.prose a[href$="/articles/xss-title/"]').hover();
    const card = page.locator('#link-preview');
    await expect(card).toBeVisible();
    await expect(card).toContainText(article.title);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });

  for (const listing of [
    '',
    'tags/',
    'tags/xss-script/',
    'tags/xss-img/',
    'tags/xss-braces/',
    'categories/',
    'categories/xss/',
    'archive/',
    'archive/2025/',
    'archive/2025/03/',
    'series/',
  ]) {
    test(`listing /${listing}`, async ({ page }) => {
      await visitSafely(page, listing);
      const titles = page.locator('.article-card-title a');
      if ((await titles.count()) > 0)
        await expect(titles.filter({ hasText: 'xsspayload' })).toHaveText([article.title]);
    });
  }

  test('listings show the summary and the excerpt as text', async ({ page }) => {
    await visitSafely(page, '');
    const cards = page.locator('.article-card');
    await expect(cards.filter({ hasText: 'xsspayload' }).first().locator('.excerpt')).toContainText(
      article.description,
    );
    await expect(cards.filter({ hasText: 'An excerpt with markup' }).locator('.excerpt')).toContainText(
      `${SCRIPT} then ${IMG.slice(0, 2)}`,
    );
  });

  test('tag and category names from the taxonomy', async ({ page }) => {
    await visitSafely(page, 'tags/xss-img/');
    await expect(page.locator('h1')).toContainText(taxonomy.tags['xss-img'].zh);
    await visitSafely(page, 'categories/xss/');
    await expect(page.locator('h1')).toContainText(taxonomy.categories.xss.zh);
  });

  test('search results, on the search page and in the header box', async ({ page }) => {
    await visitSafely(page, 'search/?q=xsspayload', '#search-results li');
    await expect(
      page.locator('#search-results .search-hit-title').filter({ hasText: 'xsspayload' }).first(),
    ).toHaveText(article.title);
    await expect(page.locator('#search-results img')).toHaveCount(0);
    await page.locator('#header-search-input').fill('xsspayload');
    await expect(page.locator('#header-search-listbox [role="option"]').first()).toBeVisible();
    await expect(page.locator('#header-search-listbox')).toContainText(SCRIPT);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });

  test('RSS escapes titles, summaries and tags', async ({ request }) => {
    for (const feed of ['rss.xml', 'categories/xss/rss.xml']) {
      const xml = await (await request.get(feed)).text();
      expect(xml).not.toContain('<script');
      expect(xml).not.toContain('<img');
      expect(xml).toMatch(
        /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; xsspayload &quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; \{\{ title \}\}<\/title>|<title><!\[CDATA\[<script>/,
      );
    }
  });
});
