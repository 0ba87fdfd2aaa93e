import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import rehypeKatexStrict from '../../../src/markdown/rehype-katex-strict.ts';
import { mathMacros } from '../../../src/config.ts';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('rehype-katex-strict', () => {
  it('renders environments, macros and Chinese text', async () => {
    const html = await renderMarkdown(
      [
        '$$',
        '\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix} \\begin{bmatrix} a \\end{bmatrix}',
        '\\begin{cases} 1 & x>0 \\\\ 0 & \\text{否则} \\end{cases} \\tag{7}',
        '$$',
        '',
        '$\\argmax_{\\theta}\\E[\\bm{x}] \\in \\R, \\softmax, \\KL, \\mathbb{N}, \\boldsymbol{y}, \\operatorname{tr}$',
        '',
        '$$\\begin{array}{cc} a & b \\end{array}$$',
      ].join('\n'),
    );
    expect(html).not.toContain('katex-error');
    expect(html).toContain('否则');
    expect(html).toContain('(7)');
    expect(html).toContain('arg');
    expect(html).toContain('<mi mathvariant="double-struck">R</mi>');
  });

  it('reports invalid TeX with file, line and the formula, and renders the rest of the page', async () => {
    const { html, problems } = await renderWithProblems(
      '第一行\n\n第三行 $\\frac{a}{$ 结束，然后 $x^2$。',
      '/tmp/content/articles/bad.md',
    );
    expect(problems).toEqual([expect.stringMatching(/bad\.md:3:\d+ — invalid TeX: .*\n\s+formula: \\frac\{a\}\{/)]);
    expect(html).toContain('结束，然后');
    expect(html).toContain('class="katex"');
  });

  it('names unknown macros', async () => {
    const { problems } = await renderWithProblems('$\\notamacro{x}$');
    expect(problems).toEqual([expect.stringMatching(/Undefined control sequence: \\notamacro/)]);
  });

  it('publishes invalid TeX as its source, visibly marked', async () => {
    const tree = unified()
      .use(rehypeParse, { fragment: true })
      .use(rehypeKatexStrict, { macros: mathMacros, output: 'hast' })
      .use(rehypeStringify);
    const file = new VFile({
      path: 'marked.md',
      value: '<p><code class="language-math math-inline">\\frac{a}{</code></p>',
    });
    const html = String(await tree.process(file));
    expect(html).toContain('class="katex-error"');
    expect(html).toContain('\\frac{a}{');
    expect(file.data.problems?.map((problem) => problem.rule)).toEqual(['math/invalid-tex']);
  });

  it('gives a numbered display formula a row: the formula in its own cell, the number beside it', async () => {
    const html = await renderMarkdown('$$\na+b=c \\label{eq:sum}\n$$\n\n$$x$$');
    const rows = html.match(/<div[^>]*class="math math-display"[^>]*>/g) ?? [];
    expect(rows).toEqual(['<div id="eq-sum" class="math math-display">', '<div class="math math-display">']);
    // The number left KaTeX's box (where it is pinned over the formula) for a cell of its own.
    const [numbered, plain] = html.split('<div class="math math-display">');
    expect(numbered).toMatch(
      /<div class="math-formula"><span class="katex-display">[\s\S]*<\/div><span class="math-number" aria-hidden="true" data-pagefind-ignore=""><span class="katex-tag">/,
    );
    expect(numbered!.split('<div class="math-formula">')[1]!.split('<span class="math-number"')[0]).not.toContain(
      'katex-tag',
    );
    expect(numbered).toContain('>1</span>');
    // The MathML still carries the number for screen readers.
    expect(numbered).toContain('<mtext>(1)</mtext>');
    expect(plain).toContain('<div class="math-formula">');
    expect(plain).not.toContain('math-number');
  });

  it('reserves each base of a formula at its final width, so fonts arriving late re-wrap nothing', async () => {
    const html = await renderMarkdown('文字 $a+b$ 与 $\\text{中文}$。');
    const widths = [...html.matchAll(/class="katex-base" style="width:([\d.]+)em/g)].map((match) => Number(match[1]));
    // a, +, b: "a" + thick space around "+" is one base, "b" the next (KaTeX breaks after binary operators).
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeGreaterThan(1.2);
    // Chinese inside \text is drawn by a system font: no reservation for a width nobody knows.
    expect(html).toMatch(/<span class="katex-base"><span class="katex-strut"[^>]*><\/span><span class="mord text">/);
  });
});

describe('TeX written for MathJax', () => {
  it('renders once rewritten the way KaTeX reads it, and says how to write it', async () => {
    const cases = [
      '$\\tau_\\max = 2$',
      '$n = \\text{seq_len}$',
      '$\\text{a & b}$',
      '$x^\\vec{a}$',
      '$\\require{physics} x$',
      '$$\n\\begin{eqnarray} a &=& b \\end{eqnarray}\n$$',
    ];
    for (const markdown of cases) {
      const { html, problems } = await renderWithProblems(markdown, '/tmp/content/articles/mathjax.md');
      expect(html, markdown).not.toContain('katex-error');
      expect(problems, markdown).toEqual([
        expect.stringMatching(
          /mathjax\.md:1:\d+ — KaTeX cannot read this formula as written \(MathJax can\)[\s\S]*fix: write it as /,
        ),
      ]);
    }
    const { problems } = await renderWithProblems('$\\tau_\\max$');
    expect(problems[0]).toContain('write it as  \\tau_{\\max}');
  });
});
