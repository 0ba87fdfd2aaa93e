/**
 * Footnotes as Tufte-style sidenotes, without JavaScript.
 *
 * CSS cannot move a note from the end of the page to the line that cites it, so the note
 * is written twice by the build: where it is now (the end notes, with their back links),
 * and as a `<span class="sidenote">` right after its reference. src/styles/notes.css shows
 * exactly one of them: on wide screens the sidenote, floated into the margin beside its
 * line, and the end note hidden; on narrow ones the end note, and the sidenote hidden.
 * Screen readers and the keyboard meet each note once at any width (hidden means
 * `display: none` for both). A note that holds blocks a line cannot (a list, code, a
 * display formula) stays an end note at every width.
 *
 * Runs after the facts are taken (the copy must not enter excerpts or backlink sentences)
 * and after KaTeX (the copy carries the rendered formulas).
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

const PHRASING_BLOCKERS = new Set(['pre', 'ul', 'ol', 'table', 'div', 'blockquote', 'figure', 'section', 'hr']);

const classes = (node: Element): string[] =>
  Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];

function hasBlocks(nodes: ElementContent[]): boolean {
  return nodes.some(
    (node) =>
      node.type === 'element' &&
      (PHRASING_BLOCKERS.has(node.tagName) || classes(node).includes('math-display') || hasBlocks(node.children)),
  );
}

/** A copy for the margin: no ids (they stay on the end note), no back link. */
function copy(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'element') {
      out.push(structuredClone(node));
      continue;
    }
    if ('dataFootnoteBackref' in node.properties) continue;
    const { id: _id, ...properties } = node.properties;
    out.push({ ...node, properties: structuredClone(properties), children: copy(node.children) });
  }
  // The back link leaves a trailing space behind.
  const last = out.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return out;
}

export default function rehypeSidenotes() {
  return (tree: Root) => {
    let section: Element | undefined;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'section' && 'dataFootnotes' in node.properties) section = node;
    });
    if (!section) return;
    const notes = new Map<string, Element>();
    visit(section, 'element', (node: Element) => {
      if (node.tagName === 'li' && typeof node.properties.id === 'string') notes.set(node.properties.id, node);
    });

    let placed = 0;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'sup' || !parent || index === undefined || parent.type !== 'element') return undefined;
      if (parent.tagName !== 'p' && parent.tagName !== 'li') return undefined;
      const link = node.children.find(
        (child): child is Element => child.type === 'element' && 'dataFootnoteRef' in child.properties,
      );
      const href = typeof link?.properties.href === 'string' ? link.properties.href : '';
      const note = notes.get(decodeURIComponent(href.slice(1)));
      if (!link || !note) return undefined;
      const paragraphs = note.children.filter(
        (child): child is Element => child.type === 'element' && child.tagName === 'p',
      );
      const others = note.children.filter(
        (child) =>
          !(child.type === 'text' && !child.value.trim()) && !(child.type === 'element' && child.tagName === 'p'),
      );
      if (others.length || paragraphs.length === 0 || paragraphs.some((paragraph) => hasBlocks(paragraph.children)))
        return undefined;
      const number = link.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
      const sidenote: Element = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['sidenote'], dataPagefindIgnore: '' },
        children: [
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['sidenote-number'] },
            children: [{ type: 'text', value: number }],
          },
          { type: 'text', value: ' ' },
          ...paragraphs.map((paragraph): Element => ({
            type: 'element',
            tagName: 'span',
            properties: { className: ['sidenote-p'] },
            children: copy(paragraph.children),
          })),
        ],
      };
      parent.children.splice(index + 1, 0, sidenote);
      note.properties.className = [...classes(note), 'has-sidenote'];
      placed++;
      return index + 2;
    });
    if (placed > 0 && placed === notes.size)
      section.properties.className = [...classes(section), 'footnotes-in-margin'];
  };
}
