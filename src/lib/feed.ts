/**
 * The RSS 2.0 document of a feed: channel, then one item per article with the whole article
 * in `content:encoded`, newest first, at most `limit` of them. Pure: the article HTML (the
 * feed copy of src/markdown/rehype-feed-copy.ts) is handed in by src/data/feeds.ts.
 *
 * Written here rather than with @astrojs/rss: its XML builder took 20 ms for a feed of 20
 * whole articles (~480 KB), a second of Astro's single-threaded page loop for the tag feeds
 * of a 1,000-article site, where one escaping pass per string takes about a millisecond.
 * The output is the one that library wrote (the same elements, order and escapes).
 */
export interface FeedSource {
  title: string;
  /** Absolute URL of the article. */
  url: string;
  date: Date;
  summary: string;
  /** Tag names as readers see them. */
  tags: string[];
  /** The article as feeds carry it: MathML, plain code, absolute links. */
  content: string;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the site's home page. */
  site: string;
  /** The `lang` of the pages (`zh-CN`). */
  language: string;
  /** Absolute URL of the feed itself (validators ask for it). */
  selfUrl: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

function item(source: FeedSource): string {
  return [
    '<item>',
    element('title', source.title),
    element('link', source.url),
    `<guid isPermaLink="true">${escapeXml(source.url)}</guid>`,
    source.summary ? element('description', source.summary) : '',
    element('pubDate', source.date.toUTCString()),
    element('content:encoded', source.content),
    ...source.tags.map((tag) => element('category', tag)),
    '</item>',
  ].join('');
}

/**
 * The feed. The channel's date is its newest entry's: a build date would make two builds of
 * the same content differ.
 */
export function rssDocument(channel: FeedChannel, sources: FeedSource[], limit: number): string {
  const items = sources.slice(0, limit);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', channel.title),
    element('description', channel.description),
    element('link', channel.site),
    element('language', channel.language),
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    items[0] ? element('lastBuildDate', items[0].date.toUTCString()) : '',
    ...items.map(item),
    '</channel></rss>',
  ].join('');
}
