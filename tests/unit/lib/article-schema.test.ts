import { describe, expect, it } from 'vitest';
import { makeArticleSchema } from '../../../src/lib/article-schema.ts';

const schema = makeArticleSchema(['llm', 'uncategorized']);
const valid = { title: 'KV Cache', date: '2026-02-03', tags: ['kv-cache'] };
const issues = (data: unknown) => {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('frontmatter schema', () => {
  it('accepts a minimal article and fills defaults', () => {
    const data = schema.parse(valid);
    expect(data).toMatchObject({ lang: 'zh', draft: false, papers: [] });
    expect(data.date.toISOString().slice(0, 10)).toBe('2026-02-03');
  });

  it('accepts every field', () => {
    expect(issues({ ...valid, updated: '2026-03-01', description: 'd', category: 'llm', series: 's', seriesOrder: 2, lang: 'en', draft: true, papers: ['arXiv:2104.09864'] })).toEqual([]);
  });

  it('explains a missing title', () => {
    expect(issues({ date: '2026-01-01', tags: ['a'] })).toEqual([expect.stringMatching(/^title: "title" is required/)]);
  });

  it('explains an unparsable date', () => {
    expect(issues({ ...valid, date: 'next tuesday' })).toEqual([expect.stringMatching(/^date: .*YYYY-MM-DD/)]);
  });

  it('explains tags that are not a list, or empty', () => {
    expect(issues({ ...valid, tags: 'rope' })).toEqual([expect.stringMatching(/^tags: "tags" must be a list/)]);
    expect(issues({ ...valid, tags: [] })).toEqual([expect.stringMatching(/at least one tag/)]);
  });

  it('names the valid categories when one is unknown', () => {
    expect(issues({ ...valid, category: 'cooking' })).toEqual([expect.stringMatching(/unknown category "cooking"; use one of: llm, uncategorized/)]);
  });

  it('wants a series when seriesOrder is set', () => {
    expect(issues({ ...valid, seriesOrder: 1 })).toEqual([expect.stringMatching(/^seriesOrder: .*series/)]);
  });

  it('accepts the benchmark corpus frontmatter as it is', () => {
    expect(issues({ title: 'x', date: new Date('2020-01-01'), tags: ['moe', 'rlhf'], description: '本文讨论 MoE' })).toEqual([]);
  });
});
