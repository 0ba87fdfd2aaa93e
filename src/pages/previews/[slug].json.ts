/**
 * One small JSON file per article for link previews (title, description, date, tags), so
 * hovering a link fetches a few hundred bytes instead of a site-wide index.
 */
import type { APIContext } from 'astro';
import { siteData, tagTerm } from '../../data/articles.ts';
import { excerptText } from '../../lib/excerpt.ts';
import { termLabel } from '../../i18n/index.ts';

export async function getStaticPaths() {
  const { articles } = await siteData();
  return articles.map((article) => ({ params: { slug: article.slug } }));
}

export async function GET(context: APIContext) {
  const article = (await siteData()).bySlug.get(context.params.slug!)!;
  return new Response(
    JSON.stringify({
      title: article.title,
      description: excerptText(article.excerpt),
      date: article.date.toISOString().slice(0, 10),
      tags: article.tags.map((tag) => termLabel(tagTerm(tag))),
    }),
    { headers: { 'Content-Type': 'application/json' } },
  );
}
