/**
 * Linked translations on the bundled library: the Poisson process article and its Chinese
 * version (one translationKey) link each other in their own language and both carry
 * hreflang alternates for both; the home page filters the listing by language; the
 * search page filters results by language. At / and under /kb/.
 */
import { expect, test } from '@playwright/test';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const pair = articles.filter((article) => article.translationKey === 'poisson-processes');
const zh = pair.find((article) => article.lang === 'zh')!;
const en = pair.find((article) => article.lang === 'en')!;
const english = articles.filter((article) => article.lang === 'en');
const chinese = articles.filter((article) => article.lang === 'zh');

test('the two versions switch to each other, each link in its own language', async ({ page }) => {
  expect(pair).toHaveLength(2);
  await page.goto(`articles/${zh.slug}/`);
  const toEnglish = page.getByRole('link', { name: 'Read in English' });
  await expect(toEnglish).toHaveAttribute('hreflang', 'en');
  await expect(toEnglish).toHaveAttribute('lang', 'en');
  await toEnglish.click();
  await expect(page).toHaveURL(new RegExp(`articles/${en.slug}/$`));
  await expect(page.locator('h1')).toHaveText(en.title);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const toChinese = page.getByRole('link', { name: '阅读中文版' });
  await expect(toChinese).toHaveAttribute('lang', 'zh-CN');
  await toChinese.click();
  await expect(page.locator('h1')).toHaveText(zh.title);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('both versions carry hreflang alternates for both, absolute; other articles none', async ({ page }) => {
  const root = await page.goto('').then(() => page.locator('link[rel="canonical"]').getAttribute('href'));
  for (const article of pair) {
    await page.goto(`articles/${article.slug}/`);
    const alternates = await page
      .locator('link[rel="alternate"][hreflang]')
      .evaluateAll((links) => links.map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')]));
    expect(alternates.sort()).toEqual(
      [
        ['en', `${root}articles/${en.slug}/`],
        ['zh-CN', `${root}articles/${zh.slug}/`],
      ].sort(),
    );
  }
  await page.goto('articles/rope/');
  await expect(page.locator('link[rel="alternate"][hreflang]')).toHaveCount(0);
  await expect(page.locator('.language-switch')).toHaveCount(0);
});

test('the home page filters the listing by language', async ({ page }) => {
  await page.goto('');
  const filter = page.getByRole('navigation', { name: '语言' });
  await expect(filter.getByRole('link', { name: '全部语言' })).toHaveAttribute('aria-current', 'page');
  await filter.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/lang\/en\/$/);
  await expect(page.getByRole('navigation', { name: '语言' }).getByRole('link', { name: 'English' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const shown = await page.locator('.article-card-title a').allInnerTexts();
  expect(shown.sort()).toEqual(english.map((article) => article.title).sort());
  await expect(page.locator('.article-card')).toHaveAttribute('lang', 'en');

  await page.getByRole('navigation', { name: '语言' }).getByRole('link', { name: '中文' }).click();
  await expect(page).toHaveURL(/lang\/zh\/$/);
  const first = await page.locator('.article-card-title a').allInnerTexts();
  expect(first.length).toBe(Math.min(20, chinese.length));
  for (const title of first) expect(chinese.map((article) => article.title)).toContain(title);
});

test('the search page filters results by language', async ({ page }) => {
  await page.goto('search/?q=' + encodeURIComponent('Poisson'));
  const results = page.locator('#search-results');
  // The first search loads Pagefind and compiles its WebAssembly: slow on a busy machine.
  await expect(results).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await expect(results.locator('.search-hit-title')).toContainText([en.title]);
  const language = page.getByLabel('语言', { exact: true });
  await expect(language).toBeVisible();
  await expect(language.locator('option', { hasText: 'English' })).toHaveCount(1);
  await language.selectOption('English');
  await expect(page).toHaveURL(/lang=English/);
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await expect(results.locator('.search-hit-title')).toHaveText(
    english.filter((article) => /poisson/i.test(article.title + article.body)).map((article) => article.title),
  );
  await language.selectOption('中文');
  await expect(page).toHaveURL(/lang=%E4%B8%AD%E6%96%87/);
  await expect(results).toHaveAttribute('aria-busy', 'false');
  const titles = await results.locator('.search-hit-title').allInnerTexts();
  expect(titles).toContain(zh.title);
  for (const title of titles) expect(chinese.map((article) => article.title)).toContain(title);
});
