import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A content folder of the test's own: images may not come from outside the content folder.
const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-content-'));
process.env.KB_CONTENT_DIR = contentDir;
process.env.KB_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cache-'));

describe('article renderer', () => {
  it('renders an article file with its own line numbers, and serves the second render from the cache', async () => {
    const { renderArticle, articleSource, articleFacts } = await import('../../../src/markdown/article-renderer.ts');
    const dir = fs.mkdtempSync(path.join(contentDir, 'article-'));
    const file = path.join(dir, 'post.md');
    fs.writeFileSync(file, '---\ntitle: "T"\ndate: 2025-01-01\ntags: [a]\n---\n\n## 推广到 $d$ 维\n\n正文 $x^2$。\n');
    expect(articleSource(file).split('\n')[6]).toBe('## 推广到 $d$ 维');

    const first = await renderArticle(file);
    expect(first.facts.hasMath).toBe(true);
    expect(first.facts.headings).toEqual([{ depth: 2, slug: '推广到-d-维', text: '推广到 $d$ 维' }]);
    expect(first.html).toContain('class="katex"');
    expect(first.problems).toEqual([]);

    const cacheFiles = fs
      .readdirSync(path.join(process.env.KB_CACHE_DIR!, 'kb-render'), { recursive: true })
      .filter((name) => String(name).endsWith('.json'));
    expect(cacheFiles).toHaveLength(3); // the HTML, the feed copy, and the facts on their own
    expect(first.feedHtml).toContain('<math');
    expect(first.feedHtml).not.toContain('katex');
    expect(await renderArticle(file)).toEqual(first);
    // The digest names the render: the cached one has the same, so its pages can be reused.
    expect(await articleFacts(file)).toEqual({ facts: first.facts, problems: [], digest: first.digest });

    fs.writeFileSync(file, '---\ntitle: "T"\ndate: 2025-01-01\ntags: [a]\n---\n\n第三行\n\n$\\frac{a}{$\n');
    const broken = await renderArticle(file);
    expect(
      broken.problems.map(
        (problem) => `${path.basename(problem.file)}:${problem.line}:${problem.column} ${problem.rule}`,
      ),
    ).toEqual(['post.md:9:1 math/invalid-tex']);
    expect(broken.html).toContain('katex-error');
    expect(broken.digest).not.toBe(first.digest);
  });

  it('renders again when an image it published changes', async () => {
    const { renderArticle } = await import('../../../src/markdown/article-renderer.ts');
    const dir = fs.mkdtempSync(path.join(contentDir, 'article-'));
    const file = path.join(dir, 'figure.md');
    fs.writeFileSync(path.join(dir, 'fig.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(file, '---\ntitle: "T"\ndate: 2025-01-01\ntags: [a]\n---\n\n![图](./fig.svg)\n');
    const before = (await renderArticle(file)).html;
    fs.writeFileSync(path.join(dir, 'fig.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="2"/>');
    const after = (await renderArticle(file)).html;
    expect(after).not.toBe(before);
    expect(after).toMatch(/src="\/_kb\/assets\/[0-9a-f]{12}-fig\.svg"/);
  });
});
