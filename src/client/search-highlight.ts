/**
 * Arriving from a search result (`?highlight=word word`): mark those words in the article
 * and scroll to the first one (after the #section, when the link names one). Text inside
 * formulas is never touched, so KaTeX's layout stays intact; a formula whose TeX contains
 * a searched term gets an outline instead. Loaded only when the parameter is present.
 */
import { compactTex } from './search-engine.ts';

const HIGHLIGHT_CLASS = 'search-highlight';
const prose = document.querySelector<HTMLElement>('.prose');
const raw = new URLSearchParams(window.location.search).get('highlight') ?? '';
// Single Latin letters would light up half the page; single CJK characters are words.
const terms = [...new Set(raw.split(/\s+/).filter((term) => term.length > 1 || /[^\x00-\x7f]/.test(term)))];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function markText(root: HTMLElement, pattern: RegExp): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('.katex, script, style, button, mark, .code-block-bar')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const textNodes: Text[] = [];
  while (walker.nextNode()) textNodes.push(walker.currentNode as Text);
  for (const node of textNodes) {
    const text = node.data;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const pieces: Node[] = [];
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      if (at > last) pieces.push(document.createTextNode(text.slice(last, at)));
      const mark = document.createElement('mark');
      mark.className = HIGHLIGHT_CLASS;
      mark.textContent = match[0];
      pieces.push(mark);
      last = at + match[0].length;
    }
    if (last < text.length) pieces.push(document.createTextNode(text.slice(last)));
    node.replaceWith(...pieces);
  }
}

function markFormulas(root: HTMLElement, texTerms: string[]): void {
  // Compared squeezed, so `\sqrt{d}` finds `\sqrt{d_k}` and `QK^T` finds `QK^\top`.
  const wanted = texTerms.map(compactTex).filter((term) => term.length > 1);
  if (wanted.length === 0) return;
  for (const formula of root.querySelectorAll<HTMLElement>('.katex')) {
    const tex = compactTex(formula.querySelector('annotation')?.textContent ?? '');
    if (wanted.some((term) => tex.includes(term))) formula.classList.add('search-highlight-math');
  }
}

if (prose && terms.length > 0) {
  const pattern = new RegExp(
    terms
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'gi',
  );
  markText(prose, pattern);
  markFormulas(prose, terms);
  const hits = [...prose.querySelectorAll<HTMLElement>(`mark.${HIGHLIGHT_CLASS}, .search-highlight-math`)];
  const section = window.location.hash
    ? document.getElementById(decodeURIComponent(window.location.hash.slice(1)))
    : null;
  const first = section
    ? (hits.find((hit) => section.compareDocumentPosition(hit) & Node.DOCUMENT_POSITION_FOLLOWING) ?? section)
    : hits[0];
  first?.scrollIntoView({ block: 'center' });
}
