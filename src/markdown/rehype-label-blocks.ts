/**
 * The rendered HTML of each numbered block (equation, theorem, figure, table), kept with
 * the render so that another article referring to it (`[[slug#thm-x]]`) can show it in its
 * hover preview without fetching this page. The copy is shown inside another page, so its
 * ids are dropped and its links become plain text (an in-page `#eq-x` of this article would
 * point nowhere there; the preview's own link leads here). Runs last, when formulas and
 * code are rendered.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { labelList } from './labels.ts';

declare module 'vfile' {
  interface DataMap {
    /** Label id → the block's HTML. */
    labelBlocks: Record<string, string>;
  }
}

const RAW_ID = /\sid="([^"]+)"/g;
/** KaTeX's `\href` links inside raw formula HTML. */
const RAW_LINK = /<a\s[^>]*>|<\/a>/g;

function inert(node: Element): Element {
  const { id: _id, href: _href, ...properties } = node.properties;
  const children = node.children.map((child): ElementContent => {
    if (child.type === 'element') return inert(child);
    const raw = child as unknown as { type: string; value: string };
    if (raw.type !== 'raw') return child;
    const value = raw.value.replace(RAW_ID, '').replace(RAW_LINK, (tag) => (tag === '</a>' ? '</span>' : '<span>'));
    return { ...raw, value } as unknown as ElementContent;
  });
  return { ...node, tagName: node.tagName === 'a' ? 'span' : node.tagName, properties, children };
}

const isDisplayMath = (node: Element) =>
  Array.isArray(node.properties.className) && node.properties.className.includes('math-display');

export default function rehypeLabelBlocks() {
  return (tree: Root, file: VFile) => {
    const ids = new Set(labelList(file).map((label) => label.id));
    if (ids.size === 0) return;
    const found = new Map<string, Element>();
    visitParents(tree, (node, ancestors) => {
      if (node.type === 'element') {
        const id = node.properties.id;
        if (typeof id === 'string' && ids.has(id) && !found.has(id)) {
          // A row's anchor sits in its tag, deep in KaTeX's output: show the whole formula.
          const display = [...ancestors].reverse().find((a): a is Element => a.type === 'element' && isDisplayMath(a));
          found.set(id, display ?? node);
        }
      } else if ((node as { type: string }).type === 'raw') {
        const display = [...ancestors].reverse().find((a): a is Element => a.type === 'element' && isDisplayMath(a));
        if (!display) return;
        for (const match of (node as unknown as { value: string }).value.matchAll(RAW_ID))
          if (ids.has(match[1]!) && !found.has(match[1]!)) found.set(match[1]!, display);
      }
    });
    const blocks: Record<string, string> = {};
    for (const [id, element] of found) blocks[id] = toHtml(inert(element), { allowDangerousHtml: true });
    file.data.labelBlocks = blocks;
  };
}
