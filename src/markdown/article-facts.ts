/**
 * What the rest of the site needs to know about an article, gathered while it renders, so
 * no other code reads the Markdown again: the excerpt, the reading time, the links (with
 * the sentence around each, for backlinks, and their source lines, for the link check),
 * formula and code counts, and the runnable code blocks the test suite executes.
 *
 * Two steps, one room: `remarkArticleFacts` counts on the Markdown tree (formulas, code
 * fences with their meta), `rehypeArticleFacts` reads the HTML tree after links are
 * resolved and before KaTeX replaces formulas, so prose and formulas are still apart.
 * Both leave typed facts on the file (vfile data), which the renderer caches with the HTML.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { normaliseParts, truncateParts, type ExcerptPart } from '../lib/excerpt.ts';
import { countText, readingMinutes, type TextCounts } from '../lib/reading-time.ts';
import type { OutlineHeading } from './rehype-heading-anchors.ts';
import { sourcePoint } from './report.ts';
import { labelList, type LabelFact } from './labels.ts';
import type { CitedEntry } from './remark-citations.ts';

export interface LinkFact {
  /** The href as published (base path included). */
  href: string;
  line: number | undefined;
  column: number | undefined;
}

export interface ArticleLinkFact extends LinkFact {
  /** The article linked to. */
  slug: string;
  /** The sentence the link stands in. */
  context: ExcerptPart[];
}

export interface RunnableBlock {
  /** Line of the opening fence. */
  line: number;
  lang: string;
  code: string;
}

export interface ArticleFacts {
  excerpt: ExcerptPart[];
  readingMinutes: number;
  prose: TextCounts;
  headings: OutlineHeading[];
  /** Links to other articles, in order. */
  articleLinks: ArticleLinkFact[];
  /** Every link within the site (relative, root-relative, #anchors), with its source line. */
  siteLinks: LinkFact[];
  formulas: { inline: number; display: number };
  codeBlocks: number;
  /** Fenced blocks whose meta says `runnable`. */
  runnable: RunnableBlock[];
  hasMath: boolean;
  /** Origins the article loads images and embeds from (the CSP allows them). */
  remote: { images: string[]; frames: string[] };
  /** Numbered equations, theorems, figures and tables (src/markdown/labels.ts). */
  labels: LabelFact[];
  /** Cited bibliography entries in order of first citation, with their citations' ids. */
  citations: CitedEntry[];
}

interface MarkdownCounts {
  formulas: { inline: number; display: number };
  codeBlocks: number;
  runnable: RunnableBlock[];
}

declare module 'vfile' {
  interface DataMap {
    markdownCounts: MarkdownCounts;
    facts: ArticleFacts;
  }
}

export function remarkArticleFacts() {
  return (tree: MdastRoot, file: VFile) => {
    const counts: MarkdownCounts = { formulas: { inline: 0, display: 0 }, codeBlocks: 0, runnable: [] };
    visit(tree, (node) => {
      if (node.type === 'math') counts.formulas.display++;
      else if (node.type === 'inlineMath') counts.formulas.inline++;
      else if (node.type === 'code' && node.lang !== 'math') {
        counts.codeBlocks++;
        if (/(^|\s)runnable(\s|$)/.test(node.meta ?? '')) {
          counts.runnable.push({
            line: sourcePoint(file, node)?.line ?? 0,
            lang: node.lang ?? '',
            code: `${node.value}\n`,
          });
        }
      }
    });
    file.data.markdownCounts = counts;
  };
}

export interface FactOptions {
  base: string;
  /** Visible characters of the excerpt and of a backlink's sentence. */
  excerptLength: number;
  contextLength: number;
}

const classes = (node: Element): string[] =>
  Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
const isMath = (node: Element) => node.tagName === 'code' && classes(node).includes('language-math');
const isDisplayMath = (node: Element) =>
  node.tagName === 'pre' && node.children.some((child) => child.type === 'element' && isMath(child));
const texOf = (node: Element) => node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');

/** Inline content as text and formulas: markup dropped, footnote and equation numbers left out. */
function inlineParts(nodes: ElementContent[], out: ExcerptPart[] = []): ExcerptPart[] {
  for (const node of nodes) {
    if (node.type === 'text') out.push({ type: 'text', value: node.value });
    else if (node.type === 'element') {
      if (isMath(node)) out.push({ type: 'math', value: texOf(node).trim() });
      else if (
        node.tagName === 'sup' &&
        'dataFootnoteRef' in (node.children[0]?.type === 'element' ? node.children[0].properties : {})
      )
        continue;
      else if (node.tagName === 'a' && classes(node).includes('eqref')) continue;
      else if (node.tagName !== 'img' && node.tagName !== 'br') inlineParts(node.children, out);
    }
  }
  return out;
}

/** Prose for the reading time: everything but code blocks, formulas and raw HTML. */
function proseText(nodes: (HastContent | ElementContent)[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    else if (node.type === 'element' && !isMath(node) && node.tagName !== 'pre')
      text += ` ${proseText(node.children)} `;
  }
  return text;
}

const SENTENCE_END = /[。！？!?]|\.(?=\s|$)/g;
/** Stands for a formula while a block is split into sentences (formulas hold "." and "!"). */
const FORMULA = '\uFFFC';

/** The sentence of a block (as parts) that contains the character at `offset` of its text. */
export function sentenceAround(parts: ExcerptPart[], offset: number): ExcerptPart[] {
  const formulas = parts.filter((part) => part.type === 'math').map((part) => part.value);
  const flat = parts.map((part) => (part.type === 'math' ? FORMULA : part.value)).join('');
  let start = 0;
  let end = flat.length;
  for (const match of flat.matchAll(SENTENCE_END)) {
    const stop = match.index + match[0].length;
    if (stop <= offset) start = stop;
    else {
      end = stop;
      break;
    }
  }
  let formula = [...flat.slice(0, start)].filter((char) => char === FORMULA).length;
  const sentence: ExcerptPart[] = [];
  for (const [index, piece] of flat.slice(start, end).split(FORMULA).entries()) {
    if (index > 0) sentence.push({ type: 'math', value: formulas[formula++] ?? '' });
    sentence.push({ type: 'text', value: piece });
  }
  return normaliseParts(sentence);
}

const BLOCKS = new Set([
  'p',
  'li',
  'td',
  'th',
  'dd',
  'dt',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'summary',
]);

/** Blocks whose text can stand for a note that has no top-level paragraph. */
const SUMMARY_BLOCKS = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'figcaption',
  'summary',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** The parts of the first block with text in it, in document order (code and formulas aside). */
function firstTextBlock(nodes: (HastContent | ElementContent)[]): ExcerptPart[] {
  for (const node of nodes) {
    if (node.type !== 'element' || node.tagName === 'pre' || isDisplayMath(node)) continue;
    if (SUMMARY_BLOCKS.has(node.tagName)) {
      // A list item's own text, without the nested list under it.
      const own = node.children.filter((child) => !(child.type === 'element' && /^(ul|ol|pre)$/.test(child.tagName)));
      const parts = normaliseParts(inlineParts(own));
      if (parts.some((part) => part.type === 'text' && /[\p{L}\p{N}]/u.test(part.value))) return parts;
    }
    const inner = firstTextBlock(node.children);
    if (inner.length > 0) return inner;
  }
  return [];
}

export function rehypeArticleFacts(options: FactOptions) {
  const articlePrefix = `${options.base}articles/`;
  return (tree: HastRoot, file: VFile) => {
    const counts = file.data.markdownCounts ?? { formulas: { inline: 0, display: 0 }, codeBlocks: 0, runnable: [] };
    const articleLinks: ArticleLinkFact[] = [];
    const siteLinks: LinkFact[] = [];

    // The excerpt: the article's first top-level paragraphs (not lists, quotes, tables or
    // a paragraph that is only an image), as text and formulas.
    const lead: ExcerptPart[] = [];
    for (const node of tree.children) {
      if (node.type !== 'element' || node.tagName !== 'p') continue;
      const first = node.children.find((child) => !(child.type === 'text' && !child.value.trim()));
      if (first?.type === 'element' && first.tagName === 'img') continue;
      lead.push(...inlineParts(node.children), { type: 'text', value: ' ' });
    }
    // A note with no such paragraph (only a quote, a callout, a list or headings, as many
    // Obsidian notes are) is summed up by its first block of text, wherever it stands.
    if (!normaliseParts(lead).some((part) => part.type === 'text')) lead.push(...firstTextBlock(tree.children));

    // Links, each with the block it stands in: the sentence around an article link is its
    // backlink context.
    const walk = (nodes: (HastContent | ElementContent)[], block: { parts: ExcerptPart[] } | undefined) => {
      for (const node of nodes) {
        // MDX's JSX elements pass through as their own node types; their children are prose.
        if (node.type !== 'element') {
          if ('children' in node && Array.isArray(node.children)) walk(node.children as ElementContent[], block);
          continue;
        }
        if (isDisplayMath(node) || isMath(node)) continue;
        const own = BLOCKS.has(node.tagName) ? { parts: inlineParts(node.children) } : block;
        const href = node.tagName === 'a' ? node.properties.href : undefined;
        if (typeof href === 'string' && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) {
          const start = sourcePoint(file, node);
          const at = { href, line: start?.line, column: start?.column };
          siteLinks.push(at);
          if (href.startsWith(articlePrefix)) {
            const slug = decodeURIComponent(href.slice(articlePrefix.length).split(/[/#?]/)[0] ?? '');
            const context = own ? sentenceAround(own.parts, offsetOf(own.parts, inlineParts(node.children))) : [];
            articleLinks.push({ ...at, slug, context: truncateParts(context, options.contextLength) });
          }
        }
        walk(node.children, own);
      }
    };
    walk(tree.children, undefined);

    const prose = countText(proseText(tree.children));
    file.data.facts = {
      excerpt: truncateParts(normaliseParts(lead), options.excerptLength),
      readingMinutes: readingMinutes(prose),
      prose,
      headings: file.data.outline ?? [],
      articleLinks,
      siteLinks,
      ...counts,
      hasMath: counts.formulas.inline + counts.formulas.display > 0,
      remote: { images: file.data.remoteImages ?? [], frames: file.data.remoteFrames ?? [] },
      labels: labelList(file),
      citations: file.data.citations ?? [],
    };
  };
}

/** Where a link's own text starts in its block's text (the first occurrence). */
function offsetOf(block: ExcerptPart[], link: ExcerptPart[]): number {
  const flat = (parts: ExcerptPart[]) => parts.map((part) => (part.type === 'math' ? FORMULA : part.value)).join('');
  const at = flat(block).indexOf(flat(link));
  return Math.max(0, at);
}
