/** The feed of one category (src/data/feeds.ts writes it). */
import type { APIContext } from 'astro';
import { siteData } from '../../../data/articles.ts';
import { termFeedResponse } from '../../../data/feeds.ts';

export async function getStaticPaths() {
  const { categoryCounts } = await siteData();
  return [...categoryCounts.keys()].map((category) => ({ params: { term: category } }));
}

export const GET = (context: APIContext) => termFeedResponse('categories', context.params.term!);
