import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { mathMacros } from '../../../src/config.ts';
import { mathmlOf } from '../../../src/markdown/rehype-feed-copy.ts';
import { settings } from '../../../src/settings.ts';
import { renderWithProblems } from '../../helpers/markdown.ts';

/** The feed copy of some Markdown, rendered through the real article pipeline. */
async function feedCopy(markdown: string): Promise<{ page: string; feed: string }> {
  const { html, file, problems } = await renderWithProblems(markdown, '/work/content/articles/feed-test.md');
  expect(problems).toEqual([]);
  return { page: html, feed: file.data.feedHtml ?? '' };
}

const site = settings.siteUrl;
const pageUrl = new URL(`${settings.base}articles/feed-test/`, site).href;

describe('rehype-feed-copy', () => {
  it("takes KaTeX's MathML, exactly what output: 'mathml' gives, and drops the glyph HTML", async () => {
    const tex = '\\softmax\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V';
    const { page, feed } = await feedCopy(`注意力：$${tex}$。\n\n$$\n\\E[x] = \\sum_i p_i x_i\n$$\n`);
    expect(page).toContain('katex-html');
    expect(feed).not.toMatch(/katex|class=|style=/);
    const ownMathml = (source: string, displayMode: boolean) =>
      mathmlOf(katex.renderToString(source, { output: 'mathml', displayMode, macros: { ...mathMacros } }));
    expect(feed).toContain(ownMathml(tex, false));
    expect(feed).toContain(ownMathml('\\E[x] = \\sum_i p_i x_i', true));
    expect(feed).toMatch(/<div><math [^>]*display="block"/);
  });

  it('makes code plain <pre><code> text, without the frame, the label or the highlighting', async () => {
    const { page, feed } = await feedCopy('```python {1}\nx = 1 < 2\nprint(x)\n```\n');
    expect(page).toContain('code-block-bar');
    expect(feed).toBe('<pre><code>x = 1 &#x3C; 2\nprint(x)</code></pre>');
  });

  it('makes links, fragments and images absolute, with the site URL and the base path', async () => {
    const { feed } = await feedCopy(
      [
        '## 一节',
        '',
        '见 [RoPE](/articles/rope/)、[下文](#一节) 与 [外部](https://example.com/x)。',
        '',
        '![图](/favicon.svg)',
      ].join('\n'),
    );
    expect(feed).toContain(`<h2>一节</h2>`);
    expect(feed).toContain(`href="${new URL(`${settings.base}articles/rope/`, site).href}"`);
    expect(feed).toContain(`href="${pageUrl}#%E4%B8%80%E8%8A%82"`);
    expect(feed).toContain('href="https://example.com/x"');
    expect(feed).toContain(`src="${new URL(`${settings.base}favicon.svg`, site).href}"`);
    expect(feed).not.toContain('heading-anchor');
  });

  it('points equation references (in prose and in formulas) at the page', async () => {
    const { feed } = await feedCopy(
      ['$$', 'a = b \\label{eq:ab}', '$$', '', '由 \\eqref{eq:ab} 与 $c = \\eqref{eq:ab}$ 可知。'].join('\n'),
    );
    expect(feed).toContain(`href="${pageUrl}#eq-ab"`);
    expect(feed).not.toMatch(/href="#/);
    expect(feed).not.toContain(' id=');
  });

  it('keeps table alignment without our classes', async () => {
    const { feed } = await feedCopy('| a | b |\n| :-- | --: |\n| 1 | 2 |\n');
    expect(feed).toContain('<th style="text-align: right">b</th>');
    expect(feed).not.toContain('class=');
  });

  it('finds the <math> element in KaTeX output', () => {
    const html = katex.renderToString('x^2', { output: 'htmlAndMathml' });
    expect(mathmlOf(html)).toMatch(/^<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">[\s\S]*<\/math>$/);
    expect(mathmlOf('<span>no math</span>')).toBeUndefined();
  });
});
