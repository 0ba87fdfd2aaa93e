import { expect, test } from '@playwright/test';
import path from 'node:path';
import { loadBibliography } from '../../src/lib/bibliography.ts';
import { paperFor, type Paper } from '../../src/lib/papers.ts';
import { bundledArticles, newestFirst } from './helpers.ts';

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
    const newest = [...articles].sort(newestFirst)[0]!;
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
      june.sort(newestFirst).map((article) => article.title),
    );
  });

  test('the archive shows the titles under each month, newest first, one click from each article', async ({ page }) => {
    await page.goto('/archive/');
    const months = [...new Set(articles.map((article) => article.date.slice(0, 7)))].sort().reverse();
    const sections = page.locator('.archive-months > li');
    await expect(sections).toHaveCount(months.length);
    for (const [index, month] of months.entries()) {
      const section = sections.nth(index);
      const [year, number] = month.split('-');
      await expect(section.locator('.archive-month a')).toHaveAttribute('href', `/archive/${year}/${number}/`);
      const expected = articles
        .filter((article) => article.date.startsWith(month))
        .sort(newestFirst)
        .map((article) => article.title);
      await expect(section.locator('.archive-list a')).toHaveText(expected);
    }
    await sections.first().locator('.archive-list a').first().click();
    await expect(page.locator('.article-header h1')).toBeVisible();
  });

  test('the year archive lists the titles under each month too', async ({ page }) => {
    await page.goto('/archive/2025/');
    const june = articles.filter((article) => article.date.startsWith('2025-06'));
    await expect(
      page.locator('section', { has: page.locator('h2', { hasText: '6 月' }) }).locator('.archive-list a'),
    ).toHaveCount(june.length);
  });

  test('listings render excerpt math instead of showing TeX', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.excerpt')).not.toContainText(['\\frac', '$']);
  });

  test('an unknown URL answers with the 404 page: the site search box and the latest articles', async ({ page }) => {
    const response = await page.goto('/articles/no-such-article/');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('页面不存在');
    const latest = [...articles].sort(newestFirst).slice(0, 5);
    await expect(page.locator('.not-found .archive-list a')).toHaveText(latest.map((article) => article.title));
    const box = page.locator('.not-found input[type="search"][name="q"]');
    // The same field as the header's and the search page's (src/components/SearchInput.astro).
    await expect(box).toHaveAttribute(
      'placeholder',
      (await page.locator('#header-search-input').getAttribute('placeholder'))!,
    );
    await expect(page.locator('label[for="notfound-search"]')).toHaveText('搜索');
    // Styled as the site's controls, not the browser's: field and button share one row on a
    // phone, the field taking what the button leaves, the button in the page's type and colours.
    await page.setViewportSize({ width: 390, height: 844 });
    const button = page.locator('.not-found form button[type="submit"]');
    const [field, submit, form] = await Promise.all(
      [box, button, page.locator('.not-found form')].map((element) => element.boundingBox()),
    );
    expect(Math.abs(field!.y + field!.height / 2 - (submit!.y + submit!.height / 2))).toBeLessThan(2);
    expect(field!.x).toBeCloseTo(form!.x, 0);
    expect(submit!.x + submit!.width).toBeCloseTo(form!.x + form!.width, 0);
    const look = await button.evaluate((element) => {
      const style = getComputedStyle(element);
      const body = getComputedStyle(document.body);
      return {
        sameFont: style.fontFamily === body.fontFamily,
        sameText: style.color === body.color,
        rounded: parseFloat(style.borderTopLeftRadius) > 0,
      };
    });
    expect(look).toEqual({ sameFont: true, sameText: true, rounded: true });
    await box.fill('RoPE');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/search\/\?q=RoPE$/);
  });

  test('RSS, sitemap and robots.txt are served', async ({ request }) => {
    const rss = await (await request.get('/rss.xml')).text();
    // The newest 20 (tests/e2e/publish-feeds.spec.ts checks every feed in full).
    const newest = [...articles].sort(newestFirst)[0]!;
    expect(rss).toContain(`<title>${newest.title}</title>`);
    expect(rss.match(/<item>/g)).toHaveLength(Math.min(20, articles.length));
    expect((await request.get('/categories/llm/rss.xml')).ok()).toBe(true);
    expect(await (await request.get('/sitemap-index.xml')).text()).toContain('sitemap-0.xml');
    expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap:');
  });
});

test.describe('papers', () => {
  // A paper is discussed by an article that lists it under `papers:` or cites it (@key).
  const bibliography = loadBibliography([path.resolve('content/references.bib')]);
  const keys = [...bibliography.entries.keys()];
  const papers = new Map<string, Paper>();
  const discussed = new Map<string, string[]>();
  for (const article of articles) {
    const cited = keys.filter((key) =>
      new RegExp(`@${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(article.body),
    );
    for (const named of new Set([...article.papers, ...cited])) {
      const paper = paperFor(bibliography, named);
      papers.set(paper.id, paper);
      discussed.set(paper.id, [...(discussed.get(paper.id) ?? []), ...article.tags]);
    }
  }
  const venueOf = (id: string) => papers.get(id)?.venue?.replace(/\s+(?:19|20)\d{2}$/, '');
  const visibleIds = (page: import('@playwright/test').Page) =>
    page.locator('.paper-card:visible').evaluateAll((cards) => cards.map((card) => card.id).sort());
  const cardId = (id: string) => `paper-${id.replace(/[^A-Za-z0-9]+/g, '-')}`;

  test('grouped by year, newest first', async ({ page }) => {
    await page.goto('/papers/');
    const years = await page
      .locator('.paper-group h2')
      .evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent?.trim() ?? ''));
    const numeric = years.filter((year) => /^\d{4}$/.test(year)).map(Number);
    expect(numeric).toEqual([...numeric].sort((a, b) => b - a));
    expect(numeric.length).toBeGreaterThan(5);
  });

  test('filter by venue, year and tag; group by venue; the URL keeps the choice', async ({ page }) => {
    await page.goto('/papers/');
    await page.locator('.paper-filters select[name="venue"]').selectOption('ICLR');
    const iclr = [...discussed.keys()]
      .filter((id) => venueOf(id) === 'ICLR')
      .map(cardId)
      .sort();
    expect(iclr.length).toBeGreaterThan(3);
    expect(await visibleIds(page)).toEqual(iclr);
    await expect(page).toHaveURL(/\?venue=ICLR$/);
    await expect(page.locator('.paper-count')).toHaveText(`显示 ${iclr.length} / ${discussed.size} 篇论文`);

    await page.reload();
    expect(await visibleIds(page)).toEqual(iclr);

    await page.locator('.paper-filters select[name="venue"]').selectOption('');
    await page.locator('.paper-filters select[name="tag"]').selectOption('rope');
    const rope = [...discussed]
      .filter(([, tags]) => tags.includes('rope'))
      .map(([id]) => cardId(id))
      .sort();
    expect(await visibleIds(page)).toEqual(rope);

    await page.locator('.paper-filters select[name="tag"]').selectOption('');
    await page.locator('.paper-filters select[name="year"]').selectOption('2023');
    const of2023 = [...discussed.keys()]
      .filter((id) => papers.get(id)?.year === 2023)
      .map(cardId)
      .sort();
    expect(await visibleIds(page)).toEqual(of2023);

    await page.locator('.paper-filters select[name="year"]').selectOption('');
    await page.locator('.paper-filters select[name="group"]').selectOption('venue');
    await expect(page).toHaveURL(/\?group=venue$/);
    const headings = await page
      .locator('.paper-group:visible h2')
      .evaluateAll((nodes) => nodes.map((node) => node.firstChild?.textContent?.trim() ?? ''));
    const counts = new Map<string, number>();
    for (const id of discussed.keys()) counts.set(venueOf(id) ?? '', (counts.get(venueOf(id) ?? '') ?? 0) + 1);
    const most = Math.max(...[...counts].filter(([venue]) => venue).map(([, count]) => count));
    expect(counts.get(headings[0]!)).toBe(most);
    expect(headings).toContain('ICLR');
    expect(
      await page
        .locator('.paper-group')
        .evaluateAll((groups) =>
          [
            ...(groups
              .find((group) => group.querySelector('h2')?.firstChild?.textContent?.trim() === 'ICLR')
              ?.querySelectorAll('.paper-card') ?? []),
          ]
            .map((card) => card.id)
            .sort(),
        ),
    ).toEqual(iclr);

    await page.locator('.paper-filters button[type="reset"]').click();
    await expect(page).toHaveURL(/\/papers\/$/);
    await expect(page.locator('.paper-card:visible')).toHaveCount(discussed.size);
  });

  test('without JavaScript every paper is listed, grouped by year, and no filter pretends to work', async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/papers/');
    await expect(page.locator('.paper-card')).toHaveCount(discussed.size);
    await expect(page.locator('.paper-filters')).toBeHidden();
    await context.close();
  });
});

test.describe('theme', () => {
  test('the toggle cycles light, dark and following the system, and says which is on', async ({ page }) => {
    for (const system of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: system });
      await page.goto('/');
      await page.evaluate(() => localStorage.removeItem('kb-theme'));
      await page.reload();
      const toggle = page.locator('.theme-toggle');
      const other = system === 'light' ? 'dark' : 'light';
      const names = { light: '浅色', dark: '深色', system: '跟随系统' };
      await expect(toggle).toHaveAttribute('aria-label', `主题：${names.system}（点击切换为${names[other]}）`);
      await toggle.click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', other);
      await toggle.click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', system);
      expect(await page.evaluate(() => localStorage.getItem('kb-theme'))).toBe(system);
      await expect(toggle).toHaveAttribute('aria-label', `主题：${names[system]}（点击切换为${names.system}）`);
      await toggle.click();
      await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
      expect(await page.evaluate(() => localStorage.getItem('kb-theme'))).toBeNull();
      // Following the system again: a change of the system's theme shows at once.
      await page.emulateMedia({ colorScheme: other });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        other === 'dark' ? 'rgb(21, 24, 29)' : 'rgb(255, 255, 255)',
      );
      await page.reload();
      await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
    }
  });

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
