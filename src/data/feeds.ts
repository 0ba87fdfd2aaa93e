/**
 * The site's RSS 2.0 feeds (site-wide, per category, per tag, per series) with the whole
 * article in each entry. The routes in src/pages/ only say which articles a feed has;
 * this reads their feed copies from the render cache and writes the XML.
 */
import rss from '@astrojs/rss';
import { site } from '../config.ts';
import { htmlLang, termLabel } from '../i18n/index.ts';
import { excerptText } from '../lib/excerpt.ts';
import { channelData, feedItems } from '../lib/feed.ts';
import { absoluteHref, absoluteUrl } from '../lib/url.ts';
import { articleFeedHtml } from '../markdown/article-renderer.ts';
import { settings } from '../settings.ts';
import { tagTerm, type Article } from './articles.ts';

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
  return rss({
    title: options.title === site.title ? site.title : `${site.title} · ${options.title}`,
    description: options.description,
    site: absoluteUrl('/'),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: channelData({ language: htmlLang, selfUrl: absoluteUrl(options.path), newest: newest[0]?.date }),
    items: feedItems(sources, settings.feedSize),
  });
}
