import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

/** The ids of the rendered display formulas, and the text of each @eq-/\eqref link, in order. */
const equations = (html: string) => [...html.matchAll(/<div id="([^"]*)" class="math math-display"/g)].map((m) => m[1]);
const references = (html: string) =>
  [...html.matchAll(/<a href="#(eq-[^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);

describe("remark-equation-ids: Quarto's $$ … $$ {#eq-x}", () => {
  it('numbers a block whose closing fence carries the id, and @eq-x and \\eqref refer to it', async () => {
    const html = await renderMarkdown(
      [
        '由 @eq-softmax 可知。',
        '',
        '$$',
        'p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}',
        '$$ {#eq-softmax}',
        '',
        '正文继续，不在公式里：\\eqref{eq-softmax}。',
      ].join('\n'),
    );
    expect(equations(html)).toEqual(['eq-softmax']);
    expect(html).toContain('<mtext>(1)</mtext>');
    expect(references(html)).toEqual(['eq-softmax 式 (1)', 'eq-softmax (1)']);
    // The paragraph after the block is prose again, not swallowed into the formula.
    expect(html).toMatch(/<p>正文继续，不在公式里：<a href="#eq-softmax"/);
  });

  it('takes the one-line form and blocks inside quotes, and leaves blocks without an id unnumbered', async () => {
    const html = await renderMarkdown(
      [
        '$$ a = b $$ {#eq-one}',
        '',
        '$$',
        'x = 1',
        '$$',
        '',
        '> $$',
        '> q = 1',
        '> $$ {#eq-quote}',
        '',
        '见 @eq-one 与 @eq-quote。',
      ].join('\n'),
    );
    expect(equations(html)).toEqual(['eq-one', 'eq-quote']);
    expect(html).toMatch(/<blockquote>\s*<div id="eq-quote"/);
    expect(references(html)).toEqual(['eq-one 式 (1)', 'eq-quote 式 (2)']);
  });

  it('reports an id that is not an equation id, at its line, and keeps the formula', async () => {
    const { problems, html } = await renderWithProblems('$$\ny = 2\n$$ {#fig-wrong}\n', '/tmp/content/articles/x.md');
    expect(problems).toEqual([
      expect.stringMatching(
        /x\.md:1:1 — \{#fig-wrong\} after a formula: an equation's id starts with eq-\n\s+fix: write \{#eq-wrong\}/,
      ),
    ]);
    expect(html).toContain('class="math math-display"');
  });

  it('reports a wrong id on a one-line formula and after TeX on the closing line too, never printing it as text', async () => {
    const { problems, html } = await renderWithProblems(
      ['$$ y = 2 $$ {#fig-one}', '', '$$', '\\begin{aligned} a &= b \\end{aligned}$$ {#tbl-two}', ''].join('\n'),
      '/tmp/content/articles/x.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(/x\.md:1:\d+ — \{#fig-one\} after a formula: an equation's id starts with eq-/),
      expect.stringMatching(/x\.md:3:\d+ — \{#tbl-two\} after a formula: an equation's id starts with eq-/),
    ]);
    expect(html.match(/class="math math-display"/g)).toHaveLength(2);
    expect(html).not.toContain('{#');
  });
});
