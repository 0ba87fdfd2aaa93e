/**
 * The site's RSS 2.0 feeds (site-wide, per category, per tag, per series) with the whole
 * article in each entry. The routes in src/pages/ only say which articles a feed has;
 * this reads their feed copies from the render cache and writes the XML.
 */
import { site } from '../config.ts';
import { htmlLang, t, termLabel } from '../i18n/index.ts';
import { excerptText } from '../lib/excerpt.ts';
import { rssDocument } from '../lib/feed.ts';
import { absoluteHref, absoluteUrl } from '../lib/url.ts';
import { articleFeedHtml } from '../markdown/article-renderer.ts';
import { settings } from '../settings.ts';
import type { Term } from '../lib/taxonomy.ts';
import { categoryTerm, seriesTerm, siteData, tagTerm, type Article } from './articles.ts';

export interface FeedOptions {
  title: string;
  description: string;
  /** The feed's own path below the site (`/tags/rope/rss.xml`). */
  path: string;
  /** The feed's articles, newest first; the newest `settings.feedSize` are written. */
  articles: Article[];
}

export async function feedResponse(options: FeedOptions): Promise<Response> {
  const newest = options.articles.slice(0, settings.feedSize);
  const sources = await Promise.all(
    newest.map(async (article) => ({
      title: article.title,
      url: absoluteHref(article.url),
      date: article.date,
      summary: article.description ?? excerptText(article.excerpt),
      tags: article.tags.map((tag) => termLabel(tagTerm(tag))),
      content: await articleFeedHtml(article.filePath),
    })),
  );
  const body = rssDocument(
    {
      title: options.title === site.title ? site.title : `${site.title} · ${options.title}`,
      description: options.description,
      site: absoluteUrl('/'),
      language: htmlLang,
      selfUrl: absoluteUrl(options.path),
    },
    sources,
    settings.feedSize,
  );
  return new Response(body, { headers: { 'Content-Type': 'application/xml' } });
}

interface TermFeed {
  term: (id: string) => Term;
  title: (label: string) => string;
  has: (article: Article, id: string) => boolean;
}

/** The feeds of one term, by the folder of their route (`/tags/<id>/rss.xml`). */
const TERM_FEEDS = {
  categories: { term: categoryTerm, title: (label) => label, has: (article, id) => article.category === id },
  tags: { term: tagTerm, title: (label) => `${t.tagged}：${label}`, has: (article, id) => article.tags.includes(id) },
  // Newest first, as in every feed (the series page lists the parts in reading order).
  series: { term: seriesTerm, title: (label) => `${t.series}：${label}`, has: (article, id) => article.series === id },
} satisfies Record<string, TermFeed>;

/** The feed of one category, tag or series: its articles under its label and description. */
export async function termFeedResponse(kind: keyof typeof TERM_FEEDS, id: string): Promise<Response> {
  const feed: TermFeed = TERM_FEEDS[kind];
  const { articles } = await siteData();
  const term = feed.term(id);
  return feedResponse({
    title: feed.title(termLabel(term)),
    description: term.description || site.description,
    path: `/${kind}/${id}/rss.xml`,
    articles: articles.filter((article) => feed.has(article, id)),
  });
}
