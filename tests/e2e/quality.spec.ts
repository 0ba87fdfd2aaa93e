/**
 * Every kind of page works under the strict Content-Security-Policy from public/_headers:
 * no console errors, nothing loaded from another origin, external links that do not leak
 * the opener or the referrer. Runs against the site at / and under /kb/ (see
 * playwright.config.ts); URLs here are relative to the project's base.
 */
import { expect, test, type Page } from '@playwright/test';
import { bundledArticles } from './helpers.ts';

const withExternalLinks = bundledArticles().find((article) => /\]\(https?:\/\//.test(article.body));

const pages = [
  { name: 'home', path: '' },
  { name: 'article with math and code', path: 'articles/rope/' },
  { name: 'article with theorems, citations and notes', path: 'articles/robbins-monro/' },
  { name: 'knowledge graph (zoom, pan, filter)', path: 'graph/' },
  { name: 'tag page', path: 'tags/attention/' },
  { name: 'archive', path: 'archive/' },
  { name: 'categories', path: 'categories/' },
  { name: 'series', path: 'series/' },
  { name: 'second listing page', path: 'page/2/' },
  { name: 'search with results', path: 'search/?q=attention', ready: '#search-results li' },
];

/** Console errors, page errors and requests to other origins while `visit` runs. */
async function watch(page: Page, visit: () => Promise<void>) {
  const problems: string[] = [];
  const origin = new URL(test.info().project.use.baseURL!).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!/^(data|blob):/.test(request.url()) && new URL(request.url()).origin !== origin)
      problems.push(`request to another origin: ${request.url()}`);
  });
  await visit();
  return problems;
}

test.describe('pages under the Content-Security-Policy', () => {
  for (const { name, path, ready } of pages) {
    test(`${name}: policy sent, no console errors, nothing from another origin`, async ({ page }) => {
      const problems = await watch(page, async () => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        const policy = response?.headers()['content-security-policy'] ?? '';
        const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
        expect(scriptSrc).toContain("'self'");
        expect(scriptSrc).not.toContain("'unsafe-inline'");
        expect(scriptSrc).not.toContain("'unsafe-eval'");
        // The <meta> fallback repeats the policy for hosts that ignore _headers.
        await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
          'content',
          /script-src 'self'/,
        );
        if (ready) await expect(page.locator(ready).first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        // The theme toggle is the script every page runs: it must have run.
        await expect(page.locator('.theme-toggle')).toBeVisible();
      });
      expect(problems).toEqual([]);
    });
  }

  test('the theme toggle switches and remembers the theme under the policy', async ({ page }) => {
    const problems = await watch(page, async () => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto('articles/rope/');
      await page.locator('.theme-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await page.reload();
      // Set again before first paint by the inline boot script, allowed by its hash.
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    });
    expect(problems).toEqual([]);
  });
});

test('external links in articles open without the opener or the referrer', async ({ page }) => {
  // The library cites papers by URL, so some article always links to another site.
  expect(withExternalLinks, 'a bundled article with an external link').toBeDefined();
  await page.goto(`articles/${withExternalLinks!.slug}/`);
  const links = page.locator('.prose a[href^="http"]');
  expect(await links.count()).toBeGreaterThan(0);
  for (const rel of await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('rel') ?? ''))) {
    expect(rel.split(/\s+/)).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
  }
});

test('every id the page around an article uses is reserved, so an article cannot take it', async ({ page }) => {
  // src/lib/page-ids.ts is what the sanitizer renames in articles; an id the layouts add
  // without listing it there could be clobbered by an article's <a id=…>.
  const { isPageId } = await import('../../src/lib/page-ids.ts');
  const unlisted = new Set<string>();
  for (const path of [...pages.map((each) => each.path), 'papers/', 'graph/', 'no-such-page/']) {
    await page.goto(path);
    // Pages that load results or open panels add ids; let them.
    await page.waitForLoadState('networkidle');
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll('[id]')]
        .filter((element) => !element.closest('.prose'))
        .map((element) => element.id),
    );
    for (const id of ids) if (!isPageId(id)) unlisted.add(`${id} (on /${path})`);
  }
  expect([...unlisted]).toEqual([]);
});
