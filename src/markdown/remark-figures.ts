/**
 * Numbered figures and tables in Quarto's syntax:
 *
 *     ![注意力权重的热力图](attention.png){#fig-attention}
 *
 *     | 模型 | 困惑度 |
 *     | ---- | ------ |
 *     | …    | …      |
 *
 *     : 不同位置编码的困惑度 {#tbl-results}
 *
 * A figure is an image alone in its paragraph with `{#fig-…}` after it, or a fenced div
 * `::: {#fig-…}` holding images and ending with its caption paragraph. A table's caption
 * is the paragraph after it starting with `:` (or `Table:`) and ending with `{#tbl-…}`.
 * Figures and tables are numbered separately, in order (图 1, 表 1), become
 * `<figure id>` with a `<figcaption>`, and are registered as labels for `@fig-…` / `@tbl-…`.
 */
import type { Image, Paragraph, PhrasingContent, Root, RootContent, Table, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mathFromMarkdown } from 'mdast-util-math';
import { math } from 'micromark-extension-math';
import type { Parent } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { labelKindOf, labelText, registerLabel, type LabelFact } from './labels.ts';
import { kbElement, plainText, textNode } from './mdast-elements.ts';
import { parseDivAttributes, type FencedDiv } from './remark-fenced-divs.ts';
import { report } from './report.ts';

/** `{#fig-x}` (and other attributes) right after an image. */
const IMAGE_ATTRIBUTES = /^\{([^{}]*#fig-[^{}]*)\}\s*$/;
/** `: caption {#tbl-x}` or `Table: caption {#tbl-x}`. */
const TABLE_CAPTION = /^(?:Table)?:\s+/;
const TRAILING_ATTRIBUTES = /\s*\{([^{}]*)\}\s*$/;

/**
 * The caption as Markdown: mdast keeps an image's alt only as plain text, which loses a
 * formula's `$`; the caption is read again from the source between `![` and `](`.
 */
function captionOf(image: Image, source: string): PhrasingContent[] {
  const start = image.position?.start.offset;
  if (start === undefined) return image.alt ? [textNode(image.alt)] : [];
  let depth = 0;
  let end = start + 2;
  for (; end < source.length; end++) {
    const char = source[end];
    if (char === '\\') end++;
    else if (char === '[') depth++;
    else if (char === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  const text = source.slice(start + 2, end);
  const parsed = fromMarkdown(text, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] });
  const paragraph = parsed.children[0];
  return paragraph?.type === 'paragraph' ? (paragraph.children as PhrasingContent[]) : [];
}

function caption(kind: 'fig' | 'tbl', label: LabelFact, children: PhrasingContent[]): RootContent {
  return kbElement('figcaption', {}, [
    kbElement('span', { className: ['figure-label'] }, [textNode(labelText({ kind, number: label.number }))]),
    textNode(children.length ? '：' : ''),
    ...children,
  ]) as RootContent;
}

export default function remarkFigures() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    let figures = 0;
    let tables = 0;

    const register = (
      kind: 'fig' | 'tbl',
      id: string,
      title: PhrasingContent[],
      node: { position?: Parent['position'] },
    ) => {
      const label: LabelFact = {
        id,
        kind,
        number: String(kind === 'fig' ? ++figures : ++tables),
        title: plainText(title).trim() || undefined,
        line: node.position?.start.line,
      };
      registerLabel(file, [id], label, node as never);
      if (!title.length) {
        report(file, node as never, {
          rule: 'figure/no-caption',
          message: `${labelText(label)} ("${id}") has no caption`,
          fix:
            kind === 'fig'
              ? 'write the caption between the brackets: ![注意力权重](attention.png){#fig-attention}'
              : 'write it after the colon: : 不同模型的困惑度 {#tbl-results}',
        });
      }
      return label;
    };

    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;

      // ![caption](file){#fig-x}
      if (node.type === 'paragraph') {
        const parts = node.children.filter((child) => !(child.type === 'text' && !child.value.trim()));
        const [image, attributes] = parts;
        if (parts.length !== 2 || image?.type !== 'image' || attributes?.type !== 'text') return;
        const written = IMAGE_ATTRIBUTES.exec(attributes.value.trim());
        if (!written) return;
        const id = parseDivAttributes(`{${written[1]}}`).id!;
        const title = captionOf(image, source);
        const label = register('fig', id, title, node);
        parent.children[index] = {
          ...kbElement('figure', { id, className: ['figure'] }, [image, caption('fig', label, title)]),
          position: node.position,
        } as never;
        return;
      }

      // ::: {#fig-x} … caption :::
      if (node.type === 'fencedDiv' && labelKindOf((node as FencedDiv).attributes.id ?? '') === 'fig') {
        const div = node as FencedDiv;
        const last = div.children.at(-1);
        const hasImage = (child: RootContent) =>
          child.type === 'paragraph' && child.children.some((part) => part.type === 'image');
        const title = last?.type === 'paragraph' && !hasImage(last) ? (div.children.pop() as Paragraph).children : [];
        const label = register('fig', div.attributes.id!, title, div);
        div.data = { hName: 'figure', hProperties: { id: label.id, className: ['figure', ...div.attributes.classes] } };
        div.children.push(caption('fig', label, title) as never);
        return;
      }

      // | table |  then  : caption {#tbl-x}
      if (node.type === 'table') {
        const found = tableCaption(node, parent.children[index + 1]);
        if (!found) return;
        const label = register('tbl', found.id, found.title, found.at);
        if (found.consumed) parent.children.splice(index + 1, 1);
        parent.children[index] = {
          ...kbElement('figure', { id: found.id, className: ['table-figure'] }, [
            caption('tbl', label, found.title),
            node,
          ]),
          position: node.position,
        } as never;
      }
    });
  };
}

interface TableCaption {
  id: string;
  title: PhrasingContent[];
  /** The caption paragraph follows the table (it is removed), or was read as its last row. */
  consumed: boolean;
  at: { position?: Parent['position'] };
}

/** A caption ending in {#tbl-…}: the paragraph after the table, or (no blank line) its last row. */
function tableCaption(table: Table, next: RootContent | undefined): TableCaption | undefined {
  const read = (children: PhrasingContent[]): { id: string; title: PhrasingContent[] } | undefined => {
    const first = children[0];
    const last = children.at(-1);
    if (first?.type !== 'text' || last?.type !== 'text' || !TABLE_CAPTION.test(first.value)) return undefined;
    const attributes = TRAILING_ATTRIBUTES.exec(last.value);
    const id = attributes ? parseDivAttributes(`{${attributes[1]}}`).id : undefined;
    if (!id || labelKindOf(id) !== 'tbl') return undefined;
    const title = children.map((child) => ({ ...child })) as PhrasingContent[];
    (title[0] as Text).value = (title[0] as Text).value.replace(TABLE_CAPTION, '');
    const end = title.at(-1) as Text;
    end.value = end.value.replace(TRAILING_ATTRIBUTES, '');
    return { id, title: title.filter((child) => !(child.type === 'text' && !child.value.trim())) };
  };
  if (next?.type === 'paragraph') {
    const found = read(next.children);
    if (found) return { ...found, consumed: true, at: next };
  }
  const row = table.children.at(-1);
  if (row && table.children.length > 1) {
    const [cell, ...others] = row.children;
    if (cell && others.every((other) => other.children.length === 0)) {
      const found = read(cell.children);
      if (found) {
        table.children.pop();
        return { ...found, consumed: false, at: row };
      }
    }
  }
  return undefined;
}
