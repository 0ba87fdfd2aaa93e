/**
 * Which articles link to which, with the sentence around each link: built once per build
 * from the links the Markdown pipeline found in each article (src/markdown/article-facts.ts).
 */
import type { ExcerptPart } from './excerpt.ts';

export interface Backlink {
  from: string;
  context: ExcerptPart[];
}

/** A link from an article to another article, as the pipeline saw it. */
export interface ArticleLink {
  slug: string;
  /** The sentence the link stands in. */
  context: ExcerptPart[];
}

/** For each article, the articles linking to it (first link per source, no self-links). */
export function buildBacklinks(sources: { slug: string; links: ArticleLink[] }[]): Map<string, Backlink[]> {
  const backlinks = new Map<string, Backlink[]>();
  for (const { slug, links } of sources) {
    const seen = new Set<string>();
    for (const link of links) {
      if (link.slug === slug || seen.has(link.slug)) continue;
      seen.add(link.slug);
      const list = backlinks.get(link.slug) ?? [];
      list.push({ from: slug, context: link.context });
      backlinks.set(link.slug, list);
    }
  }
  return backlinks;
}

/** The distinct articles an article links to, in order of first mention. */
export function linkedSlugs(links: ArticleLink[]): string[] {
  return [...new Set(links.map((link) => link.slug))];
}
