/**
 * The copy of an article that feeds carry: the same HTML tree, written for a reader that
 * has none of our CSS or scripts (a feed reader, a mail client). Recorded on the file as
 * `feedHtml` at the end of the pipeline, so it is rendered once per article, in the
 * pre-render workers, and cached with the page (src/markdown/article-renderer.ts).
 *
 * - Math is MathML only. KaTeX's `htmlAndMathml` output holds the `<math>` element that
 *   `output: 'mathml'` would produce (the same builder, only its wrapper's class differs;
 *   tests/unit/markdown/rehype-feed-copy.test.ts checks that), so it is lifted out rather
 *   than every formula typeset twice. The glyph HTML (`katex-html`) needs our CSS and is
 *   dropped.
 * - Code is plain `<pre><code>` text: Shiki's spans are coloured by our CSS variables.
 * - Links and images are absolute (site URL and base path), fragments point at the page.
 * - No classes, ids, styles, data attributes, hidden helpers or buttons; a table cell's
 *   alignment becomes an inline `text-align`, which needs nothing of ours.
 * - MDX components are replaced by their content; expressions and imports are dropped.
 *
 * The page's own tree is never changed: the copy is built beside it.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** The article as feeds carry it (see rehype-feed-copy.ts). */
    feedHtml: string;
  }
}

export interface FeedCopyOptions {
  /** The absolute URL of the article the file is (`https://example.org/kb/articles/rope/`). */
  pageUrl: (file: VFile) => string;
}

/** Attributes that mean the same without our stylesheet. Everything else is dropped. */
const KEPT = new Set([
  'href',
  'src',
  'srcSet',
  'alt',
  'title',
  'width',
  'height',
  'colSpan',
  'rowSpan',
  'start',
  'reversed',
  'type',
  'lang',
  'dir',
  'dateTime',
  'cite',
  'open',
  'scope',
  'abbr',
]);

/** Elements that are there for our scripts or styles only. */
const DROPPED = new Set(['script', 'style', 'button', 'template', 'input', 'noscript', 'link', 'meta']);

const classesOf = (node: Element): string[] =>
  Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];

/** The `<math>…</math>` inside KaTeX's HTML string, or undefined when it has none. */
export function mathmlOf(katexHtml: string): string | undefined {
  const start = katexHtml.indexOf('<math');
  // KaTeX escapes "<" in the TeX annotation, so the first closing tag after it is its own.
  const end = katexHtml.indexOf('</math>', start);
  return start < 0 || end < 0 ? undefined : katexHtml.slice(start, end + '</math>'.length);
}

function absolute(href: string, pageUrl: string): string {
  if (/^(mailto|tel|data):/i.test(href)) return href;
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return href;
  }
}

export function feedCopy(tree: Root, pageUrl: string): Root {
  const origin = new URL(pageUrl).origin;
  const properties = (node: Element): Properties => {
    const kept: Properties = {};
    for (const [name, value] of Object.entries(node.properties)) {
      if (!KEPT.has(name) || value === undefined || value === null) continue;
      if ((name === 'href' || name === 'src' || name === 'cite') && typeof value === 'string')
        kept[name] = absolute(value, pageUrl);
      else if (name === 'srcSet' && typeof value === 'string')
        kept[name] = value
          .split(',')
          .map((candidate) => candidate.trim().replace(/^\S+/, (src) => absolute(src, pageUrl)))
          .join(', ');
      else kept[name] = value;
    }
    const align = classesOf(node)
      .find((name) => name.startsWith('align-'))
      ?.slice('align-'.length);
    if ((node.tagName === 'td' || node.tagName === 'th') && align) kept.style = `text-align: ${align}`;
    return kept;
  };
  // KaTeX's MathML links equation references as href="#eq-…": point them at the page.
  const mathml = (html: string) => mathmlOf(html)?.replaceAll('href="#', `href="${pageUrl}#`);
  const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent;

  const copy = (node: RootContent | ElementContent): (RootContent | ElementContent)[] => {
    switch (node.type) {
      case 'text':
        return [{ type: 'text', value: node.value }];
      case 'comment':
      case 'doctype':
        return [];
      case 'element':
        return copyElement(node);
      default: {
        const other = node as { type: string; value?: unknown; children?: ElementContent[] };
        if (other.type === 'raw' && typeof other.value === 'string') {
          // Markdown: KaTeX's output arrives as one raw HTML string per formula.
          if (/^<span class="katex/.test(other.value)) {
            const math = mathml(other.value);
            return math ? [raw(math)] : [];
          }
          // Raw HTML an author wrote (checked by rehype-unsafe-html) is kept as written.
          return [
            raw(other.value.replace(/\s(?:href|src)="\/(?!\/)/g, (match) => match.replace('="/', `="${origin}/`))),
          ];
        }
        // MDX: a component stands for its content; expressions and imports are code.
        if (other.type === 'mdxJsxFlowElement' || other.type === 'mdxJsxTextElement')
          return (other.children ?? []).flatMap(copy);
        return [];
      }
    }
  };

  const copyElement = (node: Element): (RootContent | ElementContent)[] => {
    const classes = classesOf(node);
    if (DROPPED.has(node.tagName) || 'hidden' in node.properties) return [];
    if (String(node.properties.ariaHidden) === 'true') return [];
    if (classes.includes('heading-anchor') || classes.includes('code-block-bar') || classes.includes('katex-html'))
      return [];
    // MDX: KaTeX's output parsed into elements. The <math> inside is the formula.
    if (classes.includes('katex') || classes.includes('katex-display')) {
      const math = findMath(node);
      return math ? [copyMath(math)] : [];
    }
    if (classes.includes('math-inline')) return node.children.flatMap(copy);
    if (node.tagName === 'pre') {
      const code: Element = {
        type: 'element',
        tagName: 'code',
        properties: {},
        children: [{ type: 'text', value: toString(node).replace(/\n$/, '') }],
      };
      return [{ type: 'element', tagName: 'pre', properties: {}, children: [code] }];
    }
    // A code block's frame is our styling: keep the <pre> inside it.
    if (classes.includes('code-block')) return node.children.flatMap(copy);
    return [
      {
        type: 'element',
        tagName: node.tagName,
        properties: properties(node),
        children: node.children.flatMap(copy) as ElementContent[],
      },
    ];
  };

  const copyMath = (node: Element): Element => ({
    type: 'element',
    tagName: node.tagName,
    properties: Object.fromEntries(
      Object.entries(node.properties)
        .filter(([name]) => name !== 'className' && name !== 'style')
        .map(([name, value]) => [
          name,
          name === 'href' && typeof value === 'string' ? absolute(value, pageUrl) : value,
        ]),
    ),
    children: node.children.map((child) => (child.type === 'element' ? copyMath(child) : child)),
  });

  return { type: 'root', children: tree.children.flatMap(copy) as RootContent[] };
}

function findMath(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'math') return child;
    const found = findMath(child);
    if (found) return found;
  }
  return undefined;
}

const stringify = unified().use(rehypeStringify, { allowDangerousHtml: true });

export default function rehypeFeedCopy(options: FeedCopyOptions) {
  return (tree: Root, file: VFile) => {
    file.data.feedHtml = stringify.stringify(feedCopy(tree, options.pageUrl(file)));
  };
}
