import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import rehypeKatexStrict from '../../../src/markdown/rehype-katex-strict.ts';
import { mathMacros } from '../../../src/config.ts';
import { renderMarkdown } from '../../helpers/markdown.ts';

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

  it('fails on invalid TeX with file, line and the formula', async () => {
    await expect(renderMarkdown('第一行\n\n第三行 $\\frac{a}{$ 结束', '/tmp/content/articles/bad.md')).rejects.toThrow(
      /bad\.md:3:\d+ — invalid TeX: .*\n\s+formula: \\frac\{a\}\{/,
    );
  });

  it('names unknown macros', async () => {
    await expect(renderMarkdown('$\\notamacro{x}$')).rejects.toThrow(/Undefined control sequence: \\notamacro/);
  });

  it('marks invalid TeX visibly in lenient mode instead of failing', async () => {
    const tree = unified().use(rehypeParse, { fragment: true }).use(rehypeKatexStrict, { macros: mathMacros, lenient: true, output: 'hast' }).use(rehypeStringify);
    const file = new VFile({ path: 'lenient.md', value: '<p><code class="language-math math-inline">\\frac{a}{</code></p>' });
    const html = String(await tree.process(file));
    expect(html).toContain('class="katex-error"');
    expect(html).toContain('\\frac{a}{');
  });

  it('tells the page it has math, so the KaTeX stylesheet is linked only then', async () => {
    const run = async (value: string) => {
      const file = new VFile({ value });
      await unified().use(rehypeParse, { fragment: true }).use(rehypeKatexStrict, {}).use(rehypeStringify).process(file);
      return (file.data as { astro?: { frontmatter?: { hasMath?: boolean } } }).astro?.frontmatter?.hasMath;
    };
    expect(await run('<p><code class="language-math math-inline">x</code></p>')).toBe(true);
    expect(await run('<p>no math</p>')).toBeUndefined();
  });
});
