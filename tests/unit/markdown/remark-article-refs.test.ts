import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { OtherArticle } from '../../../src/markdown/remark-article-refs.ts';
import remarkArticleRefs from '../../../src/markdown/remark-article-refs.ts';
import remarkEquationRefs from '../../../src/markdown/remark-equation-refs.ts';
import remarkWikilinks from '../../../src/markdown/remark-wikilinks.ts';
import { formatProblem } from '../../../src/lib/problems.ts';

const ROPE: OtherArticle = {
  title: 'RoPE',
  labels: [
    { id: 'eq-rope-rel', kind: 'eq', number: '3', name: 'eq:rope-rel' },
    { id: 'thm-rel', kind: 'thm', number: '1', title: '相对性' },
  ],
};

async function render(markdown: string) {
  const file = new VFile({ value: markdown, path: '/tmp/content/articles/a.md' });
  const looked: string[] = [];
  const html = String(
    await unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkArticleRefs, {
        labelsOf: async (slug: string) => {
          looked.push(slug);
          return slug === 'rope' ? ROPE : undefined;
        },
      })
      .use(remarkWikilinks, {
        resolve: (name: string) => (name === 'rope' ? { slug: 'rope', title: 'RoPE' } : undefined),
        attachment: () => undefined,
      })
      .use(remarkEquationRefs, { base: '/kb/' })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(file),
  );
  return { html, file, looked, problems: (file.data.problems ?? []).map(formatProblem) };
}

describe('remark-article-refs: [[slug#label]] and \\eqref{slug#label} into other articles', () => {
  it('links to another article’s equation or theorem with its number, by id or by \\label name', async () => {
    const { html, looked, file } = await render(
      '由 [[rope#eq-rope-rel]]、[[rope#eq:rope-rel|那个式子]] 与 [[rope#thm-rel]]；标题链接 [[rope#外推]] 不变。',
    );
    expect(html).toContain(
      '<a href="/articles/rope/#eq-rope-rel" class="crossref crossref-article" data-crossref="eq">《RoPE》式 (3)</a>',
    );
    expect(html).toContain(
      '<a href="/articles/rope/#eq-rope-rel" class="crossref crossref-article" data-crossref="eq">那个式子</a>',
    );
    expect(html).toContain('>《RoPE》定理 1</a>');
    expect(html).toContain(`<a href="/articles/rope/#${encodeURIComponent('外推')}">RoPE</a>`);
    expect(looked).toEqual(['rope']);
    expect([...file.data.lookedUp!.labels]).toEqual(['rope']);
  });

  it('resolves \\eqref{slug#label} in prose and inside formulas (with the base path)', async () => {
    const { html, problems } = await render('见 \\eqref{rope#eq:rope-rel}。\n\n$$\nx = \\eqref{rope#eq-rope-rel}\n$$');
    expect(problems).toEqual([]);
    expect(html).toContain(
      '<a href="/articles/rope/#eq-rope-rel" class="eqref crossref crossref-article" data-equation="eq-rope-rel">《RoPE》式 (3)</a>',
    );
    expect(html).toContain('\\href{/kb/articles/rope/#eq-rope-rel}{\\text{(3)}}');
  });

  it('reports a label the other article does not have, with its closest labels', async () => {
    const { problems, html } = await render('见 [[rope#eq-rope-rl]] 与 \\eqref{rope#eq:nope}。');
    expect(problems).toEqual([
      expect.stringMatching(
        /a\.md:1:3 — \[\[rope#eq-rope-rl\]\]: "rope" has no label "eq-rope-rl"\n\s+fix: its labels closest to that: eq:rope-rel/,
      ),
      expect.stringMatching(/\\eqref\{rope#eq:nope\}: the article "rope" has no equation labelled "eq:nope"/),
    ]);
    expect(html).toContain('<span class="kb-error"');
  });

  it('leaves a missing article to the link check (an ordinary link)', async () => {
    const { html } = await render('[[nowhere#thm-x]]');
    expect(html).toContain('<a href="/articles/nowhere/">nowhere#thm-x</a>');
  });
});
