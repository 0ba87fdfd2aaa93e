import { describe, expect, it } from 'vitest';
import { excerptFromMarkdown, excerptText } from '../../../src/lib/excerpt.ts';

describe('excerpts', () => {
  it('keep inline math as whole formulas and drop code, display math and headings', () => {
    const parts = excerptFromMarkdown('## 标题\n\n设 $Q\\in\\R^{n\\times d}$ 与 \\(K\\) 为矩阵。\n\n```python\nx = 1\n```\n\n$$\na=b\n$$', 160);
    expect(parts).toEqual([
      { type: 'text', value: '设 ' },
      { type: 'math', value: 'Q\\in\\R^{n\\times d}' },
      { type: 'text', value: ' 与 ' },
      { type: 'math', value: 'K' },
      { type: 'text', value: ' 为矩阵。' },
    ]);
  });

  it('cut long prose to the limit with an ellipsis, never inside a formula', () => {
    const text = '这是一段很长的中文说明文字。'.repeat(30) + '$x$';
    const parts = excerptFromMarkdown(text, 150);
    const visible = excerptText(parts);
    expect([...visible].length).toBeLessThanOrEqual(152);
    expect([...visible].length).toBeGreaterThanOrEqual(120);
    expect(visible.endsWith('…')).toBe(true);
    expect(parts.some((part) => part.type === 'math')).toBe(false);
  });

  it('strip Markdown markup and keep link text', () => {
    expect(excerptText(excerptFromMarkdown('**粗体**与[链接](/articles/rope/)和`code`[^1]。', 100))).toBe('粗体与链接和code。');
  });
});
