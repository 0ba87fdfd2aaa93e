import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../helpers/markdown.ts';

describe('remark-math-delimiters: \\( \\) and \\[ \\]', () => {
  it('renders \\(…\\) as inline math, with _ and * kept as TeX', async () => {
    const html = await renderMarkdown('设 \\(a_i * b_j\\) 与 \\(x^*\\) 为标量。');
    expect(html).toContain('class="math math-inline"');
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).not.toContain('<em>');
    expect(html).not.toContain('\\(');
  });

  it('renders a \\[…\\] paragraph as display math, across lines', async () => {
    const html = await renderMarkdown(
      '前文。\n\n\\[\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n\\]\n\n后文。',
    );
    expect(html).toContain('<div class="math math-display">');
    expect(html).toContain('katex-display');
  });

  it('keeps \\[…\\] inside a sentence in display style', async () => {
    const html = await renderMarkdown('行内的 \\[x^2\\] 公式。');
    expect(html).toContain('math-display');
  });

  it('leaves an escaped backslash and an unclosed \\( as text', async () => {
    const html = await renderMarkdown('路径 C:\\\\(temp) 与未闭合的 \\(x');
    expect(html).not.toContain('katex');
    expect(html).toContain('(temp)');
  });

  it('does not treat TeX commands as the closing delimiter', async () => {
    const html = await renderMarkdown('\\(\\left(\\frac{a}{b}\\right)\\)');
    expect(html.match(/class="katex"/g)).toHaveLength(1);
    expect(html).not.toContain('katex-error');
  });

  it('still supports $…$ and $$…$$ side by side', async () => {
    const html = await renderMarkdown('$a$ 和 \\(b\\)\n\n$$\nc\n$$');
    expect(html.match(/class="katex"/g)).toHaveLength(3);
  });
});
