/**
 * Display math as MathJax, Obsidian, Typora, Quarto and kramdown users write it: rendered as
 * display math, with the prose around it intact and problems at the author's own lines.
 */
import { describe, expect, it } from 'vitest';
import { displayMathLines, originalPoint } from '../../../src/markdown/display-math-lines.ts';
import { renderWithProblems } from '../../helpers/markdown.ts';

const displays = (html: string) => (html.match(/class="math math-display"/g) ?? []).length;
const inlines = (html: string) => (html.match(/class="math math-inline"/g) ?? []).length;

describe('display math written the MathJax way', () => {
  it('TeX on the line of the opening and of the closing $$ (Obsidian, Typora)', async () => {
    const { html, problems } = await renderWithProblems(
      'Before.\n\n$$\\begin{aligned}\na &= b \\\\\n  &= c\n\\end{aligned}$$\n\nAfter with $x$.\n',
    );
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(1);
    expect(inlines(html)).toBe(1);
    expect(html).toContain('<p>After with');
  });

  it('$$ inside a sentence is display math, and the sentence goes on after it', async () => {
    const { html, problems } = await renderWithProblems('Minimize $$\\sum_i x_i^2$$ over the ball.\n');
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(1);
    expect(html).toContain('<p>Minimize</p>');
    expect(html).toContain('<p>over the ball.</p>');
  });

  it('$$ glued to the end of a text line, closed on a later line', async () => {
    const { html, problems } = await renderWithProblems(
      'The bound is:$$\n\\Pr[X > t] \\le e^{-t}\n$$\nwhich is tight.\n',
    );
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(1);
    expect(html).toContain('which is tight.');
  });

  it('a closing $$ followed by <br/>, punctuation, trailing spaces or a Quarto label', async () => {
    const source =
      '$$\nE = mc^2\n$$<br/>\n\n$$\nF = ma\n$$.  \n\n$$\np = mv\n$$ {#eq-momentum}\n\nSee \\eqref{eq-momentum} and $m$.\n';
    const { html, problems } = await renderWithProblems(source);
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(3);
    expect(html).toContain('id="eq-momentum"');
    expect(html).not.toContain('&#x3C;br');
    expect(inlines(html)).toBe(1);
  });

  it('$$ blocks inside list items (tab-indented closing) and blockquotes', async () => {
    const { html, problems } = await renderWithProblems(
      '1. Compute $$v = \\begin{cases}\n\t1 & x>0 \\\\\n\t0 & \\text{else}\n\t\\end{cases}\n\t$$\n2. Stop.\n\n> Quote:\n> $$\n> x^2\n> $$\n',
    );
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(2);
    expect(html).toMatch(/<li>[\s\S]*Compute[\s\S]*math-display[\s\S]*<\/li>\s*<li>Stop\.<\/li>/);
    expect(html).toMatch(/<blockquote>[\s\S]*math-display[\s\S]*<\/blockquote>/);
  });

  it('a | inside the TeX after an opening $$ (an array column rule) does not make the line a table row', async () => {
    const { html, problems } = await renderWithProblems(
      'Raising is $$\\left(\\begin{array}{c | c}\n1 & 0\n\\end{array}\\right).$$\nThe CSA of $x_1$ looks like$$\\left(\\begin{array}{c | c}\n0 & 1\n\\end{array}\\right).$$The story goes on.\n\n| a | b |\n| - | - |\n| $$x$$ | $y$ |\n',
    );
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(2);
    expect(html).toContain('<p>The story goes on.</p>');
    expect(html).toMatch(/<td>\s*<span class="math math-inline">/);
  });

  it('a closing $$ right before an inline formula ($$…$$$h$ is) closes there', async () => {
    const { html, problems } = await renderWithProblems(
      '> This maps to e.g.$$\\left(1, \\frac{2}{n}\\right).$$$h$ is in the algebra.\n\nAnd $$\nx\n$$$y$ too.\n',
    );
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(2);
    expect(inlines(html)).toBe(2);
    expect(html).toContain('is in the algebra.');
  });

  it('a one-line $$ block in a list item of a quote written without spaces (>1. $$ x $$)', async () => {
    const { html, problems } = await renderWithProblems(
      '>We check:\n>1. $$ a_k = 1$$\n> 2. $$ b_k = 0$$\n>    then $c$ follows.\n\nAfter.\n',
    );
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(2);
    expect(html).toMatch(
      /<blockquote>[\s\S]*<ol>\s*<li>\s*<div class="math math-display">[\s\S]*<\/li>\s*<li>[\s\S]*math-display[\s\S]*follows\.[\s\S]*<\/li>\s*<\/ol>\s*<\/blockquote>/,
    );
    expect(html).toContain('<p>After.</p>');
  });

  it('\\begin{equation} and \\begin{align} standing in the text without dollars', async () => {
    const { html, problems } = await renderWithProblems('Hence\n\\begin{align*}\na &= b\n\\end{align*}\nas claimed.\n');
    expect(problems).toEqual([]);
    expect(displays(html)).toBe(1);
    expect(html).toContain('as claimed.');
  });

  it('code, table rows and headings keep their $$ as they are', async () => {
    const { html } = await renderWithProblems(
      '```\n$$ not math $$\n```\n\nUse `$$x$$` in code.\n\n| a | $$b$$ |\n| - | - |\n| 1 | 2 |\n\n## On $$x$$\n',
    );
    expect(html).toContain('$$ not math $$');
    expect(html).toContain('<code>$$x$$</code>');
    expect(displays(html)).toBe(0);
  });

  it('a $$ that is never closed is reported at its opening line, and the prose after it stays prose', async () => {
    const { html, problems } = await renderWithProblems(
      'Intro.\n\n$$\nx + y\n\nA later paragraph with $z$.\n',
      '/work/content/articles/open.md',
    );
    expect(problems).toEqual([expect.stringMatching(/open\.md:3:1 — this \$\$ display formula is never closed/)]);
    expect(html).toContain('A later paragraph');
  });

  it('maps every line back to the line and column the author wrote', () => {
    const normal = displayMathLines('a\nText $$x$$ more.\nb')!;
    expect(normal.text).toBe('a\nText\n$$\nx\n$$\nmore.\nb');
    expect(normal.origins.map((origin) => origin.line)).toEqual([1, 2, 2, 2, 2, 2, 3]);
    expect(originalPoint(normal.origins, { line: 4, column: 1 })).toEqual({ line: 2, column: 8 });
    expect(displayMathLines('no display math here')).toBeUndefined();
  });

  it("problems inside a rewritten line are reported at the author's line", async () => {
    const { problems } = await renderWithProblems('One.\n\nSo $$\\frac{a}{$$ then.\n', '/work/content/articles/bad.md');
    expect(problems).toEqual([expect.stringMatching(/bad\.md:3:\d+ — invalid TeX/)]);
  });
});
