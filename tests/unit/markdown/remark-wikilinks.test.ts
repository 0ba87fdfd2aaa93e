import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import remarkWikilinks from '../../../src/markdown/remark-wikilinks.ts';

const notes: Record<string, { slug: string; title: string }> = {
  rope: { slug: 'rope', title: 'RoPE：用绝对位置实现相对位置' },
  凸优化: { slug: '凸优化', title: '凸优化' },
  'convex set': { slug: 'convex-set', title: 'Convex Set' },
  'doob inequality': { slug: 'doob-inequality', title: 'Doob Inequality' },
};
const render = async (markdown: string) => {
  const file = new VFile({ value: markdown, path: '/vault/notes/a.md' });
  const html = String(
    await unified()
      .use(remarkParse)
      .use(remarkWikilinks, {
        resolve: (name: string) => notes[name.toLowerCase()],
        attachment: (name: string) =>
          name === 'commutative square.png' ? '/vault/assets/commutative square.png' : undefined,
      })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(file),
  );
  return { html, problems: (file.data.problems ?? []).map((problem) => `${problem.rule}: ${problem.message}`) };
};

describe('remark-wikilinks', () => {
  it('links [[slug]] with the target title as text', async () => {
    expect((await render('见 [[rope]]。')).html).toBe(
      '<p>见 <a href="/articles/rope/">RoPE：用绝对位置实现相对位置</a>。</p>',
    );
  });

  it('finds notes by name as Obsidian does: CJK and spaced names, any case, with a label or a heading', async () => {
    const { html } = await render(
      '[[凸优化]]、[[Convex Set|凸集]] 与 [[Doob Inequality#Proof]] 和 [[rope#上下文外推 PI|外推]]',
    );
    expect(html).toContain(`<a href="/articles/${encodeURIComponent('凸优化')}/">凸优化</a>`);
    expect(html).toContain('<a href="/articles/convex-set/">凸集</a>');
    expect(html).toContain('<a href="/articles/doob-inequality/#proof">Doob Inequality</a>');
    expect(html).toContain(`<a href="/articles/rope/#${encodeURIComponent('上下文外推')}-pi">外推</a>`);
  });

  it('links block references and headings of the same note', async () => {
    expect((await render('[[convex set#^key-step]] [[#Proof]]')).html).toBe(
      '<p><a href="/articles/convex-set/#key-step">Convex Set</a> <a href="#proof">Proof</a></p>',
    );
  });

  it('shows a link to a note that does not exist as its text, with a warning', async () => {
    const { html, problems } = await render('See [[Optional Stopping|OST]] later.');
    expect(html).toBe('<p>See OST later.</p>');
    expect(problems).toEqual([
      'link/missing-note: [[Optional Stopping]] names no article; it is shown as text, not as a link',
    ]);
  });

  it('turns image embeds into images found by name, with a width', async () => {
    const { html } = await render('![[commutative square.png|300]]');
    expect(html).toBe('<p><img src="../assets/commutative%20square.png" alt="commutative square" width="300"></p>');
  });

  it('leaves other brackets alone', async () => {
    expect((await render('[x] and [[ ]] and a[1]')).html).toBe('<p>[x] and [[ ]] and a[1]</p>');
  });
});
