import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { siteData, categoryTerm } from '../../../data/articles.ts';
import { excerptText } from '../../../lib/excerpt.ts';
import { feedItems } from '../../../lib/feed.ts';
import { site } from '../../../config.ts';
import { termLabel } from '../../../i18n/index.ts';
import { absoluteUrl } from '../../../lib/url.ts';

export async function getStaticPaths() {
  const { categoryCounts } = await siteData();
  return [...categoryCounts.keys()].map((category) => ({ params: { term: category } }));
}

export async function GET(context: APIContext) {
  const category = context.params.term!;
  const { articles } = await siteData();
  return rss({
    title: `${site.title} · ${termLabel(categoryTerm(category))}`,
    description: categoryTerm(category).description || site.description,
    site: absoluteUrl('/'),
    items: feedItems(
      articles
        .filter((article) => article.category === category)
        .map((article) => ({
          title: article.title,
          url: article.url,
          date: article.date,
          summary: excerptText(article.excerpt),
          tags: article.tags,
        })),
    ),
  });
}
