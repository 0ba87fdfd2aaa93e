/**
 * Search as a reader uses it, in Chromium on the built site: the header dialog (keyboard,
 * listbox, sections, opening a result, keeping the reader's place), the /search/ page (URL
 * state, history, scroll, filters, sort, typo correction, partial matches, section links,
 * no layout shift), excerpts and formulas, highlighting on arrival, and the page without
 * JavaScript.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const titleOf = (slug: string) => articles.find((article) => article.slug === slug)!.title;
const headerBox = (page: Page) => page.locator('#header-search-input');
const dialogBox = (page: Page) => page.locator('#search-dialog-input');
const dialog = (page: Page) => page.locator('#search-dialog');
const pageBox = (page: Page) => page.locator('#search-page-input');
const results = (page: Page) => page.locator('#search-results');

async function searchOnPage(page: Page, query: string) {
  await pageBox(page).fill(query);
  await expect(results(page)).toHaveAttribute('data-query', query);
  await expect(results(page)).toHaveAttribute('aria-busy', 'false');
}

test.describe('header search dialog', () => {
  test('"/" opens it, results appear as you type, arrows choose, Enter opens the article at the match', async ({
    page,
  }) => {
    await page.goto('/archive/');
    await page.keyboard.press('/');
    await expect(dialog(page)).toBeVisible();
    await expect(dialogBox(page)).toBeFocused();
    await page.keyboard.type('旋转位置编码');
    const listbox = page.getByRole('listbox');
    await expect(dialogBox(page)).toHaveAttribute('aria-expanded', 'true');
    const options = listbox.getByRole('option');
    await expect(options.first()).toContainText(titleOf('rope'));
    await expect(options.first().locator('.search-hit-excerpt mark').first()).toBeVisible();
    await expect(options.first().locator('.search-hit-meta time')).toHaveText('2025-02-27');
    await page.keyboard.press('ArrowDown');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await expect(dialogBox(page)).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/articles\/rope\/\?highlight=/);
    const marks = page.locator('.prose mark.search-highlight');
    await expect(marks.first()).toBeVisible();
    await expect(marks.first()).toBeInViewport();
    // Highlighting never reaches inside a formula.
    await expect(page.locator('.katex mark')).toHaveCount(0);
    await expect(page.locator('.katex-html').first()).toBeVisible();
  });

  test('opened in the middle of an article it stays over the page, and Esc returns focus and scroll', async ({
    page,
  }) => {
    await page.goto('articles/flash-attention/');
    const link = page.locator('.prose a[href]').nth(3);
    await link.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    await link.focus({ preventScroll: true } as never);
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(500);
    await page.keyboard.press('Control+k');
    await expect(dialog(page)).toBeVisible();
    await expect(dialogBox(page)).toBeFocused();
    await page.keyboard.type('KV cache');
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(titleOf('kv-cache'));
    // Not a jump to the top: the page under the dialog has not moved.
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    await expect(link).toBeFocused();
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
  });

  test('on a 390 px phone the dialog and its results are inside the viewport', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('articles/rope/');
    await page.evaluate(() => window.scrollTo(0, 3000));
    await page.keyboard.press('/');
    await page.keyboard.type('注意力');
    const first = page.getByRole('listbox').getByRole('option').first();
    await expect(first).toBeVisible();
    for (const box of [await dialog(page).boundingBox(), await first.locator('.search-hit-title').boundingBox()]) {
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('Back from a result reopens the dialog with the query and its results', async ({ page }) => {
    await page.goto('/archive/');
    await headerBox(page).click();
    await expect(dialogBox(page)).toBeFocused();
    await page.keyboard.type('bucket pigeonhole gap');
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options.first()).toContainText(titleOf('maximum-gap'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/articles\/maximum-gap\//);
    await page.goBack();
    await expect(page).toHaveURL(/\/archive\/$/);
    await expect(dialog(page)).toBeVisible();
    await expect(dialogBox(page)).toHaveValue('bucket pigeonhole gap');
    await expect(options.first()).toContainText(titleOf('maximum-gap'));
  });

  test('sections are options of their own: ↓ reaches one, Enter opens the article at that heading', async ({
    page,
  }) => {
    await page.goto('/');
    await page.keyboard.press('/');
    await page.keyboard.type('鸽巢原理');
    const section = page.getByRole('listbox').locator('.search-option-section').first();
    await expect(section).toBeVisible();
    const options = page.getByRole('listbox').getByRole('option');
    const index = await options.evaluateAll((all) =>
      all.findIndex((o) => o.classList.contains('search-option-section')),
    );
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    await expect(section).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/articles\/maximum-gap\/\?highlight=[^#]+#.+/);
    await expect(page.locator('.prose mark.search-highlight').first()).toBeVisible();
  });

  test('Enter with nothing chosen goes to the search page', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('/');
    await page.keyboard.type('KV cache');
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(titleOf('kv-cache'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/search\/\?q=KV\+cache$/);
    await expect(pageBox(page)).toHaveValue('KV cache');
    await expect(results(page).locator('.search-hit-title').first()).toHaveText(titleOf('kv-cache'));
  });

  test('has no accessibility violations with results open', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('/');
    await page.keyboard.type('bucket pigeonhole gap');
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    const scan = await new AxeBuilder({ page }).include('#search-dialog').analyze();
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
    // The first formula or word marked is where the reader lands.
    await expect(page.locator('.prose .search-highlight-math, .prose mark.search-highlight').first()).toBeInViewport();
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
    const links = results(page).locator('.search-hit-title, .search-hit-section');
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(pageBox(page)).toBeFocused();
  });

  test('a query no article has whole shows partial matches, saying which words each lacks', async ({ page }) => {
    await page.goto('/search/');
    await searchOnPage(page, 'draft model rejection sampling 加速');
    const first = results(page).locator('.search-result').first();
    await expect(first.locator('.search-hit-title')).toHaveText(titleOf('speculative-decoding'));
    await expect(page.locator('.search-page-status')).toContainText('其中 1 篇包含全部词');
    const lacking = results(page).locator('.search-hit-missing').first();
    await expect(lacking).toContainText('缺少：');
    await expect(lacking.locator('s').first()).toBeVisible();
    // Keyboard: from the box into a partial result, then to one of its section links.
    const partial = results(page)
      .locator('.search-result', { has: page.locator('.search-hit-missing') })
      .first();
    const links = results(page).locator('.search-hit-title, .search-hit-section');
    const target = partial.locator('.search-hit-section').first();
    const at = await links.evaluateAll(
      (all, wanted) => all.indexOf(wanted as HTMLElement),
      await target.elementHandle(),
    );
    await pageBox(page).press('ArrowDown');
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
    await expect(target).toBeFocused();
    const href = await target.getAttribute('href');
    expect(href).toMatch(/\?highlight=[^#]+#.+/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/articles\//);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#${href!.split('#')[1]}`);
    await expect(page.locator('.prose mark.search-highlight').first()).toBeInViewport();
    // A section link marks that section: every mark lies between its heading and the next one.
    const outside = await page.evaluate(() => {
      const heading = document.getElementById(decodeURIComponent(location.hash.slice(1)))!;
      const next = [...document.querySelectorAll('.prose h2[id], .prose h3[id], .prose h4[id]')].find(
        (other) => heading.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      return [...document.querySelectorAll('.prose mark.search-highlight')].filter(
        (mark) =>
          !(heading.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING) ||
          (next && next.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING),
      ).length;
    });
    expect(outside).toBe(0);
  });

  test('words no article has are named, and the known ones still find articles', async ({ page }) => {
    await page.goto('/search/');
    await searchOnPage(page, 'zebra 注意力 quokka');
    await expect(page.locator('.search-page-status')).toContainText('没有文章包含：zebra、quokka');
    await expect(results(page).locator('.search-result').first().locator('.search-hit-missing s')).toHaveText([
      'zebra',
      'quokka',
    ]);
  });

  test('excerpts come from the text: never the title, never the alias list, formulas whole in a code style', async ({
    page,
  }) => {
    await page.goto('/search/');
    await searchOnPage(page, '线性注意力');
    const excerpt = results(page).locator('.search-result').first().locator('.search-hit-excerpt');
    await expect(excerpt).not.toContainText(titleOf('linear-attention'));
    await expect(excerpt).not.toContainText('kernelized attention');
    await expect(excerpt.locator('mark').first()).toBeVisible();
    await searchOnPage(page, 'QK^T');
    const tex = results(page).locator('.search-hit-excerpt .search-tex');
    await expect(tex.first()).toBeVisible();
    for (const text of await results(page).locator('.search-hit-excerpt').allInnerTexts())
      expect(text).not.toMatch(/[⟪⟫⟦⟧⦃⦄]/);
  });

  test('Back to the search page restores the results and where the reader had scrolled', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`/search/?q=${encodeURIComponent('注意力')}`);
    await expect(results(page)).toHaveAttribute('aria-busy', 'false');
    const link = results(page).locator('.search-hit-title').nth(6);
    await link.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(300);
    // What the reader checks: the result they followed is where it was on the screen.
    const top = (await link.boundingBox())!.y;
    const href = await link.getAttribute('href');
    await link.click();
    await expect(page).toHaveURL(/\/articles\//);
    await page.goBack();
    await expect(results(page)).toHaveAttribute('aria-busy', 'false');
    await expect(pageBox(page)).toHaveValue('注意力');
    const again = results(page).locator('.search-hit-title').nth(6);
    await expect(again).toHaveAttribute('href', href!);
    await expect.poll(async () => Math.round((await again.boundingBox())!.y - top)).toBe(0);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(5);
  });

  test('the search controls keep their size while the index loads on a slow network', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.route(/\/pagefind\//, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.goto(`/search/?q=${encodeURIComponent('注意力')}`, { waitUntil: 'domcontentloaded' });
    const form = page.locator('.search-page-form');
    const first = (await form.boundingBox())!;
    await expect(results(page)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await page.waitForTimeout(500);
    expect((await form.boundingBox())!.height).toBe(first.height);
    // The menus are complete from the start: every category of the library, with its count.
    const categories = new Set(articles.map((article) => article.category));
    await expect(page.locator('#search-category option')).toHaveCount(categories.size + 1);
    await expect(page.locator('#search-category option').nth(1)).toHaveText(/\(\d+\)$/);
  });

  test('nothing shifts while results load (CLS ≤ 0.05)', async ({ page }) => {
    await page.addInitScript(() => {
      const win = window as unknown as { kbShift: number };
      win.kbShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>)
          if (!entry.hadRecentInput) win.kbShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    for (const q of ['注意力', 'bucket pigeonhole gap', 'Perfromer']) {
      await page.goto(`/search/?q=${encodeURIComponent(q)}`);
      await expect(results(page)).toHaveAttribute('aria-busy', 'false');
      await page.waitForTimeout(300);
      const shift = await page.evaluate(() => (window as unknown as { kbShift: number }).kbShift);
      expect(shift, q).toBeLessThanOrEqual(0.05);
    }
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
