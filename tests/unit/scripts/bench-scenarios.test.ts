/**
 * The edits `npm run bench -- --scenario …` times are the edits a person makes: each
 * changes what it says and nothing else, keeps the article valid (TeX still TeX,
 * frontmatter comments kept), and picks its article by a fixed rule, so every column and
 * run edits the same file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import YAML from 'yaml';
import { articleFiles, scenarioById } from '../../../scripts/bench/scenarios.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-bench-scenarios-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const content = path.join(root, 'content');
const read = (file: string) => fs.readFileSync(path.join(content, 'articles', file), 'utf8');
const frontmatter = (file: string) =>
  YAML.parse(/^---\n([\s\S]*?)\n---/.exec(read(file))![1]!) as Record<string, unknown>;

const ARTICLES: Record<string, string> = {
  'a/alpha.md': '---\ntitle: "Alpha"\ntags: [x, y]\n---\n\n见 [Beta](/articles/beta/)。\n\n$$\nE = mc^2\n$$\n',
  'b/beta.md':
    '---\n# the title is short on purpose\ntitle: "Beta"\ntags: [y]\n---\n\n```tex\n$$\n\\text{in a fence}\n$$\n```\n\n$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$\n',
  'c/gamma.md': '---\ntitle: "Gamma"\ntags: [z]\n---\n\n没有公式。\n',
  '_drafts/hidden.md': '---\ntitle: "Hidden"\n---\n',
};

beforeEach(() => {
  fs.rmSync(content, { recursive: true, force: true });
  for (const [file, text] of Object.entries(ARTICLES)) {
    fs.mkdirSync(path.dirname(path.join(content, 'articles', file)), { recursive: true });
    fs.writeFileSync(path.join(content, 'articles', file), text);
  }
});

it('lists the articles the site builds, sorted, without _ folders', () => {
  expect(articleFiles(content)).toEqual(['a/alpha.md', 'b/beta.md', 'c/gamma.md']);
});

it('body: appends a paragraph to the first article, a new one each round', () => {
  scenarioById('body').apply(content, 1);
  scenarioById('body').apply(content, 2);
  expect(read('a/alpha.md').startsWith(ARTICLES['a/alpha.md']!)).toBe(true);
  expect(read('a/alpha.md')).toMatch(/第 1 次[\s\S]*第 2 次/);
  expect(read('b/beta.md')).toBe(ARTICLES['b/beta.md']);
});

it('formula: changes the last line of a display formula outside code fences, keeping the TeX whole', () => {
  const change = scenarioById('formula').apply(content, 3);
  expect(change).toBe('articles/b/beta.md: display formula on line 17 changed');
  expect(read('b/beta.md')).toContain('$$\n\\text{in a fence}\n$$');
  expect(read('b/beta.md')).toContain('c &= d\n\\end{aligned} + \\epsilon_{3}\n$$');
});

it('title: retitles the article others link to, keeping its frontmatter comments', () => {
  expect(scenarioById('title').apply(content, 1)).toBe('articles/b/beta.md: title changed');
  expect(frontmatter('b/beta.md').title).toBe('Beta（修订 1）');
  expect(read('b/beta.md')).toContain('# the title is short on purpose');
});

it('tags: swaps the last article’s last tag for another tag the site already has', () => {
  scenarioById('tags').apply(content, 1);
  expect(frontmatter('c/gamma.md').tags).toEqual(['x']);
});

it('new: adds an article with math that links to the most linked one and shares its tags', () => {
  scenarioById('new').apply(content, 2);
  const added = read('bench-new-article-2.md');
  expect(frontmatter('bench-new-article-2.md')).toMatchObject({ title: '新增的文章 2：注意力的缩放', tags: ['y'] });
  expect(added).toContain('(/articles/beta/)');
  expect(added).toMatch(/\$\$\n\\operatorname\{softmax\}/);
});

it('delete: removes an article no other links to, never a linked one', () => {
  expect(scenarioById('delete').apply(content, 1)).toBe('articles/c/gamma.md: deleted');
  expect(articleFiles(content)).toEqual(['a/alpha.md', 'b/beta.md']);
});

it('taxonomy: gives the first article’s first tag a new display name, writing taxonomy.yaml if there is none', () => {
  scenarioById('taxonomy').apply(content, 1);
  expect(YAML.parse(fs.readFileSync(path.join(content, 'taxonomy.yaml'), 'utf8'))).toEqual({
    tags: { x: { zh: 'x 新名 1', en: 'x renamed 1' } },
  });
});
