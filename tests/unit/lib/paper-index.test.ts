import { describe, expect, it } from 'vitest';
import { buildPaperIndex, venueName } from '../../../src/lib/paper-index.ts';
import type { Paper } from '../../../src/lib/papers.ts';

const paper = (id: string, year: number | undefined, venue: string | undefined): Paper => ({
  id,
  title: id,
  authors: [],
  year,
  venue,
  url: '',
  key: undefined,
  doi: undefined,
  arxiv: undefined,
  known: true,
});

describe('paper index', () => {
  it('files a venue without its year', () => {
    expect(venueName('NeurIPS 2022')).toBe('NeurIPS');
    expect(venueName('ICLR 2013 Workshop')).toBe('ICLR 2013 Workshop');
    expect(venueName(undefined)).toBeUndefined();
  });

  it('groups by year, newest first, undated last; lists venues and tags by frequency', () => {
    const index = buildPaperIndex([
      { paper: paper('a', 2021, 'ICLR 2021'), articles: [{ tags: ['rope', 'attention'] }] },
      { paper: paper('b', 2023, 'ICLR'), articles: [{ tags: ['attention'] }, { tags: ['moe'] }] },
      { paper: paper('c', undefined, 'arXiv'), articles: [{ tags: ['attention'] }] },
      { paper: paper('d', 2023, undefined), articles: [] },
    ]);
    expect(index.byYear.map((group) => [group.year, group.papers.map((entry) => entry.paper.id)])).toEqual([
      [2023, ['b', 'd']],
      [2021, ['a']],
      [undefined, ['c']],
    ]);
    expect(index.years).toEqual([2023, 2021]);
    expect(index.venues).toEqual(['ICLR', 'arXiv']);
    expect(index.tags).toEqual(['attention', 'moe', 'rope']);
    expect(index.papers.find((entry) => entry.paper.id === 'b')?.tags).toEqual(['attention', 'moe']);
  });
});
