/**
 * Notes beside the text, in Pandoc's and Quarto's syntax:
 *
 * - `^[an inline note]` is a footnote written where it belongs: it becomes an ordinary
 *   footnote (numbered with the `[^1]` ones, in order), so it is a sidenote on wide
 *   screens and an end note on phones like any other (src/markdown/rehype-sidenotes.ts);
 * - `::: {.aside}` (or `.column-margin`, Quarto's other name) is an unnumbered margin note:
 *   in the margin on wide screens, a set-off note in the text on narrow ones.
 *
 * The inline note may hold formulas, links and emphasis: it is found across the nodes of
 * its paragraph, by brackets counted in the text around them.
 */
import type { FootnoteDefinition, FootnoteReference, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { FencedDiv } from './remark-fenced-divs.ts';
import { report } from './report.ts';
import { pointAt } from './text-splice.ts';

const ASIDE_CLASSES = ['aside', 'column-margin'];

/** Where the `]` closing an inline note opened in `children[from]` at `offset` is. */
function closing(children: PhrasingContent[], from: number, offset: number): { index: number; at: number } | undefined {
  let depth = 0;
  for (let index = from; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'text') continue;
    const start = index === from ? offset : 0;
    for (let at = start; at < child.value.length; at++) {
      const char = child.value[at];
      if (char === '\\') at++;
      else if (char === '[') depth++;
      else if (char === ']' && depth-- === 0) return { index, at };
    }
  }
  return undefined;
}

export default function remarkNotes() {
  return (tree: Root, file: VFile) => {
    const definitions: FootnoteDefinition[] = [];

    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const children = paragraph.children;
      for (let index = 0; index < children.length; index++) {
        const child = children[index]!;
        if (child.type !== 'text') continue;
        const open = child.value.indexOf('^[');
        if (open < 0) continue;
        const end = closing(children, index, open + 2);
        if (!end) {
          const point = pointAt(child, open);
          report(file, point && { position: { start: point } }, {
            rule: 'note/unclosed',
            message: 'an inline note ^[… is never closed',
            fix: 'end the note with ] in the same paragraph',
          });
          break;
        }
        const identifier = `inline-${definitions.length + 1}`;
        const last = children[end.index] as Text;
        const body: PhrasingContent[] =
          end.index === index
            ? [{ type: 'text', value: child.value.slice(open + 2, end.at) }]
            : [
                { type: 'text', value: child.value.slice(open + 2) },
                ...children.slice(index + 1, end.index),
                { type: 'text', value: last.value.slice(0, end.at) },
              ];
        definitions.push({
          type: 'footnoteDefinition',
          identifier,
          label: identifier,
          children: [{ type: 'paragraph', children: body.filter((node) => node.type !== 'text' || node.value) }],
        });
        const reference: FootnoteReference = {
          type: 'footnoteReference',
          identifier,
          label: identifier,
          position: child.position,
        };
        const before: Text = { type: 'text', value: child.value.slice(0, open) };
        const after: Text = { type: 'text', value: last.value.slice(end.at + 1) };
        children.splice(index, end.index - index + 1, before, reference, after);
        index += 1;
      }
    });
    tree.children.push(...definitions);

    visit(tree, 'fencedDiv', (node: FencedDiv) => {
      if (!node.attributes.classes.some((name) => ASIDE_CLASSES.includes(name))) return;
      node.data = {
        hName: 'div',
        hProperties: {
          id: node.attributes.id,
          className: ['margin-note'],
          role: 'note',
        },
      };
    });
  };
}
