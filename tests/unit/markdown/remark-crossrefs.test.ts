import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

const DOC = [
  '由 @thm-rm 与 [-@lem-a] 可知，@fig-heat 与 [@tbl-res; @tbl-two] 也支持，式 @eq-loss 与 @eq-rate 亦然。',
  '',
  '::: {#thm-rm}',
  '定理。',
  ':::',
  '',
  '::: {#lem-a}',
  '引理。',
  ':::',
  '',
  '![热力图](/favicon.svg){#fig-heat}',
  '',
  '| a |',
  '| - |',
  '| 1 |',
  '',
  ': 结果 {#tbl-res}',
  '',
  '| b |',
  '| - |',
  '| 2 |',
  '',
  ': 更多 {#tbl-two}',
  '',
  '$$',
  'L = 1 \\label{eq-loss}',
  '$$',
  '',
  '$$',
  'r = 2 \\label{eq:rate}',
  '$$',
].join('\n');

describe('remark-crossrefs: @thm-x, @fig-x, @tbl-x, @eq-x', () => {
  it('links references (written before the blocks) with the kind and number', async () => {
    const html = await renderMarkdown(DOC);
    expect(html).toContain('<a href="#thm-rm" class="crossref" data-crossref="thm">定理 1</a>');
    expect(html).toContain('<a href="#lem-a" class="crossref" data-crossref="lem">1</a>');
    expect(html).toContain('<a href="#fig-heat" class="crossref" data-crossref="fig">图 1</a>');
    expect(html).toContain(
      '<a href="#tbl-res" class="crossref" data-crossref="tbl">表 1</a>、<a href="#tbl-two" class="crossref" data-crossref="tbl">表 2</a>',
    );
    // An equation labelled \label{eq-loss} or \label{eq:rate} (id eq-rate); Quarto's $$ … $$ {#eq-x}
    // is tested in remark-equation-ids.test.ts.
    expect(html).toContain('<a href="#eq-loss" class="crossref" data-crossref="eq">式 (1)</a>');
    expect(html).toContain('<a href="#eq-rate" class="crossref" data-crossref="eq">式 (2)</a>');
  });

  it('reports an unknown id with the closest ids of its kind, and mixed groups', async () => {
    const { problems, html } = await renderWithProblems(
      `${DOC}\n\n见 @thm-r 与 [@fig-heat; @vaswani2017attention]。`,
      '/tmp/content/articles/x.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /x\.md:33:3 — @thm-r refers to nothing in this article\n\s+fix: the closest ids here: thm-rm/,
      ),
      expect.stringMatching(
        /x\.md:33:\d+ — "\[@fig-heat; @vaswani2017attention\]" mixes references \(fig-heat\) and citations/,
      ),
    ]);
    expect(html).toContain('<span class="kb-error" title="@thm-r: no such label">??</span>');
  });
});
