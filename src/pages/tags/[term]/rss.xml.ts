/** The feed of one tag (src/data/feeds.ts writes it). */
import type { APIContext } from 'astro';
import { siteData } from '../../../data/articles.ts';
import { termFeedResponse } from '../../../data/feeds.ts';

export async function getStaticPaths() {
  const { tagCounts } = await siteData();
  return [...tagCounts.keys()].map((tag) => ({ params: { term: tag } }));
}

export const GET = (context: APIContext) => termFeedResponse('tags', context.params.term!);
