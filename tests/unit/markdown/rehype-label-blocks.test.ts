import { describe, expect, it } from 'vitest';
import { renderWithProblems } from '../../helpers/markdown.ts';

describe('rehype-label-blocks: the rendered numbered blocks, for other articles’ previews', () => {
  it('keeps each labelled block’s HTML without ids or links, a row of align as its whole formula', async () => {
    const { file } = await renderWithProblems(
      '$$\na = b \\label{eq:a}\n$$\n\n::: {#thm-x}\n## 名字\n由 \\eqref{eq:a} 与 $\\eqref{eq:a}$ 可得 $x^2$。\n:::\n\n$$\n\\begin{align}\nc &= d \\label{eq:row}\n\\end{align}\n$$',
    );
    const blocks = file.data.labelBlocks!;
    expect(Object.keys(blocks).sort()).toEqual(['eq-a', 'eq-row', 'thm-x']);
    expect(blocks['thm-x']).toMatch(/^<div class="theorem theorem-thm"[^>]*><p><span class="theorem-title">/);
    expect(blocks['thm-x']).toContain('class="katex"');
    expect(blocks['thm-x']).not.toMatch(/\sid="|href=|<a[\s>]/);
    expect(blocks['eq-row']).toMatch(/^<div class="math math-display">/);
    expect(blocks['eq-row']).not.toContain('id="eq-row"');
  });
});
