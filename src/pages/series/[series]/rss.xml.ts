/** The feed of one series (src/data/feeds.ts writes it). */
import type { APIContext } from 'astro';
import { siteData } from '../../../data/articles.ts';
import { termFeedResponse } from '../../../data/feeds.ts';

export async function getStaticPaths() {
  const { series } = await siteData();
  return [...series.keys()].map((id) => ({ params: { series: id } }));
}

export const GET = (context: APIContext) => termFeedResponse('series', context.params.series!);
