/** RSS items from articles: title, link, date, description and tags, newest first. */
export interface FeedSource {
  title: string;
  url: string;
  date: Date;
  summary: string;
  tags: string[];
}

export function feedItems(sources: FeedSource[], limit = 50) {
  return sources.slice(0, limit).map((source) => ({
    title: source.title,
    link: source.url,
    pubDate: source.date,
    description: source.summary,
    categories: source.tags,
  }));
}
