/**
 * Site-wide article data, computed once per build and shared by every page: view models,
 * related articles, series, tag and category counts, backlinks. Pages never recompute
 * these, and nothing here reads Markdown: the facts come from the article renderer.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { site } from '../config.ts';
import type { ArticleData } from '../lib/article-schema.ts';
import { buildBacklinks, type Backlink } from '../lib/backlinks.ts';
import type { ExcerptPart } from '../lib/excerpt.ts';
import { byNewest, countBy, relatedArticles, seriesParts } from '../lib/listing.ts';
import { articleBibliography, paperFor } from '../lib/papers.ts';
import { loadTaxonomy, termOf, type Term } from '../lib/taxonomy.ts';
import { articleFacts } from '../markdown/article-renderer.ts';
import type { ArticleFacts } from '../markdown/article-facts.ts';
import { inventory } from '../sources/inventory.ts';

/** An article as pages show it: its frontmatter, plus what the site derives from it. */
export interface Article extends Omit<ArticleData, 'category'> {
  slug: string;
  entry: CollectionEntry<'articles'>;
  /** The <title>: the title, made unique when two articles share one (date, then slug). */
  pageTitle: string;
  /** The description, or the article's first sentences. */
  excerpt: ExcerptPart[];
  category: string;
  readingMinutes: number;
  url: string;
  filePath: string;
  format: 'md' | 'mdx';
  facts: ArticleFacts;
  /** Paper ids (arXiv:…, doi:…) of the entries the text cites, in order of first citation. */
  cites: string[];
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
  /** Articles that discuss a paper (list it in `papers:` or cite it), by normalized paper id. */
  articlesByPaper: Map<string, Article[]>;
}

async function toArticle(entry: CollectionEntry<'articles'>): Promise<Article> {
  const source = inventory().bySlug.get(entry.id)!;
  const { facts } = await articleFacts(source.file);
  const data = entry.data;
  // `papers:` and citations name papers by key or id; pages key them by one canonical id.
  const bibliography = articleBibliography(source.file, data.bibliography);
  const idOf = (id: string) => paperFor(bibliography, id).id;
  return {
    ...data,
    slug: entry.id,
    entry,
    pageTitle: data.title,
    excerpt: data.description ? [{ type: 'text', value: data.description }] : facts.excerpt,
    tags: [...new Set(data.tags)],
    category: data.category ?? site.defaultCategory,
    papers: [...new Set(data.papers.map(idOf))],
    cites: facts.citations.map((cited) => idOf(cited.key)),
    readingMinutes: facts.readingMinutes,
    url: source.url,
    filePath: source.file,
    format: source.format,
    facts,
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
      article.pageTitle =
        byDate.get(day)!.length > 1 ? `${article.title} (${article.slug})` : `${article.title} (${day})`;
    }
  }
}

function groupByPaper(articles: Article[]): Map<string, Article[]> {
  const byPaper = new Map<string, Article[]>();
  for (const article of articles) {
    for (const id of new Set([...article.cites, ...article.papers]))
      (byPaper.get(id) ?? byPaper.set(id, []).get(id)!).push(article);
  }
  return byPaper;
}

let cached: Promise<SiteData> | undefined;

async function compute(): Promise<SiteData> {
  const entries = await getCollection('articles', ({ data }) => import.meta.env.DEV || !data.draft);
  const articles: Article[] = [];
  for (const entry of entries) articles.push(await toArticle(entry));
  articles.sort(byNewest);
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
    backlinks: buildBacklinks(articles.map((article) => ({ slug: article.slug, links: article.facts.articleLinks }))),
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
