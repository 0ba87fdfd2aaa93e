/**
 * Citations in Pandoc's syntax (src/lib/pandoc-citations.ts) against the bibliography
 * (src/lib/bibliography.ts: the content folder's references.bib plus an article's own
 * `bibliography:` file):
 *
 * - numbered (the default): `[@a]` → [1], `[@a; @b]` → [1, 2], `[@a, p. 4]` → [1, p. 4],
 *   `[-@a]` → [1], narrative `@a` → "Vaswani 等 [1]";
 * - author–year (KB_CITATION_STYLE=author-year): (Vaswani et al., 2017; Dao et al., 2022),
 *   `[-@a]` → (2017), narrative → Vaswani et al. (2017).
 *
 * Numbers follow the order of first citation. Each citation links to its entry in the
 * article's reference list (src/components/References.astro) and has an id of its own,
 * which the entry links back to; the browser previews the entry on hover and focus. An
 * unknown key is reported with the file, the line and the closest known keys.
 */
import type { PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../i18n/index.ts';
import {
  citedAuthors,
  closestNames,
  loadBibliography,
  type BibEntry,
  type Bibliography,
  type CitationStyle,
} from '../lib/bibliography.ts';
import { findCitations, type CitationItem, type CitationMatch } from '../lib/pandoc-citations.ts';
import { LABEL_ID } from './labels.ts';
import { recordLookup } from './lookups.ts';
import { kbElement, textNode } from './mdast-elements.ts';
import { report } from './report.ts';
import { pointAt, spliceText, type Piece } from './text-splice.ts';

export interface CitedEntry {
  key: string;
  /** The ids of the citations of this entry, in order, for the entry's back links. */
  refs: string[];
}

declare module 'vfile' {
  interface DataMap {
    /** The entries the text cites, in order of first citation (the numbers). */
    citations: CitedEntry[];
  }
}

export interface CitationOptions {
  style: CitationStyle;
  /** The BibTeX files an article draws on, by its path: the shared one and its own. */
  bibliographyFiles: (articlePath: string) => string[];
}

export const referenceId = (key: string) => `ref-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const words = () => ({ and: t.and, etAl: t.etAl });

function cited(entry: BibEntry, item: CitationItem, style: CitationStyle, number: number): string {
  if (style === 'numbered') return String(number);
  const year = entry.year === undefined ? 'n.d.' : String(entry.year);
  return item.suppressAuthor ? year : `${citedAuthors(entry, words())}, ${year}`;
}

export default function remarkCitations(options: CitationOptions) {
  return (tree: Root, file: VFile) => {
    if (file.data.labelsOnly) return;
    let bibliography: Bibliography | undefined;
    const order = new Map<string, CitedEntry>();

    const load = (): Bibliography => {
      if (bibliography) return bibliography;
      const files = options.bibliographyFiles(file.path);
      for (const name of files) recordLookup(file, 'files', name);
      bibliography = loadBibliography(files);
      return bibliography;
    };

    const link = (entry: BibEntry, text: string): PhrasingContent => {
      const record = order.get(entry.key) ?? { key: entry.key, refs: [] };
      order.set(entry.key, record);
      const id = `cite-${referenceId(entry.key).slice(4)}-${record.refs.length + 1}`;
      record.refs.push(id);
      return kbElement(
        'a',
        { href: `#${referenceId(entry.key)}`, id, className: ['citation'], role: 'doc-biblioref' },
        [textNode(text)],
      ) as PhrasingContent;
    };

    const numberOf = (key: string) => {
      const index = [...order.keys()].indexOf(key);
      return index < 0 ? order.size + 1 : index + 1;
    };

    const render = (match: CitationMatch, node: Text): PhrasingContent[] | undefined => {
      const known = load().entries;
      const entries = match.items.map((item) => known.get(item.key));
      const missing = match.items.filter((_, index) => !entries[index]);
      if (missing.length) {
        const point = pointAt(node, match.start);
        for (const item of missing) {
          const near = closestNames(item.key, known.keys());
          report(file, point && { position: { start: point } }, {
            rule: 'citation/unknown-key',
            message: `@${item.key} is not in the bibliography (${options
              .bibliographyFiles(file.path)
              .map((name) => name.split('/').slice(-2).join('/'))
              .join(', ')})`,
            fix: near.length
              ? `did you mean ${near.join(', ')}? Or add an entry @article{${item.key}, …} to references.bib`
              : `add an entry @article{${item.key}, …} to references.bib`,
          });
        }
        return [
          kbElement(
            'span',
            { className: ['kb-error'], title: `unknown citation key: ${missing.map((i) => i.key).join(', ')}` },
            [textNode(node.value.slice(match.start, match.end))],
          ) as PhrasingContent,
        ];
      }
      const style = options.style;
      const out: PhrasingContent[] = [];
      if (match.narrative) {
        const entry = entries[0]!;
        const item = match.items[0]!;
        const number = numberOf(entry.key);
        const locator = item.locator ? `, ${item.locator}` : '';
        const year = entry.year === undefined ? 'n.d.' : String(entry.year);
        if (style === 'numbered') {
          out.push(textNode(`${citedAuthors(entry, words())} [`), link(entry, String(number)), textNode(`${locator}]`));
        } else {
          out.push(link(entry, `${citedAuthors(entry, words())} (${year}${locator})`));
        }
        return out;
      }
      const [open, close, separator] = style === 'numbered' ? ['[', ']', ', '] : ['(', ')', '; '];
      out.push(textNode(open));
      match.items.forEach((item, index) => {
        const entry = entries[index]!;
        if (index > 0) out.push(textNode(separator));
        if (item.prefix) out.push(textNode(`${item.prefix} `));
        out.push(link(entry, cited(entry, item, style, numberOf(entry.key))));
        if (item.locator) out.push(textNode(`, ${item.locator}`));
      });
      out.push(textNode(close));
      return out;
    };

    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || parent.type === 'link' || !node.value.includes('@')) return undefined;
      const pieces: Piece[] = [];
      for (const match of findCitations(node.value)) {
        if (match.items.some((item) => LABEL_ID.test(item.key))) continue;
        const nodes = render(match, node);
        if (nodes) pieces.push({ start: match.start, end: match.end, nodes });
      }
      if (pieces.length === 0) return undefined;
      const replaced = spliceText(node, pieces);
      parent.children.splice(index, 1, ...replaced);
      return index + replaced.length;
    });
    if (order.size) file.data.citations = [...order.values()];
  };
}
