import { describe, expect, it } from 'vitest';
import { bestSections, bodyExcerpt, bodyMatches, markedWords, readPage } from '../../../src/client/search-excerpt.ts';
import { parseQuery } from '../../../src/client/search-query.ts';

/** Pagefind's raw_content: words joined by U+200B (here: split on spaces and before punctuation). */
const raw = (text: string) => text.split(/(?<= )|(?=[，。：])/).join('\u200B');
const TITLE = '线性注意力：去掉 Softmax 之后';
const content = raw(
  `${TITLE}. ⟦ attention 线性注意力 kernelized attention ⟧ ` +
    '线性注意力的出发点很朴素。 把 softmax 换成核函数 ⟪ \\phi(q)^\\top\\phi(k) ⟫ 就能调换乘法顺序。 ' +
    '结合律. 这里讲结合律为什么让复杂度变成线性。 ' +
    '⦃ def linear_attention(q, k): return q @ k ⦄ 代码之后还有一句关于线性注意力的话。',
);
const anchors = () => {
  const words = content.split('\u200B');
  const at = words.findIndex((word) => word.startsWith('结合律.'));
  return [{ element: 'h2', id: 'jie-he-lv', text: '结合律', location: at }];
};

describe('bodyExcerpt', () => {
  it('is the body sentence where the query matches: not the title, not the alias paragraph', () => {
    const page = readPage(content, anchors(), TITLE);
    const units = parseQuery('线性注意力').units;
    const excerpt = bodyExcerpt(
      page,
      bodyMatches(page, units),
      units.map(() => 1),
    )!;
    const text = excerpt.map((s) => (s.kind === 'tex' ? s.tex : s.kind === 'gap' ? '…' : s.text)).join('');
    expect(text).not.toContain('kernelized');
    expect(text).not.toContain('去掉 Softmax 之后');
    expect(markedWords(excerpt).join(' ')).toContain('线性');
  });

  it('keeps a formula whole, as TeX, and prefers prose to code', () => {
    const page = readPage(content, anchors(), TITLE);
    const units = parseQuery('核函数 phi').units;
    const excerpt = bodyExcerpt(
      page,
      bodyMatches(page, units),
      units.map(() => 1),
    )!;
    expect(excerpt).toContainEqual({ kind: 'tex', tex: '\\phi(q)^\\top\\phi(k)', marked: true });
    const code = parseQuery('linear').units;
    const codeExcerpt = bodyExcerpt(page, bodyMatches(page, code), [1]);
    expect(codeExcerpt?.some((s) => s.kind !== 'tex' && 'text' in s && s.text.includes('⦃'))).toBe(false);
  });

  it('is null when nothing in the body matches (the caller shows the description)', () => {
    const page = readPage(content, anchors(), TITLE);
    const units = parseQuery('kernelized').units;
    expect(bodyExcerpt(page, bodyMatches(page, units), [1])).toBeNull();
  });
});

describe('bestSections', () => {
  it('lists the headings whose sections match, with the words marked', () => {
    const page = readPage(content, anchors(), TITLE);
    const units = parseQuery('复杂度').units;
    const sections = bestSections(page, bodyMatches(page, units), [1], units);
    expect(sections.map((section) => section.id)).toEqual(['jie-he-lv']);
  });
});
