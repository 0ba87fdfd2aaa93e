import { describe, expect, it } from 'vitest';
import { buildBacklinks, linkedSlugs } from '../../../src/lib/backlinks.ts';

const link = (slug: string, context = '…') => ({ slug, context: [{ type: 'text' as const, value: context }] });

describe('backlinks', () => {
  it('index who links to whom, the first link per article, without self-links', () => {
    const backlinks = buildBacklinks([
      { slug: 'a', links: [link('b', '我们用 b 里的结论推导。'), link('b', 'again')] },
      { slug: 'b', links: [link('b'), link('a', '另见 A 篇。')] },
      { slug: 'c', links: [link('b', '参见 B 文 的讨论')] },
    ]);
    expect(backlinks.get('b')?.map((entry) => entry.from)).toEqual(['a', 'c']);
    expect(backlinks.get('b')?.[0]?.context).toEqual([{ type: 'text', value: '我们用 b 里的结论推导。' }]);
    expect(backlinks.get('a')?.map((entry) => entry.from)).toEqual(['b']);
  });

  it('list the distinct articles an article links to, in order', () => {
    expect(linkedSlugs([link('rope'), link('kv-cache'), link('rope')])).toEqual(['rope', 'kv-cache']);
  });
});
