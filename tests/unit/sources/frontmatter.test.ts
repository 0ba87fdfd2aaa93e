import { describe, expect, it } from 'vitest';
import {
  dateLiteralProblem,
  firstNonUtf8Line,
  MAX_ARTICLE_BYTES,
  readArticle,
} from '../../../src/sources/frontmatter.ts';
import { articleDataSchema } from '../../../src/lib/article-schema.ts';

const context = {
  categories: ['llm', 'uncategorized'],
  fallbackTitle: 'post',
  fallbackDate: new Date('2020-01-01T00:00:00Z'),
  now: new Date('2026-01-01T00:00:00Z'),
};
const read = (text: string | Uint8Array) =>
  readArticle(typeof text === 'string' ? new TextEncoder().encode(text) : text, context);
const lines = (text: string | Uint8Array) =>
  read(text).problems.map((problem) => `${problem.severity} ${problem.line}: ${problem.message}`);
const valid = '---\ntitle: "T"\ndate: 2025-06-12\ntags: [a]\n---\n\nBody.\n';

describe('reading an article file as written', () => {
  it('accepts a valid file, with a BOM, with CRLF line endings', () => {
    expect(read(valid).problems).toEqual([]);
    expect(read(`\uFEFF${valid}`).problems).toEqual([]);
    expect(read(valid.replace(/\n/g, '\r\n')).problems).toEqual([]);
  });

  it('normalises the frontmatter, filling defaults', () => {
    const { data, body, bodyLine } = read(valid);
    expect(data).toEqual({
      title: 'T',
      date: new Date('2025-06-12T00:00:00Z'),
      tags: ['a'],
      lang: 'zh',
      draft: false,
      papers: [],
    });
    expect(articleDataSchema.safeParse(data).success).toBe(true);
    expect(bodyLine).toBe(6);
    expect(body.split('\n')[1]).toBe('Body.');
  });

  it('accepts every field', () => {
    const text = valid.replace(
      'tags: [a]',
      'tags: [a]\nupdated: 2026-03-01\ndescription: d\ncategory: llm\nseries: s\nseriesOrder: 2\nlang: en\ndraft: true\npapers: ["arXiv:2104.09864"]',
    );
    const { data, problems } = read(text);
    expect(problems).toEqual([]);
    expect(data).toMatchObject({
      category: 'llm',
      series: 's',
      seriesOrder: 2,
      lang: 'en',
      draft: true,
      papers: ['arXiv:2104.09864'],
      description: 'd',
    });
  });

  it('points at the line of the field that is wrong, and falls back for it', () => {
    expect(lines(valid.replace('tags: [a]', 'tags: a, b'))).toEqual([
      expect.stringMatching(/^error 4: "tags" must be a list/),
    ]);
    expect(lines(valid.replace('date: 2025-06-12', 'date: 2025-02-30'))).toEqual([
      expect.stringMatching(/^error 3: "date: 2025-02-30" is not a day on the calendar/),
    ]);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\ncategory: cooking'))).toEqual([
      expect.stringMatching(/^error 5: unknown category "cooking"/),
    ]);
    expect(read(valid.replace('date: 2025-06-12', 'date: next tuesday')).data.date).toEqual(context.fallbackDate);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\nseriesOrder: 1'))).toEqual([
      expect.stringMatching(/^error 5: "seriesOrder" is set but "series" is not/),
    ]);
    expect(lines(valid.replace('tags: [a]', 'tags: [Not OK]'))).toEqual([
      expect.stringMatching(/^error 4: tag "Not OK" cannot be part of a URL/),
    ]);
  });

  it('reports a missing field at the frontmatter and uses the file name as the title', () => {
    const { data } = read(valid.replace('title: "T"\n', ''));
    expect(lines(valid.replace('title: "T"\n', ''))).toEqual([
      expect.stringMatching(/^error 1: "title" is required.*has no "title"/),
    ]);
    expect(data.title).toBe('post');
  });

  it('reports YAML errors and duplicate keys at their lines', () => {
    expect(lines(valid.replace('title: "T"', 'title: "T'))).toEqual([
      expect.stringMatching(/^error 2: the frontmatter is not valid YAML: a quoted value is opened on this line/),
    ]);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\ntitle: U'))).toEqual([
      'error 5: frontmatter key "title" appears twice (first on line 2)',
    ]);
  });

  it('refuses empty files, files without frontmatter, huge files and other encodings', () => {
    expect(lines('')).toEqual([expect.stringMatching(/^error 1: the file is empty/)]);
    expect(lines('# Just a heading\n')).toEqual([expect.stringMatching(/^error 1: no frontmatter/)]);
    expect(lines(valid + 'x'.repeat(MAX_ARTICLE_BYTES))).toEqual([
      expect.stringMatching(/^error 1: the article is 1\.0 MB; articles may be at most 1\.0 MB/),
    ]);
    expect(lines(Uint8Array.from([...new TextEncoder().encode(valid), 0xd6, 0xd0, 0x0a]))).toEqual([
      expect.stringMatching(/^error 8: the file is not UTF-8 text \(byte 0xD6/),
    ]);
    expect(read('').publishable).toBe(false);
  });

  it('warns about a date in the future, but not for a draft', () => {
    expect(lines(valid.replace('2025-06-12', '2030-01-01'))).toEqual([
      expect.stringMatching(/^warning 3: date 2030-01-01 is in the future/),
    ]);
    expect(
      read(valid.replace('2025-06-12', '2030-01-01').replace('tags: [a]', 'tags: [a]\ndraft: true')).problems,
    ).toEqual([]);
  });

  it('accepts the benchmark corpus frontmatter as it is', () => {
    expect(
      read('---\ntitle: "x"\ndate: 2020-01-01\ntags: [moe, rlhf]\ndescription: "本文讨论 MoE"\n---\n').problems,
    ).toEqual([]);
  });
});

describe('helpers', () => {
  it('finds the first line that is not UTF-8', () => {
    expect(firstNonUtf8Line(new TextEncoder().encode('a\nb\n中文'))).toBeUndefined();
    expect(firstNonUtf8Line(Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xff]))).toEqual({ line: 3, byte: 0xff });
  });

  it('tells real dates from impossible ones', () => {
    expect(dateLiteralProblem('2024-02-29')).toBeUndefined();
    expect(dateLiteralProblem('2025-06-12T08:30:00Z')).toBeUndefined();
    expect(dateLiteralProblem('2025-02-29')).toMatch(/not a day on the calendar/);
    expect(dateLiteralProblem('next tuesday')).toMatch(/YYYY-MM-DD/);
  });
});
