import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { siteData } from '../data/articles.ts';
import { excerptText } from '../lib/excerpt.ts';
import { feedItems } from '../lib/feed.ts';
import { site } from '../config.ts';

export async function GET(context: APIContext) {
  const { articles } = await siteData();
  return rss({
    title: site.title,
    description: site.description,
    site: new URL(site.base, context.site).href,
    items: feedItems(articles.map((article) => ({
      title: article.title,
      url: article.url,
      date: article.date,
      summary: excerptText(article.excerpt),
      tags: article.tags,
    }))),
  });
}
