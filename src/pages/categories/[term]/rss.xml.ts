import type { APIContext } from 'astro';
import { site } from '../../../config.ts';
import { categoryTerm, siteData } from '../../../data/articles.ts';
import { feedResponse } from '../../../data/feeds.ts';
import { termLabel } from '../../../i18n/index.ts';

export async function getStaticPaths() {
  const { categoryCounts } = await siteData();
  return [...categoryCounts.keys()].map((category) => ({ params: { term: category } }));
}

export async function GET(context: APIContext) {
  const category = context.params.term!;
  const { articles } = await siteData();
  const term = categoryTerm(category);
  return feedResponse({
    title: termLabel(term),
    description: term.description || site.description,
    path: `/categories/${category}/rss.xml`,
    articles: articles.filter((article) => article.category === category),
  });
}
