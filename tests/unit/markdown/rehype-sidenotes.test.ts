import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('remark-notes and rehype-sidenotes: inline notes, sidenotes, margin notes', () => {
  it('makes ^[inline notes] footnotes numbered in order with the others', async () => {
    const html = await renderMarkdown(
      '甲[^a]，乙^[内联的 *注* 与 $x$ 和 [链接](https://example.org)]，丙[^b]。\n\n[^a]: 第一条。\n[^b]: 第三条。',
    );
    const numbers = [...html.matchAll(/data-footnote-ref[^>]*>(\d+)</g)].map((match) => match[1]);
    expect(numbers).toEqual(['1', '2', '3']);
    expect(html).toMatch(
      /<li id="user-content-fn-inline-1"[^>]*>\s*<p>内联的 <em>注<\/em> 与 <span class="math math-inline">/,
    );
    expect(html).not.toContain('^[');
  });

  it('writes each note a second time as a sidenote right after its reference, without ids or back link', async () => {
    const html = await renderMarkdown('正文[^n]继续。\n\n[^n]: 注释 $y$ 的内容。');
    expect(html).toMatch(
      /<sup><a href="#user-content-fn-n"[^>]*>1<\/a><\/sup><span class="sidenote" data-pagefind-ignore=""><span class="sidenote-number">1<\/span> <span class="sidenote-p">注释 <span class="math math-inline">.*<\/span> 的内容。<\/span><\/span>继续。/s,
    );
    const sidenote = /<span class="sidenote".*?<\/span><\/span>继续/s.exec(html)![0];
    expect(sidenote).not.toContain('id=');
    expect(sidenote).not.toContain('↩');
    expect(html).toMatch(/<li id="user-content-fn-n" class="has-sidenote">/);
    expect(html).toMatch(/<section data-footnotes class="footnotes footnotes-in-margin">/);
  });

  it('keeps a note with a list or a display formula an end note only', async () => {
    const html = await renderMarkdown('正文[^list]。\n\n[^list]: 两点：\n\n    - 甲\n    - 乙');
    expect(html).not.toContain('class="sidenote"');
    expect(html).toMatch(/<section data-footnotes class="footnotes">/);
  });

  it('makes ::: {.aside} an unnumbered margin note, and reports an inline note left open', async () => {
    expect(await renderMarkdown('::: {.aside}\n旁注。\n:::')).toBe(
      '<div class="margin-note" role="note"><p>旁注。</p></div>',
    );
    const { problems } = await renderWithProblems('文字 ^[没有闭合', '/tmp/content/articles/n.md');
    expect(problems).toEqual([expect.stringMatching(/n\.md:1:4 — an inline note \^\[… is never closed/)]);
  });
});
