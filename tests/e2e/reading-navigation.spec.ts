/**
 * Finding one's way in a long article at 390, 768, 1024 and 1440 px, in both themes: the
 * TOC (a sheet below the width where the side column fits) opens with the section being
 * read marked and marks the section chosen; the header slides away while reading and comes
 * back on the way up; progress and back-to-top; all by keyboard; and without JavaScript
 * the TOC is still a plain list.
 */
import { expect, test, type Page } from '@playwright/test';

const WIDTHS = [390, 768, 1024, 1440];
const THEMES = ['light', 'dark'] as const;
/** Below this width the side column is hidden and the 目录 button opens a sheet (62rem). */
const SIDE_TOC = 992;

async function open(page: Page, width: number, theme: 'light' | 'dark', url = '/articles/rope/') {
  await page.setViewportSize({ width, height: width < 700 ? 844 : 900 });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(url);
}

/** Scrolls as a reader does, with the wheel, and waits until the page has settled. */
async function wheel(page: Page, dy: number) {
  await page.mouse.move(10, 400);
  await page.mouse.wheel(0, dy);
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        let last = window.scrollY;
        let still = 0;
        const tick = () => {
          if (window.scrollY === last) still++;
          else [still, last] = [0, window.scrollY];
          if (still > 3) resolve(true);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

const currentEntry = (page: Page) => page.locator('.toc a[aria-current="true"]');

for (const width of WIDTHS) {
  const sheet = width < SIDE_TOC;
  for (const theme of THEMES) {
    test.describe(`${width} px, ${theme} theme`, () => {
      test(
        sheet
          ? 'the 目录 button opens the TOC as a sheet with the current section marked'
          : 'the side TOC is shown and marks the current section',
        async ({ page }) => {
          await open(page, width, theme);
          await page.locator('#远程衰减').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
          await expect(currentEntry(page)).toHaveText('远程衰减');
          if (!sheet) {
            await expect(page.locator('.article-aside .toc')).toBeVisible();
            await expect(page.locator('.toc-open')).toBeHidden();
            return;
          }
          await expect(page.locator('.article-aside')).toBeHidden();
          // Reading on tucks the tools away; a little scroll back up brings them back.
          await wheel(page, 120);
          await wheel(page, -60);
          await expect(page.locator('.reading-tools')).toHaveAttribute('data-shown', 'true');
          await expect(currentEntry(page)).toHaveText('远程衰减');
          await page.locator('.toc-open').click();
          const dialog = page.locator('dialog.toc-sheet');
          await expect(dialog).toBeVisible();
          await expect(dialog.locator('a[aria-current="true"]')).toHaveText('远程衰减');
          await expect(dialog.locator('a[aria-current="true"]')).toBeFocused();
          await expect(dialog.locator('a[aria-current="true"]')).toBeInViewport();
          const box = await dialog.boundingBox();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(width);
          expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height + 1);
        },
      );

      test('choosing 高效实现 goes there and marks 高效实现, not the subsection right after it', async ({ page }) => {
        await open(page, width, theme);
        if (sheet) {
          await page.locator('.toc-open').click();
          await page.locator('dialog.toc-sheet a', { hasText: '高效实现' }).click();
          await expect(page.locator('dialog.toc-sheet')).toBeHidden();
          // Focus is in the chosen section, so the keyboard carries on from there.
          await expect(page.locator('#高效实现')).toBeFocused();
        } else {
          await page.locator('.article-aside .toc a', { hasText: '高效实现' }).click();
        }
        await expect(page).toHaveURL(/#%E9%AB%98%E6%95%88%E5%AE%9E%E7%8E%B0$/);
        await expect(currentEntry(page)).toHaveText('高效实现');
        const top = await page.locator('#高效实现').evaluate((heading) => heading.getBoundingClientRect().top);
        const header = await page.locator('.site-header').evaluate((element) => element.getBoundingClientRect());
        // Below the header if it shows, and near the top of the screen.
        expect(top).toBeGreaterThanOrEqual(Math.max(0, header.bottom) - 1);
        expect(top).toBeLessThan(200);
        // Reading on moves the mark on.
        await page.locator('#两种布局').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
        await wheel(page, 40);
        await expect(currentEntry(page)).toHaveText('两种布局');
      });

      test('the header slides away while reading on and comes back on the way up; progress follows', async ({
        page,
      }) => {
        await open(page, width, theme);
        const header = page.locator('.site-header');
        const bottom = () => header.evaluate((element) => element.getBoundingClientRect().bottom);
        expect(await bottom()).toBeGreaterThan(20);
        const progress = () =>
          page.locator('.reading-progress span').evaluate((bar) => bar.getBoundingClientRect().width / innerWidth);
        expect(await progress()).toBeLessThan(0.02);
        await wheel(page, 1500);
        await expect.poll(bottom).toBeLessThanOrEqual(0);
        const midway = await progress();
        expect(midway).toBeGreaterThan(0.02);
        await wheel(page, -300);
        await expect.poll(() => header.evaluate((element) => element.getBoundingClientRect().top)).toBe(0);
        await expect(page.locator('.reading-tools')).toHaveAttribute('data-shown', 'true');
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await expect.poll(progress).toBeGreaterThan(0.99);
        // The header is a slim bar: at most two short rows on a phone, one elsewhere.
        expect(await header.evaluate((element) => (element as HTMLElement).offsetHeight)).toBeLessThanOrEqual(
          width < 768 ? 100 : 64,
        );
      });

      test('back to top returns to the start and puts focus there', async ({ page }) => {
        await open(page, width, theme);
        await expect(page.locator('.back-to-top')).toBeHidden();
        await wheel(page, 2500);
        await wheel(page, -200);
        const back = page.locator('.back-to-top');
        await expect(back).toBeVisible();
        await back.click();
        await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
        await expect(page.locator('#main')).toBeFocused();
      });
    });
  }
}

test.describe('by keyboard', () => {
  test('Tab reaches the 目录 button, Enter opens the sheet at the current section, Esc closes it', async ({ page }) => {
    await open(page, 390, 'light');
    const button = page.locator('.toc-open');
    let reached = false;
    let steps = 0;
    for (; steps < 200 && !reached; steps++) {
      await page.keyboard.press('Tab');
      reached = await button.evaluate((element) => element === document.activeElement);
    }
    expect(reached, `not reached in ${steps} Tab presses`).toBe(true);
    // A focused tool is shown, even while the tools are tucked away.
    await expect(button).toBeVisible();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog.toc-sheet');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('a').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
    // The list is back in its column, in one piece.
    await expect(page.locator('.article-aside nav.toc')).toHaveCount(1);
  });

  test('a focused header stays on screen', async ({ page }) => {
    await open(page, 1024, 'light');
    await wheel(page, 1500);
    await expect
      .poll(() => page.locator('.site-header').evaluate((element) => element.getBoundingClientRect().bottom))
      .toBeLessThanOrEqual(0);
    await page.locator('.site-header a.site-title').focus();
    await expect
      .poll(() => page.locator('.site-header').evaluate((element) => element.getBoundingClientRect().top))
      .toBe(0);
  });
});

test.describe('without JavaScript', () => {
  for (const width of [390, 1440]) {
    test(`${width} px: the TOC is a plain list and the 目录 link leads to it`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 844 } });
      const page = await context.newPage();
      await page.goto('/articles/rope/');
      const toc = page.locator('nav.toc');
      await expect(toc).toBeVisible();
      await expect(toc.locator('a', { hasText: '高效实现' })).toHaveAttribute('href', '#高效实现');
      if (width < SIDE_TOC) {
        const link = page.locator('.toc-open');
        await expect(link).toHaveAttribute('href', '#toc');
        await link.click();
        await expect(toc).toBeInViewport();
      }
      await expect(page.locator('dialog.toc-sheet')).toBeHidden();
      await context.close();
    });
  }
});
