/**
 * Links in article bodies, resolved the way the tools authors come from resolve them:
 * - `/articles/<slug>/` and `[[wikilinks]]` (made into such links) must name an article;
 * - relative links to `.md`/`.mdx` files (`./chapter6/readme.md`, `../环境.md#安装`) and to
 *   folders with a README or index become the article's URL, with the anchor kept;
 * - relative links to other files in the content folder (a `.py`, a `.pdf`) publish the
 *   file and link to the copy; MkDocs-style links relative to the page's URL
 *   (`../other-page/`) are understood when nothing on disk matches;
 * - `#anchors` within the article that differ from an id only in case or spelling of the
 *   heading are pointed at that id;
 * - external links open without leaking the opener or referrer.
 * Anything else that goes nowhere is reported at its line, and published as its text only.
 * (Anchors inside other pages are checked after the build, on the finished HTML.)
 */
import path from 'node:path';
import type { Element, Root } from 'hast';
import GithubSlugger from 'github-slugger';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { withBase } from '../lib/url.ts';
import { publishFile, resolveReference, shown, type LocalFileOptions } from './local-files.ts';
import { recordLookup } from './lookups.ts';
import { errorMark, report } from './report.ts';

export interface LinkOptions extends LocalFileOptions {
  /** Slugs of every article in the content folder. */
  slugs: () => Set<string>;
  /** The slug of the article in a file (absolute path), if it is one. */
  slugOfFile: (file: string) => string | undefined;
}

const ARTICLE_LINK = /^\/articles\/([^/#?]+)\/?(#.*)?$/;
const FOLDER_PAGES = ['README.md', 'readme.md', 'index.md', 'README.mdx', 'index.mdx'];

export default function rehypeLinks(options: LinkOptions) {
  return (tree: Root, file: VFile) => {
    // Ids of this article, for in-page anchors written by hand.
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    const byLowercase = new Map([...ids].map((id) => [id.toLowerCase(), id]));
    const articleUrl = (slug: string, hash = '') => {
      recordLookup(file, 'articles', slug);
      return withBase(options.base, `/articles/${slug}/${hash}`);
    };

    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return undefined;
      const href = node.properties.href;
      const nowhere = (rule: string, message: string, fix: string, reason: string) => {
        report(file, node, { rule, message, fix });
        // The text stays, marked; a link that goes nowhere is not published.
        if (parent && index !== undefined) {
          const mark = errorMark('', reason);
          mark.children = node.children;
          parent.children[index] = mark;
        }
        return SKIP;
      };

      if (/^https?:\/\//i.test(href) || href.startsWith('//')) {
        node.properties.rel = ['noopener', 'noreferrer'];
        node.properties.className = [...((node.properties.className as string[]) ?? []), 'external'];
        return undefined;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;

      if (href.startsWith('#')) {
        const anchor = safeDecode(href.slice(1));
        if (!anchor || ids.has(anchor)) return undefined;
        const match =
          byLowercase.get(anchor.toLowerCase()) ??
          (ids.has(new GithubSlugger().slug(anchor)) ? new GithubSlugger().slug(anchor) : undefined);
        if (match) node.properties.href = `#${match}`;
        return undefined;
      }

      const article = ARTICLE_LINK.exec(href);
      if (article) {
        const slug = safeDecode(article[1]!);
        if (!options.slugs().has(slug)) {
          recordLookup(file, 'articles', slug);
          return nowhere(
            'link/missing-article',
            `link to "${href}", but no article has the slug "${slug}"`,
            'check the file name of the target article (its slug) or remove the link',
            `no article "${slug}"`,
          );
        }
        node.properties.href = articleUrl(slug, article[2] ?? '');
        return undefined;
      }
      if (href.startsWith('/')) {
        node.properties.href = withBase(options.base, href);
        return undefined;
      }

      // A relative link: a file or folder next to the article, or (MkDocs) a page URL.
      if (!file.path) return undefined;
      const hash = href.includes('#') ? href.slice(href.indexOf('#')) : '';
      const target = resolveReference(file, href, options);
      if (target.kind === 'outside') {
        return nowhere(
          'link/outside-content',
          `link "${href}" leads out of the content folder (to ${shown(target.path)})`,
          'link to a file inside the content folder, or to its address on the web',
          'outside the content folder',
        );
      }
      const page =
        target.kind === 'folder'
          ? FOLDER_PAGES.map((name) => path.join(target.path, name)).find((candidate) => options.slugOfFile(candidate))
          : target.path;
      const slug = page ? options.slugOfFile(page) : undefined;
      if (slug) {
        node.properties.href = articleUrl(slug, hash);
        return undefined;
      }
      if (target.kind === 'file') {
        node.properties.href = publishFile(target.path, options);
        return undefined;
      }
      const fromPage = pageRelativeSlug(href, options.slugOfFile(file.path));
      if (fromPage && options.slugs().has(fromPage)) {
        node.properties.href = articleUrl(fromPage, hash);
        return undefined;
      }
      return nowhere(
        'link/missing-file',
        `link "${href}" points at ${shown(target.path)}, which does not exist`,
        'check the path (relative to the article file) or remove the link',
        'no such file',
      );
    });
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** MkDocs writes links relative to the page's URL: from /articles/a/, `../b/` is article b. */
function pageRelativeSlug(href: string, ownSlug: string | undefined): string | undefined {
  if (!ownSlug) return undefined;
  const resolved = new URL(href.split('#')[0] ?? '', `http://site/articles/${encodeURIComponent(ownSlug)}/`).pathname;
  const match = /^\/articles\/([^/]+)\/?$/.exec(resolved);
  return match ? safeDecode(match[1]!).replace(/\.(md|mdx|html?)$/i, '') : undefined;
}
