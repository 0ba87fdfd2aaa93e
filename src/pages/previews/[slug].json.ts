/**
 * One small JSON file per article for link previews (title, description, date, tags), so
 * hovering a link fetches a few hundred bytes instead of a site-wide index.
 */
import type { APIContext } from 'astro';
import { siteData, tagTerm, type Article } from '../../data/articles.ts';
import { outputKey, pageKeysWanted } from '../../data/page-keys.ts';
import { excerptText } from '../../lib/excerpt.ts';
import { termLabel } from '../../i18n/index.ts';

const previewOf = (article: Article) =>
  JSON.stringify({
    title: article.title,
    description: excerptText(article.excerpt),
    date: article.date.toISOString().slice(0, 10),
    tags: article.tags.map((tag) => termLabel(tagTerm(tag))),
  });

export async function getStaticPaths() {
  const { articles } = await siteData();
  // The file is its body: an incremental build reuses it while the body would be the same.
  return articles.map((article) => ({
    params: { slug: article.slug },
    ...(pageKeysWanted ? { cacheKey: outputKey(previewOf(article)) } : {}),
  }));
}

export async function GET(context: APIContext) {
  const article = (await siteData()).bySlug.get(context.params.slug!)!;
  return new Response(previewOf(article), { headers: { 'Content-Type': 'application/json' } });
}
