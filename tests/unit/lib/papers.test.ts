import { describe, expect, it } from 'vitest';
import { authorLine, loadPapers, normalizePaperId, paperFor, parsePapers } from '../../../src/lib/papers.ts';

describe('papers', () => {
  it('normalizes arXiv and DOI ids in their common spellings', () => {
    expect(normalizePaperId('arxiv:2104.09864')).toBe('arXiv:2104.09864');
    expect(normalizePaperId('https://arxiv.org/abs/2104.09864v2')).toBe('arXiv:2104.09864');
    expect(normalizePaperId('https://doi.org/10.1007/BF01458701')).toBe('doi:10.1007/BF01458701');
  });

  it('reads entries and falls back to a link for unknown ids', () => {
    const papers = parsePapers(
      '"arXiv:1706.03762":\n  title: Attention Is All You Need\n  authors: [A, B]\n  year: 2017\n',
      'papers.yaml',
    );
    expect(paperFor(papers, 'arxiv:1706.03762')).toMatchObject({
      title: 'Attention Is All You Need',
      year: 2017,
      url: 'https://arxiv.org/abs/1706.03762',
      known: true,
    });
    expect(paperFor(papers, 'doi:10.1/x')).toMatchObject({
      title: 'doi:10.1/x',
      url: 'https://doi.org/10.1/x',
      known: false,
    });
  });

  it('needs a title for every entry', () => {
    expect(() => parsePapers('"arXiv:1":\n  year: 2020\n', 'papers.yaml')).toThrow(
      /papers\.yaml: paper "arXiv:1" needs at least a title/,
    );
  });

  it('refuses a url that is not http(s): a data file cannot plant a javascript: link', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '//evil.example',
    ]) {
      expect(() => parsePapers(`"arXiv:1":\n  title: T\n  url: "${url}"\n`, 'papers.yaml')).toThrow(
        /papers\.yaml: paper "arXiv:1" has url .*; write an http\(s\) address/,
      );
    }
    expect(
      parsePapers('"arXiv:1":\n  title: T\n  url: https://example.org/p\n', 'papers.yaml').get('arXiv:1')?.url,
    ).toBe('https://example.org/p');
  });

  it('shortens long author lists', () => {
    expect(authorLine(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C, D et al.');
    expect(authorLine(['A', 'B'])).toBe('A, B');
  });

  it('has an entry for every paper the bundled articles cite', async () => {
    const { bundledArticles } = await import('../../e2e/helpers.ts');
    const papers = loadPapers('content');
    const cited = bundledArticles().flatMap((article) => article.papers);
    expect(cited.length).toBeGreaterThan(50);
    expect(cited.filter((id) => !paperFor(papers, id).known)).toEqual([]);
  });
});
