import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import rehypeLinks from '../../../src/markdown/rehype-links.ts';

const render = async (html: string, base = '/') => {
  const file = new VFile({ path: 'links.md', value: html });
  const processor = unified()
    .use(rehypeParse, { fragment: true })
    .use(rehypeLinks, { base, slugs: () => new Set(['rope', 'kv-cache']) })
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

  it('reports a link to an article that does not exist, and keeps its text without the link', async () => {
    const { html, problems } = await render('<a href="/articles/nope/">x</a>');
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/no article has the slug "nope"/),
    ]);
    expect(html).toBe('<span class="kb-error" title="no article &#x22;nope&#x22;">x</span>');
  });

  it('opens external links without opener or referrer', async () => {
    const html = await run('<a href="https://arxiv.org/abs/2104.09864">paper</a>');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('leaves in-page anchors alone', async () => {
    expect(await run('<a href="#eq-1">(1)</a>')).toContain('href="#eq-1"');
  });
});
