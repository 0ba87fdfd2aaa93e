/**
 * Formulas as a reader sees them at 390, 768, 1024 and 1440 px, in both themes: no equation
 * number on its formula (bounding boxes of every numbered equation of the bundled library),
 * no number scrolling away, no page wider than the screen, a visible shade at the edge of a
 * formula that has more, equation previews inside the screen and raised from the page,
 * copy TeX that never covers the number and costs one tab stop per group, and fonts that
 * arrive late re-wrapping nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { auditDisplayMath, auditPreviewCard, pageOverflow } from '../../scripts/lib/reading-audit.ts';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const WIDTHS = [390, 768, 1024, 1440];
const THEMES = ['light', 'dark'] as const;
/** Numbered equations of the library: \label outside code. */
const NUMBERED = articles.reduce(
  (total, article) =>
    total +
    (article.body
      .replace(/^```[\s\S]*?^```/gm, '')
      .replace(/`[^`\n]*`/g, '')
      .match(/\\label\{/g)?.length ?? 0),
  0,
);
const siteDir = path.resolve('.kb-test/site');
const allPages = fs.existsSync(siteDir)
  ? (fs.readdirSync(siteDir, { recursive: true }) as string[])
      .filter((name) => name.endsWith('.html'))
      .map((name) =>
        name
          .split(path.sep)
          .join('/')
          .replace(/(^|\/)index\.html$/, '$1'),
      )
      .sort()
  : [];

async function open(page: Page, width: number, theme: 'light' | 'dark', url: string): Promise<void> {
  await page.setViewportSize({ width, height: width < 700 ? 844 : 900 });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready);
}

for (const width of WIDTHS) {
  for (const theme of THEMES) {
    test.describe(`${width} px, ${theme} theme`, () => {
      test('no equation number overlaps or leaves its formula, and no article pans sideways', async ({ page }) => {
        test.setTimeout(240_000);
        const overlapping: string[] = [];
        const scrolling: string[] = [];
        const wide: string[] = [];
        let numbered = 0;
        for (const article of articles) {
          await open(page, width, theme, `/articles/${article.slug}/`);
          const audit = await page.evaluate(auditDisplayMath);
          numbered += audit.equations.length;
          for (const equation of audit.equations) {
            if (equation.overlaps) overlapping.push(`${article.slug}#${equation.id}`);
            if (equation.numberScrolls) scrolling.push(`${article.slug}#${equation.id}`);
          }
          const overflow = await page.evaluate(pageOverflow);
          if (overflow > 0) wide.push(`${article.slug} (+${overflow} px)`);
        }
        expect(numbered).toBe(NUMBERED);
        expect(overlapping).toEqual([]);
        expect(scrolling).toEqual([]);
        expect(wide).toEqual([]);
      });

      test('every equation preview is inside the screen, wide enough, numbered in its header, and raised', async ({
        page,
      }) => {
        test.setTimeout(180_000);
        const problems: string[] = [];
        let previews = 0;
        for (const slug of ['rope', 'hippo', 'flash-attention', 'maximum-gap']) {
          await open(page, width, theme, `/articles/${slug}/`);
          const references = page.locator('.prose a.eqref');
          const count = await references.count();
          expect(count, slug).toBeGreaterThan(0);
          for (let index = 0; index < count; index++) {
            const reference = references.nth(index);
            await page.mouse.move(0, 0);
            await reference.focus();
            const card = page.locator('#link-preview');
            await expect(card).toBeVisible();
            previews++;
            const audit = await page.evaluate(auditPreviewCard, (await reference.getAttribute('href')) ?? '');
            const expected = Math.min(width * 0.9, 720, width - 16);
            if (!audit.inside) problems.push(`${slug} ${audit.href}: outside the screen`);
            if (Math.abs(audit.width - expected) > 1) problems.push(`${slug} ${audit.href}: ${audit.width} px wide`);
            if (audit.numberOverlaps) problems.push(`${slug} ${audit.href}: number over the formula`);
            await expect(card.locator('.link-preview-heading')).toHaveText(
              new RegExp(`${(await reference.innerText()).replace(/[()]/g, '\\$&')}$`),
            );
            await expect(card.locator('.katex-tag')).toHaveCount(0);
            await page.keyboard.press('Escape');
          }
        }
        expect(previews).toBeGreaterThan(20);
        expect(problems).toEqual([]);
        // Raised: a shadow, a border that stands out from the page, and in dark a lighter surface.
        await open(page, width, theme, '/articles/rope/');
        await page.locator('.prose a.eqref').first().focus();
        const look = await page.locator('#link-preview').evaluate((card) => {
          const luminance = (color: string) => {
            const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
            const channel = (value: number) =>
              value / 255 <= 0.03928 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4;
            return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
          };
          const contrast = (a: string, b: string) => {
            const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
            return (high! + 0.05) / (low! + 0.05);
          };
          const style = getComputedStyle(card);
          const page = getComputedStyle(document.body).backgroundColor;
          return {
            shadow: style.boxShadow,
            border: contrast(style.borderTopColor, page),
            surface: contrast(style.backgroundColor, page),
          };
        });
        expect(look.shadow).not.toBe('none');
        expect(look.border).toBeGreaterThan(1.5);
        if (theme === 'dark') expect(look.surface).toBeGreaterThan(1.2);
      });

      test('the copy-TeX control never covers the number or the formula', async ({ page }) => {
        await open(page, width, theme, '/articles/hippo/');
        const rows = page.locator('.prose .math-display:has(.math-number)');
        expect(await rows.count()).toBeGreaterThan(3);
        for (let index = 0; index < (await rows.count()); index++) {
          const row = rows.nth(index);
          await row.scrollIntoViewIfNeeded();
          await row.locator('.math-formula').hover();
          const button = row.locator('.copy-tex');
          await expect(button).toHaveCSS('opacity', '1');
          const [control, number, formula] = await Promise.all(
            [button, row.locator('.math-number'), row.locator('.math-formula')].map((part) => part.boundingBox()),
          );
          const meets = (a: typeof control, b: typeof control) =>
            Math.min(a!.x + a!.width, b!.x + b!.width) > Math.max(a!.x, b!.x) + 0.5 &&
            Math.min(a!.y + a!.height, b!.y + b!.height) > Math.max(a!.y, b!.y) + 0.5;
          expect(meets(control, number), `row ${index}: over the number`).toBe(false);
          expect(meets(control, formula), `row ${index}: over the formula`).toBe(false);
        }
      });
    });
  }

  test(`${width} px: no page of the site is wider than the screen`, async ({ page }) => {
    test.setTimeout(240_000);
    expect(allPages.length).toBeGreaterThan(100);
    await page.setViewportSize({ width, height: 900 });
    const wide: string[] = [];
    for (const url of allPages) {
      await page.goto(`/${url}`);
      const overflow = await page.evaluate(pageOverflow);
      if (overflow > 0) wide.push(`/${url} (+${overflow} px)`);
    }
    expect(wide).toEqual([]);
  });
}

/** Mean brightness (0–255) of a strip of an element's screenshot, read in a canvas. */
async function brightness(page: Page, target: Locator, strip: { x: number; width: number; height: number }) {
  const png = await target.screenshot();
  return page.evaluate(
    async ({ data, strip }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const x = strip.x < 0 ? image.width + strip.x : strip.x;
      const pixels = context.getImageData(x, 0, strip.width, strip.height).data;
      let total = 0;
      for (let at = 0; at < pixels.length; at += 4) total += (pixels[at]! + pixels[at + 1]! + pixels[at + 2]!) / 3;
      return total / (pixels.length / 4);
    },
    { data: png.toString('base64'), strip },
  );
}

test.describe('formulas wider than the screen', () => {
  for (const theme of THEMES) {
    test(`show a shade at the edge that has more, in the ${theme} theme, and scroll without moving their number`, async ({
      page,
    }) => {
      await open(page, 390, theme, '/articles/hippo/');
      const row = page.locator('.prose .math-display:has(.math-number)').first();
      const cell = row.locator('.math-formula');
      await cell.scrollIntoViewIfNeeded();
      expect(await cell.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      // The top rows of the cell are its padding: no glyphs, only the background and its shades.
      const rightEdge = { x: -4, width: 4, height: 3 };
      const leftEdge = { x: 0, width: 4, height: 3 };
      const atStart = { right: await brightness(page, cell, rightEdge), left: await brightness(page, cell, leftEdge) };
      const number = await row.locator('.math-number').boundingBox();
      await cell.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
      const atEnd = { right: await brightness(page, cell, rightEdge), left: await brightness(page, cell, leftEdge) };
      // A shade is darker than the page in light, a glow lighter in dark.
      const sign = theme === 'light' ? 1 : -1;
      expect(sign * (atEnd.right - atStart.right)).toBeGreaterThan(8);
      expect(sign * (atStart.left - atEnd.left)).toBeGreaterThan(8);
      expect(await row.locator('.math-number').boundingBox()).toEqual(number);
    });
  }

  test('a long inline formula scrolls inside its line instead of widening the page', async ({ page }) => {
    await open(page, 390, 'light', '/articles/performer/');
    expect(await page.evaluate(pageOverflow)).toBe(0);
    const box = page.locator('.prose .math-inline .math-scroll').filter({ has: page.locator('.katex-base') });
    expect(await box.count()).toBeGreaterThan(0);
    const scrolls = await box.evaluateAll((boxes) =>
      boxes.some((element) => element.scrollWidth > element.clientWidth),
    );
    expect(scrolls).toBe(true);
  });
});

test.describe('copy TeX by keyboard', () => {
  test('formulas one after another are one tab stop; arrows move between them and Enter copies', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/articles/rope/');
    const formulas = await page.locator('.prose .math-formula').count();
    // Every tab stop from the start of the article to its end that is a formula.
    await page.locator('.article-header h1').evaluate((h1) => {
      h1.tabIndex = -1;
      h1.focus();
    });
    let stops = 0;
    for (let step = 0; step < 400; step++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const active = document.activeElement;
        return { formula: Boolean(active?.matches('.math-formula')), inArticle: Boolean(active?.closest('.article')) };
      });
      if (!where.inArticle) break;
      if (where.formula) stops++;
    }
    expect(stops).toBeGreaterThan(0);
    expect(stops).toBeLessThan(formulas);
    // The copy controls themselves are never tab stops.
    expect(await page.locator('.prose .copy-tex[tabindex="0"], .prose .copy-tex:not([tabindex])').count()).toBe(0);

    // A group of two or more: its first formula is the tab stop, the next one is reached by ↓.
    const cells = page.locator('.prose .math-formula');
    const start = await cells.evaluateAll((all) =>
      all.findIndex(
        (cell, index) => (cell as HTMLElement).tabIndex === 0 && (all[index + 1] as HTMLElement)?.tabIndex === -1,
      ),
    );
    expect(start).toBeGreaterThanOrEqual(0);
    const first = cells.nth(start);
    await first.focus();
    await expect(first.locator('xpath=..').locator('.copy-tex')).toHaveCSS('opacity', '1');
    await page.keyboard.press('ArrowDown');
    const second = cells.nth(start + 1);
    await expect(second).toBeFocused();
    // The group's tab stop follows the reader: Tab leaves from here, Shift+Tab comes back here.
    await expect(second).toHaveAttribute('tabindex', '0');
    await expect(first).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('Enter');
    const tex = await second.locator('annotation').textContent();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(tex);
  });
});

test.describe('math that shows at once', () => {
  test('KaTeX faces swap in, the two main ones are preloaded', async ({ page, request }) => {
    await page.goto('/articles/rope/');
    const preloads = await page
      .locator('link[rel="preload"][as="font"]')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLLinkElement).href).pathname));
    expect(preloads).toEqual(['/katex/fonts/KaTeX_Main-Regular.woff2', '/katex/fonts/KaTeX_Math-Italic.woff2']);
    const css = await (await request.get('/katex/katex.min.css')).text();
    expect(css).not.toContain('font-display:block');
    expect(css.match(/font-display:swap/g)?.length).toBeGreaterThan(15);
    await page.goto('/tags/');
    await expect(page.locator('link[rel="preload"][as="font"]')).toHaveCount(0);
  });

  test('formula boxes are reserved at their final width, in every article', async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    let reserved = 0;
    const misses: string[] = [];
    for (const article of articles) {
      await page.goto(`/articles/${article.slug}/`);
      await page.evaluate(() => document.fonts.ready);
      const found = await page.evaluate(() => {
        const off: string[] = [];
        const bases = [...document.querySelectorAll<HTMLElement>('.prose .katex-base[style*="width"]')];
        for (const base of bases) {
          const width = base.getBoundingClientRect().width;
          const saved = base.style.width;
          base.style.width = '';
          const natural = base.getBoundingClientRect().width;
          base.style.width = saved;
          if (Math.abs(natural - width) > 0.75)
            off.push(
              `${(natural - width).toFixed(1)} px: ${base.closest('.katex')?.querySelector('annotation')?.textContent?.slice(0, 60)}`,
            );
        }
        return { bases: bases.length, off };
      });
      reserved += found.bases;
      misses.push(...found.off.map((miss) => `${article.slug}: ${miss}`));
    }
    expect(reserved).toBeGreaterThan(3000);
    expect(misses).toEqual([]);
  });

  for (const width of [390, 1440]) {
    test(`${width} px: KaTeX fonts arriving late shift nothing on the heaviest article (CLS ≤ 0.05)`, async ({
      page,
    }) => {
      const heaviest = [...articles]
        .map((article) => ({
          slug: article.slug,
          size: fs.statSync(path.join(siteDir, 'articles', article.slug, 'index.html')).size,
        }))
        .sort((a, b) => b.size - a.size)[0]!.slug;
      await page.setViewportSize({ width, height: 844 });
      // The fonts arrive well after the text has been laid out and painted.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/katex/fonts/*.woff2', async (route) => {
        await held;
        await route.continue();
      });
      await page.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { kbShifts: number[] }).kbShifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!entry.hadRecentInput) shifts.push(entry.value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`/articles/${heaviest}/`, { waitUntil: 'domcontentloaded' });
      await page.locator('.prose .katex').first().waitFor();
      const heights = () =>
        page
          .locator('.prose > p, .prose > ul, .prose > ol')
          .evaluateAll((blocks) => blocks.map((block) => block.getBoundingClientRect().height));
      // While the fonts are held, formulas show (in a fallback face), not blank.
      expect(await page.evaluate(() => document.fonts.check('1em KaTeX_Main'))).toBe(false);
      const before = await heights();
      release();
      await page.evaluate(() => document.fonts.ready);
      await expect.poll(() => page.evaluate(() => document.fonts.check('1em KaTeX_Main'))).toBe(true);
      await page.waitForTimeout(200);
      expect(await heights()).toEqual(before);
      const shift = await page.evaluate(() =>
        (window as unknown as { kbShifts: number[] }).kbShifts.reduce((a, b) => a + b, 0),
      );
      expect(shift).toBeLessThanOrEqual(0.05);
    });
  }
});
