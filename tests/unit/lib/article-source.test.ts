import { describe, expect, it } from 'vitest';
import { makeArticleSchema } from '../../../src/lib/article-schema.ts';
import { checkArticleSource, dateLiteralProblem, firstNonUtf8Line, MAX_ARTICLE_BYTES } from '../../../src/lib/article-source.ts';

const schema = makeArticleSchema(['llm', 'uncategorized']);
const now = new Date('2026-01-01T00:00:00Z');
const check = (text: string | Uint8Array) => checkArticleSource(typeof text === 'string' ? new TextEncoder().encode(text) : text, schema, now);
const lines = (text: string | Uint8Array) => check(text).map((problem) => `${problem.severity} ${problem.line}: ${problem.message}`);
const valid = '---\ntitle: "T"\ndate: 2025-06-12\ntags: [a]\n---\n\nBody.\n';

describe('checking an article file as written', () => {
  it('accepts a valid file, with a BOM, with CRLF line endings', () => {
    expect(check(valid)).toEqual([]);
    expect(check(`\uFEFF${valid}`)).toEqual([]);
    expect(check(valid.replace(/\n/g, '\r\n'))).toEqual([]);
  });

  it('points at the line of the field that is wrong', () => {
    expect(lines(valid.replace('tags: [a]', 'tags: a, b'))).toEqual([expect.stringMatching(/^error 4: "tags" must be a list/)]);
    expect(lines(valid.replace('date: 2025-06-12', 'date: 2025-02-30'))).toEqual([expect.stringMatching(/^error 3: "date: 2025-02-30" is not a day on the calendar/)]);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\ncategory: cooking'))).toEqual([expect.stringMatching(/^error 5: unknown category "cooking"/)]);
  });

  it('reports a missing field at the frontmatter', () => {
    expect(lines(valid.replace('title: "T"\n', ''))).toEqual([expect.stringMatching(/^error 1: "title" is required.*has no "title"/)]);
  });

  it('reports YAML errors and duplicate keys at their lines', () => {
    expect(lines(valid.replace('title: "T"', 'title: "T'))).toEqual([expect.stringMatching(/^error 2: the frontmatter is not valid YAML: a quoted value is opened on this line/)]);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\ntitle: U'))).toEqual(['error 5: frontmatter key "title" appears twice (first on line 2); keep one of them']);
  });

  it('rejects empty files, files without frontmatter, huge files and other encodings', () => {
    expect(lines('')).toEqual([expect.stringMatching(/^error 1: the file is empty/)]);
    expect(lines('# Just a heading\n')).toEqual([expect.stringMatching(/^error 1: no frontmatter/)]);
    expect(lines(valid + 'x'.repeat(MAX_ARTICLE_BYTES))).toEqual([expect.stringMatching(/^error 1: the article is 1\.0 MB; articles may be at most 1\.0 MB/)]);
    expect(lines(Uint8Array.from([...new TextEncoder().encode(valid), 0xd6, 0xd0, 0x0a]))).toEqual([expect.stringMatching(/^error 8: the file is not UTF-8 text \(byte 0xD6/)]);
  });

  it('warns about a date in the future, but not for a draft', () => {
    expect(lines(valid.replace('2025-06-12', '2030-01-01'))).toEqual([expect.stringMatching(/^warning 3: date 2030-01-01 is in the future/)]);
    expect(check(valid.replace('2025-06-12', '2030-01-01').replace('tags: [a]', 'tags: [a]\ndraft: true'))).toEqual([]);
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
