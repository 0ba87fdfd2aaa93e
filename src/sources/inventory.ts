/**
 * The one article inventory: the content folder walked once, every article file read and
 * checked once. The content loader, the source check of `npm run build`, the pre-render
 * pool, the Markdown pipeline (which articles exist, their titles), the link check's map
 * from pages back to files, `npm run new` and `npm run library` all take their list from
 * here, so one rule decides what is an article and one message reports a duplicate slug.
 *
 * The rule: a `.md` or `.mdx` file below `articles/` none of whose path segments starts
 * with `_` or `.` (`_drafts/`, `.obsidian/`, `_index.md` are not published).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../lib/problems.ts';
import { slugFromPath, slugProblem } from '../lib/slugs.ts';
import { loadTaxonomy } from '../lib/taxonomy.ts';
import type { ArticleData } from '../lib/article-schema.ts';
import { articleUrl } from '../lib/url.ts';
import { linkTranslations, type Lang } from '../lib/translations.ts';
import { settings } from '../settings.ts';
import { readArticle, type FileProblem } from './frontmatter.ts';

export interface ArticleSource {
  /** Absolute path of the file. */
  file: string;
  /** Path below the articles folder, with forward slashes. */
  relativePath: string;
  format: 'md' | 'mdx';
  slug: string;
  /** The article's URL below the base path. */
  url: string;
  /** The frontmatter, normalised (fallbacks where a field was wrong). */
  data: ArticleData;
  /** The Markdown after the frontmatter, and the file line it starts on. */
  body: string;
  bodyLine: number;
  problems: Problem[];
  /** False for a file that cannot be published (encoding, size, empty, a taken slug). */
  publishable: boolean;
}

export interface Inventory {
  contentDir: string;
  articlesDir: string;
  /** Every article file, sorted by path; check `publishable` before publishing one. */
  articles: ArticleSource[];
  /** Publishable articles by slug (drafts included). */
  bySlug: Map<string, ArticleSource>;
  /** Every article by absolute path. */
  byFile: Map<string, ArticleSource>;
  /** Every problem of every file, and of the folder. */
  problems: Problem[];
  /** slug → its versions in other languages (language → slug), from translationKey / translations:. */
  translations: Map<string, Partial<Record<Lang, string>>>;
}

/** Whether a path below the articles folder is an article (the one rule). */
export function isArticlePath(relativePath: string): boolean {
  const segments = relativePath.split(/[\\/]/);
  return (
    /\.mdx?$/i.test(relativePath) && segments.every((segment) => !segment.startsWith('_') && !segment.startsWith('.'))
  );
}

function articleFiles(articlesDir: string): string[] {
  if (!fs.existsSync(articlesDir)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isArticlePath(entry.name))
        found.push(path.relative(articlesDir, full).split(path.sep).join('/'));
    }
  };
  walk(articlesDir);
  return found.sort();
}

const withFile =
  (file: string) =>
  (problem: FileProblem): Problem => ({ ...problem, file });

/** Walks and reads the content folder. `now` decides what counts as a future date. */
export function takeInventory(contentDir: string, now: Date = new Date()): Inventory {
  const articlesDir = path.join(contentDir, 'articles');
  const categories = [...loadTaxonomy(contentDir).categories.keys()];
  const articles: ArticleSource[] = [];
  const bySlug = new Map<string, ArticleSource>();
  for (const relativePath of articleFiles(articlesDir)) {
    const file = path.join(articlesDir, relativePath);
    const slug = slugFromPath(relativePath);
    const read = readArticle(fs.readFileSync(file), {
      categories,
      fallbackTitle: path.basename(relativePath).replace(/\.mdx?$/i, ''),
      fallbackDate: fs.statSync(file).mtime,
      now,
    });
    const article: ArticleSource = {
      file,
      relativePath,
      format: relativePath.toLowerCase().endsWith('.mdx') ? 'mdx' : 'md',
      slug,
      url: articleUrl(slug),
      data: read.data,
      body: read.body,
      bodyLine: read.bodyLine,
      problems: read.problems.map(withFile(file)),
      publishable: read.publishable,
    };
    const slugIssue = slugProblem(slug);
    if (slugIssue) {
      article.problems.push({
        file,
        line: 1,
        severity: 'error',
        rule: 'file/slug',
        message: slugIssue,
        fix: 'rename the file to lowercase ASCII words joined by hyphens, e.g. "rope-extension.md"',
      });
    }
    const owner = bySlug.get(slug);
    if (owner && article.publishable) {
      article.publishable = false;
      article.problems.push({
        file,
        line: 1,
        severity: 'error',
        rule: 'file/duplicate-slug',
        message: `duplicate slug "${slug}": ${path.relative(process.cwd(), owner.file)} has the same file name, and both would be published at /articles/${slug}/`,
        fix: 'rename one of the files (the URL comes from the file name, not the folder)',
      });
    } else if (article.publishable) bySlug.set(slug, article);
    articles.push(article);
  }
  const translations = linkTranslations(
    [...bySlug.values()].map((article) => ({ slug: article.slug, file: article.file, ...article.data })),
  );
  for (const problem of translations.problems)
    articles.find((article) => article.file === problem.file)?.problems.push(problem);
  return {
    contentDir,
    articlesDir,
    articles,
    bySlug,
    byFile: new Map(articles.map((article) => [article.file, article])),
    problems: articles.flatMap((article) => article.problems),
    translations: translations.versions,
  };
}

// Taken again at most every two seconds, so `astro dev` notices new and edited files
// without a rescan per page.
const FRESH_MS = 2000;
let current: { at: number; inventory: Inventory } | undefined;

/** The inventory of the configured content folder. */
export function inventory(): Inventory {
  if (!current || Date.now() - current.at > FRESH_MS)
    current = { at: Date.now(), inventory: takeInventory(settings.contentDir) };
  return current.inventory;
}

/** Slugs of the articles that exist (published or draft): what links may point at. */
export function articleSlugs(): Set<string> {
  return new Set(inventory().bySlug.keys());
}

/** An article's title, for the text of `[[slug]]` links; undefined for no such article. */
export function articleTitle(slug: string): string | undefined {
  return inventory().bySlug.get(slug)?.data.title;
}

/** URLs (below the base path) of the articles that ask not to be indexed (`noindex: true`). */
export function noindexUrls(): Set<string> {
  return new Set(
    [...inventory().bySlug.values()].filter((article) => article.data.noindex).map((article) => article.url),
  );
}
