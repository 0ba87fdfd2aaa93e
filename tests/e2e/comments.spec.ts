/**
 * Giscus comments, on the fixture site built with KB_COMMENTS=giscus (scripts/e2e.ts): the
 * markup, the Content-Security-Policy (giscus.app may be framed by article pages and no
 * other page), the widget loaded only when the reader scrolls to it, and the widget
 * following the site theme. No network: requests to giscus.app get a stand-in page that
 * answers the way the widget does (it reports its height, here a height per theme).
 */
import { expect, test, type Page } from '@playwright/test';

const GISCUS = 'https://giscus.app';
const policyOf = (header: string | null | undefined) =>
  Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  ) as Record<string, string[]>;

/** Stands in for the widget: reports a height, 321 px in light and 654 px once told "dark". */
async function fakeGiscus(page: Page): Promise<string[]> {
  const requested: string[] = [];
  await page.route(`${GISCUS}/**`, (route) => {
    requested.push(route.request().url());
    const theme = new URL(route.request().url()).searchParams.get('theme');
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>giscus</title><script>
        const send = (theme) => parent.postMessage({ giscus: { resizeHeight: theme === 'dark' ? 654 : 321 } }, '*');
        send(${JSON.stringify(theme)});
        addEventListener('message', (event) => send(event.data.giscus.setConfig.theme));
      </script>`,
    });
  });
  return requested;
}

test.describe('comments', () => {
  test('article pages carry the comments section; other pages do not', async ({ page }) => {
    await page.goto('/articles/long-read/');
    const section = page.locator('section.comments');
    await expect(section.locator('h2')).toHaveText('评论');
    const config = JSON.parse((await section.locator('[data-giscus]').getAttribute('data-giscus'))!);
    expect(config).toMatchObject({
      origin: GISCUS,
      repo: 'ml-kb/comments',
      repoId: 'R_test',
      category: 'Comments',
      categoryId: 'DIC_test',
      mapping: 'pathname',
      lang: 'zh-CN',
    });
    await page.goto('/');
    await expect(page.locator('section.comments')).toHaveCount(0);
  });

  test('only article pages may frame giscus.app, in the header and in the meta policy', async ({ page }) => {
    const article = await page.goto('/articles/long-read/');
    const articlePolicy = policyOf(article?.headers()['content-security-policy']);
    expect(articlePolicy['frame-src']).toEqual(expect.arrayContaining(["'self'", GISCUS]));
    expect(articlePolicy['script-src']).not.toContain(GISCUS);
    expect(
      policyOf(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'))['frame-src'],
    ).toContain(GISCUS);
    for (const path of ['/', '/tags/', '/archive/', '/search/', '/papers/']) {
      const response = await page.goto(path);
      const header = response?.headers()['content-security-policy'] ?? '';
      expect(header, path).toContain("default-src 'self'");
      expect(header, path).not.toContain(GISCUS);
      expect(
        await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
        path,
      ).not.toContain(GISCUS);
    }
  });

  test('the widget loads only when the reader scrolls to it, and follows the theme', async ({ page }) => {
    const requested = await fakeGiscus(page);
    const problems: string[] = [];
    page.on('console', (message) => /Content.Security.Policy/i.test(message.text()) && problems.push(message.text()));
    await page.setViewportSize({ width: 390, height: 500 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/articles/long-read/');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('iframe.giscus-frame')).toHaveCount(0);
    expect(requested).toEqual([]);

    await page.locator('section.comments').scrollIntoViewIfNeeded();
    const frame = page.locator('iframe.giscus-frame');
    await expect(frame).toHaveCount(1);
    const src = new URL((await frame.getAttribute('src'))!);
    expect(src.origin + src.pathname).toBe(`${GISCUS}/zh-CN/widget`);
    expect(Object.fromEntries(src.searchParams)).toMatchObject({
      repo: 'ml-kb/comments',
      repoId: 'R_test',
      category: 'Comments',
      categoryId: 'DIC_test',
      term: 'articles/long-read/',
      theme: 'light',
    });
    await expect(frame).toHaveAttribute('title', '评论');
    // The widget reports its height; the frame takes it.
    await expect.poll(() => frame.evaluate((element) => element.getBoundingClientRect().height)).toBe(321);
    // Dark theme chosen with the toggle: the widget is told, and answers in kind.
    await page.locator('.theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => frame.evaluate((element) => element.getBoundingClientRect().height)).toBe(654);
    expect(requested).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
