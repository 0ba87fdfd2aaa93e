import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import remarkWikilinks from '../../../src/markdown/remark-wikilinks.ts';

const render = async (markdown: string) =>
  String(
    await unified()
      .use(remarkParse)
      .use(remarkWikilinks, {
        titleOf: (slug: string) => (slug === 'rope' ? 'RoPE：用绝对位置实现相对位置' : undefined),
      })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(markdown),
  );

describe('remark-wikilinks', () => {
  it('links [[slug]] with the target title as text', async () => {
    expect(await render('见 [[rope]]。')).toBe(
      '<p>见 <a href="/articles/rope/">RoPE：用绝对位置实现相对位置</a>。</p>',
    );
  });

  it('keeps a label and slugs a heading anchor the way headings are slugged', async () => {
    expect(await render('[[rope#上下文外推 PI|外推]]')).toBe(
      `<p><a href="/articles/rope/#${encodeURIComponent('上下文外推')}-pi">外推</a></p>`,
    );
  });

  it('falls back to the slug when the title is unknown, and leaves other brackets alone', async () => {
    expect(await render('[[kv-cache]] 与 [[Not A Slug]] 与 [x]')).toBe(
      '<p><a href="/articles/kv-cache/">kv-cache</a> 与 [[Not A Slug]] 与 [x]</p>',
    );
  });

  it('is checked like any article link in the full pipeline', async () => {
    const { renderWithProblems } = await import('../../helpers/markdown.ts');
    const { problems } = await renderWithProblems('[[no-such-article]]', '/tmp/content/articles/w.md');
    expect(problems).toEqual([expect.stringMatching(/w\.md:1:1 — link to "\/articles\/no-such-article\/"/)]);
  });
});
