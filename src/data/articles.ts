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
import { contentHistory, repositoryPath, type Revision } from '../sources/git-history.ts';
import { inventory } from '../sources/inventory.ts';

/** An article as pages show it: its frontmatter, plus what the site derives from it. */
export interface Article extends Omit<ArticleData, 'category'> {
  slug: string;
  entry: CollectionEntry<'articles'>;
  /** The <title>: the title, made unique when two articles share one (date, then slug). */
  pageTitle: string;
  /** The description, or the article's first sentences, or (a note of images or code only) its title. */
  excerpt: ExcerptPart[];
  category: string;
  readingMinutes: number;
  url: string;
  filePath: string;
  format: 'md' | 'mdx';
  facts: ArticleFacts;
  /** The commits that changed the file, newest first (empty without git history). */
  revisions: Revision[];
  /** The file's path in its git repository, for "edit this page". */
  repositoryPath: string | undefined;
  /** Its published versions in other languages (translationKey / translations:). */
  versions: { lang: 'zh' | 'en'; slug: string; url: string; title: string }[];
  /** Paper ids (arXiv:…, doi:…) of the entries the text cites, in order of first citation. */
  cites: string[];
  /** Names the article's render (its HTML follows from it): see src/data/page-keys.ts. */
  renderDigest: string;
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
  const { facts, digest } = await articleFacts(source.file);
  const data = entry.data;
  const revisions = contentHistory().revisions.get(source.file) ?? [];
  // `papers:` and citations name papers by key or id; pages key them by one canonical id.
  const bibliography = articleBibliography(source.file, data.bibliography);
  const idOf = (id: string) => paperFor(bibliography, id).id;
  return {
    ...data,
    // The author's `updated` wins; otherwise the last commit that changed the file.
    updated: data.updated ?? (revisions[0] ? new Date(revisions[0].date) : undefined),
    revisions,
    repositoryPath: repositoryPath(source.file),
    versions: [],
    slug: entry.id,
    entry,
    pageTitle: data.title,
    excerpt: data.description
      ? [{ type: 'text', value: data.description }]
      : facts.excerpt.length > 0
        ? facts.excerpt
        : [{ type: 'text', value: data.subtitle ? `${data.title}: ${data.subtitle}` : data.title }],
    tags: [...new Set(data.tags)],
    category: data.category ?? site.defaultCategory,
    papers: [...new Set(data.papers.map(idOf))],
    cites: facts.citations.map((cited) => idOf(cited.key)),
    readingMinutes: facts.readingMinutes,
    url: source.url,
    filePath: source.file,
    format: source.format,
    facts,
    renderDigest: digest,
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

/** Each article's versions in other languages, among the published ones. */
function linkVersions(articles: Article[]): void {
  const bySlug = new Map(articles.map((article) => [article.slug, article]));
  const { translations } = inventory();
  for (const article of articles) {
    article.versions = Object.entries(translations.get(article.slug) ?? {}).flatMap(([lang, slug]) => {
      const other = slug === undefined ? undefined : bySlug.get(slug);
      return other ? [{ lang: lang as 'zh' | 'en', slug: other.slug, url: other.url, title: other.title }] : [];
    });
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

async function compute(
  entries: CollectionEntry<'articles'>[] | Promise<CollectionEntry<'articles'>[]> = publishedEntries(),
): Promise<SiteData> {
  const articles: Article[] = [];
  for (const entry of await entries) articles.push(await toArticle(entry));
  articles.sort(byNewest);
  disambiguateTitles(articles);
  linkVersions(articles);
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

const publishedEntries = () => getCollection('articles', ({ data }) => import.meta.env.DEV || !data.draft);

/**
 * Under `astro dev` the data is computed again when the articles or the inventory changed
 * since the last call, and shared otherwise: one page asks for it several times (the page,
 * its local graph, its filters), and each computation reads every article's facts (about a
 * quarter of a second per request at 1,000 articles).
 */
let devCache: { inventory: object; entries: string; data: Promise<SiteData> } | undefined;
async function devSiteData(): Promise<SiteData> {
  const entries = await publishedEntries();
  const fingerprint = entries.map((entry) => `${entry.id}\0${entry.digest ?? ''}`).join('\n');
  const taken = inventory();
  if (devCache?.inventory !== taken || devCache.entries !== fingerprint)
    devCache = { inventory: taken, entries: fingerprint, data: compute(entries) };
  return devCache.data;
}

export function siteData(): Promise<SiteData> {
  if (import.meta.env.DEV) return devSiteData();
  cached ??= compute();
  return cached;
}

export const taxonomy = loadTaxonomy();

/** Tags and categories the taxonomy does not name are shown as their first article wrote them. */
const writtenNames = new WeakMap<object, Map<string, string>>();
function writtenName(id: string): string | undefined {
  const taken = inventory();
  let names = writtenNames.get(taken);
  if (!names) {
    names = new Map();
    for (const article of taken.articles)
      for (const [term, name] of Object.entries(article.data.termNames)) if (!names.has(term)) names.set(term, name);
    writtenNames.set(taken, names);
  }
  return names.get(id);
}

const named = (map: Map<string, Term>, id: string): Term => {
  const term = termOf(map, id);
  if (map.has(id)) return term;
  const name = writtenName(id);
  return name ? { ...term, zh: name, en: name } : term;
};
export const tagTerm = (id: string): Term => named(taxonomy.tags, id);
export const categoryTerm = (id: string): Term => named(taxonomy.categories, id);
export const seriesTerm = (id: string): Term => termOf(taxonomy.series, id);
