/**
 * Type for mixed Chinese, English and math, checked in the fonts Chromium actually uses
 * (DevTools' platform fonts for a node): Latin words in a Latin face, Chinese in a Chinese
 * one, Chinese quotation marks from the Chinese face, KaTeX at the text's x-height, code
 * with a monospaced CJK fallback, Chinese quotation marks in Chinese prose, and CJK–Latin
 * spacing both where text-autospace works and where it does not.
 */
import { expect, test, type Page } from '@playwright/test';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const chinese = articles.filter((article) => article.lang !== 'en');

/** The fonts Chromium draws the text directly inside the first element matching `selector` with. */
async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((font) => font.familyName);
}

/** Wraps the first occurrence of `text` in the prose in a span with `id`, to ask about its font. */
async function mark(page: Page, text: string | RegExp, id: string, scope = '.prose p'): Promise<void> {
  const found = await page.evaluate(
    ({ source, flags, id, scope }) => {
      const pattern = new RegExp(source, flags);
      for (const block of document.querySelectorAll(scope)) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          if (node.parentElement?.closest('.katex')) continue;
          const match = pattern.exec(node.data);
          if (!match) continue;
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const span = document.createElement('span');
          span.id = id;
          range.surroundContents(span);
          return true;
        }
      }
      return false;
    },
    {
      source: typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source,
      flags: typeof text === 'string' ? '' : text.flags,
      id,
      scope,
    },
  );
  expect(found, `text ${String(text)} in ${scope}`).toBe(true);
}

test.describe('type', () => {
  test('Latin words get a Latin face first, Chinese a Chinese face, Chinese quotation marks the Chinese face', async ({
    page,
  }) => {
    await page.goto('/articles/rope/');
    const stack = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    const names = stack.split(',').map((name) => name.trim().replace(/^["']|["']$/g, ''));
    const latin = names.indexOf('Arial');
    const cjk = names.indexOf('PingFang SC');
    expect(latin).toBeGreaterThan(0);
    expect(cjk).toBeGreaterThan(latin);
    expect(names.indexOf('Noto Sans CJK SC')).toBeGreaterThan(cjk);
    expect(names.indexOf('Microsoft YaHei')).toBeGreaterThan(cjk);
    await mark(page, 'Rotary Position Embedding', 'latin');
    await mark(page, '绝对位置编码', 'han');
    await mark(page, '“', 'quote', '.prose');
    const latinFonts = await fontsOf(page, '#latin');
    expect(latinFonts.some((font) => /CJK|YaHei|PingFang|DejaVu/.test(font))).toBe(false);
    expect(await fontsOf(page, '#han')).toEqual(['Noto Sans CJK SC']);
    expect(await fontsOf(page, '#quote')).toEqual(['Noto Sans CJK SC']);
  });

  test("KaTeX's letters are as tall as the text's (x-height within 5%)", async ({ page }) => {
    await page.goto('/articles/rope/');
    await page.evaluate(() => document.fonts.ready);
    const heights = await page.evaluate(() => {
      const paragraph = document.querySelector('.prose p')!;
      const formula = paragraph.querySelector('.katex')!;
      const canvas = document.createElement('canvas').getContext('2d')!;
      // Measured at 1000 px and scaled, for precision; math letters are KaTeX_Math italic.
      const xHeight = (family: string, size: string, style = '') => {
        canvas.font = `${style} 1000px ${family}`;
        return (canvas.measureText('x').actualBoundingBoxAscent / 1000) * parseFloat(size);
      };
      const text = getComputedStyle(paragraph);
      const math = getComputedStyle(formula);
      return { text: xHeight(text.fontFamily, text.fontSize), math: xHeight('KaTeX_Math', math.fontSize, 'italic') };
    });
    expect(heights.math / heights.text).toBeGreaterThan(0.95);
    expect(heights.math / heights.text).toBeLessThan(1.05);
  });

  test('Chinese in code is drawn by a monospaced CJK face', async ({ page }) => {
    await page.goto('/articles/hippo/');
    await mark(page, '下三角', 'code-han', '.prose pre code');
    expect(await fontsOf(page, '#code-han')).toEqual(['Noto Sans Mono CJK SC']);
  });

  test('Chinese prose uses Chinese quotation marks, in every Chinese article; code and math keep ASCII', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const left: string[] = [];
    let curly = 0;
    for (const article of chinese) {
      await page.goto(`/articles/${article.slug}/`);
      const found = await page.evaluate(() => {
        const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
        const ascii: string[] = [];
        let chinese = 0;
        const walker = document.createTreeWalker(document.querySelector('.prose')!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement?.closest('code, pre, kbd, samp, .katex, .code-block')) continue;
          const text = node.textContent ?? '';
          chinese += (text.match(/[“”‘’]/g) ?? []).length;
          for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) {
            const around = text.slice(Math.max(0, at - 2), at + 3);
            if (cjk.test(around)) ascii.push(around);
          }
        }
        return { ascii, chinese };
      });
      curly += found.chinese;
      if (found.ascii.length > 0) left.push(`${article.slug}: ${found.ascii.slice(0, 3).join(' | ')}`);
    }
    expect(left).toEqual([]);
    expect(curly).toBeGreaterThan(100);
    // Python strings in code blocks are untouched.
    await page.goto('/articles/vit/');
    await expect(page.locator('.prose pre code').filter({ hasText: '"' }).first()).toBeAttached();
  });

  test('CJK–Latin spacing is 1/8 em at each boundary, from the build-time markers, whatever the browser supports', async ({
    page,
  }) => {
    // The writing guide shows authors an unspaced sentence: 用Transformer做翻译, 向量$\bm x$的长度.
    await page.goto('/articles/writing-guide/');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.locator('.prose .cjk-gap').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.prose .cjk-gap-math').count()).toBeGreaterThanOrEqual(2);
    // The distance between the ideograph before a marker and the letter after it, in em.
    const gap = () =>
      page.evaluate(() => {
        const marker = [...document.querySelectorAll<HTMLElement>('.prose p .cjk-gap:not(.cjk-gap-math)')].find(
          (candidate) =>
            candidate.previousSibling?.nodeType === 3 &&
            /[\u4e00-\u9fff]$/.test(candidate.previousSibling.textContent ?? '') &&
            candidate.nextSibling?.nodeType === 3 &&
            /^[A-Za-z]/.test(candidate.nextSibling.textContent ?? ''),
        )!;
        const before = marker.previousSibling as Text;
        const after = marker.nextSibling as Text;
        const range = document.createRange();
        range.setStart(before, before.length - 1);
        range.setEnd(before, before.length);
        const left = range.getBoundingClientRect().right;
        range.setStart(after, 0);
        range.setEnd(after, 1);
        const right = range.getBoundingClientRect().left;
        return (right - left) / parseFloat(getComputedStyle(marker).fontSize);
      });
    expect(await gap()).toBeCloseTo(0.125, 2);
    // Not doubled where the browser has text-autospace (this Chromium does): it is off in the prose.
    expect(await page.evaluate(() => CSS.supports('text-autospace', 'normal'))).toBe(true);
    expect(await page.locator('.prose').evaluate((prose) => getComputedStyle(prose).textAutospace)).toBe(
      'no-autospace',
    );
    // A browser without text-autospace sees the same rules: the gap is the markers' alone.
    // (Style attributes, not a <style>: the site's policy allows no inline style sheets.)
    await page
      .locator('.prose .cjk-gap')
      .evaluateAll((gaps) =>
        gaps.forEach((gap) => (gap as HTMLElement).style.setProperty('margin-inline-start', '0', 'important')),
      );
    expect(await gap()).toBeLessThan(0.01);
  });
});
