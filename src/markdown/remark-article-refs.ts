/**
 * References into other articles: `[[rope#eq-rope-rel]]`, `[[hippo#thm-hippo|HiPPO 的投影定理]]`,
 * and `\eqref{rope#eq:rope-rel}` in prose or formulas. The wikilink form was chosen over
 * `@rope:eq-rope-rel` because `:` may be part of a BibTeX key, while `[[slug#…]]` already
 * means "that article, that place" here; an anchor that names a label (`eq-…`, `thm-…`,
 * `fig-…`, `tbl-…`, or an equation's `\label` such as `eq:rope-rel`) makes it a numbered
 * reference instead of a heading link.
 *
 * The labels of the other article come from its render (src/markdown/article-renderer.ts:
 * its cached facts, or a pass over its Markdown that only numbers); the render cache
 * records the lookup, so when that article renumbers, this one is rendered again. An
 * unknown label is reported with the target's closest labels; the link is checked like
 * any other (rehype-links, the post-build anchor check) and counts as a backlink.
 *
 * Runs before remark-wikilinks (which makes the other `[[…]]` heading links) and before
 * remark-equation-refs, which reads what is looked up here for `\eqref{slug#…}`.
 */
import type { Link, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../i18n/index.ts';
import { closestNames } from '../lib/bibliography.ts';
import { LABEL_ID, labelText, type LabelFact } from './labels.ts';
import { recordLookup } from './lookups.ts';
import { kbElement, textNode } from './mdast-elements.ts';
import { report } from './report.ts';
import { pointAt, positionOf, spliceText, type Piece } from './text-splice.ts';

export interface OtherArticle {
  title: string;
  labels: LabelFact[];
}

type OtherArticles = Map<string, OtherArticle>;

declare module 'vfile' {
  interface DataMap {
    /** Set by the renderer for a pass that only numbers: cross-article lookups are skipped. */
    labelsOnly: boolean;
    /** Other articles' labels, by slug, for the references this article makes. */
    otherArticles: OtherArticles;
  }
}

export interface ArticleRefOptions {
  /** The title and labels of another article, or undefined when there is no such article. */
  labelsOf?: (slug: string) => Promise<OtherArticle | undefined>;
}

const LINK = /\[\[([a-z0-9-]+)#([^\]|]+)(?:\|([^\]]+))?\]\]/g;
const TEX_REF = /\\(?:eqref|ref)\{([a-z0-9-]+)#([^}]+)\}/g;

/** An anchor that names a numbered label rather than a heading. */
const isLabelAnchor = (anchor: string) => LABEL_ID.test(anchor) || /^eq:/.test(anchor);

async function defaultLabelsOf(slug: string): Promise<OtherArticle | undefined> {
  // Loaded on first use: the renderer imports this pipeline, and most articles never need it.
  const { articleLabels } = await import('./article-renderer.ts');
  return articleLabels(slug);
}

function findLabel(article: OtherArticle, anchor: string): LabelFact | undefined {
  return article.labels.find((label) => label.id === anchor || label.name === anchor);
}

export default function remarkArticleRefs(options: ArticleRefOptions = {}) {
  const labelsOf = options.labelsOf ?? defaultLabelsOf;
  return async (tree: Root, file: VFile) => {
    if (file.data.labelsOnly) return;
    const slugs = new Set<string>();
    visit(tree, (node) => {
      if (node.type === 'text' && node.value.includes('[[')) {
        for (const match of node.value.matchAll(LINK)) if (isLabelAnchor(match[2]!.trim())) slugs.add(match[1]!);
      }
      if ((node.type === 'text' || node.type === 'math' || node.type === 'inlineMath') && node.value.includes('ref{')) {
        for (const match of node.value.matchAll(TEX_REF)) slugs.add(match[1]!);
      }
    });
    if (slugs.size === 0) return;

    const others = new Map<string, OtherArticle>();
    for (const slug of [...slugs].sort()) {
      recordLookup(file, 'labels', slug);
      const article = await labelsOf(slug);
      if (article) others.set(slug, article);
    }
    file.data.otherArticles = others;

    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[[')) return undefined;
      const pieces: Piece[] = [];
      for (const match of node.value.matchAll(LINK)) {
        const [whole, slug, rawAnchor, text] = match as unknown as [string, string, string, string | undefined];
        const anchor = rawAnchor.trim();
        if (!isLabelAnchor(anchor)) continue;
        const end = match.index + whole.length;
        const article = others.get(slug);
        // No such article: an ordinary link, which rehype-links reports with its line.
        if (!article) {
          pieces.push({
            start: match.index,
            end,
            nodes: [
              {
                type: 'link',
                url: `/articles/${slug}/`,
                children: [textNode(text?.trim() || `${slug}#${anchor}`)],
                position: positionOf(node, match.index, end),
              },
            ],
          });
          continue;
        }
        const label = findLabel(article, anchor);
        if (!label) {
          const point = pointAt(node, match.index);
          const near = closestNames(
            anchor,
            article.labels.map((other) => other.name ?? other.id),
          );
          report(file, point && { position: { start: point } }, {
            rule: 'crossref/unknown-label',
            message: `${whole}: "${slug}" has no label "${anchor}"`,
            fix: near.length ? `its labels closest to that: ${near.join(', ')}` : `"${slug}" numbers nothing yet`,
          });
          pieces.push({
            start: match.index,
            end,
            nodes: [
              kbElement('span', { className: ['kb-error'], title: `no label ${anchor} in ${slug}` }, [
                textNode(text?.trim() || `${slug}#${anchor}`),
              ]) as PhrasingContent,
            ],
          });
          continue;
        }
        const link: Link = {
          type: 'link',
          url: `/articles/${slug}/#${label.id}`,
          data: { hProperties: { className: ['crossref', 'crossref-article'], dataCrossref: label.kind } },
          children: [textNode(text?.trim() || t.crossArticle(article.title, labelText(label)))],
          position: positionOf(node, match.index, end),
        };
        pieces.push({ start: match.index, end, nodes: [link] });
      }
      if (pieces.length === 0) return undefined;
      const replaced = spliceText(node, pieces);
      parent.children.splice(index, 1, ...replaced);
      return index + replaced.length;
    });
  };
}
