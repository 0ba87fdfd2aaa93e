import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('remark-theorems: Quarto theorem blocks and proofs', () => {
  it('numbers each kind through the article, with an optional title, and keeps the title out of the outline', async () => {
    const { html, file } = await renderWithProblems(
      [
        '::: {#thm-rm}',
        '## Robbins–Monro',
        '若步长满足 $\\sum a_n = \\infty$，则迭代收敛。',
        ':::',
        '',
        '::: {#lem-bound}',
        '有界。',
        ':::',
        '',
        '::: {#thm-second name="第二个"}',
        '另一个定理。',
        ':::',
        '',
        '::: {#def-step}',
        '步长是……',
        ':::',
      ].join('\n'),
    );
    expect(html).toMatch(
      /<div id="thm-rm" class="theorem theorem-thm" data-label="定理 1"><p><span class="theorem-title"><span class="theorem-label">定理 1<\/span><span class="theorem-name">（Robbins–Monro）<\/span><\/span> 若步长满足/,
    );
    expect(html).toMatch(/id="lem-bound"[^>]*><p><span class="theorem-title"><span class="theorem-label">引理 1</);
    expect(html).toMatch(/id="thm-second"[^>]*>.*定理 2<\/span><span class="theorem-name">（第二个）/);
    expect(html).toMatch(/id="def-step"[^>]*>.*定义 1</);
    expect(html).not.toContain('<h2');
    expect(file.data.facts!.headings).toEqual([]);
    expect(file.data.facts!.labels.map((label) => `${label.id}:${label.number}`)).toEqual([
      'thm-rm:1',
      'lem-bound:1',
      'thm-second:2',
      'def-step:1',
    ]);
  });

  it('starts a proof with 证明 and ends it with ∎, also after a display formula', async () => {
    const html = await renderMarkdown('::: {.proof}\n由归纳法。\n\n$$\na = b\n$$\n:::\n\n::: {.proof}\n显然。\n:::');
    expect(html).toMatch(/<div class="proof"><p><span class="proof-title">证明<\/span> 由归纳法。<\/p>/);
    expect(html).toMatch(/<p class="qed-line"><span class="qed" role="img" aria-label="证毕">∎<\/span><\/p><\/div>/);
    expect(html).toMatch(/显然。<span class="qed" role="img" aria-label="证毕">∎<\/span><\/p><\/div>/);
  });

  it('reports an empty block, a kind without a name, a misspelt kind and a duplicate id', async () => {
    const { problems } = await renderWithProblems(
      '::: {#thm-empty}\n:::\n\n::: {#lem-}\n文字\n:::\n\n::: {#lemma-x}\n文字\n:::\n\n::: {#thm-a}\n甲\n:::\n\n::: {#thm-a}\n乙\n:::\n',
      '/tmp/content/articles/t.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(/t\.md:1:1 — 定理 1 \("thm-empty"\) has no text/),
      expect.stringMatching(/t\.md:4:1 — "#lem-" has a kind but no name/),
      expect.stringMatching(
        /t\.md:8:1 — "lemma-x": "lemma" is not a theorem kind\n\s+fix: use one of thm, lem, .* e\.g\. #lem-x/,
      ),
      expect.stringMatching(/t\.md:16:1 — the id "thm-a" is used twice in this article \(first on line 12\)/),
    ]);
  });
});
