import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isArticlePath, takeInventory } from '../../../src/sources/inventory.ts';

function contentFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-inventory-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const article = (title: string) => `---\ntitle: "${title}"\ndate: 2025-01-01\ntags: [a]\n---\n\nText.\n`;

describe('the article inventory', () => {
  it('has one rule for what is an article: .md/.mdx, no path segment starting with _ or .', () => {
    expect(isArticlePath('ssm/hippo.md')).toBe(true);
    expect(isArticlePath('guide/writing-guide.mdx')).toBe(true);
    expect(isArticlePath('_drafts/x.md')).toBe(false);
    expect(isArticlePath('a/_private/x.md')).toBe(false);
    expect(isArticlePath('.obsidian/x.md')).toBe(false);
    expect(isArticlePath('_index.md')).toBe(false);
    expect(isArticlePath('notes.txt')).toBe(false);
  });

  it('walks the articles folder once: path, format, slug, URL, draft flag; skips _drafts/', () => {
    const dir = contentFolder({
      'articles/a.md': article('A'),
      'articles/x/b.mdx': article('B').replace('tags: [a]', 'tags: [a]\ndraft: true'),
      'articles/x/c.txt': 'not an article',
      'articles/_drafts/d.md': article('D'),
      'articles/.hidden/e.md': article('E'),
    });
    const { articles, bySlug } = takeInventory(dir);
    expect(
      articles.map((entry) => [entry.relativePath, entry.format, entry.slug, entry.url, entry.data.draft]),
    ).toEqual([
      ['a.md', 'md', 'a', '/articles/a/', false],
      ['x/b.mdx', 'mdx', 'b', '/articles/b/', true],
    ]);
    expect([...bySlug.keys()]).toEqual(['a', 'b']);
  });

  it('takes any file name: Unicode, spaces, dots and brackets slugged; README and index named after their folder', () => {
    const dir = contentFolder({
      'articles/第一章 NLP基础概念.md': article('一'),
      'articles/6.4[WIP] 偏好对齐.md': article('二'),
      'articles/metrics.forecasting.md': article('三'),
      'articles/chapter6/README.md': article('四'),
      'articles/chapter7/index.md': article('五'),
      'articles/custom.md': article('六').replace('tags: [a]', 'tags: [a]\nslug: my-own'),
    });
    const slugs = takeInventory(dir).articles.map((entry) => entry.slug);
    expect(slugs.sort()).toEqual(
      ['6-4-wip-偏好对齐', 'chapter6', 'chapter7', 'metrics-forecasting', 'my-own', '第一章-nlp基础概念'].sort(),
    );
  });

  it('takes a content folder without articles/ as the articles folder itself, and refuses one with no articles', () => {
    const vault = contentFolder({ 'Notes/凸优化.md': '# 凸优化\n\n定义……\n', '.obsidian/app.md': 'x' });
    expect(takeInventory(vault).articles.map((entry) => [entry.relativePath, entry.data.title])).toEqual([
      ['Notes/凸优化.md', '凸优化'],
    ]);
    const empty = contentFolder({ 'notes.txt': 'nothing here' });
    expect(takeInventory(empty).problems.map((problem) => problem.rule)).toEqual(['content/empty']);
  });

  it('reports a duplicate slug once, naming both files and suggesting slug:, and publishes only the first', () => {
    const dir = contentFolder({
      'articles/attention/same.md': article('One'),
      'articles/inference/same.md': article('Two'),
    });
    const { problems, bySlug } = takeInventory(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: path.join(dir, 'articles/inference/same.md'),
      line: 1,
      rule: 'file/duplicate-slug',
    });
    expect(problems[0]!.message).toMatch(
      /duplicate slug "same": .*articles\/attention\/same\.md has the same name, and both would be published at \/articles\/same\//,
    );
    expect(problems[0]!.fix).toMatch(/slug:/);
    expect(bySlug.get('same')?.data.title).toBe('One');
  });

  it('keeps reading after a broken file: problems with their lines, fallbacks for the rest', () => {
    const dir = contentFolder({
      'articles/bad.md': '---\ndate: 2025-13-45\ntags: [a]\n---\n',
      'articles/good.md': article('G'),
    });
    const { problems, bySlug } = takeInventory(dir);
    expect(problems.map((problem) => `${path.basename(problem.file)}:${problem.line} ${problem.rule}`)).toEqual([
      'bad.md:2 frontmatter/date',
    ]);
    expect(bySlug.get('bad')?.data.title).toBe('bad');
    expect(bySlug.get('good')?.problems).toEqual([]);
  });

  it('follows symbolic links inside the content folder, publishes nothing twice, and refuses links out of it', () => {
    const dir = contentFolder({
      'articles/real/a.md': article('A'),
      'articles/b.md': article('B'),
      'shared/c.md': article('C'),
    });
    const outside = contentFolder({ 'secret.md': article('Secret') });
    fs.symlinkSync(path.join(dir, 'articles/b.md'), path.join(dir, 'articles/b-again.md'));
    fs.symlinkSync(path.join(dir, 'articles/real'), path.join(dir, 'articles/linked-folder'));
    fs.symlinkSync(path.join(dir, 'shared'), path.join(dir, 'articles/shared'));
    fs.symlinkSync(path.join(dir, 'articles'), path.join(dir, 'shared/loop'));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'articles/secret.md'));
    fs.symlinkSync(outside, path.join(dir, 'articles/home'));
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'articles/dangling.md'));
    const { articles, problems } = takeInventory(dir);
    expect(articles.map((entry) => entry.relativePath).sort()).toEqual(['b.md', 'real/a.md', 'shared/c.md']);
    expect(
      problems
        .filter((p) => p.rule === 'file/outside-content')
        .map((p) => path.basename(p.file))
        .sort(),
    ).toEqual(['dangling.md', 'home', 'secret.md']);
    expect(problems.every((p) => p.rule === 'file/outside-content')).toBe(true);
  });

  it('with MDX off, refuses .mdx articles (they run code) and still publishes Markdown', () => {
    const dir = contentFolder({ 'articles/a.md': article('A'), 'articles/b.mdx': article('B') });
    const { articles, problems } = takeInventory(dir, new Date(), { mdx: false });
    expect(articles.filter((entry) => entry.publishable).map((entry) => entry.slug)).toEqual(['a']);
    expect(problems).toEqual([expect.objectContaining({ rule: 'file/mdx-off', severity: 'error', line: 1 })]);
    expect(takeInventory(dir, new Date(), { mdx: true }).problems).toEqual([]);
  });

  it('writes no redirect page that would leave the output folder or replace a page of the site', () => {
    const dir = contentFolder({
      'articles/a.md': article('A').replace(
        'tags: [a]',
        'tags: [a]\nredirect_from: [/old/a/, /, /../../../tmp/kb-escape/, /tags/, /articles/b/, "/x?y=1", /articles/old-a/]',
      ),
      'articles/b.md': article('B').replace('tags: [a]', 'tags: [a]\naliases: [/old/a/]'),
    });
    const { articles, problems } = takeInventory(dir);
    expect(articles.find((entry) => entry.slug === 'a')?.data.redirects).toEqual(['/old/a/', '/articles/old-a/']);
    expect(articles.find((entry) => entry.slug === 'b')?.data.redirects).toEqual([]);
    const messages = problems.filter((p) => p.rule === 'frontmatter/redirect').map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^no redirect page for the old address \/: it is the home page/),
      expect.stringMatching(/\/\.\.\/\.\.\/\.\.\/tmp\/kb-escape\/: it is not a plain path/),
      expect.stringMatching(/\/tags\/: the site itself publishes \/tags/),
      expect.stringMatching(/\/articles\/b\/: another page is published at \/articles\/b\//),
      expect.stringMatching(/\/x\?y=1: it is not a plain path/),
      expect.stringMatching(/\/old\/a\/: another page is published at \/old\/a\//),
    ]);
    expect(problems.filter((p) => p.rule === 'frontmatter/redirect').every((p) => p.line !== undefined)).toBe(true);
  });
});
