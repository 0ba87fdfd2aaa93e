import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('remark-figures: numbered figures and tables', () => {
  it('makes ![caption](file){#fig-x} a numbered figure whose caption keeps its formula', async () => {
    const html = await renderMarkdown(
      '![注意力 $QK^\\top$ 的热力图](/favicon.svg){#fig-heat}\n\n![第二张](/favicon.svg){#fig-two}',
    );
    expect(html).toMatch(
      /<figure id="fig-heat" class="figure"><img src="\/favicon\.svg" alt="[^"]*"[^>]*><figcaption><span class="figure-label">图 1<\/span>：注意力 <span class="math math-inline">.*<\/span> 的热力图<\/figcaption><\/figure>/s,
    );
    expect(html).toMatch(/<figure id="fig-two" class="figure">.*图 2<\/span>：第二张/s);
  });

  it('makes a ::: {#fig-x} div with images and a caption paragraph a figure', async () => {
    const html = await renderMarkdown('::: {#fig-pair}\n![](/favicon.svg)\n\n两张图放在一起\n:::');
    expect(html).toMatch(
      /<figure id="fig-pair" class="figure"><p><img[^>]*><\/p><figcaption><span class="figure-label">图 1<\/span>：两张图放在一起<\/figcaption><\/figure>/,
    );
  });

  it('takes a table caption from ": caption {#tbl-x}" after a blank line, or right under the table', async () => {
    const html = await renderMarkdown(
      '| 模型 | 困惑度 |\n| --- | --- |\n| A | 10 |\n\n: 困惑度对比 {#tbl-ppl}\n\n| x | y |\n| - | - |\n| 1 | 2 |\n: 紧贴的标题 {#tbl-tight}\n',
    );
    expect(html).toMatch(
      /<figure id="tbl-ppl" class="table-figure"><figcaption><span class="figure-label">表 1<\/span>：困惑度对比<\/figcaption><table>/,
    );
    expect(html).toMatch(
      /<figure id="tbl-tight" class="table-figure"><figcaption><span class="figure-label">表 2<\/span>：紧贴的标题<\/figcaption><table>/,
    );
    expect(html).not.toContain('{#tbl');
    expect(html.match(/<tr>/g)).toHaveLength(4);
  });

  it('reports a numbered figure without a caption and a duplicate id', async () => {
    const { problems } = await renderWithProblems(
      '![](/favicon.svg){#fig-a}\n\n![甲](/favicon.svg){#fig-b}\n\n![乙](/favicon.svg){#fig-b}\n',
      '/tmp/content/articles/f.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(/f\.md:1:1 — 图 1 \("fig-a"\) has no caption/),
      expect.stringMatching(/f\.md:5:1 — the id "fig-b" is used twice in this article \(first on line 3\)/),
    ]);
  });
});
