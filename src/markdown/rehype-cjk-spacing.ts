/**
 * Space between Chinese and Latin (letters, digits, inline math) that authors need not
 * type, the same in every browser. CSS `text-autospace` would add it only in some browsers
 * (Chromium 140, Safari 18.4), not across element boundaries (**BERT**, a link, a formula),
 * and never next to inline math (a box it does not look into). So an empty
 * `<span class="cjk-gap">` marks each spot, and src/styles/type.css gives it the 1/8 em
 * autospace would add (and turns autospace off in the prose, so nothing doubles). The text
 * itself is unchanged: copying and search see what the author wrote.
 *
 * Runs before KaTeX, while inline math is still `code.language-math`. Code, preformatted
 * text, raw HTML and footnote marks are left alone, and a boundary the author already
 * spaced gets nothing.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { isAlphaNumeric, isIdeograph } from '../lib/cjk.ts';

/** Elements whose text is not prose. */
const LEAVE_ALONE = new Set(['pre', 'code', 'kbd', 'samp', 'script', 'style', 'textarea', 'svg', 'math', 'template']);
/** Inline elements whose text flows with their neighbours' (not sup/sub: a footnote mark sits close). */
const INLINE = new Set([
  'a',
  'strong',
  'em',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'span',
  'small',
  'abbr',
  'cite',
]);

const classes = (node: Element) => {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : [];
};
const isMath = (node: ElementContent) =>
  node.type === 'element' && node.tagName === 'code' && classes(node).includes('language-math');

type Edge = 'ideograph' | 'alpha' | 'math' | undefined;

function charEdge(char: string | undefined): Edge {
  if (isIdeograph(char)) return 'ideograph';
  if (isAlphaNumeric(char)) return 'alpha';
  return undefined;
}

/** What the reader sees first (or last) in a node, as far as spacing goes. */
function edge(node: ElementContent, side: 'start' | 'end'): Edge {
  if (node.type === 'text') return charEdge(side === 'start' ? node.value.at(0) : node.value.at(-1));
  if (node.type !== 'element') return undefined;
  if (isMath(node)) return 'math';
  if (!INLINE.has(node.tagName) || node.children.length === 0) return undefined;
  const children = side === 'start' ? node.children : [...node.children].reverse();
  for (const child of children) {
    if (child.type === 'text' && child.value === '') continue;
    return edge(child, side);
  }
  return undefined;
}

const gap = (math: boolean): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: math ? ['cjk-gap', 'cjk-gap-math'] : ['cjk-gap'] },
  children: [],
});

const needsGap = (left: Edge, right: Edge) =>
  (left === 'ideograph' && (right === 'alpha' || right === 'math')) ||
  ((left === 'alpha' || left === 'math') && right === 'ideograph');

const BOUNDARY =
  /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}])(?=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}])|(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}])/u;

/** A text node split at its own CJK–Latin boundaries. */
function splitText(node: Text): ElementContent[] {
  const pieces = node.value.split(new RegExp(BOUNDARY.source, 'gu'));
  if (pieces.length === 1) return [node];
  return pieces.flatMap((value, index) => [...(index > 0 ? [gap(false)] : []), { type: 'text', value } satisfies Text]);
}

function spaceChildren(parent: Element | Root): void {
  const spaced: ElementContent[] = [];
  for (const child of parent.children as ElementContent[]) {
    const previous = spaced.at(-1);
    if (previous) {
      const left = edge(previous, 'end');
      const right = edge(child, 'start');
      if (needsGap(left, right)) spaced.push(gap(left === 'math' || right === 'math'));
    }
    spaced.push(...(child.type === 'text' ? splitText(child) : [child]));
  }
  parent.children = spaced as never;
}

export default function rehypeCjkSpacing() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (LEAVE_ALONE.has(node.tagName) || isMath(node)) return SKIP;
      spaceChildren(node);
      return undefined;
    });
  };
}
