import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import rehypeLinks from '../../../src/markdown/rehype-links.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-links-'));
const contentDir = path.join(root, 'content');
const files = {
  'articles/guide/post.md': '',
  'articles/chapter6/readme.md': '',
  'articles/学习与环境准备.md': '',
  'articles/code/train.py': 'print(1)\n',
};
for (const [name, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(contentDir, name)), { recursive: true });
  fs.writeFileSync(path.join(contentDir, name), text);
}
const slugs: Record<string, string> = {
  [path.join(contentDir, 'articles/guide/post.md')]: 'post',
  [path.join(contentDir, 'articles/chapter6/readme.md')]: 'chapter6',
  [path.join(contentDir, 'articles/学习与环境准备.md')]: '学习与环境准备',
};

const render = async (html: string, base = '/') => {
  const file = new VFile({ path: path.join(contentDir, 'articles/guide/post.md'), value: html });
  const processor = unified()
    .use(rehypeParse, { fragment: true })
    .use(rehypeLinks, {
      base,
      contentDir,
      publicDir: path.join(root, 'public'),
      assetDir: path.join(root, 'assets'),
      slugs: () => new Set(['rope', 'kv-cache', ...Object.values(slugs)]),
      slugOfFile: (candidate: string) => slugs[candidate],
    })
    .use(rehypeStringify);
  return { html: String(await processor.process(file)), problems: file.data.problems ?? [] };
};
const run = async (html: string, base = '/') => (await render(html, base)).html;

describe('rehype-links', () => {
  it('prefixes internal links with the base path', async () => {
    const html = await run('<a href="/articles/rope/#外推">x</a> <a href="/tags/rope/">t</a>', '/kb/');
    expect(html).toContain('href="/kb/articles/rope/#外推"');
    expect(html).toContain('href="/kb/tags/rope/"');
  });

  it('adds the trailing slash to article links', async () => {
    expect(await run('<a href="/articles/kv-cache">x</a>')).toContain('href="/articles/kv-cache/"');
  });

  it('resolves relative links to Markdown files and folders as GitHub and docsify do', async () => {
    const html = await run(
      `<a href="../chapter6/readme.md">6</a> <a href="../chapter6/">6</a> <a href="../${encodeURIComponent('学习与环境准备')}.md#环境">env</a>`,
    );
    expect(html).toContain('href="/articles/chapter6/">6</a> <a href="/articles/chapter6/">6</a>');
    expect(html).toContain('href="/articles/学习与环境准备/#环境"');
  });

  it('publishes other files of the content folder and links to the copy', async () => {
    const html = await run('<a href="../code/train.py">script</a>');
    expect(html).toMatch(/href="\/_kb\/assets\/[0-9a-f]{12}-train\.py"/);
  });

  it('understands links relative to the page URL (MkDocs) when nothing on disk matches', async () => {
    expect(await run('<a href="../rope/">RoPE</a>')).toContain('href="/articles/rope/"');
  });

  it('points hand-written anchors at the id they mean', async () => {
    expect(
      await run('<h2 id="noise-model">Noise Model</h2><a href="#Noise-Model">x</a> <a href="#Noise Model">y</a>'),
    ).toContain('<a href="#noise-model">x</a> <a href="#noise-model">y</a>');
  });

  it('reports links that go nowhere, and publishes their text only', async () => {
    const { html, problems } = await render(
      '<a href="/articles/nope/">x</a> <a href="./missing.md">y</a> <a href="../../../../etc/passwd">z</a>',
    );
    expect(problems.map((problem) => `${problem.rule}: ${problem.message}`)).toEqual([
      expect.stringMatching(/^link\/missing-article: .*no article has the slug "nope"/),
      expect.stringMatching(
        /^link\/missing-file: link "\.\/missing\.md" points at .*missing\.md, which does not exist/,
      ),
      expect.stringMatching(
        /^link\/outside-content: link "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" leads out of the content folder/,
      ),
    ]);
    expect(html).toBe(
      '<span class="kb-error" title="no article &#x22;nope&#x22;">x</span> <span class="kb-error" title="no such file">y</span> <span class="kb-error" title="outside the content folder">z</span>',
    );
  });

  it('opens external links without opener or referrer, and leaves in-page anchors alone', async () => {
    expect(await run('<a href="https://arxiv.org/abs/2104.09864">paper</a>')).toContain('rel="noopener noreferrer"');
    expect(await run('<a href="#eq-1">(1)</a>')).toContain('href="#eq-1"');
  });
});
