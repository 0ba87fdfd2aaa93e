import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadBibliography } from '../../src/lib/bibliography.ts';
import { findCitations } from '../../src/lib/pandoc-citations.ts';
import { paperFor } from '../../src/lib/papers.ts';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const linksTo = (slug: string) =>
  articles
    .filter((article) => article.slug !== slug)
    .filter((article) =>
      new RegExp(`\\]\\(/articles/${slug}/?[#)]|\\[\\[${slug}[\\]#|]`).test(
        article.body.replace(/^```[\s\S]*?^```/gm, ''),
      ),
    );

test.describe('knowledge features', () => {
  test('hovering an internal link shows a preview card; Esc and leaving hide it', async ({ page }) => {
    await page.goto('/articles/kv-cache/');
    const link = page.locator('.prose a[href="/articles/speculative-decoding/"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    const card = page.locator('#link-preview');
    await expect(card).toBeVisible();
    await expect(card.locator('.link-preview-title')).toHaveText('投机解码：草稿、验证与无损接受率');
    await expect(card.locator('.link-preview-date')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();
    await page.mouse.move(5, 5);
    await link.hover();
    await expect(card).toBeVisible();
    await page.mouse.move(5, 5);
    await expect(card).toBeHidden();
  });

  test('the preview works from the keyboard alone', async ({ page }) => {
    await page.goto('/articles/kv-cache/');
    const link = page.locator('.prose a[href="/articles/speculative-decoding/"]').first();
    await link.focus();
    const card = page.locator('#link-preview');
    await expect(card).toBeVisible();
    await expect(link).toHaveAttribute('aria-describedby', 'link-preview');
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(link).toBeFocused();
    await expect(card).toBeVisible();
    // Moving focus away (here: to the TOC, which has no previews) hides the card.
    await page.locator('.toc a').first().focus();
    await expect(card).toBeHidden();
    await expect(link).not.toHaveAttribute('aria-describedby', 'link-preview');
  });

  test('an equation reference previews the equation it points to', async ({ page }) => {
    await page.goto('/articles/rope/');
    const reference = page.locator('.prose a.eqref').first();
    await reference.scrollIntoViewIfNeeded();
    await reference.hover();
    const card = page.locator('#link-preview');
    await expect(card).toBeVisible();
    await expect(card.locator('.katex')).toBeVisible();
  });

  test('a formula can be copied as TeX', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/articles/rope/');
    const display = page.locator('.prose .math-display').first();
    await display.hover();
    await display.locator('.copy-tex').click();
    const tex = await page.evaluate(() => navigator.clipboard.readText());
    expect(tex).toBe(await display.locator('annotation').textContent());
    expect(tex).toContain('\\langle');
  });

  test('backlinks list exactly the articles that link here', async ({ page }) => {
    for (const slug of ['rope', 'kv-cache']) {
      await page.goto(`/articles/${slug}/`);
      const expected = linksTo(slug)
        .map((article) => article.title)
        .sort();
      expect(expected.length).toBeGreaterThan(1);
      expect((await page.locator('.backlinks li > a').allInnerTexts()).sort()).toEqual(expected);
      await expect(page.locator('.backlinks .excerpt').first()).not.toBeEmpty();
    }
  });

  test('the papers page lists each paper, from references.bib, with the articles that list or cite it', async ({
    page,
  }) => {
    const bibliography = loadBibliography([path.resolve('content/references.bib')]);
    const byPaper = new Map<string, string[]>();
    for (const article of articles) {
      const prose = article.body.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`]*`/g, '');
      const cited = findCitations(prose).flatMap((match) => match.items.map((item) => item.key));
      const ids = new Set(
        [...article.papers, ...cited.filter((key) => bibliography.entries.has(key))].map(
          (id) => paperFor(bibliography, id).id,
        ),
      );
      for (const id of ids) byPaper.set(id, [...(byPaper.get(id) ?? []), article.title]);
    }
    await page.goto('/papers/');
    await expect(page.locator('.paper-card')).toHaveCount(byPaper.size);
    for (const id of ['arXiv:2104.09864', 'arXiv:1706.03762', 'arXiv:2412.19437', 'doi:10.1137/0330046']) {
      const card = page.locator(`#paper-${id.replace(/[^A-Za-z0-9]+/g, '-')}`);
      await expect(card.locator('.paper-title')).toHaveText(paperFor(bibliography, id).title);
      expect((await card.locator('.paper-also a').allInnerTexts()).sort()).toEqual(byPaper.get(id)!.sort());
    }
  });

  test('an article lists its references: the cited ones numbered in order, then the others it names', async ({
    page,
  }) => {
    await page.goto('/articles/rope/');
    const entries = page.locator('.references li.reference');
    await expect(entries.first().locator('.reference-text')).toContainText(
      'RoFormer: Enhanced Transformer with Rotary Position Embedding',
    );
    await expect(entries.first().locator('.reference-number')).toHaveText('[1]');
    await expect(entries.first().locator('.reference-links a', { hasText: 'PDF' })).toHaveAttribute(
      'href',
      'https://arxiv.org/pdf/2104.09864',
    );
    await expect(entries.first().locator('.reference-also a').first()).toBeVisible();
    const inText = page.locator('.prose a.citation');
    await expect(inText.first()).toHaveText('1');
  });

  test('a tag page is a topic page: description, aliases, series and related topics', async ({ page }) => {
    await page.goto('/tags/rope/');
    await expect(page.locator('.term-intro')).toContainText('旋转');
    await expect(page.locator('.term-aliases')).toContainText('RoPE');
    await expect(page.locator('.topic-related a').first()).toBeVisible();
    await page.goto('/tags/linear-attention/');
    await expect(page.locator('.topic-series a')).toContainText(['高效注意力']);
  });

  test('the graph page links every article and tag', async ({ page }) => {
    await page.goto('/graph/');
    await expect(page.locator('svg.graph a.graph-article')).toHaveCount(articles.length);
    expect(await page.locator('svg.graph a.graph-tag').count()).toBeGreaterThan(20);
  });
});
