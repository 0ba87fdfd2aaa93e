/**
 * Search as a reader uses it, in Chromium on the built site: the header box (keyboard,
 * listbox, opening a result), the /search/ page (URL state, history, filters, sort,
 * typo correction), formulas, highlighting on arrival, and the page without JavaScript.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const titleOf = (slug: string) => articles.find((article) => article.slug === slug)!.title;
const headerBox = (page: Page) => page.locator('#header-search-input');
const pageBox = (page: Page) => page.locator('#search-page-input');
const results = (page: Page) => page.locator('#search-results');

async function searchOnPage(page: Page, query: string) {
  await pageBox(page).fill(query);
  await expect(results(page)).toHaveAttribute('data-query', query);
  await expect(results(page)).toHaveAttribute('aria-busy', 'false');
}

test.describe('header search box', () => {
  test('"/" opens it, results appear as you type, arrows choose, Enter opens the article at the match', async ({
    page,
  }) => {
    await page.goto('/archive/');
    await page.keyboard.press('/');
    await expect(headerBox(page)).toBeFocused();
    await page.keyboard.type('旋转位置编码');
    const listbox = page.getByRole('listbox');
    await expect(headerBox(page)).toHaveAttribute('aria-expanded', 'true');
    const options = listbox.getByRole('option');
    await expect(options.first()).toContainText(titleOf('rope'));
    await expect(options.first().locator('.search-hit-excerpt mark').first()).toBeVisible();
    await expect(options.first().locator('.search-hit-meta time')).toHaveText('2025-02-27');
    await page.keyboard.press('ArrowDown');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await expect(headerBox(page)).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/articles\/rope\/\?highlight=/);
    const marks = page.locator('.prose mark.search-highlight');
    await expect(marks.first()).toBeVisible();
    await expect(marks.first()).toBeInViewport();
    // Highlighting never reaches inside a formula.
    await expect(page.locator('.katex mark')).toHaveCount(0);
    await expect(page.locator('.katex-html').first()).toBeVisible();
  });

  test('Ctrl-K focuses it, Esc closes the results and then leaves the box, Enter goes to the search page', async ({
    page,
  }) => {
    await page.goto('/');
    await page.keyboard.press('Control+k');
    await expect(headerBox(page)).toBeFocused();
    await page.keyboard.type('KV cache');
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(titleOf('kv-cache'));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toBeHidden();
    await expect(headerBox(page)).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Escape');
    await expect(headerBox(page)).not.toBeFocused();
    await headerBox(page).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/search\/\?q=KV\+cache$/);
    await expect(pageBox(page)).toHaveValue('KV cache');
    await expect(results(page).locator('.search-hit-title').first()).toHaveText(titleOf('kv-cache'));
  });

  test('has no accessibility violations with results open', async ({ page }) => {
    await page.goto('/');
    await headerBox(page).fill('注意力');
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    const scan = await new AxeBuilder({ page }).include('.header-search').analyze();
    expect(scan.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});

test.describe('search page', () => {
  test('a subtitle from the frontmatter is shown with the result and on the article', async ({ page }) => {
    const withSubtitle = articles.find((article) => article.subtitle)!;
    await page.goto(`/search/?q=${encodeURIComponent(withSubtitle.title)}`);
    const first = results(page).locator('li').first();
    await expect(first.locator('.search-hit-title')).toHaveText(withSubtitle.title);
    await expect(first.locator('.search-hit-subtitle')).toHaveText(withSubtitle.subtitle!);
    await first.locator('.search-hit-title').click();
    await expect(page.locator('.article-header .article-subtitle')).toHaveText(withSubtitle.subtitle!);
  });

  test('the URL holds the query: shareable, and Back returns to the previous search', async ({ page }) => {
    await page.goto(`/search/?q=${encodeURIComponent('投机解码')}`);
    await expect(pageBox(page)).toHaveValue('投机解码');
    await expect(results(page).locator('.search-hit-title').first()).toHaveText(titleOf('speculative-decoding'));
    await expect(page.getByRole('status').last()).toContainText('篇文章');
    await searchOnPage(page, 'Mamba');
    await expect(page).toHaveURL(/\?q=Mamba$/);
    await expect(results(page).locator('.search-hit-title').first()).toHaveText(titleOf('s4-to-mamba'));
    await page.goBack();
    await expect(page).toHaveURL(/\?q=%E6%8A%95/);
    await expect(pageBox(page)).toHaveValue('投机解码');
    await expect(results(page).locator('.search-hit-title').first()).toHaveText(titleOf('speculative-decoding'));
  });

  test('filters by category and tag, and sorts by date', async ({ page }) => {
    await page.goto('/search/?q=' + encodeURIComponent('注意力'));
    await expect(results(page)).toHaveAttribute('aria-busy', 'false');
    const category = page.getByLabel('分类', { exact: true });
    await expect(category.locator('option', { hasText: '推理加速' })).toHaveCount(1);
    await category.selectOption('推理加速');
    await expect(page).toHaveURL(/category=/);
    await expect(results(page)).toHaveAttribute('aria-busy', 'false');
    const inference = articles.filter((article) => article.category === 'inference').map((article) => article.title);
    const shown = await results(page).locator('.search-hit-title').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    for (const title of shown) expect(inference).toContain(title);
    await expect(results(page).locator('.search-hit-category').first()).toHaveText('推理加速');

    await category.selectOption('');
    await page.getByLabel('标签', { exact: true }).selectOption('旋转位置编码');
    await expect(results(page).locator('.search-hit-title')).toHaveText(
      articles.filter((article) => article.tags.includes('rope')).map((article) => article.title),
    );

    await page.getByLabel('标签', { exact: true }).selectOption('');
    await page.getByLabel('排序').selectOption('date');
    await expect(page).toHaveURL(/sort=date/);
    await expect(results(page)).toHaveAttribute('aria-busy', 'false');
    const dates = await results(page).locator('.search-hit-meta time').allInnerTexts();
    expect(dates.length).toBeGreaterThan(3);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  test('formulas are found by their TeX, excerpts show TeX rather than KaTeX glyphs, and the article outlines the formula', async ({
    page,
  }) => {
    await page.goto('/search/');
    await searchOnPage(page, '\\sqrt{d}');
    const first = results(page).locator('.search-result').first();
    await expect(first.locator('.search-hit-title')).toHaveText(titleOf('attention-scaling'));
    const excerpts = await results(page).locator('.search-hit-excerpt').allInnerTexts();
    // KaTeX's MathML and HTML would show as ⊤, ⁡ or zero-width runs; the index holds only TeX.
    for (const excerpt of excerpts) expect(excerpt).not.toMatch(/[⊤⁡​]/);
    await first.locator('.search-hit-title').click();
    await expect(page).toHaveURL(/\/articles\/attention-scaling\//);
    await expect(page.locator('.prose .search-highlight-math').first()).toBeVisible();
  });

  test('a one-letter typo is corrected, with a way back to the words as typed', async ({ page }) => {
    await page.goto('/search/');
    await searchOnPage(page, 'Perfromer');
    await expect(page.locator('.search-correction')).toContainText('已显示「performer」的结果');
    await expect(results(page).locator('.search-hit-title').first()).toHaveText(titleOf('performer'));
    await page.locator('.search-correction a').click();
    await expect(page).toHaveURL(/exact=1/);
    await expect(results(page)).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator('.search-correction')).toBeHidden();
  });

  test('keyboard only: ↓ moves from the box into the results and between them', async ({ page }) => {
    await page.goto('/search/');
    await searchOnPage(page, '注意力');
    await pageBox(page).press('ArrowDown');
    const links = results(page).locator('.search-hit-title');
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(pageBox(page)).toBeFocused();
  });

  test('taxonomy aliases never show in excerpts, and pages other than articles are not results', async ({ page }) => {
    await page.goto('/search/');
    await searchOnPage(page, 'RoFormer');
    await expect(results(page).locator('.search-hit-title').first()).toHaveText(titleOf('rope'));
    const texts = await results(page).locator('.search-hit-excerpt').allInnerTexts();
    for (const text of texts) expect(text).not.toMatch(/[⟦⟧]|Rotary Position Embedding RoFormer/);
    await searchOnPage(page, '归档');
    const hrefs = await results(page)
      .locator('.search-hit-title')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
    for (const href of hrefs) expect(href).toMatch(/^\/articles\//);
  });

  test('has no accessibility violations', async ({ page }) => {
    await page.goto('/search/?q=RoPE');
    await expect(results(page)).toHaveAttribute('aria-busy', 'false');
    const scan = await new AxeBuilder({ page }).include('main').analyze();
    expect(scan.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the search page says so and links to the tags and the archive', async ({ page }) => {
    await page.goto('/search/?q=RoPE');
    const note = page.locator('.search-noscript');
    await expect(note).toContainText('搜索需要 JavaScript');
    await expect(note.getByRole('link', { name: '全部标签' })).toHaveAttribute('href', '/tags/');
    await expect(note.getByRole('link', { name: '归档' })).toHaveAttribute('href', '/archive/');
  });
});
