/**
 * The only module that reads the environment. Every other file (astro.config.mjs, the
 * build stages, the server, the Markdown renderer, the scaffolds) imports the typed,
 * normalised values from here, so a variable is parsed once and means one thing.
 *
 * An invalid value stops at once with a message naming the variable, the value and a
 * valid example: a typo in KB_BASE must not become a site whose every link is wrong.
 *
 * Written in erasable TypeScript only: the build scripts load it with Node's type
 * stripping, before Vite is involved.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type UiLang = 'zh' | 'en';

/** Giscus comments (GitHub Discussions) under each article; see KB_COMMENTS. */
export interface GiscusSettings {
  /** The GitHub repository whose Discussions hold the comments: `owner/name`. */
  repo: string;
  repoId: string;
  category: string;
  categoryId: string;
  /** Which discussion a page belongs to: its path (`pathname`) or its article slug (`slug`). */
  mapping: 'pathname' | 'slug';
}

/** What `KB_REMOTE_IMAGES` asks for: remote images are allowed with a warning, or an error. */
export type RemotePolicy = 'warn' | 'error';

export type CitationStyle = 'numbered' | 'author-year';

export interface Settings {
  /** The repository: where package.json, src/ and public/ are. */
  root: string;
  /** Deployment base path with a leading and exactly one trailing slash: `/` or `/kb/`. */
  base: string;
  /** Origin for canonical URLs, feeds and the sitemap, without a trailing slash. */
  siteUrl: string;
  /** The content folder (absolute). */
  contentDir: string;
  /** Whether the content folder is the bundled one (it has the default caches). */
  bundledContent: boolean;
  /** Astro's cache and the render cache, one per content folder (absolute). */
  cacheDir: string;
  /** Rendered articles and their facts, content-addressed (inside cacheDir). */
  renderCacheDir: string;
  /** Images and files articles publish, content-addressed, until the build ships them. */
  assetStoreDir: string;
  /** The folder the site ends up in (absolute); `npm run build` stages next to it. */
  outDir: string;
  uiLang: UiLang;
  /** Content errors become warnings and marks on the page (for migrating old notes). */
  lenient: boolean;
  /** Build the Pagefind index. */
  search: boolean;
  /** Pages html-validate checks per build on large sites; 0 means all. */
  validateLimit: number;
  /** Rebuild even when nothing changed since the last build. */
  force: boolean;
  /**
   * Reuse the pages of the last build whose cache key still holds (Astro's incremental
   * build); off renders every page. The output is the same either way.
   */
  incremental: boolean;
  /** Remote images and embeds: allowed with a warning, or an error. */
  remoteImages: RemotePolicy;
  /** Removed author HTML is an error instead of a warning. */
  strictHtml: boolean;
  /** `.mdx` articles are compiled (they run code at build time) or refused. */
  mdx: boolean;
  /** Comments under articles; undefined (the default) for none. */
  comments: GiscusSettings | undefined;
  /** Citations as numbers ([1]) or author and year ((Vaswani et al., 2017)). */
  citationStyle: CitationStyle;
  /** Set by `npm run build` for the Astro process it starts: sources are checked already. */
  sourcesChecked: boolean;
  /** Where the Astro process writes the content problems it found, for the build to read. */
  problemsFile: string | undefined;
  /** The Chromium the browser tests and benchmarks drive. */
  chromiumPath: string;
  /** Skip building the browser tests' sites (reuse the last ones). */
  e2eSkipBuild: boolean;
  /** First port of the browser tests' servers. */
  e2ePort: number;
  /** Port of `npm run preview` / `npm start`. */
  port: number;
  /**
   * The repository the content is published from (GitHub-style URLs, no trailing slash):
   * articles then link "edit this page" and their commits. Undefined: no such links.
   */
  repoUrl: string | undefined;
  /** The branch "edit this page" opens. */
  repoBranch: string;
  /** Entries per feed (the newest). */
  feedSize: number;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

type Env = Record<string, string | undefined>;

const invalid = (variable: string, value: string, rule: string, example: string) =>
  new SettingsError(`${variable}=${JSON.stringify(value)}: ${rule}; for example ${variable}=${example}`);

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw invalid(name, value, 'must be 1 or 0 (true/false, yes/no, on/off)', '1');
}

function integer(env: Env, name: string, fallback: number, example: string): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw invalid(name, value, 'must be a whole number, 0 or more', example);
  return Number(value);
}

function comments(env: Env): GiscusSettings | undefined {
  const kind = text(env, 'KB_COMMENTS');
  if (kind === undefined || /^(0|off|no|false|none)$/i.test(kind)) return undefined;
  if (kind !== 'giscus') throw invalid('KB_COMMENTS', kind, 'the comment system is giscus (or 0 for none)', 'giscus');
  const needed = (name: string, what: string, example: string) => {
    const value = text(env, name);
    if (value === undefined)
      throw new SettingsError(`KB_COMMENTS=giscus needs ${name} (${what}); for example ${name}=${example}`);
    return value;
  };
  const repo = needed('KB_GISCUS_REPO', 'the GitHub repository whose Discussions hold the comments', 'owner/notes');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
    throw invalid('KB_GISCUS_REPO', repo, 'is a GitHub repository as owner/name', 'owner/notes');
  const mapping = text(env, 'KB_GISCUS_MAPPING') ?? 'pathname';
  if (mapping !== 'pathname' && mapping !== 'slug')
    throw invalid('KB_GISCUS_MAPPING', mapping, 'is pathname (the page path) or slug (the article slug)', 'slug');
  return {
    repo,
    repoId: needed('KB_GISCUS_REPO_ID', 'the repository id shown on giscus.app', 'R_kgDOExample'),
    category: needed('KB_GISCUS_CATEGORY', 'the Discussions category', 'Comments'),
    categoryId: needed('KB_GISCUS_CATEGORY_ID', 'the category id shown on giscus.app', 'DIC_kwDOExample'),
    mapping,
  };
}

export function normaliseBase(value: string | undefined): string {
  if (value === undefined) return '/';
  if (!value.startsWith('/')) throw invalid('KB_BASE', value, 'the base path must start with /', '/kb/');
  if (/[?#\s\\]|\/\//.test(value))
    throw invalid('KB_BASE', value, 'the base path is a URL path: no spaces, ?, #, \\ or //', '/kb/');
  return value.replace(/\/?$/, '/');
}

function siteUrl(value: string | undefined): string {
  if (value === undefined) return 'https://ml-kb.example.org';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('KB_SITE_URL', value, 'is not a URL', 'https://notes.example.org');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('KB_SITE_URL', value, 'must be an http(s) origin', 'https://notes.example.org');
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw invalid('KB_SITE_URL', value, `is the origin only; put the path ${url.pathname} in KB_BASE`, url.origin);
  }
  return url.origin;
}

function repoUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const example = 'https://github.com/you/ml-kb';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('KB_REPO_URL', value, 'is not a URL', example);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid('KB_REPO_URL', value, 'must be an http(s) URL of the repository', example);
  if (url.search || url.hash || url.pathname.split('/').filter(Boolean).length < 2)
    throw invalid('KB_REPO_URL', value, 'is the repository page: origin, owner and name only', example);
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`;
}

function repoBranch(value: string | undefined): string {
  if (value === undefined) return 'main';
  if (!/^[\w./-]+$/.test(value) || value.includes('..'))
    throw invalid('KB_REPO_BRANCH', value, 'is a branch name: letters, digits, - _ . /', 'main');
  return value;
}

function feedSize(value: string | undefined): number {
  if (value === undefined) return 20;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw invalid('KB_FEED_SIZE', value, 'is the number of entries per feed, 1 or more', '20');
  return Number(value);
}

/** Reads and checks the settings from an environment; `cwd` is the repository. */
export function readSettings(env: Env, cwd: string): Settings {
  const root = path.resolve(cwd);
  const resolve = (value: string) => path.resolve(root, value);

  const contentValue = text(env, 'KB_CONTENT_DIR');
  const contentDir = resolve(contentValue ?? 'content');
  if (!fs.existsSync(contentDir) || !fs.statSync(contentDir).isDirectory()) {
    throw invalid('KB_CONTENT_DIR', contentValue ?? 'content', `there is no folder ${contentDir}`, '/path/to/notes');
  }
  const bundledContent = contentDir === resolve('content');
  // One cache per content folder: switching KB_CONTENT_DIR must not evict (or reuse)
  // another folder's cached renders.
  const cacheValue = text(env, 'KB_CACHE_DIR');
  const cacheDir = cacheValue
    ? resolve(cacheValue)
    : bundledContent
      ? resolve('node_modules/.astro')
      : resolve(
          `node_modules/.astro/content-${crypto.createHash('sha256').update(contentDir).digest('hex').slice(0, 12)}`,
        );

  const uiLang = text(env, 'KB_UI_LANG') ?? 'zh';
  if (uiLang !== 'zh' && uiLang !== 'en') throw invalid('KB_UI_LANG', uiLang, 'the UI languages are zh and en', 'en');

  const remoteImages = text(env, 'KB_REMOTE_IMAGES') ?? 'warn';
  if (remoteImages !== 'warn' && remoteImages !== 'error') {
    throw invalid('KB_REMOTE_IMAGES', remoteImages, 'is warn (remote images allowed, listed once) or error', 'error');
  }

  const citationStyle = text(env, 'KB_CITATION_STYLE') ?? 'numbered';
  if (citationStyle !== 'numbered' && citationStyle !== 'author-year') {
    throw invalid(
      'KB_CITATION_STYLE',
      citationStyle,
      'is numbered ([1]) or author-year ((Vaswani et al., 2017))',
      'author-year',
    );
  }

  const problemsFile = text(env, 'KB_PROBLEMS_FILE');
  return {
    root,
    base: normaliseBase(text(env, 'KB_BASE')),
    siteUrl: siteUrl(text(env, 'KB_SITE_URL')),
    contentDir,
    bundledContent,
    cacheDir,
    renderCacheDir: path.join(cacheDir, 'kb-render'),
    assetStoreDir: path.join(cacheDir, 'kb-assets'),
    outDir: resolve(text(env, 'KB_OUT_DIR') ?? 'dist'),
    uiLang,
    lenient: flag(env, 'KB_LENIENT', false) || flag(env, 'KB_LENIENT_MATH', false),
    search: flag(env, 'KB_SEARCH', true),
    validateLimit: integer(env, 'KB_VALIDATE_LIMIT', 150, '0'),
    force: flag(env, 'KB_FORCE', false),
    incremental: flag(env, 'KB_INCREMENTAL', true),
    remoteImages,
    strictHtml: flag(env, 'KB_STRICT_HTML', false),
    mdx: text(env, 'KB_MDX') === undefined ? true : flag(env, 'KB_MDX', true),
    comments: comments(env),
    citationStyle,
    sourcesChecked: flag(env, 'KB_SOURCES_CHECKED', false),
    problemsFile: problemsFile ? resolve(problemsFile) : undefined,
    chromiumPath: text(env, 'CHROMIUM_PATH') ?? '/usr/bin/chromium',
    e2eSkipBuild: flag(env, 'KB_E2E_SKIP_BUILD', false),
    e2ePort: integer(env, 'KB_E2E_PORT', 4399, '4399'),
    port: integer(env, 'PORT', 4321, '4321'),
    repoUrl: repoUrl(text(env, 'KB_REPO_URL')),
    repoBranch: repoBranch(text(env, 'KB_REPO_BRANCH')),
    feedSize: feedSize(text(env, 'KB_FEED_SIZE')),
  };
}

/**
 * The settings that change what the build writes, as `name=value` lines: the build's
 * fingerprint and the render cache's key include them, and nothing else of the
 * environment.
 */
export function outputSettings(settings: Settings): string[] {
  const comments = settings.comments ? JSON.stringify(settings.comments) : 'off';
  const { repoUrl, repoBranch, feedSize } = settings;
  const { base, siteUrl, contentDir, uiLang, lenient, search, remoteImages, strictHtml, mdx, citationStyle } = settings;
  return Object.entries({
    base,
    siteUrl,
    contentDir,
    uiLang,
    lenient,
    search,
    remoteImages,
    strictHtml,
    mdx,
    comments,
    repoUrl,
    repoBranch,
    feedSize,
    citationStyle,
  }).map(([name, value]) => `${name}=${String(value)}`);
}

/**
 * The environment for a child process of ours: this one's, with `changes` applied (an
 * undefined value removes a variable). Children read their settings through this module.
 */
export function childEnv(changes: Env = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...changes }))
    if (value !== undefined) env[name] = value;
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete env[name];
  return env;
}

/** The settings of this process. Invalid ones end it at once, with the message alone. */
function settingsOrExit(): Settings {
  try {
    return readSettings(process.env, process.cwd());
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`[kb] ${error.message}`);
    process.exit(2);
  }
}

export const settings: Settings = settingsOrExit();
