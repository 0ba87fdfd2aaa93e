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
