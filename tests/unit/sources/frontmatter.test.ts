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
  created: new Date('2020-01-01T00:00:00Z'),
  modified: new Date('2021-01-01T00:00:00Z'),
  now: new Date('2026-01-01T00:00:00Z'),
};
const encode = (text: string) => new TextEncoder().encode(text);
const read = (text: string | Uint8Array) => readArticle(typeof text === 'string' ? encode(text) : text, context);
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
      aliases: [],
      redirects: [],
      termNames: { a: 'a' },
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

  it('accepts what Jekyll, Hugo and Obsidian write', () => {
    const { data, problems, slug } = read(
      '---\ntitle: Noise\ndate: 2020-03-01 10:00:00 +0800\nlastmod: 2020/04/02\nsummary: Short.\ntags: optimization Auto-ML 生成模型\ncategories: [llm, misc]\npublished: false\npermalink: /2020/03/01/noise.html\nredirect_from: [/old/noise/]\naliases: [SGD noise]\nlanguage: en-US\nlayout: post\n---\n',
    );
    expect(problems).toEqual([]);
    expect(data).toMatchObject({
      title: 'Noise',
      description: 'Short.',
      tags: ['optimization', 'auto-ml', '生成模型'],
      category: 'llm',
      draft: true,
      lang: 'en',
      aliases: ['SGD noise'],
    });
    expect(data.date.toISOString()).toBe('2020-03-01T02:00:00.000Z');
    expect(data.updated?.toISOString().slice(0, 10)).toBe('2020-04-02');
    expect(data.termNames).toMatchObject({ 'auto-ml': 'Auto-ML', 生成模型: '生成模型' });
    expect(data.redirects.sort()).toEqual(['/2020/03/01/noise.html', '/old/noise/']);
    expect(slug).toBe('noise');
  });

  it('accepts any category when the taxonomy names none, and catches typos when it does', () => {
    expect(
      readArticle(encode('---\ncategory: Deep Learning\n---\n'), { ...context, categories: undefined }).data.category,
    ).toBe('deep-learning');
    expect(lines('---\ncategory: Deep Learning\n---\n')).toEqual([
      expect.stringMatching(/^error 2: unknown category "Deep Learning"/),
    ]);
  });

  it('points at the line of a field that is there but wrong, and falls back for it', () => {
    expect(lines(valid.replace('tags: [a]', 'tags: {a: 1}'))).toEqual([
      expect.stringMatching(/^error 4: "tags" must be a list/),
    ]);
    expect(lines(valid.replace('title: "T"', 'title: [a, b]'))).toEqual([
      expect.stringMatching(/^error 2: "title" must be text, not a list or a map/),
    ]);
    expect(lines(valid.replace('date: 2025-06-12', 'date: 2025-02-30'))).toEqual([
      expect.stringMatching(/^error 3: "date: 2025-02-30" is not a day on the calendar/),
    ]);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\ncategory: cooking'))).toEqual([
      expect.stringMatching(/^error 5: unknown category "cooking"/),
    ]);
    expect(read(valid.replace('date: 2025-06-12', 'date: next tuesday')).data.date).toEqual(context.created);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\nseriesOrder: 1'))).toEqual([
      expect.stringMatching(/^error 5: "seriesOrder" is set but "series" is not/),
    ]);
  });

  it('takes the title from the first heading, else the file name; the date from git, else the file', () => {
    expect(read('---\ndate: 2025-06-12\n---\n\n```sh\n# not a heading\n```\n\n# 第一章 标题 {#ch1}\n').data.title).toBe(
      '第一章 标题',
    );
    expect(read(valid.replace('title: "T"\n', '')).data.title).toBe('post');
    expect(read(valid.replace('title: "T"\n', '')).problems).toEqual([]);
    expect(read('---\ntitle: T\n---\n').data.date).toEqual(context.created);
    const withoutGit = readArticle(encode('---\ntitle: T\n---\n'), { ...context, created: undefined });
    expect(withoutGit.data.date).toEqual(context.modified);
    expect(withoutGit.problems.map((problem) => `${problem.severity} ${problem.rule}`)).toEqual([
      'warning frontmatter/no-date',
    ]);
  });

  it('reads a file without frontmatter as an article', () => {
    const { data, problems, body, bodyLine } = read('# Just a heading\n\nText.\n');
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ title: 'Just a heading', tags: [], date: context.created });
    expect([body.split('\n')[2], bodyLine]).toEqual(['Text.', 1]);
  });

  it('reports YAML errors and duplicate keys at their lines', () => {
    expect(lines(valid.replace('title: "T"', 'title: "T'))).toEqual([
      expect.stringMatching(/^error 2: the frontmatter is not valid YAML: a quoted value is opened on this line/),
    ]);
    expect(lines(valid.replace('tags: [a]', 'tags: [a]\ntitle: U'))).toEqual([
      'error 5: frontmatter key "title" appears twice (first on line 2)',
    ]);
  });

  it('refuses empty files, huge files and other encodings', () => {
    expect(lines('')).toEqual([expect.stringMatching(/^error 1: the file is empty/)]);
    expect(lines(valid + 'x'.repeat(MAX_ARTICLE_BYTES))).toEqual([
      expect.stringMatching(/^error 1: the article is 1\.0 MB; articles may be at most 1\.0 MB/),
    ]);
    expect(lines(Uint8Array.from([...encode(valid), 0xd6, 0xd0, 0x0a]))).toEqual([
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
    expect(firstNonUtf8Line(encode('a\nb\n中文'))).toBeUndefined();
    expect(firstNonUtf8Line(Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xff]))).toEqual({ line: 3, byte: 0xff });
  });

  it('tells real dates from impossible ones', () => {
    expect(dateLiteralProblem('2024-02-29')).toBeUndefined();
    expect(dateLiteralProblem('2025-06-12T08:30:00Z')).toBeUndefined();
    expect(dateLiteralProblem('2025-02-29')).toMatch(/not a day on the calendar/);
    expect(dateLiteralProblem('next tuesday')).toMatch(/YYYY-MM-DD/);
  });
});
