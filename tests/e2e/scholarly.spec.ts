/**
 * The scholarly apparatus as a reader meets it: previews of citations, theorems, figures,
 * tables, footnotes and other articles' equations, with the mouse and with the keyboard;
 * sidenotes beside the text on a wide screen and end notes with back links on a phone;
 * callouts that fold without JavaScript; the knowledge graph and the local graph with no
 * two labels overlapping, with zoom, pan and a tag filter. Runs at / and under /kb/, under
 * the site's Content-Security-Policy (no console errors), and with axe in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { boxesOverlap, labelBoxes } from './graph-helpers.ts';

/** Fails the test on console errors or CSP reports while it runs. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

const card = (page: Page) => page.locator('#link-preview');

async function hoverShows(page: Page, link: Locator, expected: RegExp | string, inside?: string) {
  await link.scrollIntoViewIfNeeded();
  await link.hover();
  await expect(card(page)).toBeVisible();
  await expect(card(page)).toContainText(expected);
  if (inside) await expect(card(page).locator(inside).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();
}

/** Keyboard: Tab until `link` has focus (it must be reachable), then the card shows it. */
async function focusShows(page: Page, link: Locator, expected: RegExp | string) {
  await link.scrollIntoViewIfNeeded();
  await link.focus();
  await expect(link).toBeFocused();
  await expect(card(page)).toBeVisible();
  await expect(card(page)).toContainText(expected);
  await expect(link).toHaveAttribute('aria-describedby', 'link-preview');
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();
}

test.describe('previews of numbered things, citations and notes', () => {
  test('a citation shows its full reference, by mouse and by keyboard', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('articles/robbins-monro/');
    const citation = page.locator('.prose a.citation[href="#ref-robbins1951stochastic"]').first();
    await expect(citation).toHaveText('1');
    await hoverShows(page, citation, 'Robbins H, Monro S. A Stochastic Approximation Method');
    await focusShows(page, citation, 'The Annals of Mathematical Statistics');
    // The link itself leads to the entry, which links back to the citation.
    await citation.click();
    await expect(page.locator('#ref-robbins1951stochastic')).toBeInViewport();
    await expect(page.locator('#ref-robbins1951stochastic .reference-links a').first()).toHaveText(
      'DOI 10.1214/aoms/1177729586',
    );
    await page.locator('#ref-robbins1951stochastic .reference-backrefs a').first().click();
    await expect(citation).toBeInViewport();
    expect(problems).toEqual([]);
  });

  test('a theorem reference shows the theorem, its formulas rendered', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('articles/robbins-monro/');
    const reference = page.locator('.prose a.crossref[href="#thm-rm-convergence"]').first();
    await expect(reference).toHaveText('定理 1');
    await hoverShows(page, reference, /定理 1（Robbins–Monro 收敛定理）/, '.katex');
    await focusShows(page, reference, '强单调');
    const block = page.locator('#thm-rm-convergence');
    await expect(block.locator('.theorem-label')).toHaveText('定理 1');
    await expect(page.locator('.proof .qed').first()).toHaveText('∎');
    expect(problems).toEqual([]);
  });

  test('figure and table references show the figure and the table', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('articles/maximum-gap/');
    const figure = page.locator('.prose a.crossref[href="#fig-buckets"]').first();
    await expect(figure).toHaveText('图 1');
    await hoverShows(page, figure, '图 1：桶方法示意', 'img');
    await focusShows(page, figure, '最大间距 26');
    await expect(page.locator('#fig-buckets img')).toHaveJSProperty('complete', true);
    const table = page.locator('.prose a.crossref[href="#tbl-pigeonhole-forms"]').first();
    await expect(table).toHaveText('表 1');
    await hoverShows(page, table, '表 1：鸽巢原理在两种桶方法里的两种用法', 'table');
    expect(problems).toEqual([]);
  });

  test('an equation of another article is previewed from the page itself', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('articles/position-encoding-overview/');
    const reference = page.locator('.prose a.crossref-article').first();
    await expect(reference).toHaveText(/《RoPE：用绝对位置实现相对位置》式 \(\d+\)/);
    await hoverShows(page, reference, /R/, '.katex-display');
    await reference.click();
    await expect(page).toHaveURL(/articles\/rope\/#eq-rope-rel$/);
    await expect(page.locator('#eq-rope-rel')).toBeInViewport();
    // …and the target lists it among its backlinks.
    await expect(page.locator('.backlinks li > a', { hasText: '位置编码全景' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('a footnote shows in a popover where there is no margin for it', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 800 });
    const problems = watchConsole(page);
    await page.goto('articles/hippo/');
    const reference = page.locator('.prose a[data-footnote-ref]').first();
    await expect(page.locator('.prose .sidenote').first()).toBeHidden();
    await hoverShows(page, reference, 'HiPPO 论文附录给出了 LegS 的快速更新算法');
    await focusShows(page, reference, '快速更新算法');
    // The popover holds the note only, not its back link.
    await reference.hover();
    await expect(card(page).locator('[data-footnote-backref]')).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});

test.describe('footnotes and margin notes', () => {
  test('on a wide screen the note sits in the margin beside its line, and the end note is gone', async ({ page }) => {
    await page.setViewportSize({ width: 1680, height: 1000 });
    await page.goto('articles/speculative-decoding/');
    const reference = page.locator('.prose sup:has(a[data-footnote-ref])').first();
    const sidenote = page.locator('.prose .sidenote').first();
    await reference.scrollIntoViewIfNeeded();
    await expect(sidenote).toBeVisible();
    await expect(sidenote).toContainText('归一化常数接近 0');
    const prose = (await page.locator('.prose').boundingBox())!;
    const note = (await sidenote.boundingBox())!;
    const ref = (await reference.boundingBox())!;
    // Left of the text column, not over it, and level with the line that cites it.
    expect(note.x + note.width).toBeLessThanOrEqual(prose.x);
    expect(note.x).toBeGreaterThanOrEqual(0);
    expect(Math.abs(note.y - ref.y)).toBeLessThan(60);
    await expect(page.locator('.footnotes li.has-sidenote').first()).toBeHidden();
    // No popover: the note is already in view.
    await reference.locator('a').hover();
    await page.waitForTimeout(400);
    await expect(card(page)).toBeHidden();
  });

  test('on a phone the notes stay at the end, each with a link back to the text', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('articles/speculative-decoding/');
    await expect(page.locator('.prose .sidenote').first()).toBeHidden();
    const reference = page.locator('.prose a[data-footnote-ref]').first();
    await reference.click();
    const note = page.locator('.footnotes li').first();
    await expect(note).toBeInViewport();
    await expect(note).toContainText('归一化常数接近 0');
    await note.locator('a[data-footnote-backref]').click();
    await expect(reference).toBeInViewport();
  });

  test('an inline note ^[…] is numbered with the others and placed like them', async ({ page }) => {
    await page.setViewportSize({ width: 1680, height: 1000 });
    await page.goto('articles/robbins-monro/');
    const sidenote = page.locator('.prose .sidenote', { hasText: 'Blum 在 1954 年' });
    await sidenote.scrollIntoViewIfNeeded();
    await expect(sidenote).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(sidenote).toBeHidden();
    await expect(page.locator('.footnotes li', { hasText: 'Blum 在 1954 年' })).toBeVisible();
  });

  test('a folded callout opens without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL! });
    const page = await context.newPage();
    await page.goto('articles/writing-guide/');
    const callout = page.locator('.prose details.callout').first();
    await expect(callout).toBeVisible();
    await expect(callout.locator('.callout-body')).toBeHidden();
    await callout.locator('summary').click();
    await expect(callout.locator('.callout-body')).toBeVisible();
    await expect(page.locator('.prose .callout[role="note"]').first()).toBeVisible();
    await context.close();
  });
});

test.describe('knowledge graph', () => {
  test('no two labels overlap, nearly every node is labelled, and the legend names the categories', async ({
    page,
  }) => {
    const problems = watchConsole(page);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto('graph/');
    const svg = page.locator('svg.graph');
    const boxes = await labelBoxes(svg);
    const nodes = await svg.locator('.graph-node').count();
    expect(nodes).toBeGreaterThan(60);
    expect(boxes.length).toBeGreaterThanOrEqual(nodes * 0.9);
    expect(boxesOverlap(boxes)).toEqual([]);
    await expect(page.locator('.graph-legend li')).toHaveCount(11);
    await expect(page.locator('.graph-legend')).toContainText('强化学习');
    expect(problems).toEqual([]);
  });

  test('zoom, pan and the tag filter work (progressive: the graph reads without them)', async ({ page }) => {
    await page.goto('graph/');
    const svg = page.locator('svg.graph');
    const initial = await svg.getAttribute('viewBox');
    await page.getByRole('button', { name: '放大' }).click();
    const zoomed = await svg.getAttribute('viewBox');
    expect(zoomed).not.toBe(initial);
    const width = (view: string | null) => Number(view!.split(' ')[2]);
    expect(width(zoomed)).toBeLessThan(width(initial));
    // Drag from a point of the graph that is on screen.
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    const start = { x: box.x + 300, y: Math.max(box.y, 0) + 200 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x - 120, start.y - 60, { steps: 5 });
    await page.mouse.up();
    expect(await svg.getAttribute('viewBox')).not.toBe(zoomed);
    await page.getByRole('button', { name: '复位' }).click();
    expect(await svg.getAttribute('viewBox')).toBe(initial);

    await page.getByLabel('按标签筛选').selectOption('ssm');
    const kept = svg.locator('a.graph-node:not(.graph-dim)');
    // A node's text is its full title (<title>) and its label.
    await expect(kept.filter({ hasText: 'HiPPO：用多项式投影记忆历史' })).toHaveCount(1);
    await expect(svg.locator('a.graph-node.graph-dim').filter({ hasText: 'RoPE：用绝对位置实现相对位置' })).toHaveCount(
      1,
    );
    expect(await kept.count()).toBeLessThan(10);
  });

  test('every article page has a local graph whose labels do not overlap', async ({ page }) => {
    await page.goto('articles/rope/');
    const svg = page.locator('.local-graph svg');
    await svg.scrollIntoViewIfNeeded();
    await expect(svg.locator('.graph-current text')).toHaveText(/^RoPE/);
    const boxes = await labelBoxes(svg);
    expect(boxes.length).toBeGreaterThan(8);
    expect(boxesOverlap(boxes)).toEqual([]);
    await expect(svg.locator('a.graph-tag')).not.toHaveCount(0);
  });
});

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility of the apparatus, ${theme} theme`, () => {
    for (const path of ['articles/robbins-monro/', 'articles/maximum-gap/', 'graph/', 'papers/']) {
      test(`${path} has no axe violations`, async ({ page }) => {
        test.setTimeout(180_000);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        await page.setViewportSize({ width: 1680, height: 1000 });
        await page.goto(path);
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(
          violations.map((violation) => ({
            rule: violation.id,
            nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
          })),
        ).toEqual([]);
      });
    }
  });
}
