/**
 * Short links between articles: `[[rope]]`, `[[rope#外推]]`, `[[rope|旋转位置编码]]`.
 * They become ordinary links to `/articles/<slug>/`, so rehype-links checks the slug and
 * adds the base path, and the post-build check verifies the anchor. Without a label the
 * link shows the target's title.
 */
import type { Link, PhrasingContent, Root, Text } from 'mdast';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';

const WIKILINK = /\[\[([a-z0-9-]+)(#[^\]|]+)?(?:\|([^\]]+))?\]\]/g;

export interface WikilinkOptions {
  /** Title of an article by slug, for links without a label. */
  titleOf: (slug: string) => string | undefined;
}

export default function remarkWikilinks(options: WikilinkOptions) {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[[')) return undefined;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(WIKILINK)) {
        const [whole, slug, hash = '', label] = match as unknown as [
          string,
          string,
          string | undefined,
          string | undefined,
        ];
        if (match.index > last) pieces.push({ type: 'text', value: node.value.slice(last, match.index) });
        const link: Link = {
          type: 'link',
          // Authors write the heading text; ids are made by the same slugger Astro uses for headings.
          url: `/articles/${slug}/${hash ? `#${new GithubSlugger().slug(hash.slice(1).trim())}` : ''}`,
          children: [{ type: 'text', value: label?.trim() || options.titleOf(slug) || slug }],
          position: node.position,
        };
        pieces.push(link);
        last = match.index + whole.length;
      }
      if (pieces.length === 0) return undefined;
      if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...pieces);
      return index + pieces.length;
    });
  };
}
