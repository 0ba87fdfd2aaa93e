/**
 * Markdown articles are rendered here, at page time, through the same unified pipeline
 * Astro would use, with a persistent content-addressed cache on disk.
 *
 * Why not Astro's content layer: it keeps every rendered article (KaTeX and Shiki make them
 * ~150 KB each) inside its data store, which it then serializes and compiles as one
 * JavaScript module on every build: at 1,000 articles that alone costs minutes and
 * gigabytes. Here the collection stores only frontmatter and body (see
 * `markdownProcessor()`), and each article's HTML lives in its own cache file, keyed by
 * everything the output depends on:
 * - the Markdown body and its file path (error messages name the file);
 * - the pipeline: the source of src/markdown/ and src/config.ts, the taxonomy's macros,
 *   the lockfile (library versions) and the KB_* settings that change output;
 * - for each article it links to, whether it exists and its title (wikilink text).
 * A cold build renders everything once; a rebuild reads the files of unchanged articles.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MarkdownHeading } from 'astro';
import { parseFrontmatter, rehypeShiki, unified, type MarkdownProcessor, type UnifiedResolvedOptions } from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified as unifiedProcessor, type Processor } from 'unified';
import { VFile } from 'vfile';
import { cacheDir } from '../config.ts';
import { articleSlugs, articleTitle } from '../lib/content-files.ts';
import { loadTaxonomy } from '../lib/taxonomy.ts';
import { remarkPlugins, rehypePlugins, remarkRehype as remarkRehypeOptions, shikiConfig } from './pipeline.ts';

export interface RenderedArticle {
  html: string;
  headings: MarkdownHeading[];
  hasMath: boolean;
}

const OUTPUT_SETTINGS = ['KB_BASE', 'KB_LENIENT_MATH', 'KB_UI_LANG', 'KB_SITE_URL'];
const renderDir = path.resolve(cacheDir, 'kb-render');

let pipelineVersion: string | undefined;

/** A hash of everything that shapes the HTML of every article. */
function pipeline(): string {
  if (pipelineVersion) return pipelineVersion;
  const hash = crypto.createHash('sha256');
  const sources = ['src/markdown', 'src/config.ts', 'src/lib/content-files.ts', 'src/lib/slugs.ts', 'src/i18n', 'package-lock.json'];
  const add = (target: string) => {
    if (!fs.existsSync(target)) return;
    if (fs.statSync(target).isDirectory()) for (const name of fs.readdirSync(target).sort()) add(path.join(target, name));
    else hash.update(target).update(fs.readFileSync(target));
  };
  for (const source of sources) add(source);
  hash.update(JSON.stringify(loadTaxonomy().macros));
  for (const key of OUTPUT_SETTINGS) hash.update(`${key}=${process.env[key] ?? ''}`);
  pipelineVersion = hash.digest('hex');
  return pipelineVersion;
}

const LINKED = /\]\(\/articles\/([a-z0-9-]+)|\[\[([a-z0-9-]+)/g;

/**
 * The Markdown of an article file with its frontmatter blanked out line for line, so that
 * line numbers in error messages are the file's own. (The collection's `body` is trimmed,
 * which would shift them.)
 */
export function articleSource(filePath: string): string {
  const contents = fs.readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
  return parseFrontmatter(contents, { frontmatter: 'empty-with-spaces' }).content;
}

function cacheKey(body: string, filePath: string): string {
  const slugs = articleSlugs();
  const targets = [...new Set([...body.matchAll(LINKED)].map((match) => match[1] ?? match[2]!))].sort();
  const links = targets.map((slug) => `${slug}:${slugs.has(slug) ? articleTitle(slug) ?? '' : '-'}`).join('\n');
  return crypto.createHash('sha256').update(pipeline()).update('\0').update(filePath).update('\0').update(body).update('\0').update(links).digest('hex');
}

let processor: Processor | undefined;

/**
 * The article pipeline: Astro's own steps (GFM, Shiki through Astro's highlighter) around
 * ours, minus what pages do not need here: Astro's image and heading passes (our plugins
 * handle both) and rehype-raw, which re-parsed every page only to print it again; raw HTML
 * (KaTeX's, an author's) is written out as it is.
 */
export function createArticleProcessor(): Processor {
  const chain = unifiedProcessor().use(remarkParse).use(remarkGfm);
  for (const plugin of remarkPlugins) Array.isArray(plugin) ? chain.use(plugin[0] as never, plugin[1]) : chain.use(plugin as never);
  chain.use(remarkRehype, { allowDangerousHtml: true, ...remarkRehypeOptions });
  chain.use(rehypeShiki as never, shikiConfig, ['math']);
  for (const plugin of rehypePlugins) Array.isArray(plugin) ? chain.use(plugin[0] as never, plugin[1]) : chain.use(plugin as never);
  chain.use(rehypeStringify, { allowDangerousHtml: true });
  return chain as unknown as Processor;
}

/** Renders (or reads from the cache) the Markdown article at `filePath`. */
export async function renderArticle(relativeOrAbsolutePath: string): Promise<RenderedArticle> {
  const filePath = path.resolve(relativeOrAbsolutePath);
  const body = articleSource(filePath);
  const key = cacheKey(body, filePath);
  const cached = path.join(renderDir, key.slice(0, 2), `${key}.json`);
  try {
    return JSON.parse(fs.readFileSync(cached, 'utf8')) as RenderedArticle;
  } catch {
    // not cached yet
  }
  processor ??= createArticleProcessor();
  const file = new VFile({ value: body, path: filePath, data: { astro: { frontmatter: {} } } });
  const html = String(await processor.process(file));
  const frontmatter = (file.data as { astro: { frontmatter: { outline?: MarkdownHeading[]; hasMath?: boolean } } }).astro.frontmatter;
  const rendered: RenderedArticle = {
    html,
    // Our outline keeps formulas in heading text, where Astro's list would drop them.
    headings: frontmatter.outline ?? [],
    hasMath: Boolean(frontmatter.hasMath),
  };
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  // Write then rename: a build killed mid-write never leaves a truncated cache entry.
  fs.writeFileSync(`${cached}.${process.pid}.tmp`, JSON.stringify(rendered));
  fs.renameSync(`${cached}.${process.pid}.tmp`, cached);
  return rendered;
}

/**
 * Astro's unified processor for MDX and everything else, except that the content layer's
 * Markdown render is a no-op: articles are rendered by `renderArticle` instead.
 */
export function markdownProcessor(): MarkdownProcessor<UnifiedResolvedOptions> {
  const base = unified({ remarkPlugins: remarkPlugins as never, rehypePlugins: rehypePlugins as never, remarkRehype: remarkRehypeOptions, smartypants: false });
  return {
    ...base,
    async createRenderer() {
      return {
        async render(_content: string, options?: { frontmatter?: Record<string, unknown> }) {
          return {
            code: '',
            metadata: { headings: [], localImagePaths: [], remoteImagePaths: [], frontmatter: options?.frontmatter ?? {} },
          };
        },
      };
    },
  } as MarkdownProcessor<UnifiedResolvedOptions>;
}
