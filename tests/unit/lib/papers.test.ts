import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBibliography, parseBibliography } from '../../../src/lib/bibliography.ts';
import { authorLine, normalizePaperId, paperFor, paperOf } from '../../../src/lib/papers.ts';
import { bundledArticles } from '../../e2e/helpers.ts';

const bib = (text: string) => {
  const { entries, problems } = parseBibliography(text, 'refs.bib');
  return {
    entries: new Map(entries.map((entry) => [entry.key, entry])),
    byId: new Map(entries.map((e) => [e.id, e])),
    problems,
  };
};

describe('papers (drawn from the bibliography)', () => {
  it('normalizes arXiv and DOI ids in their common spellings', () => {
    expect(normalizePaperId('arxiv:2104.09864')).toBe('arXiv:2104.09864');
    expect(normalizePaperId('https://arxiv.org/abs/2104.09864v2')).toBe('arXiv:2104.09864');
    expect(normalizePaperId('https://doi.org/10.1007/BF01458701')).toBe('doi:10.1007/BF01458701');
  });

  it('finds a paper by key or by id, and falls back to a link for unknown ids', () => {
    const bibliography = bib(
      '@inproceedings{vaswani2017attention, author = {Vaswani, Ashish and Shazeer, Noam and others}, title = {Attention Is All You Need}, booktitle = {NeurIPS}, year = {2017}, eprint = {1706.03762}, archiveprefix = {arXiv}}',
    );
    const expected = {
      key: 'vaswani2017attention',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'et al.'],
      venue: 'NeurIPS',
      year: 2017,
      url: 'https://arxiv.org/abs/1706.03762',
      known: true,
    };
    expect(paperFor(bibliography, 'arxiv:1706.03762')).toMatchObject(expected);
    expect(paperFor(bibliography, 'vaswani2017attention')).toMatchObject(expected);
    expect(paperFor(bibliography, 'doi:10.1/x')).toMatchObject({
      title: 'doi:10.1/x',
      url: 'https://doi.org/10.1/x',
      known: false,
    });
  });

  it('refuses a url that is not http(s): a data file cannot plant a javascript: link', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '//evil.example',
    ]) {
      const { entries, problems } = parseBibliography(
        `@article{k,\n  title = {T},\n  year = {2020},\n  eprint = {1706.03762},\n  archiveprefix = {arXiv},\n  url = {${url}},\n}\n`,
        'refs.bib',
      );
      expect(problems.map((problem) => `${problem.file}:${problem.line} ${problem.rule}`)).toEqual([
        'refs.bib:1 bibliography/unsafe-url',
      ]);
      expect(entries[0]?.url).toBeUndefined();
      expect(paperOf(entries[0]!).url).toBe('https://arxiv.org/abs/1706.03762');
    }
    const { entries } = parseBibliography(
      '@article{k,\n  title = {T},\n  url = {https://example.org/p},\n}\n',
      'refs.bib',
    );
    expect(entries[0]?.url).toBe('https://example.org/p');
  });

  it('shortens long author lists', () => {
    expect(authorLine(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C, D et al.');
    expect(authorLine(['A', 'B'])).toBe('A, B');
  });

  it('has an entry for every paper the bundled articles list, in the shared references.bib', () => {
    const bibliography = loadBibliography([path.resolve('content/references.bib')]);
    expect(bibliography.problems).toEqual([]);
    const listed = bundledArticles().flatMap((article) => article.papers);
    expect(listed.length).toBeGreaterThan(50);
    expect(listed.filter((id) => !paperFor(bibliography, id).known)).toEqual([]);
  });
});
