/**
 * Heading ids, self-links and the outline, computed before KaTeX replaces formulas: a
 * heading such as "推广到 $d$ 维" keeps its formula in the TOC (as `$d$`, rendered there)
 * and in its id, where Astro's own pass would see only KaTeX's glyphs.
 * h2–h4 get an empty `<a class="heading-anchor">` (its "#" is drawn by CSS, so it never
 * leaks into the heading's text), labelled for screen readers.
 */
import type { Element, ElementContent, Root } from 'hast';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export interface OutlineHeading {
  depth: number;
  slug: string;
  /** Heading text with formulas as `$TeX$`. */
  text: string;
}

declare module 'vfile' {
  interface DataMap {
    /** The article's headings in order, for the TOC (src/markdown/article-facts.ts keeps them). */
    outline: OutlineHeading[];
  }
}

const HEADING = /^h([1-6])$/;
const ATTRIBUTES = /\s*\{(?:#([\w:.-]+))?(?:\s*[.][\w-]+|\s+[\w-]+=[^\s}]*|\s*-)*\s*\}\s*$/;

function isMath(node: Element): boolean {
  const classes = node.properties.className;
  return node.tagName === 'code' && Array.isArray(classes) && classes.includes('language-math');
}

function textOf(nodes: ElementContent[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    else if (node.type === 'element') {
      text += isMath(node)
        ? `$${node.children.map((child) => (child.type === 'text' ? child.value : '')).join('')}$`
        : textOf(node.children);
    }
  }
  return text;
}

export default function rehypeHeadingAnchors(options: { label?: string } = {}) {
  return (tree: Root, file: VFile) => {
    const slugger = new GithubSlugger();
    const outline: OutlineHeading[] = [];
    visit(tree, 'element', (node: Element) => {
      const depth = Number(HEADING.exec(node.tagName)?.[1] ?? 0);
      if (!depth) return;
      // Pandoc, Quarto and kramdown attributes after the heading text: `## Method {#sec-method}`.
      const last = node.children.at(-1);
      const attributes = last?.type === 'text' ? ATTRIBUTES.exec(last.value) : null;
      if (last?.type === 'text' && attributes) {
        last.value = last.value.slice(0, attributes.index).trimEnd();
        if (attributes[1] && typeof node.properties.id !== 'string') node.properties.id = attributes[1];
      }
      const text = textOf(node.children).trim();
      const slug = typeof node.properties.id === 'string' ? node.properties.id : slugger.slug(text.replace(/\$/g, ''));
      node.properties.id = slug;
      outline.push({ depth, slug, text });
      if (depth >= 2 && depth <= 4) {
        node.children.push({
          type: 'element',
          tagName: 'a',
          properties: {
            className: ['heading-anchor'],
            href: `#${slug}`,
            ariaLabel: `${options.label ?? '本节链接'}：${text.replace(/\$/g, '')}`,
          },
          children: [],
        });
      }
    });
    file.data.outline = outline;
  };
}
