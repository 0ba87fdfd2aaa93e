import type { APIContext } from 'astro';
import { site } from '../../../config.ts';
import { siteData, tagTerm } from '../../../data/articles.ts';
import { feedResponse } from '../../../data/feeds.ts';
import { t, termLabel } from '../../../i18n/index.ts';

export async function getStaticPaths() {
  const { tagCounts } = await siteData();
  return [...tagCounts.keys()].map((tag) => ({ params: { term: tag } }));
}

export async function GET(context: APIContext) {
  const tag = context.params.term!;
  const { articles } = await siteData();
  const term = tagTerm(tag);
  return feedResponse({
    title: `${t.tagged}：${termLabel(term)}`,
    description: term.description || site.description,
    path: `/tags/${tag}/rss.xml`,
    articles: articles.filter((article) => article.tags.includes(tag)),
  });
}
