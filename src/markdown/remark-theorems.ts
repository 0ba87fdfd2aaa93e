/**
 * Theorem-like blocks and proofs in Quarto's syntax, on the fenced divs of
 * remark-fenced-divs:
 *
 *     ::: {#thm-convergence}            ::: {.proof}
 *     ## Robbins–Monro                  …
 *     Under conditions … converges.     :::
 *     :::
 *
 * The id's prefix is the kind (thm lem cor prp def exm exr); each kind is numbered in
 * order through the article (定理 1, 定理 2, 引理 1 …). An optional first heading, or
 * `name="…"`, is the block's name, shown after its number and never part of the outline.
 * A proof starts with 证明 and ends with ∎. Each block is registered as a label
 * (src/markdown/labels.ts) for `@thm-convergence` references.
 */
import type { Heading, Paragraph, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../i18n/index.ts';
import { closestNames } from '../lib/bibliography.ts';
import { labelText, registerLabel, THEOREM_KINDS, type LabelFact, type TheoremKind } from './labels.ts';
import { kbElement, plainText, textNode } from './mdast-elements.ts';
import type { FencedDiv } from './remark-fenced-divs.ts';
import { report } from './report.ts';

const THEOREM_ID = /^([a-z]+)-(.*)$/;

/** Prefixes that mean a theorem kind but are not Quarto's: reported rather than ignored. */
const NEAR_MISSES = new Set([
  'theorem',
  'thrm',
  'lemma',
  'corollary',
  'prop',
  'proposition',
  'defn',
  'definition',
  'ex',
  'example',
  'exercise',
]);

/** The block's name: `name="…"`, or a heading as its first line (removed from the body). */
function takeName(node: FencedDiv): PhrasingContent[] {
  const first = node.children[0];
  if (first?.type === 'heading') {
    node.children.shift();
    return (first as Heading).children;
  }
  const name = node.attributes.values.name ?? node.attributes.values.title;
  return name ? [textNode(name)] : [];
}

/** Puts the block's title at the start of its first paragraph, as amsthm does. */
function prependTitle(node: FencedDiv, title: PhrasingContent[]): void {
  const first = node.children[0];
  if (first?.type === 'paragraph') first.children.unshift(...title, textNode(' '));
  else node.children.unshift({ type: 'paragraph', children: title } as Paragraph);
}

function theorem(node: FencedDiv, kind: TheoremKind, counters: Map<TheoremKind, number>, file: VFile): void {
  const id = node.attributes.id!;
  const number = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, number);
  const name = takeName(node);
  const label: LabelFact = {
    id,
    kind,
    number: String(number),
    title: name.length ? plainText(name).trim() : undefined,
    line: node.position?.start.line,
  };
  registerLabel(file, [id], label, node);
  if (node.children.length === 0) {
    report(file, node, {
      rule: 'theorem/empty',
      message: `${labelText(label)} ("${id}") has no text`,
      fix: 'write the statement between the fences, after the optional ## title line',
    });
  }
  const title: PhrasingContent[] = [
    kbElement('span', { className: ['theorem-label'] }, [textNode(labelText(label))]) as PhrasingContent,
  ];
  if (name.length)
    title.push(kbElement('span', { className: ['theorem-name'] }, [textNode('（'), ...name, textNode('）')]) as never);
  prependTitle(node, [kbElement('span', { className: ['theorem-title'] }, title) as PhrasingContent]);
  node.data = {
    hName: 'div',
    hProperties: {
      id,
      className: ['theorem', `theorem-${kind}`, ...node.attributes.classes],
      dataLabel: labelText(label),
    },
  };
}

function proof(node: FencedDiv): void {
  const name = takeName(node);
  const heading = kbElement('span', { className: ['proof-title'] }, [
    textNode(t.proof),
    ...(name.length ? [textNode('（'), ...name, textNode('）')] : []),
  ]) as PhrasingContent;
  prependTitle(node, [heading]);
  // ∎ closes the last paragraph, or stands on its own line after a formula or a list.
  const qed = kbElement('span', { className: ['qed'], role: 'img', ariaLabel: t.qed }, [
    textNode('∎'),
  ]) as PhrasingContent;
  const last = node.children.at(-1);
  if (last?.type === 'paragraph') last.children.push(qed);
  else node.children.push({ type: 'paragraph', data: { hProperties: { className: ['qed-line'] } }, children: [qed] });
  node.data = {
    hName: 'div',
    hProperties: {
      id: node.attributes.id,
      className: ['proof', ...node.attributes.classes.filter((c) => c !== 'proof')],
    },
  };
}

export default function remarkTheorems() {
  return (tree: Root, file: VFile) => {
    const counters = new Map<TheoremKind, number>();
    visit(tree, 'fencedDiv', (node: FencedDiv) => {
      const { id, classes } = node.attributes;
      if (classes.includes('proof')) {
        proof(node);
        return;
      }
      const match = id ? THEOREM_ID.exec(id) : null;
      if (!match) return;
      const kind = match[1] as TheoremKind;
      if (!THEOREM_KINDS.includes(kind)) {
        // A div with another id is an ordinary div, unless the prefix is a near miss.
        const near = closestNames(match[1]!, THEOREM_KINDS, 1)[0]!;
        if (NEAR_MISSES.has(match[1]!))
          report(file, node, {
            rule: 'theorem/unknown-kind',
            message: `"${id}": "${match[1]}" is not a theorem kind`,
            fix: `use one of ${THEOREM_KINDS.join(', ')} as the prefix, e.g. #${near}-${match[2]}`,
          });
        return;
      }
      if (!match[2]) {
        report(file, node, {
          rule: 'theorem/empty-id',
          message: `"#${id}" has a kind but no name`,
          fix: `name it after the hyphen, e.g. #${kind}-convergence`,
        });
        return;
      }
      theorem(node, kind, counters, file);
    });
  };
}
