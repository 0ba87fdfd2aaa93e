import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import rehypeLinks from '../../../src/markdown/rehype-links.ts';

const run = async (html: string, base = '/') => {
  const file = new VFile({ path: 'links.md', value: html });
  const processor = unified()
    .use(rehypeParse, { fragment: true })
    .use(rehypeLinks, { base, slugs: () => new Set(['rope', 'kv-cache']) })
    .use(rehypeStringify);
  return String(await processor.process(file));
};

describe('rehype-links', () => {
  it('prefixes internal links with the base path', async () => {
    const html = await run('<a href="/articles/rope/#外推">x</a> <a href="/tags/rope/">t</a>', '/kb/');
    expect(html).toContain('href="/kb/articles/rope/#外推"');
    expect(html).toContain('href="/kb/tags/rope/"');
  });

  it('adds the trailing slash to article links', async () => {
    expect(await run('<a href="/articles/kv-cache">x</a>')).toContain('href="/articles/kv-cache/"');
  });

  it('fails on a link to an article that does not exist', async () => {
    await expect(run('<a href="/articles/nope/">x</a>')).rejects.toThrow(/links\.md.*no article has the slug "nope"/);
  });

  it('opens external links without opener or referrer', async () => {
    const html = await run('<a href="https://arxiv.org/abs/2104.09864">paper</a>');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('leaves in-page anchors alone', async () => {
    expect(await run('<a href="#eq-1">(1)</a>')).toContain('href="#eq-1"');
  });
});
