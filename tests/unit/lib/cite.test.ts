import { describe, expect, it } from 'vitest';
import { bibtexFor, escapeBibtex } from '../../../src/lib/cite.ts';

describe('BibTeX', () => {
  it('escapes TeX specials so titles cannot break the entry', () => {
    expect(escapeBibtex('50% of $x_1$ & {y}')).toBe('50\\% of \\$x\\_1\\$ \\& \\{y\\}');
  });

  it('builds an @online entry with year, month and URL', () => {
    const entry = bibtexFor({
      slug: 'rope',
      title: 'RoPE',
      author: 'ML 知识库',
      date: new Date('2025-02-27'),
      url: 'https://x/articles/rope/',
      siteTitle: 'ML 知识库',
    });
    expect(entry).toContain('@online{kb-rope-2025,');
    expect(entry).toContain('month   = {2},');
    expect(entry).toContain('url     = {https://x/articles/rope/},');
  });
});
