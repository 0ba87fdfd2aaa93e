import { describe, expect, it } from 'vitest';
import { aliasIndex, findUnit, latinStem, parseQuery } from '../../../src/client/search-query.ts';

describe('parseQuery', () => {
  it('splits Chinese the way Pagefind does and keeps the run for ranking', () => {
    const parsed = parseQuery('梯度检查点');
    expect(parsed.units.map((unit) => unit.text)).toEqual(['梯度', '检查', '点']);
    expect(parsed.allWordsTerm).toBe('梯度 检查 点');
    expect(parsed.cjkRuns).toEqual(['梯度检查点']);
  });

  it('takes a quoted phrase as one unit, searched exactly', () => {
    const parsed = parseQuery('"rejection sampling" 加速');
    expect(parsed.units[0]).toMatchObject({ kind: 'phrase', text: 'rejection sampling', term: '"rejection sampling"' });
    expect(parsed.units.map((unit) => unit.text)).toEqual(['rejection sampling', '加速']);
    expect(parsed.phraseOnly).toBe(false);
    expect(parseQuery('"梯度检查点"').phraseOnly).toBe(true);
  });

  it('drops English stop words from a longer query, and shows words as typed', () => {
    const parsed = parseQuery('why divide attention by sqrt d');
    expect(parsed.units.map((unit) => unit.text)).toEqual(['divide', 'attention', 'sqrt', 'd']);
    expect(parseQuery('MoE 路由').units[0]!.text).toBe('MoE');
  });

  it('gives each word the other names of its alias group, and merges two names of one group', () => {
    const aliases = aliasIndex([
      ['pigeonhole', '鸽巢'],
      ['load balancing', '负载均衡'],
    ]);
    const parsed = parseQuery('bucket pigeonhole 鸽巢 load balancing', aliases);
    expect(parsed.units.map((unit) => unit.text)).toEqual(['bucket', 'pigeonhole', 'load balancing']);
    expect(parsed.units[1]!.forms.map((form) => form.needle)).toEqual(['pigeonhole', '鸽巢']);
    expect(parsed.units[2]!.forms.map((form) => form.term)).toEqual(['load balancing', '负载均衡']);
  });
});

describe('findUnit', () => {
  it('matches a Latin word as a prefix at the start of a word (as Pagefind does), stemmed, and marks the whole word', () => {
    const [unit] = parseQuery('sampling').units;
    expect(latinStem('sampling')).toBe('sampl');
    expect(findUnit('rejection sampled twice; resampling', unit!)).toEqual([[10, 17]]);
    const [pi] = parseQuery('pi').units;
    expect(findUnit('an api for \\pi', pi!)).toEqual([[12, 14]]);
  });

  it("matches Chinese anywhere, under any of the unit's names", () => {
    const [unit] = parseQuery('pigeonhole', aliasIndex([['pigeonhole', '鸽巢']])).units;
    expect(findUnit('由鸽巢原理可知', unit!)).toEqual([[1, 3]]);
  });
});
