import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../helpers/markdown.ts';

const GAP = '<span class="cjk-gap"></span>';
const MATH_GAP = '<span class="cjk-gap cjk-gap-math"></span>';

describe('rehype-cjk-spacing', () => {
  it('marks each boundary between Chinese and Latin letters or digits, leaving the text as written', async () => {
    const html = await renderMarkdown('使用Transformer模型，共3层。');
    expect(html).toBe(`<p>使用${GAP}Transformer${GAP}模型，共${GAP}3${GAP}层。</p>`);
    expect(html.replace(/<[^>]+>/g, '')).toBe('使用Transformer模型，共3层。');
  });

  it('spaces across emphasis and links, and next to inline math in every browser', async () => {
    const html = await renderMarkdown('这是**BERT**的改进，向量$x$是[RoPE](/articles/rope/)。');
    expect(html).toContain(`这是${GAP}<strong>BERT</strong>${GAP}的改进`);
    expect(html).toMatch(new RegExp(`向量${MATH_GAP}<span class="math math-inline">.*?</span>${MATH_GAP}是${GAP}<a`));
  });

  it('adds nothing where the author typed a space, in code, between punctuation and Latin, or before a footnote mark', async () => {
    const html = await renderMarkdown(
      '使用 BERT 模型，`中文abc` 与“RoPE”。见脚注[^1]。\n\n```\n中文abc\n```\n\n[^1]: 脚注。',
    );
    expect(html).not.toContain('cjk-gap');
  });

  it('leaves English prose alone', async () => {
    expect(await renderMarkdown('Plain English, 42 words.')).toBe('<p>Plain English, 42 words.</p>');
  });
});
