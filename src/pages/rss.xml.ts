import { site } from '../config.ts';
import { siteData } from '../data/articles.ts';
import { feedResponse } from '../data/feeds.ts';

export async function GET() {
  const { articles } = await siteData();
  return feedResponse({ title: site.title, description: site.description, path: '/rss.xml', articles });
}
