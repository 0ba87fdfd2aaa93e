/**
 * The facts the pipeline records while it renders (src/markdown/article-facts.ts): what
 * listings, backlinks, the graph, the link check and the library table read instead of
 * the Markdown.
 */
import { describe, expect, it } from 'vitest';
import { excerptText } from '../../../src/lib/excerpt.ts';
import { renderWithProblems } from '../../helpers/markdown.ts';

// The bundled library has these articles, so links to them resolve.
const facts = async (markdown: string) =>
  (await renderWithProblems(markdown, '/tmp/content/articles/facts.md')).file.data.facts!;

describe('article facts', () => {
  it('take the excerpt from the first paragraphs: formulas kept whole, code, display math, headings and lists left out', async () => {
    const { excerpt } = await facts(
      '## 标题\n\n设 $Q\\in\\R^{n\\times d}$ 与 \\(K\\) 为**矩阵**[^1]。\n\n- 列表\n\n```python\nx = 1\n```\n\n$$\na=b\n$$\n\n[^1]: 注。\n',
    );
    expect(excerpt).toEqual([
      { type: 'text', value: '设 ' },
      { type: 'math', value: 'Q\\in\\R^{n\\times d}' },
      { type: 'text', value: ' 与 ' },
      { type: 'math', value: 'K' },
      { type: 'text', value: ' 为矩阵。' },
    ]);
  });

  it('sum up a note without a top-level paragraph by its first block of text: a quote, a list item, a heading', async () => {
    expect(excerptText((await facts('> 引用里的第一句。\n>\n> 第二句。\n\n- 列表\n')).excerpt)).toBe(
      '引用里的第一句。',
    );
    expect(excerptText((await facts('- 第一项 [[笔记]]\n  - 子项\n- 第二项\n')).excerpt)).toBe('第一项 笔记');
    expect(excerptText((await facts('## 只有标题\n\n```python\nx = 1\n```\n')).excerpt)).toBe('只有标题');
    expect((await facts('```python\nx = 1\n```\n\n![图](https://example.org/a.png)\n')).excerpt).toEqual([]);
  });

  it('keep link text and drop equation numbers from the excerpt', async () => {
    const { excerpt } = await facts(
      '$$x \\label{eq:x}$$\n\n**粗体**与[链接](/articles/rope/)和`code`，见 \\eqref{eq:x}。\n',
    );
    expect(excerptText(excerpt)).toBe('粗体与链接和code，见 。');
  });

  it('record links to articles with the sentence around each, and every site link with its line', async () => {
    const result = await facts(
      '第一句。\n\n第二句提到 [RoPE](/articles/rope/#外推) 的性质，公式 $a.b$ 不断句。第三句。\n\n- 参见 [[kv-cache]] 的讨论\n\n[锚点](#here) 与 [外站](https://example.org)。\n',
    );
    expect(result.articleLinks.map((link) => [link.slug, link.line, excerptText(link.context)])).toEqual([
      ['rope', 3, '第二句提到 RoPE 的性质，公式 a.b 不断句。'],
      ['kv-cache', 5, expect.stringMatching(/^参见 .+ 的讨论$/)],
    ]);
    expect(result.siteLinks.map((link) => [link.href, link.line])).toEqual([
      [`/articles/rope/#${encodeURIComponent('外推')}`, 3],
      ['/articles/kv-cache/', 5],
      ['#here', 7],
    ]);
  });

  it('count prose for the reading time, without code and math', async () => {
    const { prose, readingMinutes } = await facts(
      '中文\n\n```python\nfor i in range(10): pass\n```\n\n$$a+b$$\n\n和 $x$ words here\n',
    );
    expect(prose).toEqual({ cjk: 3, words: 2 });
    expect(readingMinutes).toBe(1);
  });

  it('count formulas and code blocks, and keep runnable blocks with their fence line', async () => {
    const result = await facts(
      '$a$ 与 $b$\n\n$$c$$\n\n```python runnable\nassert 1 + 1 == 2\n```\n\n```bash\nls\n```\n',
    );
    expect(result.formulas).toEqual({ inline: 2, display: 1 });
    expect(result.codeBlocks).toBe(2);
    expect(result.runnable).toEqual([{ line: 5, lang: 'python', code: 'assert 1 + 1 == 2\n' }]);
    expect(result.hasMath).toBe(true);
    expect((await facts('no math')).hasMath).toBe(false);
  });

  it('keep the outline with formulas in heading text', async () => {
    expect((await facts('## 推广到 $d$ 维\n\n正文。')).headings).toEqual([
      { depth: 2, slug: '推广到-d-维', text: '推广到 $d$ 维' },
    ]);
  });
});
