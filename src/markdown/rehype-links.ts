/**
 * Links in article bodies: internal links get the site's base path and must point at an
 * existing article; external links open without leaking the opener or referrer.
 * (Anchors inside other pages are checked after the build, on the finished HTML.)
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { failAt } from './source-error.ts';

export interface LinkOptions {
  base: string;
  /** Slugs of every article in the content folder. */
  slugs: () => Set<string>;
}

const ARTICLE_LINK = /^\/articles\/([^/#?]+)\/?(#.*)?$/;

export function withBase(base: string, href: string): string {
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  return href.startsWith('/') ? `${trimmed}${href}` : href;
}

export default function rehypeLinks(options: LinkOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href;
      if (/^https?:\/\//i.test(href) || href.startsWith('//')) {
        node.properties.rel = ['noopener', 'noreferrer'];
        node.properties.className = [...((node.properties.className as string[]) ?? []), 'external'];
        return;
      }
      if (!href.startsWith('/')) return;
      const article = ARTICLE_LINK.exec(href);
      if (article) {
        const slug = decodeURIComponent(article[1]!);
        if (!options.slugs().has(slug)) {
          failAt(file, node, `link to "${href}", but no article has the slug "${slug}"; check the file name of the target article (its slug) or remove the link`);
        }
        node.properties.href = withBase(options.base, `/articles/${slug}/${article[2] ?? ''}`);
        return;
      }
      node.properties.href = withBase(options.base, href);
    });
  };
}
