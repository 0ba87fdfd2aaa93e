import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../helpers/markdown.ts';

/** The text of the rendered HTML, tags dropped: what the reader sees. */
const text = async (markdown: string) => (await renderMarkdown(markdown)).replace(/<[^>]+>/g, '').trim();

describe('remark-cjk-quotes', () => {
  it('turns ASCII quotes in Chinese prose into Chinese quotation marks', async () => {
    expect(await text('这是"条件计算"的核心收益，也叫\'稀疏激活\'。')).toBe(
      '这是“条件计算”的核心收益，也叫‘稀疏激活’。',
    );
  });

  it('converts a pair that quotes English inside Chinese prose, and pairs across emphasis and links', async () => {
    expect(await text('论文标题是 "Attention Is All You Need"，"**重点**"在[这里 "链接"](/articles/rope/)。')).toBe(
      '论文标题是 “Attention Is All You Need”，“重点”在这里 “链接”。',
    );
  });

  it('leaves English prose, apostrophes and primes alone', async () => {
    expect(await text('He said "hello" and it\'s fine.')).toBe('He said "hello" and it\'s fine.');
    expect(await text("中文里的 don't 与 models' 不是引号。")).toBe("中文里的 don't 与 models' 不是引号。");
  });

  it('never touches code or math', async () => {
    const html = await renderMarkdown('代码 `print("你好")` 和公式 $f("x")$ 保持原样。\n\n```python\ns = "中文"\n```');
    expect(html).toContain('<code>print("你好")</code>');
    expect(html).toContain('<annotation encoding="application/x-tex">f(&quot;x&quot;)</annotation>');
    expect(html).toContain(' "中文"</span>');
    expect(html).not.toMatch(/[“”]/);
  });

  it('leaves a paragraph with an odd number of " as written', async () => {
    expect(await text('一个"孤立的引号，和"一对"。')).toBe('一个"孤立的引号，和"一对"。');
  });

  it('converts headings and table cells', async () => {
    const html = await renderMarkdown('## 什么是"注意力"\n\n| 列 |\n| --- |\n| 所谓"专家" |');
    expect(html).toContain('什么是“注意力”');
    expect(html).toContain('所谓“专家”');
  });
});
