/**
 * References to the numbered things of the same article, in Quarto's syntax: `@thm-x`,
 * `@lem-x`, `@fig-x`, `@tbl-x`, `@eq-x` in a sentence, or `[@fig-a; @fig-b]`, `[-@thm-x]`
 * (the number alone). They become links showing "定理 1", "图 2", "式 (3)" that the
 * browser previews on hover and focus (src/client/link-preview.ts). An unknown id is
 * reported with the closest ids of the article and published as "??".
 *
 * Runs after the plugins that number things (equations, theorems, figures): references
 * may come before what they name. Every other `@key` is a citation (remark-citations).
 */
import type { PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { closestNames } from '../lib/bibliography.ts';
import { findCitations, type CitationMatch } from '../lib/pandoc-citations.ts';
import { LABEL_ID, labelKindOf, labelText, type LabelFact } from './labels.ts';
import { kbElement, textNode } from './mdast-elements.ts';
import { report } from './report.ts';
import { pointAt, spliceText, type Piece } from './text-splice.ts';

const isLabelKey = (key: string) => LABEL_ID.test(key);

function reference(label: LabelFact, numberOnly: boolean): PhrasingContent {
  return kbElement('a', { href: `#${label.id}`, className: ['crossref'], dataCrossref: label.kind }, [
    textNode(numberOnly ? (label.kind === 'eq' ? `(${label.number})` : label.number) : labelText(label)),
  ]) as PhrasingContent;
}

function unknown(key: string, file: VFile, at: { position: { start: { line: number; column: number } } } | undefined) {
  const labels = file.data.labels ?? new Map<string, LabelFact>();
  const kind = labelKindOf(key);
  const sameKind = [...labels.keys()].filter((name) => labelKindOf(name) === kind);
  const near = closestNames(key, sameKind.length ? sameKind : labels.keys());
  report(file, at, {
    rule: 'crossref/unknown-label',
    message: `@${key} refers to nothing in this article`,
    fix: near.length
      ? `the closest ids here: ${near.join(', ')}; or give the block {#${key}}`
      : `no block here has an id yet: give the one you mean {#${key}}`,
  });
  return kbElement('span', { className: ['kb-error'], title: `@${key}: no such label` }, [
    textNode('??'),
  ]) as PhrasingContent;
}

function render(match: CitationMatch, node: Text, file: VFile): PhrasingContent[] {
  const labels = file.data.labels ?? new Map<string, LabelFact>();
  const out: PhrasingContent[] = [];
  match.items.forEach((item, index) => {
    if (index > 0) out.push(textNode('、'));
    if (item.prefix) out.push(textNode(`${item.prefix} `));
    const label = labels.get(item.key);
    const point = pointAt(node, match.start);
    out.push(
      label ? reference(label, item.suppressAuthor) : unknown(item.key, file, point && { position: { start: point } }),
    );
    if (item.locator) out.push(textNode(` ${item.locator}`));
  });
  return out;
}

export default function remarkCrossrefs() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || parent.type === 'link' || !node.value.includes('@')) return undefined;
      const pieces: Piece[] = [];
      for (const match of findCitations(node.value)) {
        const keys = match.items.map((item) => item.key);
        if (!keys.some(isLabelKey)) continue;
        if (!keys.every(isLabelKey)) {
          const point = pointAt(node, match.start);
          report(file, point && { position: { start: point } }, {
            rule: 'crossref/mixed',
            message: `"${node.value.slice(match.start, match.end)}" mixes references (${keys.filter(isLabelKey).join(', ')}) and citations`,
            fix: 'write them apart: 见 @fig-x [@vaswani2017attention]',
          });
          continue;
        }
        pieces.push({ start: match.start, end: match.end, nodes: render(match, node, file) });
      }
      if (pieces.length === 0) return undefined;
      const replaced = spliceText(node, pieces);
      parent.children.splice(index, 1, ...replaced);
      return index + replaced.length;
    });
  };
}
