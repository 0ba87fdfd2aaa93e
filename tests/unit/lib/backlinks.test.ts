import { describe, expect, it } from 'vitest';
import { buildBacklinks, outgoingLinks, sentenceAround } from '../../../src/lib/backlinks.ts';
import { excerptText } from '../../../src/lib/excerpt.ts';

describe('backlinks', () => {
  it('finds Markdown and [[wiki]] links to articles, once each, ignoring code', () => {
    const body = '见 [RoPE](/articles/rope/#外推) 与 [[kv-cache]]，再看 [[rope|旋转]]。\n\n```md\n[x](/articles/hidden/)\n```';
    expect(outgoingLinks(body)).toEqual(['rope', 'kv-cache']);
  });

  it('takes the sentence around the link as context', () => {
    const text = '第一句。第二句提到 [RoPE](/articles/rope/) 的性质。第三句。';
    expect(sentenceAround(text, text.indexOf('[RoPE]'))).toBe('第二句提到 [RoPE](/articles/rope/) 的性质。');
  });

  it('indexes who links to whom, with readable context and no self-links', () => {
    const backlinks = buildBacklinks([
      { slug: 'a', body: '引言。我们用 [[b]] 里的结论 $x^2$ 推导。结尾。' },
      { slug: 'b', body: '自引 [[b]]。另见 [A 篇](/articles/a/)。' },
      { slug: 'c', body: '- 第一项\n- 参见 [[b|B 文]] 的讨论\n- 第三项' },
    ]);
    expect(backlinks.get('b')?.map((link) => link.from)).toEqual(['a', 'c']);
    expect(excerptText(backlinks.get('b')![0]!.context)).toBe('我们用 b 里的结论 x^2 推导。');
    expect(excerptText(backlinks.get('b')![1]!.context)).toBe('参见 B 文 的讨论');
    expect(backlinks.get('a')?.map((link) => link.from)).toEqual(['b']);
  });
});
