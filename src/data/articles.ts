/**
 * Site-wide article data, computed once per build and shared by every page: view models,
 * related articles, series, tag and category counts. Pages never recompute these.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { site } from '../config.ts';
import { excerptFromMarkdown, type ExcerptPart } from '../lib/excerpt.ts';
import { byNewest, countBy, relatedArticles, seriesParts } from '../lib/listing.ts';
import { buildBacklinks, type Backlink } from '../lib/backlinks.ts';
import { normalizePaperId } from '../lib/papers.ts';
import { readingMinutes } from '../lib/reading-time.ts';
import { loadTaxonomy, termOf, type Term } from '../lib/taxonomy.ts';
import { withBase } from '../markdown/rehype-links.ts';

export interface Article {
  slug: string;
  entry: CollectionEntry<'articles'>;
  title: string;
  /** The <title>: the title, made unique when two articles share one (date, then slug). */
  pageTitle: string;
  date: Date;
  updated: Date | undefined;
  description: string | undefined;
  excerpt: ExcerptPart[];
  tags: string[];
  category: string;
  series: string | undefined;
  seriesOrder: number | undefined;
  lang: 'zh' | 'en';
  papers: string[];
  readingMinutes: number;
  url: string;
  filePath: string;
}

export interface SiteData {
  articles: Article[];
  bySlug: Map<string, Article>;
  related: Map<string, Article[]>;
  tagCounts: Map<string, number>;
  categoryCounts: Map<string, number>;
  seriesCounts: Map<string, number>;
  series: Map<string, Article[]>;
  /** Articles that link to an article, with the sentence around the link. */
  backlinks: Map<string, Backlink[]>;
  /** Articles that discuss a paper, by normalized paper id. */
  articlesByPaper: Map<string, Article[]>;
}

/** Article URL below the base path, with a trailing slash. */
export const articleUrl = (slug: string) => withBase(site.base, `/articles/${slug}/`);
export const url = (path: string) => withBase(site.base, path);

function toArticle(entry: CollectionEntry<'articles'>): Article {
  const data = entry.data;
  const body = entry.body ?? '';
  return {
    slug: entry.id,
    entry,
    title: data.title,
    pageTitle: data.title,
    date: data.date,
    updated: data.updated,
    description: data.description,
    excerpt: data.description
      ? [{ type: 'text', value: data.description }]
      : excerptFromMarkdown(body, site.excerptLength),
    tags: [...new Set(data.tags)],
    category: data.category ?? site.defaultCategory,
    series: data.series,
    seriesOrder: data.seriesOrder,
    lang: data.lang,
    papers: data.papers.map(normalizePaperId),
    readingMinutes: readingMinutes(body),
    url: articleUrl(entry.id),
    filePath: entry.filePath ?? entry.id,
  };
}

/** Two notes may share a title; their pages still need distinct <title>s. */
function disambiguateTitles(articles: Article[]): void {
  const byTitle = Map.groupBy(articles, (article) => article.title);
  for (const group of byTitle.values()) {
    if (group.length < 2) continue;
    const byDate = Map.groupBy(group, (article) => article.date.toISOString().slice(0, 10));
    for (const article of group) {
      const day = article.date.toISOString().slice(0, 10);
      article.pageTitle = byDate.get(day)!.length > 1 ? `${article.title} (${article.slug})` : `${article.title} (${day})`;
    }
  }
}

function groupByPaper(articles: Article[]): Map<string, Article[]> {
  const byPaper = new Map<string, Article[]>();
  for (const article of articles) {
    for (const id of article.papers) (byPaper.get(id) ?? byPaper.set(id, []).get(id)!).push(article);
  }
  return byPaper;
}

let cached: Promise<SiteData> | undefined;

async function compute(): Promise<SiteData> {
  const entries = await getCollection('articles', ({ data }) => import.meta.env.DEV || !data.draft);
  // Future dates are warned about, with their line, by the articles loader (src/lib/article-source.ts).
  const articles = entries.map(toArticle).sort(byNewest);
  disambiguateTitles(articles);
  const seriesIds = [...new Set(articles.flatMap((article) => (article.series ? [article.series] : [])))];
  return {
    articles,
    bySlug: new Map(articles.map((article) => [article.slug, article])),
    related: relatedArticles(articles, site.relatedCount),
    tagCounts: countBy(articles, (article) => article.tags),
    categoryCounts: countBy(articles, (article) => [article.category]),
    seriesCounts: countBy(articles, (article) => (article.series ? [article.series] : [])),
    series: new Map(seriesIds.map((id) => [id, seriesParts(articles, id)])),
    backlinks: buildBacklinks(articles.map((article) => ({ slug: article.slug, body: article.entry.body ?? '' }))),
    articlesByPaper: groupByPaper(articles),
  };
}

export function siteData(): Promise<SiteData> {
  if (import.meta.env.DEV) return compute();
  cached ??= compute();
  return cached;
}

export const taxonomy = loadTaxonomy();
export const tagTerm = (id: string): Term => termOf(taxonomy.tags, id);
export const categoryTerm = (id: string): Term => termOf(taxonomy.categories, id);
export const seriesTerm = (id: string): Term => termOf(taxonomy.series, id);
