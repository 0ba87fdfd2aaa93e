import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('article renderer', () => {
  it('renders an article file with its own line numbers and serves the second render from the cache', async () => {
    process.env.KB_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cache-'));
    const { renderArticle, articleSource } = await import('../../../src/markdown/article-renderer.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-article-'));
    const file = path.join(dir, 'post.md');
    fs.writeFileSync(file, '---\ntitle: "T"\ndate: 2025-01-01\ntags: [a]\n---\n\n## 推广到 $d$ 维\n\n正文 $x^2$。\n');
    expect(articleSource(file).split('\n')[6]).toBe('## 推广到 $d$ 维');

    const first = await renderArticle(file);
    expect(first.hasMath).toBe(true);
    expect(first.headings).toEqual([{ depth: 2, slug: '推广到-d-维', text: '推广到 $d$ 维' }]);
    expect(first.html).toContain('class="katex"');

    const cacheFiles = fs.readdirSync(path.join(process.env.KB_CACHE_DIR!, 'kb-render'), { recursive: true }).filter((name) => String(name).endsWith('.json'));
    expect(cacheFiles).toHaveLength(1);
    expect(await renderArticle(file)).toEqual(first);

    fs.writeFileSync(file, '---\ntitle: "T"\ndate: 2025-01-01\ntags: [a]\n---\n\n第三行\n\n$\\frac{a}{$\n');
    await expect(renderArticle(file)).rejects.toThrow(/post\.md:9:1 — invalid TeX/);
  });
});
