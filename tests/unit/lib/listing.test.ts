import { describe, expect, it } from 'vitest';
import {
  byNewest,
  countBy,
  groupByMonth,
  paginate,
  relatedArticles,
  seriesParts,
  type Listable,
} from '../../../src/lib/listing.ts';

const article = (slug: string, date: string, tags: string[], extra: Partial<Listable> = {}): Listable => ({
  slug,
  title: slug,
  date: new Date(date),
  tags,
  category: 'llm',
  ...extra,
});

describe('listing logic', () => {
  it('paginates into full pages and a remainder', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2);
    expect(pages.map((page) => page.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages[2]).toMatchObject({ current: 3, last: 3, total: 5 });
    expect(paginate([], 2)).toHaveLength(1);
  });

  it('groups the archive by month, newest first', () => {
    const groups = groupByMonth([
      article('a', '2026-01-05', []),
      article('b', '2026-03-01', []),
      article('c', '2026-01-20', []),
    ]);
    expect(groups.map((group) => [group.year, group.month, group.items.map((item) => item.slug)])).toEqual([
      [2026, 3, ['b']],
      [2026, 1, ['c', 'a']],
    ]);
  });

  it('counts tags, most used first', () => {
    expect([
      ...countBy([article('a', '2026-01-01', ['x', 'y']), article('b', '2026-01-02', ['y'])], (item) => item.tags),
    ]).toEqual([
      ['y', 2],
      ['x', 1],
    ]);
  });

  it('relates articles by shared tags, rare tags weighing more', () => {
    const all = [
      article('rope', '2026-01-01', ['rope', 'attention']),
      article('yarn', '2026-01-02', ['rope']),
      article('kv', '2026-01-03', ['attention']),
      article('moe', '2026-01-04', ['attention']),
      article('alone', '2026-01-05', ['misc']),
    ];
    const related = relatedArticles(all, 3);
    expect(related.get('rope')?.map((item) => item.slug)[0]).toBe('yarn');
    expect(related.get('alone')).toEqual([]);
    expect(related.get('kv')?.map((item) => item.slug)).not.toContain('kv');
  });

  it('orders a series by seriesOrder, then date', () => {
    const all = [
      article('c', '2026-01-01', [], { series: 's', seriesOrder: 3 }),
      article('a', '2026-03-01', [], { series: 's', seriesOrder: 1 }),
      article('b', '2026-02-01', [], { series: 's', seriesOrder: 2 }),
      article('x', '2026-02-01', [], { series: 'other' }),
    ];
    expect(seriesParts(all, 's').map((item) => item.slug)).toEqual(['a', 'b', 'c']);
  });

  it('sorts newest first', () => {
    expect([article('a', '2026-01-01', []), article('b', '2026-02-01', [])].sort(byNewest)[0]?.slug).toBe('b');
  });
});
