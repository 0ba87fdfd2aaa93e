/** What the tests expect, read from the content folder the site was built from (the article inventory). */
import path from 'node:path';
import { takeInventory } from '../../src/sources/inventory.ts';

export interface ArticleInfo {
  slug: string;
  file: string;
  title: string;
  subtitle: string | undefined;
  tags: string[];
  category: string;
  series: string | undefined;
  seriesOrder: number | undefined;
  date: string;
  /** The frontmatter's `updated`, YYYY-MM-DD. */
  updated: string | undefined;
  papers: string[];
  lang: 'zh' | 'en';
  translationKey: string | undefined;
  /** The Markdown after the frontmatter. */
  body: string;
}

export function bundledArticles(dir = 'content'): ArticleInfo[] {
  return takeInventory(path.resolve(dir))
    .articles.filter((article) => article.publishable && !article.data.draft)
    .map((article) => ({
      slug: article.slug,
      file: article.file,
      title: article.data.title,
      subtitle: article.data.subtitle,
      tags: article.data.tags,
      category: article.data.category ?? 'uncategorized',
      series: article.data.series,
      seriesOrder: article.data.seriesOrder,
      date: article.data.date.toISOString().slice(0, 10),
      updated: article.data.updated?.toISOString().slice(0, 10),
      papers: article.data.papers,
      lang: article.data.lang,
      translationKey: article.data.translationKey,
      body: article.body,
    }));
}

/** The order of every date listing: newest first, articles of the same date by slug (as the site breaks ties). */
export const newestFirst = (a: ArticleInfo, b: ArticleInfo): number =>
  b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug);
