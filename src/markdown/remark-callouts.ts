/**
 * Callouts in plain Markdown, in the two syntaxes notes arrive in:
 *
 * - Quarto's fenced divs: `::: {.callout-note}` (note, tip, important, warning, caution),
 *   an optional first `## title` or `title="…"`, and `collapse="true"|"false"` to fold;
 * - GitHub's and Obsidian's block quotes: `> [!NOTE]`, `> [!warning] 标题`, any Obsidian
 *   kind (`> [!definition] 极限`), case-insensitive, folded with `> [!NOTE]-` (closed) or
 *   `> [!NOTE]+` (open).
 *
 * A callout is a `<div role="note">` with its title; a foldable one is `<details>` with the
 * title as `<summary>`, so folding needs no JavaScript. Obsidian's many kinds share a
 * few colours (CSS classes `callout-<family>`), and keep their own class `callout-kind-…`.
 */
import type { Blockquote, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../i18n/index.ts';
import { kbElement, textNode } from './mdast-elements.ts';
import type { FencedDiv } from './remark-fenced-divs.ts';
import { report } from './report.ts';

/** Quarto's callout types. */
const QUARTO_KINDS = ['note', 'tip', 'important', 'warning', 'caution'];

/** Obsidian's kinds and aliases, by the colour family they are drawn in. */
const FAMILY: Record<string, string> = {
  note: 'note',
  abstract: 'note',
  summary: 'note',
  tldr: 'note',
  info: 'note',
  todo: 'note',
  tip: 'tip',
  hint: 'tip',
  success: 'tip',
  check: 'tip',
  done: 'tip',
  important: 'important',
  example: 'important',
  question: 'warning',
  help: 'warning',
  faq: 'warning',
  warning: 'warning',
  attention: 'warning',
  caution: 'caution',
  failure: 'caution',
  fail: 'caution',
  missing: 'caution',
  danger: 'caution',
  error: 'caution',
  bug: 'caution',
  quote: 'quote',
  cite: 'quote',
};

/** Aliases shown with their main kind's title. */
const TITLE_OF: Record<string, string> = {
  summary: 'abstract',
  tldr: 'abstract',
  hint: 'tip',
  check: 'success',
  done: 'success',
  help: 'question',
  faq: 'question',
  attention: 'warning',
  fail: 'failure',
  missing: 'failure',
  error: 'danger',
  cite: 'quote',
};

function defaultTitle(kind: string): string {
  const known = t.calloutKinds[TITLE_OF[kind] ?? kind];
  return known ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

type Fold = 'open' | 'closed' | undefined;

function callout(kind: string, title: PhrasingContent[], fold: Fold, body: RootContent[]): RootContent {
  const family = FAMILY[kind] ?? 'note';
  const className = ['callout', `callout-${family}`, `callout-kind-${kind.replace(/[^a-z0-9-]/g, '')}`];
  const shown = title.length ? title : [textNode(defaultTitle(kind))];
  if (fold) {
    return kbElement('details', { className, open: fold === 'open' }, [
      kbElement('summary', { className: ['callout-title'] }, shown),
      kbElement('div', { className: ['callout-body'] }, body),
    ]) as RootContent;
  }
  return kbElement('div', { className, role: 'note' }, [
    kbElement('p', { className: ['callout-title'] }, shown),
    ...body,
  ]) as RootContent;
}

const ALERT = /^\[!([A-Za-z][\w-]*)\]([+-]?)[ \t]*/;

/** `> [!kind]± title` as the quote's first line: the kind, the fold, the title, the rest. */
function readAlert(
  quote: Blockquote,
): { kind: string; fold: Fold; title: PhrasingContent[]; body: RootContent[] } | undefined {
  const first = quote.children[0];
  if (first?.type !== 'paragraph') return undefined;
  const lead = first.children[0];
  if (lead?.type !== 'text') return undefined;
  const marker = ALERT.exec(lead.value);
  if (!marker) return undefined;
  const rest: PhrasingContent[] = [{ ...lead, value: lead.value.slice(marker[0].length) }, ...first.children.slice(1)];
  // The title runs to the end of the marker's line; the lines after it are the first paragraph.
  const title: PhrasingContent[] = [];
  const after: PhrasingContent[] = [];
  let inTitle = true;
  for (const node of rest) {
    if (!inTitle) after.push(node);
    else if (node.type === 'text' && node.value.includes('\n')) {
      const cut = node.value.indexOf('\n');
      if (cut > 0) title.push({ ...node, value: node.value.slice(0, cut) });
      after.push({ ...node, value: node.value.slice(cut + 1) });
      inTitle = false;
    } else if (node.type === 'break') inTitle = false;
    else title.push(node);
  }
  const trimmed = title.filter((node) => !(node.type === 'text' && !node.value.trim()));
  const body: RootContent[] = [];
  if (after.some((node) => !(node.type === 'text' && !node.value.trim())))
    body.push({ type: 'paragraph', children: after, position: first.position } as Paragraph);
  body.push(...quote.children.slice(1));
  const fold = marker[2] === '-' ? 'closed' : marker[2] === '+' ? 'open' : undefined;
  return { kind: marker[1]!.toLowerCase(), fold, title: trimmed, body };
}

function quartoFold(value: string | undefined): Fold {
  if (value === undefined) return undefined;
  return value === 'false' ? 'open' : 'closed';
}

export default function remarkCallouts() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.type === 'blockquote') {
        const alert = readAlert(node);
        if (!alert) return;
        const replacement = callout(alert.kind, alert.title, alert.fold, alert.body);
        (replacement as { position?: unknown }).position = node.position;
        parent.children[index] = replacement as never;
        return;
      }
      if (node.type !== 'fencedDiv') return;
      const div = node as FencedDiv;
      const type = div.attributes.classes.find((name) => name.startsWith('callout'));
      if (!type) return;
      const kind = type.slice('callout-'.length);
      if (!QUARTO_KINDS.includes(kind)) {
        report(file, div, {
          rule: 'callout/unknown-kind',
          message: `".${type}" is not a callout type`,
          fix: `use one of ${QUARTO_KINDS.map((name) => `.callout-${name}`).join(', ')}, or > [!${kind || 'note'}] for any Obsidian kind`,
        });
        return;
      }
      const first = div.children[0];
      const title =
        first?.type === 'heading'
          ? (div.children.shift(), first.children)
          : div.attributes.values.title
            ? [textNode(div.attributes.values.title)]
            : [];
      const replacement = callout(kind, title, quartoFold(div.attributes.values.collapse), div.children);
      (replacement as { position?: unknown }).position = div.position;
      parent.children[index] = replacement as never;
    });
  };
}
