/**
 * Arriving from a search result (`?highlight=word word`): mark those words in the article
 * and scroll the first one into view. A link to a section (`#heading`, from a result's
 * section list, or a result that opens at its best section) marks the matches of that
 * section only, from its heading to the next h2–h4, the same span search-excerpt.ts chose
 * the section by; otherwise a match above the heading would be "the first" and the reader
 * would land on one they did not ask for. A section where none of the words appear (an
 * alias matched) falls back to the whole article. Text inside formulas is never touched,
 * so KaTeX's layout stays intact; a formula whose TeX contains a searched term gets an
 * outline instead. Loaded only when the parameter is present.
 */
import { compactTex } from './search-engine.ts';

const HIGHLIGHT_CLASS = 'search-highlight';
const MATH_CLASS = 'search-highlight-math';
/** The headings a section runs between (Pagefind's anchors that search-excerpt.ts uses). */
const SECTION_HEADINGS = 'h2[id], h3[id], h4[id]';
const prose = document.querySelector<HTMLElement>('.prose');
const raw = new URLSearchParams(window.location.search).get('highlight') ?? '';
// Single Latin letters would light up half the page; single CJK characters are words.
const terms = [...new Set(raw.split(/\s+/).filter((term) => term.length > 1 || /[^\x00-\x7f]/.test(term)))];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `node` lies in the part of the article being marked. */
type Scope = (node: Node) => boolean;
const everywhere: Scope = () => true;

/** The section under `heading`: the heading itself and what follows it, up to the next h2–h4. */
function sectionScope(root: HTMLElement, heading: HTMLElement): Scope {
  const next = [...root.querySelectorAll<HTMLElement>(SECTION_HEADINGS)].find(
    (other) => heading.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING && !heading.contains(other),
  );
  return (node) =>
    (node === heading || (heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0) &&
    (!next || (next.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
}

function markText(root: HTMLElement, pattern: RegExp, inScope: Scope): HTMLElement[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('.katex, script, style, button, mark, .code-block-bar') || !inScope(node)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const textNodes: Text[] = [];
  while (walker.nextNode()) textNodes.push(walker.currentNode as Text);
  const marks: HTMLElement[] = [];
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
      marks.push(mark);
      last = at + match[0].length;
    }
    if (last < text.length) pieces.push(document.createTextNode(text.slice(last)));
    node.replaceWith(...pieces);
  }
  return marks;
}

function markFormulas(root: HTMLElement, texTerms: string[], inScope: Scope): HTMLElement[] {
  // Compared squeezed, so `\sqrt{d}` finds `\sqrt{d_k}` and `QK^T` finds `QK^\top`.
  const wanted = texTerms.map(compactTex).filter((term) => term.length > 1);
  if (wanted.length === 0) return [];
  const outlined: HTMLElement[] = [];
  for (const formula of root.querySelectorAll<HTMLElement>('.katex')) {
    if (!inScope(formula)) continue;
    const tex = compactTex(formula.querySelector('annotation')?.textContent ?? '');
    if (!wanted.some((term) => tex.includes(term))) continue;
    formula.classList.add(MATH_CLASS);
    outlined.push(formula);
  }
  return outlined;
}

/** Marks words and outlines formulas in scope; the hits in document order. */
function highlight(root: HTMLElement, pattern: RegExp, inScope: Scope): HTMLElement[] {
  const hits = [...markText(root, pattern, inScope), ...markFormulas(root, terms, inScope)];
  return hits.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/**
 * Brings `target` into view, and again once the web fonts have loaded: KaTeX's and the
 * text's faces re-wrap the paragraphs above it, which can push it out of view (browsers
 * without scroll anchoring keep the old offset). Not if the reader has moved meanwhile.
 */
function reveal(target: HTMLElement): void {
  const show = () => target.scrollIntoView({ block: 'center' });
  show();
  if (document.fonts.status !== 'loading') return;
  let moved = false;
  const onInput = () => {
    moved = true;
  };
  const inputs = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  for (const type of inputs) addEventListener(type, onInput, { once: true, passive: true });
  void document.fonts.ready.then(() => {
    for (const type of inputs) removeEventListener(type, onInput);
    if (!moved) show();
  });
}

if (prose && terms.length > 0) {
  const pattern = new RegExp(
    [...terms]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'gi',
  );
  const anchor = window.location.hash
    ? document.getElementById(decodeURIComponent(window.location.hash.slice(1)))
    : null;
  const heading = anchor && prose.contains(anchor) && anchor.matches(SECTION_HEADINGS) ? anchor : null;
  let hits = heading ? highlight(prose, pattern, sectionScope(prose, heading)) : [];
  const inSection = hits.length > 0;
  if (!inSection) hits = highlight(prose, pattern, everywhere);
  // Where the link points at something else (an equation), or its section lacks the words:
  // the first hit after that point, else the point itself.
  const first =
    anchor && !inSection
      ? (hits.find((hit) => anchor.compareDocumentPosition(hit) & Node.DOCUMENT_POSITION_FOLLOWING) ?? anchor)
      : hits[0];
  if (first) reveal(first);
}
