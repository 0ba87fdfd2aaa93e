/**
 * What a feed says about its articles, as @astrojs/rss items: full content, absolute
 * links, newest first, at most `limit` of them. Pure: the article HTML (the feed copy of
 * src/markdown/rehype-feed-copy.ts) is handed in by src/data/feeds.ts.
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

export function feedItems(sources: FeedSource[], limit: number) {
  return sources.slice(0, limit).map((source) => ({
    title: source.title,
    link: source.url,
    pubDate: source.date,
    description: source.summary,
    content: source.content,
    categories: source.tags,
  }));
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Channel elements @astrojs/rss does not write: the language, the feed's own address
 * (which validators ask for) and the date of the newest entry. A build date would make
 * two builds of the same content differ.
 */
export function channelData(options: { language: string; selfUrl: string; newest: Date | undefined }): string {
  return [
    `<language>${escapeXml(options.language)}</language>`,
    `<atom:link href="${escapeXml(options.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    options.newest ? `<lastBuildDate>${options.newest.toUTCString()}</lastBuildDate>` : '',
  ].join('');
}
