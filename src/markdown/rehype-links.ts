/**
 * Links in article bodies: internal links get the site's base path and must point at an
 * existing article; external links open without leaking the opener or referrer.
 * (Anchors inside other pages are checked after the build, on the finished HTML.)
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { withBase } from '../lib/url.ts';
import { recordLookup } from './lookups.ts';
import { errorMark, report } from './report.ts';

export interface LinkOptions {
  base: string;
  /** Slugs of every article in the content folder. */
  slugs: () => Set<string>;
}

const ARTICLE_LINK = /^\/articles\/([^/#?]+)\/?(#.*)?$/;

export default function rehypeLinks(options: LinkOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return undefined;
      const href = node.properties.href;
      if (/^https?:\/\//i.test(href) || href.startsWith('//')) {
        node.properties.rel = ['noopener', 'noreferrer'];
        node.properties.className = [...((node.properties.className as string[]) ?? []), 'external'];
        return undefined;
      }
      if (!href.startsWith('/')) return undefined;
      const article = ARTICLE_LINK.exec(href);
      if (article) {
        const slug = decodeURIComponent(article[1]!);
        recordLookup(file, 'articles', slug);
        if (!options.slugs().has(slug)) {
          report(file, node, {
            rule: 'link/missing-article',
            message: `link to "${href}", but no article has the slug "${slug}"`,
            fix: 'check the file name of the target article (its slug) or remove the link',
          });
          // The text stays, marked; a link that goes nowhere is not published.
          if (parent && index !== undefined) {
            const mark = errorMark('', `no article "${slug}"`);
            mark.children = node.children;
            parent.children[index] = mark;
          }
          return SKIP;
        }
        node.properties.href = withBase(options.base, `/articles/${slug}/${article[2] ?? ''}`);
        return undefined;
      }
      node.properties.href = withBase(options.base, href);
      return undefined;
    });
  };
}
