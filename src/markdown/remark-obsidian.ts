/**
 * The rest of Obsidian's Markdown that a vault is full of: `==highlighted==` text (a
 * <mark>), `%%comments%%` (left out of the page, as Obsidian's preview does), and block ids
 * (` ^key-step` at the end of a paragraph or list item), which become the element's id so
 * that `[[note#^key-step]]` reaches it. (Wikilinks, embeds and callouts have their own
 * plugins.)
 */
import type { Paragraph, Parent, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

const HIGHLIGHT = /==(?=\S)([^=\n]*?\S)==/g;
const COMMENT = /%%[\s\S]*?%%/g;
const BLOCK_ID = /\s\^([A-Za-z0-9-]+)\s*$/;

export default function remarkObsidian() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined) return undefined;
      let value = node.value;
      if (value.includes('%%')) value = value.replace(COMMENT, '');
      if (!value.includes('==')) {
        if (value !== node.value) node.value = value;
        return undefined;
      }
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of value.matchAll(HIGHLIGHT)) {
        if (match.index > last) pieces.push({ type: 'text', value: value.slice(last, match.index) });
        pieces.push({ type: 'emphasis', data: { hName: 'mark' }, children: [{ type: 'text', value: match[1]! }] });
        last = match.index + match[0].length;
      }
      if (pieces.length === 0) {
        node.value = value;
        return undefined;
      }
      if (last < value.length) pieces.push({ type: 'text', value: value.slice(last) });
      parent.children.splice(index, 1, ...pieces);
      return [SKIP, index + pieces.length];
    });
    // `==**term**==` (emphasis inside a highlight, how a vault marks its definitions): the
    // `==` pair is split over the text before and after the bold, so it is joined here.
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const children = (node as Parent).children as PhrasingContent[];
      for (let open = 0; open < children.length - 2; open++) {
        const first = children[open]!;
        if (first.type !== 'text' || !/(^|[^=])==$/.test(first.value)) continue;
        const close = children.findIndex(
          (node, at) => at > open + 1 && node.type === 'text' && /^==(?!=)/.test(node.value),
        );
        if (close < 0) continue;
        const inner = children.slice(open + 1, close);
        const edge = (node: PhrasingContent | undefined, side: RegExp) =>
          node?.type === 'text' && (side.test(node.value) || node.value.includes('\n\n'));
        if (
          inner.some((node) => node.type === 'text' && node.value.includes('==')) ||
          edge(inner[0], /^\s/) ||
          edge(inner.at(-1), /\s$/)
        )
          continue;
        first.value = first.value.slice(0, -2);
        const last = children[close] as Text;
        last.value = last.value.slice(2);
        children.splice(open + 1, close - open - 1, {
          type: 'emphasis',
          data: { hName: 'mark' },
          children: inner,
        } as PhrasingContent);
      }
      return undefined;
    });
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const last = paragraph.children.at(-1);
      if (last?.type !== 'text') return;
      const id = BLOCK_ID.exec(last.value);
      if (!id) return;
      last.value = last.value.slice(0, id.index).trimEnd();
      paragraph.data = { ...paragraph.data, hProperties: { ...(paragraph.data?.hProperties ?? {}), id: id[1]! } };
    });
  };
}
