/**
 * Print: two math-heavy articles printed to PDF by Chromium (page.pdf(), which uses the
 * print stylesheet), their text extracted with pdftotext (Debian's poppler-utils), and
 * read the way a person checks a printout: the title, the dates, the formulas (their
 * equation numbers and operators), every code line whole, the last paragraph, external
 * link addresses; no header, navigation, search, TOC, theme toggle or copy buttons.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** Text without any whitespace: PDF text breaks lines (and CJK has no spaces) where it likes. */
const squeeze = (text: string) => text.replace(/[\s\u200b]+/g, '');

for (const slug of ['random-walk-generating-functions', 'rope']) {
  test(`${slug} prints with its formulas, code and last paragraph, without the site around it`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`articles/${slug}/`);
    await page.evaluate(() => document.fonts.ready);

    const facts = await page.evaluate(() => {
      const prose = document.querySelector('.prose')!;
      const withoutMath = (node: Element) => {
        const copy = node.cloneNode(true) as Element;
        copy.querySelectorAll('.katex, sup, .eqref').forEach((math) => math.replaceWith(' '));
        return copy.textContent ?? '';
      };
      const paragraphs = [...prose.querySelectorAll(':scope > p')];
      return {
        title: document.querySelector('h1')!.textContent!,
        date: document.querySelector('.article-meta time')!.textContent!,
        last: withoutMath(paragraphs.at(-1)!),
        tags: [...document.querySelectorAll('.math-display .katex-html .tag')].map((tag) => tag.textContent!),
        displayFormulas: document.querySelectorAll('.math-display').length,
        codeLines: [...prose.querySelectorAll('pre code .line')].map((line) => line.textContent!),
        external: [...prose.querySelectorAll<HTMLAnchorElement>('a[href^="http"]')].map((link) => link.href),
        // The site around the article, each as the run of text it would print as.
        around: [
          '.site-header nav',
          '.site-footer',
          '.toc',
          '.prev-next',
          '.related',
          '.cite-block',
          '.article-history',
        ]
          .flatMap((selector) => [...document.querySelectorAll(selector)])
          .map((element) => (element as HTMLElement).innerText || element.textContent!)
          .filter((text) => text.trim()),
        controls: [...document.querySelectorAll('.copy-code, .copy-tex, .theme-toggle, .skip-link')].map(
          (element) => element.textContent || element.getAttribute('aria-label') || '',
        ),
      };
    });
    expect(facts.displayFormulas).toBeGreaterThan(5);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-print-'));
    const pdf = path.join(dir, `${slug}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    const printed = squeeze(text);

    expect(printed).toContain(squeeze(facts.title));
    expect(printed).toContain(facts.date);
    // Formulas: every equation number is printed, and the TeX operators show as glyphs.
    for (const tag of facts.tags) expect(printed).toContain(squeeze(tag));
    expect(printed).toMatch(/[∑∫∏√∞≤≥≈→θλ]/);
    // Code wraps: every line is there in full, none cut at the margin.
    for (const line of facts.codeLines.filter((line) => line.trim())) expect(printed).toContain(squeeze(line));
    // The last paragraph, its prose pieces in order (formulas left out of the comparison).
    const pieces = facts.last
      .split(/\s{2,}| (?=\S)/)
      .map(squeeze)
      .filter((piece) => piece.length >= 4);
    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) expect(printed).toContain(piece);
    for (const href of facts.external) expect(printed).toContain(squeeze(href));
    // None of the site around the article, and none of the page's controls.
    expect(facts.around.length).toBeGreaterThanOrEqual(5);
    for (const text of facts.around) expect(printed, text.slice(0, 60)).not.toContain(squeeze(text));
    expect(facts.controls.filter(Boolean).length).toBeGreaterThanOrEqual(3);
    for (const label of [...facts.controls.filter(Boolean), '复制代码', '复制 TeX', '切换深色模式'])
      expect(printed, label).not.toContain(squeeze(label));
  });
}
