/**
 * axe finds no violations on the main kinds of page, in the light and the dark theme,
 * at / and under /kb/ (see playwright.config.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const pages: { name: string; path: string; ready?: string; width?: number; act?: string; open?: string }[] = [
  { name: 'home', path: '' },
  { name: 'article with math and code', path: 'articles/rope/' },
  {
    name: 'article on a phone, formulas wider than the screen',
    path: 'articles/rope/',
    width: 390,
  },
  { name: 'article on a phone with the TOC sheet open', path: 'articles/rope/', width: 390, act: '.toc-open' },
  {
    name: 'article with a translation, its revision list open',
    path: 'articles/poisson-processes-zh/',
    open: 'details.revisions',
  },
  { name: 'listing of one language', path: 'lang/en/' },
  { name: 'tag page', path: 'tags/attention/' },
  { name: 'archive', path: 'archive/' },
  { name: 'papers, filtered', path: 'papers/?venue=ICLR', ready: '.paper-filters' },
  { name: 'page not found', path: 'no-such-page/' },
  { name: 'search with results open', path: 'search/?q=attention', ready: '#search-results li' },
];

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${theme} theme`, () => {
    for (const { name, path, ready, width, act, open } of pages) {
      test(`${name} has no axe violations`, async ({ page }) => {
        // axe walks every KaTeX glyph span of a math-heavy page: generous on a busy 2-core box.
        test.setTimeout(180_000);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        if (width) await page.setViewportSize({ width, height: 844 });
        await page.goto(path);
        if (ready) await expect(page.locator(ready).first()).toBeVisible();
        if (act) await page.locator(act).click();
        if (open) await page.locator(`${open} summary`).click();
        await expect(page.locator('html')).not.toHaveAttribute('data-theme', theme === 'light' ? 'dark' : 'light');
        const { violations } = await new AxeBuilder({ page }).analyze();
        const summary = violations.map((violation) => ({
          rule: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes
            .slice(0, 5)
            .map((node) => `${node.target.join(' ')}: ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
        }));
        expect(summary).toEqual([]);
      });
    }
  });
}
