/**
 * Markdown-tree nodes that become a given HTML element: the plugins that build structure
 * (theorem titles, captions, citations, notes) make them here, keep their children as
 * Markdown (so formulas and links inside are still processed by later plugins), and let
 * remark-rehype turn them into `<tag class>` through `data.hName`/`hProperties`.
 */
import type { Properties } from 'hast';
import type { Data, Parent, PhrasingContent, RootContent } from 'mdast';

export interface KbElement extends Parent {
  type: 'kbElement';
  children: (RootContent | PhrasingContent)[];
  data: Data & { hName: string; hProperties: Properties };
}

declare module 'mdast' {
  interface RootContentMap {
    kbElement: KbElement;
  }
  interface PhrasingContentMap {
    kbElement: KbElement;
  }
  interface BlockContentMap {
    kbElement: KbElement;
  }
}

export function kbElement(
  tagName: string,
  properties: Properties,
  children: (RootContent | PhrasingContent)[],
): KbElement {
  return { type: 'kbElement', data: { hName: tagName, hProperties: properties }, children };
}

export const textNode = (value: string): PhrasingContent => ({ type: 'text', value });

/** Plain text of Markdown nodes (formulas as their TeX between `$`), for titles in facts. */
export function plainText(nodes: readonly (RootContent | PhrasingContent)[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    else if (node.type === 'inlineMath') text += `$${node.value}$`;
    else if (node.type === 'inlineCode') text += node.value;
    else if ('children' in node) text += plainText(node.children as RootContent[]);
  }
  return text;
}
