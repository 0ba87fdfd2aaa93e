import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import remarkCitations from '../../../src/markdown/remark-citations.ts';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

const shared = path.resolve('content/references.bib');

async function withStyle(markdown: string, style: 'numbered' | 'author-year', files = [shared]) {
  const file = new VFile({ value: markdown, path: '/tmp/content/articles/c.md' });
  const html = String(
    await unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkCitations, { style, bibliographyFiles: () => files })
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(file),
  );
  return { html, file };
}

const cite = (key: string, n: number, text: string) =>
  `<a href="#ref-${key}" id="cite-${key}-${n}" class="citation" role="doc-biblioref">${text}</a>`;

describe('remark-citations: Pandoc citations from references.bib', () => {
  it('numbers citations in order of first citation, with groups, locators and narrative form', async () => {
    const { html, file } = await renderWithProblems(
      '注意力见 [@vaswani2017attention]，实现见 [@dao2022flashattention, p. 4; @vaswani2017attention]。@su2024roformer 提出了 RoPE，[-@su2024roformer] 之后……',
    );
    expect(html).toContain(`注意力见 [${cite('vaswani2017attention', 1, '1')}]`);
    expect(html).toContain(`[${cite('dao2022flashattention', 1, '2')}, p. 4, ${cite('vaswani2017attention', 2, '1')}]`);
    expect(html).toContain(
      `Su 等 [${cite('su2024roformer', 1, '3')}] 提出了 RoPE，[${cite('su2024roformer', 2, '3')}]`,
    );
    expect(file.data.facts!.citations).toEqual([
      { key: 'vaswani2017attention', refs: ['cite-vaswani2017attention-1', 'cite-vaswani2017attention-2'] },
      { key: 'dao2022flashattention', refs: ['cite-dao2022flashattention-1'] },
      { key: 'su2024roformer', refs: ['cite-su2024roformer-1', 'cite-su2024roformer-2'] },
    ]);
  });

  it('writes author and year in the author–year style', async () => {
    const { html } = await withStyle(
      '[@vaswani2017attention; @gu2024mamba, p. 3] 与 @dao2022flashattention，以及 [-@kingma2015adam]。',
      'author-year',
    );
    expect(html).toContain(
      `(${cite('vaswani2017attention', 1, 'Vaswani 等, 2017')}; ${cite('gu2024mamba', 1, 'Gu 和 Dao, 2024')}, p. 3)`,
    );
    expect(html).toContain(cite('dao2022flashattention', 1, 'Dao 等 (2022)'));
    expect(html).toContain(`(${cite('kingma2015adam', 1, '2015')})`);
  });

  it('takes entries from an article’s own bibliography file too', async () => {
    const own = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-bib-')), 'own.bib');
    fs.writeFileSync(own, '@misc{mine2025note, author = {Zhang, San}, title = {一篇笔记}, year = {2025}}\n');
    const { html, file } = await withStyle('见 [@mine2025note]。', 'numbered', [shared, own]);
    expect(html).toContain(`[${cite('mine2025note', 1, '1')}]`);
    expect(file.data.problems ?? []).toEqual([]);
  });

  it('reports an unknown key with file, line and the closest known keys, and keeps the text', async () => {
    const { html, problems } = await renderWithProblems(
      '第一行\n如 [@vaswani2017] 所示。',
      '/tmp/content/articles/k.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /k\.md:2:3 — @vaswani2017 is not in the bibliography \(content\/references\.bib\)\n\s+fix: did you mean vaswani2017attention/,
      ),
    ]);
    expect(html).toContain('<span class="kb-error" title="unknown citation key: vaswani2017">[@vaswani2017]</span>');
  });

  it('leaves e-mail addresses and code alone', async () => {
    const html = await renderMarkdown('写信到 someone@example.org，或看 `x @ W`。');
    expect(html).toContain('someone@example.org');
    expect(html).not.toContain('citation');
  });
});
