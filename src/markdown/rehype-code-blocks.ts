/**
 * Give every highlighted block a frame with a visible language label. The copy button is
 * added by src/client/copy-code.ts, because a button that cannot work without JavaScript
 * should not be there without it.
 */
import type { Element, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

const LABELS: Record<string, string> = {
  plaintext: 'text',
  py: 'python',
  sh: 'bash',
  shell: 'bash',
  js: 'javascript',
  ts: 'typescript',
  'c++': 'cpp',
};

export default function rehypeCodeBlocks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return undefined;
      const language = String(node.properties.dataLanguage ?? 'text');
      const label = LABELS[language] ?? language;
      const frame: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['code-block'], dataLanguage: label },
        children: [
          {
            type: 'element',
            tagName: 'div',
            // The language label is not part of the article's text for search.
            properties: { className: ['code-block-bar'], dataPagefindIgnore: '' },
            children: [
              {
                type: 'element',
                tagName: 'span',
                properties: { className: ['code-lang'] },
                children: [{ type: 'text', value: label }],
              },
            ],
          },
          node,
        ],
      };
      parent.children[index] = frame;
      return SKIP;
    });
  };
}
