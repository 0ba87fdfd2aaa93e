import type { APIContext } from 'astro';
import { site } from '../../../config.ts';
import { seriesTerm, siteData } from '../../../data/articles.ts';
import { feedResponse } from '../../../data/feeds.ts';
import { t, termLabel } from '../../../i18n/index.ts';

export async function getStaticPaths() {
  const { series } = await siteData();
  return [...series.keys()].map((id) => ({ params: { series: id } }));
}

export async function GET(context: APIContext) {
  const id = context.params.series!;
  const { articles } = await siteData();
  const term = seriesTerm(id);
  return feedResponse({
    title: `${t.series}：${termLabel(term)}`,
    description: term.description || site.description,
    path: `/series/${id}/rss.xml`,
    // Newest first, as in every feed (the series page lists the parts in reading order).
    articles: articles.filter((article) => article.series === id),
  });
}
