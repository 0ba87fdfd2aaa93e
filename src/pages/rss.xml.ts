import rss from '@astrojs/rss';
import { siteData } from '../data/articles.ts';
import { excerptText } from '../lib/excerpt.ts';
import { feedItems } from '../lib/feed.ts';
import { site } from '../config.ts';
import { absoluteUrl } from '../lib/url.ts';

export async function GET() {
  const { articles } = await siteData();
  return rss({
    title: site.title,
    description: site.description,
    site: absoluteUrl('/'),
    items: feedItems(
      articles.map((article) => ({
        title: article.title,
        url: article.url,
        date: article.date,
        summary: excerptText(article.excerpt),
        tags: article.tags,
      })),
    ),
  });
}
