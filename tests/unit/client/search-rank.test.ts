import { describe, expect, it } from 'vitest';
import { comparePages, rarity, type RankedPage } from '../../../src/client/search-rank.ts';

const page = (overrides: Partial<RankedPage>): RankedPage => ({
  all: false,
  titleAll: false,
  texCount: 0,
  runs: 0,
  coverage: 0,
  place: 0,
  score: 0,
  order: 0,
  ...overrides,
});
const sorted = (pages: Record<string, RankedPage>, runsFirst = false) =>
  Object.entries(pages)
    .sort(([, a], [, b]) => comparePages(a, b, runsFirst))
    .map(([name]) => name);

describe('comparePages', () => {
  it('puts pages with every word first, whatever the others score', () => {
    expect(
      sorted({ partial: page({ coverage: 9, place: 27, score: 99 }), all: page({ all: true, order: 5 }) }),
    ).toEqual(['all', 'partial']);
  });

  it('ranks partial matches by rarity-weighted words, then by where they match, then by Pagefind', () => {
    const rare = rarity(1000, 3);
    const common = rarity(1000, 400);
    expect(rare).toBeGreaterThan(common);
    expect(
      sorted({
        commonInTitle: page({ coverage: common, place: common * 3, score: 50 }),
        rareInBody: page({ coverage: rare, place: rare, score: 1 }),
        rareInTitle: page({ coverage: rare, place: rare * 3, score: 1 }),
        rareInBodyHigherScore: page({ coverage: rare, place: rare, score: 2 }),
      }),
    ).toEqual(['rareInTitle', 'rareInBodyHigherScore', 'rareInBody', 'commonInTitle']);
  });

  it('among full matches: title, then formulas, then place or a Chinese run whole', () => {
    expect(
      sorted({
        plain: page({ all: true, order: 0 }),
        run: page({ all: true, runs: 1, order: 1 }),
        title: page({ all: true, titleAll: true, order: 2 }),
        heading: page({ all: true, place: 5, order: 3 }),
      }),
    ).toEqual(['title', 'heading', 'run', 'plain']);
    expect(
      sorted(
        { heading: page({ all: true, place: 5, order: 0 }), run: page({ all: true, runs: 1, place: 2, order: 1 }) },
        true,
      ),
    ).toEqual(['run', 'heading']);
  });
});
