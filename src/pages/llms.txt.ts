import { site } from '../config.ts';
import { categoryTerm, siteData, taxonomy } from '../data/articles.ts';
import { termLabel } from '../i18n/index.ts';
import { excerptText } from '../lib/excerpt.ts';
import { llmsTxt } from '../lib/machine-copies.ts';
import { absoluteHref } from '../lib/url.ts';

export async function GET() {
  const { articles } = await siteData();
  const order = [...taxonomy.categories.keys()];
  const body = llmsTxt({
    title: site.title,
    description: site.description,
    articles: articles
      .filter((article) => !article.noindex)
      .map((article) => ({
        title: article.title,
        url: absoluteHref(article.url),
        description: article.description ?? excerptText(article.excerpt),
        category: termLabel(categoryTerm(article.category)),
        categoryOrder: order.includes(article.category) ? order.indexOf(article.category) : order.length,
      })),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
