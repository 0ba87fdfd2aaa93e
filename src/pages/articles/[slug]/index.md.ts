import type { APIContext } from 'astro';
import { siteData } from '../../../data/articles.ts';
import { markdownCopy } from '../../../lib/machine-copies.ts';
import { absoluteHref } from '../../../lib/url.ts';
import { inventory } from '../../../sources/inventory.ts';

/**
 * Each article's source at /articles/<slug>/index.md, except those marked noindex, for
 * `astro dev`. The build writes the same copies from the inventory, outside Astro's page
 * loop, where they cost far less (scripts/build/markdown-copies.ts).
 */
export async function getStaticPaths() {
  if (!import.meta.env.DEV) return [];
  const { articles } = await siteData();
  return articles.filter((article) => !article.noindex).map((article) => ({ params: { slug: article.slug } }));
}

export async function GET(context: APIContext) {
  const article = (await siteData()).bySlug.get(context.params.slug!)!;
  const body = markdownCopy({
    title: article.title,
    date: article.date,
    tags: article.tags,
    url: absoluteHref(article.url),
    body: inventory().bySlug.get(article.slug)!.body,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
}
