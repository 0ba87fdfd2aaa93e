import { expect, test } from '@playwright/test';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const withBackslashMath = articles.find((article) => /\\\(.+?\\\)/.test(article.body))!;

test.describe('reading an article', () => {
  test('math is rendered by KaTeX on the server, with no errors and no math JavaScript', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await page.goto('/articles/rope/');
    await expect(page.locator('h1')).toHaveText('RoPE：用绝对位置实现相对位置');
    expect(await page.locator('.prose .katex').count()).toBeGreaterThan(20);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    await expect(page.locator('.math-display').first()).toBeVisible();
    expect(scripts.filter((url) => /katex|mathjax/i.test(url))).toEqual([]);
  });

  test('\\(…\\) math is rendered, not shown as TeX source', async ({ page }) => {
    await page.goto(`/articles/${withBackslashMath.slug}/`);
    const prose = await page.locator('.prose').evaluate((element) => {
      const clone = element.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('.katex, pre').forEach((node) => node.remove());
      return clone.textContent ?? '';
    });
    expect(prose).not.toContain('\\(');
    expect(prose).not.toContain('\\)');
    await expect(page.locator('.katex-error')).toHaveCount(0);
  });

  test('code is highlighted, labelled, and the copy button copies it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/articles/rope/');
    const block = page.locator('.code-block[data-language="python"]').first();
    await expect(block.locator('.code-lang')).toHaveText('python');
    expect(await block.locator('pre span[style*="--astro-code-token"]').count()).toBeGreaterThan(5);
    // Token colors differ from plain text: the highlighting is visible.
    const colors = await block
      .locator('pre span[style*="--astro-code-token"]')
      .evaluateAll((spans) => new Set(spans.map((span) => getComputedStyle(span).color)).size);
    expect(colors).toBeGreaterThan(2);
    await block.locator('button.copy-code').click();
    await expect(block.locator('button.copy-code')).toHaveText('已复制');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const shown = await block.locator('pre code').innerText();
    expect(copied.trim()).toBe(shown.trim());
    expect(copied).toContain('import numpy');
  });

  test('the table of contents jumps to its headings and marks the current one', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto('/articles/flash-attention/');
    const links = page.locator('.toc a');
    expect(await links.count()).toBeGreaterThan(3);
    const third = links.nth(3);
    const hash = decodeURIComponent((await third.getAttribute('href'))!.slice(1));
    await third.click();
    await expect(page).toHaveURL(new RegExp(`#${encodeURIComponent(hash).replace(/[%]/g, '%')}$|#${hash}$`));
    const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, hash);
    // Near the top, below the room kept for the sticky header when it comes back.
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(120);
    await expect(page.locator('.toc a[aria-current="true"]')).toHaveCount(1);
  });

  test('an equation reference jumps to the numbered equation', async ({ page }) => {
    await page.goto('/articles/rope/');
    const reference = page.locator('.prose a.eqref').first();
    const target = (await reference.getAttribute('href'))!;
    await reference.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    const equation = page.locator(target);
    await expect(equation).toBeInViewport();
    await expect(equation.locator('.katex-tag')).toContainText((await reference.innerText()).replace(/[()]/g, ''));
  });

  test('series box lists the parts in order and marks this one', async ({ page }) => {
    await page.goto('/articles/performer/');
    const items = page.locator('.series-box li');
    await expect(items).toHaveCount(4);
    await expect(items.nth(1).locator('[aria-current="page"]')).toHaveText('Performer 与随机特征');
    await expect(items.nth(0)).toContainText('线性注意力');
  });

  test('a phone-sized screen has no horizontal scroll', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const slug of ['rope', 'deepseek-v3', 'flash-attention', 'poisson-processes']) {
      await page.goto(`/articles/${slug}/`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, slug).toBeLessThanOrEqual(0);
    }
  });

  test('reading works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/articles/kv-cache/');
    await expect(page.locator('.prose .katex').first()).toBeVisible();
    await expect(page.locator('.toc'))
      .toBeVisible({ visible: false })
      .catch(() => {});
    await expect(page.locator('button.copy-code')).toHaveCount(0);
    await context.close();
  });

  test('footnotes, tables and the BibTeX block are there', async ({ page }) => {
    await page.goto('/articles/position-encoding-overview/');
    await expect(page.locator('.prose table').first()).toBeVisible();
    await expect(page.locator('section.footnotes, .footnotes').first()).toBeAttached();
    await expect(page.locator('.cite-block pre')).toContainText('@online{kb-position-encoding-overview-2025,');
  });

  test('comments are off unless the build turns them on: no section, no giscus.app, no comments code', async ({
    page,
  }) => {
    const scripts: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(await response.text());
    });
    const response = await page.goto('/articles/rope/');
    await page.waitForLoadState('networkidle');
    await page.locator('.article-after').scrollIntoViewIfNeeded();
    await expect(page.locator('section.comments, iframe')).toHaveCount(0);
    expect(response?.headers()['content-security-policy']).not.toContain('giscus');
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).not.toContain(
      'giscus',
    );
    // The page's own scripts ran (copy TeX set up its formulas), but none carries the widget's code.
    await expect(page.locator('#math-keys')).toBeAttached();
    expect(scripts.length).toBeGreaterThan(0);
    // Its session key and its resize message are what src/client/comments.ts alone contains.
    expect(scripts.filter((body) => /giscus-session|resizeHeight/.test(body))).toEqual([]);
  });
});
