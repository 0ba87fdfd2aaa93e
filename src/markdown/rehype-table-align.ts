/**
 * GFM writes column alignment as `align="…"` on table cells, an attribute HTML5 no longer
 * allows; a class does the same job (styled in prose.css) and validates.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export default function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if ((node.tagName !== 'td' && node.tagName !== 'th') || typeof node.properties.align !== 'string') return;
      const align = node.properties.align;
      delete node.properties.align;
      node.properties.className = [...((node.properties.className as string[] | undefined) ?? []), `align-${align}`];
    });
  };
}
