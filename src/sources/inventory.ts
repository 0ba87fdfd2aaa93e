/**
 * The one article inventory: the content folder walked once, every article file read and
 * checked once. The content loader, the source check of `npm run build`, the pre-render
 * pool, the Markdown pipeline (which articles exist, their titles), the link check's map
 * from pages back to files, `npm run new` and `npm run library` all take their list from
 * here, so one rule decides what is an article and one message reports a duplicate slug.
 *
 * The rule: a `.md` or `.mdx` file below `articles/` (or below the content folder itself,
 * when it has no `articles/`) none of whose path segments starts with `_` or `.`
 * (`_drafts/`, `.obsidian/`, `_index.md` are not published).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../lib/problems.ts';
import { slugFromPath, slugify, slugProblem } from '../lib/slugs.ts';
import { loadTaxonomy } from '../lib/taxonomy.ts';
import type { ArticleData } from '../lib/article-schema.ts';
import { articleUrl } from '../lib/url.ts';
import { linkTranslations, type Lang } from '../lib/translations.ts';
import { settings } from '../settings.ts';
import { readArticle, type FileProblem } from './frontmatter.ts';
import { gitDates } from './git-history.ts';

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

/** Whether a build publishes the article: a file that can be published and is not a draft. */
export const isPublished = (article: ArticleSource): boolean => article.publishable && !article.data.draft;

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

/** Folders that hold tools' files, never articles. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * The article files below the folder. A symbolic link is followed only when it stays
 * inside the content folder: one that leads out of it would publish files the author
 * never meant to (a home folder, /etc), so it is reported instead. A link to something
 * the walk reaches anyway (inside the articles folder) is skipped, so nothing is
 * published twice; a link into the rest of the content folder is followed.
 */
function articleFiles(articlesDir: string, contentDir: string, problems: Problem[]): string[] {
  if (!fs.existsSync(articlesDir)) return [];
  const root = fs.realpathSync(contentDir);
  const articlesRoot = fs.realpathSync(articlesDir);
  const inside = (target: string, folder: string) => {
    const relative = path.relative(folder, target);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const walked = new Set<string>();
  const found: string[] = [];
  const walk = (dir: string) => {
    // A folder reached twice through links (or a link loop) is walked once.
    const real = fs.realpathSync(dir);
    if (walked.has(real)) return;
    walked.add(real);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = fs.existsSync(full) ? fs.realpathSync(full) : undefined;
        if (!target || !inside(target, root)) {
          problems.push({
            file: full,
            severity: 'error',
            rule: 'file/outside-content',
            message: target
              ? `${entry.name} is a link to ${target}, outside the content folder; it is not published`
              : `${entry.name} is a link to a file that does not exist; it is not published`,
            fix: 'copy the file into the content folder, or remove the link',
          });
          continue;
        }
        if (inside(target, articlesRoot)) continue;
        isDirectory = fs.statSync(target).isDirectory();
        isFile = !isDirectory;
      }
      if (isDirectory) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (isFile && isArticlePath(entry.name))
        found.push(path.relative(articlesDir, full).split(path.sep).join('/'));
    }
  };
  walk(articlesDir);
  return found.sort();
}

/** Top-level names the site itself publishes (its routes, public/ and the build's folders). */
function siteOwnedNames(): Set<string> {
  const names = new Set([
    '_astro',
    'katex',
    'pagefind',
    'sitemap-index.xml',
    'sitemap-0.xml',
    '404.html',
    'index.html',
  ]);
  for (const folder of ['src/pages', 'public']) {
    const dir = path.join(settings.root, folder);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith('[')) continue;
      names.add(entry.replace(/\.(astro|ts)$/, ''));
    }
  }
  // Old addresses below /articles/ are common (a blog that used the same folder); only an
  // article's own URL there is taken.
  names.delete('articles');
  return names;
}

/**
 * Why an old address cannot get a redirect page, if it cannot: it must be a plain path
 * (no `..`, no query), and must not be a page the site writes itself, or the redirect page
 * would replace it (`/`, `/tags/`, another article).
 */
export function redirectProblem(oldPath: string, taken: Set<string>, siteNames: Set<string>): string | undefined {
  const segments = oldPath.split('/').filter(Boolean);
  if (segments.length === 0) return 'it is the home page of the site';
  if (segments.some((segment) => segment === '.' || segment === '..' || /[\\?#%\u0000-\u001f]/.test(segment)))
    return 'it is not a plain path (., .., \\, ?, #, % and control characters are not allowed)';
  if (siteNames.has(segments[0]!)) return `the site itself publishes /${segments[0]}`;
  const normal = `/${segments.join('/').replace(/\/index\.html?$|\.html?$/i, '')}/`;
  if (taken.has(normal)) return `another page is published at ${normal}`;
  return undefined;
}

/** Old addresses that would leave the output folder or replace a page are dropped, with a warning. */
function checkRedirects(articles: ArticleSource[]): void {
  const taken = new Set(
    articles.filter((article) => article.publishable).map((article) => `/articles/${article.slug}/`),
  );
  const siteNames = siteOwnedNames();
  for (const article of articles) {
    article.data.redirects = article.data.redirects.filter((oldPath) => {
      const reason = redirectProblem(oldPath, taken, siteNames);
      if (!reason) {
        taken.add(
          `/${oldPath
            .split('/')
            .filter(Boolean)
            .join('/')
            .replace(/\/index\.html?$|\.html?$/i, '')}/`,
        );
        return true;
      }
      article.problems.push({
        file: article.file,
        line: lineOf(article.file, oldPath),
        severity: 'warning',
        rule: 'frontmatter/redirect',
        message: `no redirect page for the old address ${oldPath}: ${reason}`,
        fix: 'remove it from aliases / redirect_from / permalink, or write the old path as it was (e.g. /posts/2019/rope/)',
      });
      return false;
    });
  }
}

/** The first line of a file that mentions a text (for problems about frontmatter values). */
function lineOf(file: string, text: string): number | undefined {
  const index = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  return index >= 0 ? index + 1 : undefined;
}

const withFile =
  (file: string) =>
  (problem: FileProblem): Problem => ({ ...problem, file });

/**
 * Where the articles are: `articles/` in the content folder, or, when there is none, the
 * content folder itself (an Obsidian vault, an MkDocs `docs/` root, a docsify site).
 */
export function articlesFolder(contentDir: string): string {
  const nested = path.join(contentDir, 'articles');
  return fs.existsSync(nested) && fs.statSync(nested).isDirectory() ? nested : contentDir;
}

const live = (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true;

/**
 * Under `astro dev` the inventory is taken again every two seconds; a file whose bytes, time
 * and allowed categories are what they were is not parsed again (at 1,000 articles, parsing
 * every file's frontmatter took about 0.35 s of each save's way to the browser).
 */
const readsUnderDev = new Map<
  string,
  { bytes: Buffer; mtimeMs: number; categoriesKey: string; read: ReturnType<typeof readArticle> }
>();

/** Walks and reads the content folder. `now` decides what counts as a future date. */
export function takeInventory(
  contentDir: string,
  now: Date = new Date(),
  options: { mdx: boolean } = { mdx: settings.mdx },
): Inventory {
  const articlesDir = articlesFolder(contentDir);
  const taxonomy = loadTaxonomy(contentDir);
  // A taxonomy that names categories catches typos in them; without one, any category goes.
  const categories = taxonomy.definesCategories ? [...taxonomy.categories.keys()] : undefined;
  const git = gitDates(articlesDir);
  const articles: ArticleSource[] = [];
  const bySlug = new Map<string, ArticleSource>();
  const folderProblems: Problem[] = [];
  for (const relativePath of articleFiles(articlesDir, contentDir, folderProblems)) {
    const file = path.join(articlesDir, relativePath);
    const stat = fs.statSync(file);
    const bytes = fs.readFileSync(file);
    const categoriesKey = categories?.join('\n') ?? '';
    const known = live ? readsUnderDev.get(file) : undefined;
    const read =
      known && known.mtimeMs === stat.mtimeMs && known.categoriesKey === categoriesKey && known.bytes.equals(bytes)
        ? known.read
        : readArticle(bytes, {
            categories,
            fallbackTitle: path.basename(relativePath).replace(/\.mdx?$/i, ''),
            // Asked of git only for an article without a date of its own.
            get created() {
              return git.created(file);
            },
            modified: stat.mtime,
            now,
          });
    if (live) readsUnderDev.set(file, { bytes, mtimeMs: stat.mtimeMs, categoriesKey, read });
    const slug = read.slug !== undefined ? slugify(read.slug) : slugFromPath(relativePath);
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
    if (article.format === 'mdx' && !options.mdx) {
      article.publishable = false;
      article.problems.push({
        file,
        line: 1,
        severity: 'error',
        rule: 'file/mdx-off',
        message: 'MDX articles run code at build time, and this site builds with KB_MDX=off; it is not published',
        fix: 'rename it to .md if it uses no components, or build with MDX on for content you trust',
      });
    }
    const slugIssue = slugProblem(slug);
    if (slugIssue) {
      article.publishable = false;
      article.problems.push({
        file,
        line: 1,
        severity: 'error',
        rule: 'file/slug',
        message: slugIssue,
        fix: 'rename the file, or give it a  slug:  in its frontmatter',
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
        message: `duplicate slug "${slug}": ${path.relative(process.cwd(), owner.file)} has the same name, and both would be published at /articles/${slug}/`,
        fix: 'rename one of the files, or give one of them its own  slug:  in the frontmatter (the URL comes from the file name, not the folder)',
      });
    } else if (article.publishable) bySlug.set(slug, article);
    articles.push(article);
  }
  checkRedirects(articles);
  const translations = linkTranslations(
    [...bySlug.values()].map((article) => ({ slug: article.slug, file: article.file, ...article.data })),
  );
  for (const problem of translations.problems)
    articles.find((article) => article.file === problem.file)?.problems.push(problem);
  const problems = [...folderProblems, ...articles.flatMap((article) => article.problems)];
  if (articles.length === 0) {
    problems.push({
      file: articlesDir,
      severity: 'error',
      rule: 'content/empty',
      message: `no articles: ${path.relative(process.cwd(), articlesDir) || articlesDir} has no .md or .mdx files (folders and files starting with _ or . do not count)`,
      fix: 'point KB_CONTENT_DIR at the folder with your notes, or add an article (npm run new -- my-slug "标题")',
    });
  }
  return {
    contentDir,
    articlesDir,
    articles,
    bySlug,
    byFile: new Map(articles.map((article) => [article.file, article])),
    problems,
    translations: translations.versions,
  };
}

// Under `astro dev` taken again at most every two seconds, so new and edited files are
// noticed without a rescan per page; a build takes it once.
const FRESH_MS = 2000;
let current: { at: number; inventory: Inventory } | undefined;

/** The inventory of the configured content folder. */
export function inventory(): Inventory {
  if (!current || (live && Date.now() - current.at > FRESH_MS)) return freshInventory();
  return current.inventory;
}

/**
 * The inventory taken now, for whoever knows a file just changed (the content loader's
 * watcher): one taken less than two seconds ago may predate the change, and a change missed
 * then would stay missed until the next one.
 */
export function freshInventory(): Inventory {
  current = { at: Date.now(), inventory: takeInventory(settings.contentDir) };
  return current.inventory;
}

/** Slugs of the articles that exist (published or draft): what links may point at. */
export function articleSlugs(): Set<string> {
  return new Set(inventory().bySlug.keys());
}

/** The slug of the (publishable) article in a file, by absolute path. */
export function slugOfFile(file: string): string | undefined {
  const article = inventory().byFile.get(path.resolve(file));
  return article?.publishable ? article.slug : undefined;
}

/** The title of the article in a file (absolute path), as its page shows it. */
export function titleOfFile(file: string): string | undefined {
  return inventory().byFile.get(file)?.data.title;
}

interface NoteIndex {
  /** Articles by lowercased name: slug, file name, path without extension, title, aliases. */
  byName: Map<string, ArticleSource[]>;
}

const noteIndexes = new WeakMap<Inventory, NoteIndex>();

function noteIndex(taken: Inventory): NoteIndex {
  let index = noteIndexes.get(taken);
  if (index) return index;
  const byName = new Map<string, ArticleSource[]>();
  const add = (name: string, article: ArticleSource) => {
    const key = name.trim().toLowerCase();
    if (!key) return;
    const list = byName.get(key) ?? [];
    if (!list.includes(article)) list.push(article);
    byName.set(key, list);
  };
  for (const article of taken.bySlug.values()) {
    const withoutExtension = article.relativePath.replace(/\.mdx?$/i, '');
    add(article.slug, article);
    add(path.posix.basename(withoutExtension), article);
    add(withoutExtension, article);
    add(article.data.title, article);
    for (const alias of article.data.aliases) add(alias, article);
  }
  index = { byName };
  noteIndexes.set(taken, index);
  return index;
}

/**
 * The article a `[[wikilink]]` names, the way Obsidian finds notes: by slug, file name or
 * path (any case, with spaces, without the extension), title or alias. Of several notes
 * with one name, the one nearest the linking file wins.
 */
export function resolveNote(name: string, fromFile: string | undefined): ArticleSource | undefined {
  const candidates = noteIndex(inventory()).byName.get(
    name
      .replace(/\.mdx?$/i, '')
      .trim()
      .toLowerCase(),
  );
  if (!candidates || candidates.length === 0) return undefined;
  if (candidates.length === 1 || !fromFile) return candidates[0];
  const folder = path.dirname(fromFile);
  return [...candidates].sort(
    (a, b) =>
      path.relative(folder, a.file).split(path.sep).length - path.relative(folder, b.file).split(path.sep).length,
  )[0];
}

const attachmentIndexes = new WeakMap<Inventory, Map<string, string[]>>();

/**
 * A file an `![[embed]]` names, found by name anywhere in the articles folder (Obsidian
 * keeps attachments wherever its settings say): the one nearest the embedding file.
 */
export function resolveAttachment(name: string, fromFile: string | undefined): string | undefined {
  const taken = inventory();
  let index = attachmentIndexes.get(taken);
  if (!index) {
    index = new Map();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && !/\.mdx?$/i.test(entry.name)) {
          const key = entry.name.toLowerCase();
          index!.set(key, [...(index!.get(key) ?? []), full]);
        }
      }
    };
    if (fs.existsSync(taken.articlesDir)) walk(taken.articlesDir);
    attachmentIndexes.set(taken, index);
  }
  const wanted = path.posix.basename(name.trim()).toLowerCase();
  const candidates = index.get(wanted) ?? [];
  if (candidates.length <= 1 || !fromFile) return candidates[0];
  const folder = path.dirname(fromFile);
  return [...candidates].sort((a, b) => path.relative(folder, a).length - path.relative(folder, b).length)[0];
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
