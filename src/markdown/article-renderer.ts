/**
 * Articles are rendered here, through the pipeline of src/markdown/pipeline.ts, into a
 * persistent content-addressed cache on disk: the HTML, the problems found, and the facts
 * the rest of the site needs (src/markdown/article-facts.ts), the facts in a small file of
 * their own so that listings and backlinks never load the HTML.
 *
 * Why not Astro's content layer: it keeps every rendered article (KaTeX and Shiki make them
 * ~150 KB each) inside its data store, which it then serializes and compiles as one
 * JavaScript module on every build: at 1,000 articles that alone costs minutes and
 * gigabytes. Here the collection stores only frontmatter, and each article's HTML lives in
 * its own cache file, keyed by everything the output depends on:
 * - the Markdown body and its file path (problems name the file);
 * - the pipeline: the source of src/markdown/, the settings that change output, the
 *   taxonomy's macros, the lockfile (library versions);
 * - what the render looked up elsewhere, recorded while rendering: the articles it links to
 *   (whether they exist and their titles) and the files it published (their content). An
 *   entry whose lookups no longer hold is rendered again.
 *
 * MDX articles are compiled by Astro into components; here they are only analysed (the
 * same plugins, for their problems and facts, and the MDX syntax and imports), so an MDX
 * file that cannot compile is reported with its line and kept out of Astro's build.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rehypeShiki } from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Problem } from '../lib/problems.ts';
import { loadTaxonomy } from '../lib/taxonomy.ts';
import { outputSettings, settings } from '../settings.ts';
import { articleTitle, inventory, resolveNote, titleOfFile } from '../sources/inventory.ts';
import { absoluteUrl, articleUrl } from '../lib/url.ts';
import { slugFromPath } from '../lib/slugs.ts';
import type { ArticleFacts } from './article-facts.ts';
import type { LabelFact } from './labels.ts';
import type { OtherArticle } from './remark-article-refs.ts';
import rehypeFeedCopy from './rehype-feed-copy.ts';
import {
  authorHtmlPlugin,
  rehypePlugins,
  remarkPlugins,
  remarkRehypeOptions,
  shikiConfig,
  unhighlightedLanguages,
} from './pipeline.ts';
import './lookups.ts';
import { displayMathLines, type LineOrigin } from './display-math-lines.ts';
import { report } from './report.ts';

export interface RenderedArticle {
  /** The article's HTML; empty for MDX, which Astro compiles. */
  html: string;
  /** The copy feeds carry (src/markdown/rehype-feed-copy.ts), for MDX too. */
  feedHtml: string;
  facts: ArticleFacts;
  problems: Problem[];
  /**
   * Names this render exactly: its cache key and what its lookups found. Equal digests
   * mean equal HTML, so a page built from it can be reused (src/data/page-keys.ts).
   */
  digest: string;
}

/** What a render looked up outside its own file, and what it found then. */
interface Lookups {
  /** slug → the title it had, or null for no such article. */
  articles: Record<string, string | null>;
  /** article file → its title then. */
  titles: Record<string, string | null>;
  /** name in a [[wikilink]] → the slug it named then, or null. */
  notes?: Record<string, string | null>;
  /** path → sha-256 of the file, or null when it did not exist. */
  files: Record<string, string | null>;
  /** slug → a hash of that article's title and numbered labels, or null for no such article. */
  labels?: Record<string, string | null>;
}

/** The small half of a cache entry: all but the HTML. */
interface CachedFacts {
  facts: ArticleFacts;
  problems: Problem[];
  lookups: Lookups;
}

let pipelineVersion: string | undefined;

/** A hash of everything that shapes the output of every article. */
function pipeline(): string {
  if (pipelineVersion) return pipelineVersion;
  const hash = crypto.createHash('sha256');
  const sources = [
    'src/markdown',
    'src/lib',
    'src/sources',
    'src/settings.ts',
    'src/config.ts',
    'src/i18n',
    'package-lock.json',
  ];
  const add = (target: string) => {
    const full = path.join(settings.root, target);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) for (const name of fs.readdirSync(full).sort()) add(path.join(target, name));
    else hash.update(target).update(fs.readFileSync(full));
  };
  for (const source of sources) add(source);
  hash.update(JSON.stringify(loadTaxonomy().macros));
  for (const line of outputSettings(settings)) hash.update(line);
  pipelineVersion = hash.digest('hex');
  return pipelineVersion;
}

/**
 * The Markdown of an article file with its frontmatter blanked out line for line, so that
 * positions in problems are the file's own lines.
 */
export function articleSource(filePath: string): string {
  const text = fs
    .readFileSync(filePath, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return text;
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) return text;
  return [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
}

/**
 * What the Markdown parser reads for an article: its source with the frontmatter blanked,
 * and display math put into fences of its own (display-math-lines.ts), with the map back
 * to the file's lines. MDX is compiled by Astro from the file as written.
 */
export function parserInput(filePath: string): { text: string; origins: LineOrigin[] | undefined } {
  const text = articleSource(filePath);
  if (filePath.toLowerCase().endsWith('.mdx')) return { text, origins: undefined };
  const normal = displayMathLines(text);
  return normal ? { text: normal.text, origins: normal.origins } : { text, origins: undefined };
}

const sha = (bytes: Uint8Array | string) => crypto.createHash('sha256').update(bytes).digest('hex');
const fileHash = (file: string) =>
  fs.existsSync(file) && fs.statSync(file).isFile() ? sha(fs.readFileSync(file)) : null;

const labelsHash = (article: OtherArticle | undefined) => (article ? sha(JSON.stringify(article)) : null);

async function resolveLookups(file: VFile): Promise<Lookups> {
  const lookedUp = file.data.lookedUp ?? {
    articles: new Set<string>(),
    titles: new Set<string>(),
    notes: new Set<string>(),
    files: new Set<string>(),
    labels: new Set<string>(),
  };
  const labels: Record<string, string | null> = {};
  for (const slug of [...lookedUp.labels].sort()) labels[slug] = labelsHash(await articleLabels(slug));
  return {
    notes: Object.fromEntries(
      [...lookedUp.notes].sort().map((name) => [name, resolveNote(name, file.path)?.slug ?? null]),
    ),
    articles: Object.fromEntries([...lookedUp.articles].sort().map((slug) => [slug, articleTitle(slug) ?? null])),
    titles: Object.fromEntries([...lookedUp.titles].sort().map((name) => [name, titleOfFile(name) ?? null])),
    files: Object.fromEntries([...lookedUp.files].sort().map((name) => [name, fileHash(name)])),
    ...(lookedUp.labels.size ? { labels } : {}),
  };
}

async function lookupsHold(lookups: Lookups, filePath: string): Promise<boolean> {
  if (
    !Object.entries(lookups.notes ?? {}).every(
      ([name, slug]) => (resolveNote(name, filePath)?.slug ?? null) === slug,
    ) ||
    !Object.entries(lookups.articles).every(([slug, title]) => (articleTitle(slug) ?? null) === title) ||
    !Object.entries(lookups.titles ?? {}).every(([name, title]) => (titleOfFile(name) ?? null) === title) ||
    !Object.entries(lookups.files).every(([name, hash]) => fileHash(name) === hash)
  )
    return false;
  for (const [slug, hash] of Object.entries(lookups.labels ?? {}))
    if (labelsHash(await articleLabels(slug)) !== hash) return false;
  return true;
}

/** The article's URL below the site (its path, base included, without the origin). */
function pagePath(filePath: string): string {
  const url = inventory().byFile.get(filePath)?.url ?? articleUrl(slugFromPath(path.basename(filePath)));
  return url.slice(settings.base.length - 1);
}

let markdownProcessor: Processor | undefined;
let mdxProcessor: Processor | undefined;

function chain(mdx: boolean, authorHtml = true): Processor {
  const processor = unified().use(remarkParse).use(remarkGfm);
  if (mdx) processor.use(remarkMdx);
  for (const plugin of remarkPlugins)
    Array.isArray(plugin) ? processor.use(plugin[0] as never, plugin[1]) : processor.use(plugin as never);
  processor.use(remarkRehype, {
    allowDangerousHtml: true,
    ...remarkRehypeOptions,
    ...(mdx
      ? {
          passThrough: ['mdxjsEsm', 'mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression'],
        }
      : {}),
  });
  // Astro highlights MDX code itself; an analysis needs only the structure.
  if (!mdx && authorHtml) processor.use(authorHtmlPlugin[0], authorHtmlPlugin[1]);
  if (!mdx) processor.use(rehypeShiki as never, shikiConfig, unhighlightedLanguages);
  for (const plugin of rehypePlugins)
    Array.isArray(plugin) ? processor.use(plugin[0] as never, plugin[1]) : processor.use(plugin as never);
  processor.use(rehypeFeedCopy, { pageUrl: (file: VFile) => absoluteUrl(pagePath(file.path)) });
  if (!mdx) processor.use(rehypeStringify, { allowDangerousHtml: true });
  return processor as unknown as Processor;
}

/**
 * The article pipeline for Markdown: Astro's own steps (GFM, Shiki through Astro's
 * highlighter) around ours, minus what pages do not need here: Astro's image and heading
 * passes (our plugins handle both) and rehype-raw, which re-parsed every page only to print
 * it again; raw HTML (KaTeX's, an author's) is written out as it is.
 */
export function createArticleProcessor(): Processor {
  markdownProcessor ??= chain(false);
  return markdownProcessor;
}

/** The same pipeline without the author-HTML allow-list: only for measuring what it costs (npm run bench:sanitize). */
export const createUnsanitizedProcessorForBench = (): Processor => chain(false, false);

/** Imports an MDX file makes, as written, with the line of each. */
function mdxImports(tree: Root): { source: string; line: number | undefined }[] {
  const found: { source: string; line: number | undefined }[] = [];
  for (const node of tree.children) {
    if (node.type !== 'mdxjsEsm') continue;
    for (const statement of node.data?.estree?.body ?? []) {
      if (statement.type === 'ImportDeclaration' && typeof statement.source.value === 'string') {
        // remark-mdx gives ESM nodes positions in the whole document.
        found.push({ source: statement.source.value, line: statement.loc?.start.line ?? node.position?.start.line });
      }
    }
  }
  return found;
}

/** Parses, checks and analyses an MDX file without compiling it to JavaScript. */
async function analyseMdx(file: VFile): Promise<void> {
  mdxProcessor ??= chain(true);
  let tree: Root;
  try {
    tree = mdxProcessor.parse(file) as Root;
  } catch (error) {
    const place = (error as { place?: { line: number; column: number } | { start: { line: number; column: number } } })
      .place;
    // micromark's MDX errors carry the position only in their text: "… (9:1-9:23)".
    const text = String((error as { reason?: string }).reason ?? (error as Error).message);
    const written = /\s*\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(text);
    const start = place
      ? 'start' in place
        ? place.start
        : place
      : written
        ? { line: Number(written[1]), column: Number(written[2]) }
        : undefined;
    const reason = text.replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)$/, '').replace(/`/g, '');
    report(file, start ? { position: { start } } : undefined, {
      rule: 'mdx/syntax',
      message: `MDX syntax error: ${reason}`,
      fix: 'close every JSX tag (<div>…</div> or <br />), and write a literal < or { in prose as \\< or \\{',
    });
    return;
  }
  for (const { source, line } of mdxImports(tree)) {
    if (!source.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file.path), source);
    if (fs.existsSync(target)) continue;
    report(
      file,
      { position: { start: { line: line ?? 1, column: 1 } } },
      {
        rule: 'mdx/missing-import',
        message: `import "${source}" does not exist`,
        fix: 'paths are relative to the article file: fix the path, add the component, or remove the import and its use',
      },
    );
  }
  await mdxProcessor.run(tree, file);
}

/** Problems that keep an MDX file out of Astro's build: it would not compile. */
export const FATAL_MDX_RULES = new Set(['mdx/syntax', 'mdx/missing-import']);

function cachePaths(key: string) {
  const dir = path.join(settings.renderCacheDir, key.slice(0, 2));
  return {
    dir,
    html: path.join(dir, `${key}.json`),
    facts: path.join(dir, `${key}.facts.json`),
    feed: path.join(dir, `${key}.feed.json`),
    /** The rendered HTML of the article's numbered blocks, for other articles' previews. */
    blocks: path.join(dir, `${key}.blocks.json`),
    /** The labels alone, from a pass that only numbers (when the full render is not cached). */
    labels: path.join(dir, `${key}.labels.json`),
  };
}

/** Write then rename: a build killed mid-write never leaves a truncated cache entry. */
function writeAtomically(file: string, text: string): void {
  fs.writeFileSync(`${file}.${process.pid}.tmp`, text);
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

const keyOf = (filePath: string, body: string) => sha(`${pipeline()}\0${filePath}\0${body}`);
const digestOf = (key: string, lookups: Lookups) => sha(`${key}\0${JSON.stringify(lookups)}`);

/** The cache entry of an article as it is now, if there is a current one, and its key. */
async function cached(
  filePath: string,
): Promise<{ key: string; paths: ReturnType<typeof cachePaths>; entry: CachedFacts | undefined }> {
  const key = keyOf(filePath, articleSource(filePath));
  const paths = cachePaths(key);
  const entry = readJson<CachedFacts>(paths.facts);
  return { key, paths, entry: entry && (await lookupsHold(entry.lookups, filePath)) ? entry : undefined };
}

const labelsProcessors: { md?: Processor; mdx?: Processor } = {};

/**
 * The title and numbered labels of another article, for references into it. Labels depend
 * on the article's own text only, so its cached facts are used whatever else they looked up;
 * without them, a pass of the Markdown plugins alone numbers it (no HTML, no other
 * articles: that pass skips cross-article references, so two articles referring to each
 * other never wait on each other).
 */
export async function articleLabels(slug: string): Promise<OtherArticle | undefined> {
  const source = inventory().bySlug.get(slug);
  if (!source) return undefined;
  const paths = cachePaths(keyOf(source.file, articleSource(source.file)));
  const title = source.data.title;
  const facts = readJson<CachedFacts>(paths.facts);
  if (facts) return { title, labels: facts.facts.labels ?? [] };
  const labels = readJson<LabelFact[]>(paths.labels);
  if (labels) return { title, labels };
  const mdx = source.format === 'mdx';
  const processor = (labelsProcessors[mdx ? 'mdx' : 'md'] ??= remarkOnly(mdx));
  // The same text the full render parses (display-math fences normalised), so numbers agree.
  const file = new VFile({ value: parserInput(source.file).text, path: source.file });
  file.data.labelsOnly = true;
  try {
    await processor.run(processor.parse(file), file);
  } catch {
    // An article that cannot be parsed has no labels; its own render reports why.
  }
  const found = [...new Set(file.data.labels?.values() ?? [])];
  fs.mkdirSync(paths.dir, { recursive: true });
  writeAtomically(paths.labels, JSON.stringify(found));
  return { title, labels: found };
}

/** The rendered HTML of an article's numbered blocks, by id (empty when it has none). */
export function articleBlocks(filePath: string): Record<string, string> {
  const paths = cachePaths(keyOf(path.resolve(filePath), articleSource(path.resolve(filePath))));
  return readJson<Record<string, string>>(paths.blocks) ?? {};
}

function remarkOnly(mdx: boolean): Processor {
  const processor = unified().use(remarkParse).use(remarkGfm);
  if (mdx) processor.use(remarkMdx);
  for (const plugin of remarkPlugins)
    Array.isArray(plugin) ? processor.use(plugin[0] as never, plugin[1]) : processor.use(plugin as never);
  return processor as unknown as Processor;
}

/** Renders (or reads from the cache) the article at `filePath`: HTML, facts and problems. */
export async function renderArticle(relativeOrAbsolutePath: string): Promise<RenderedArticle> {
  const filePath = path.resolve(relativeOrAbsolutePath);
  const { key, paths, entry } = await cached(filePath);
  const html = entry ? readJson<{ html: string }>(paths.html)?.html : undefined;
  const feed = entry ? readJson<{ html: string }>(paths.feed)?.html : undefined;
  if (entry && html !== undefined && feed !== undefined)
    return { html, feedHtml: feed, facts: entry.facts, problems: entry.problems, digest: digestOf(key, entry.lookups) };

  const input = parserInput(filePath);
  const file = new VFile({ value: input.text, path: filePath });
  if (input.origins) file.data.lineOrigins = input.origins;
  let rendered = '';
  if (filePath.toLowerCase().endsWith('.mdx')) await analyseMdx(file);
  else rendered = String(await createArticleProcessor().process(file));
  const result: CachedFacts = {
    facts: file.data.facts ?? emptyFacts(),
    problems: file.data.problems ?? [],
    lookups: await resolveLookups(file),
  };
  fs.mkdirSync(paths.dir, { recursive: true });
  const feedHtml = file.data.feedHtml ?? '';
  if (file.data.labelBlocks) writeAtomically(paths.blocks, JSON.stringify(file.data.labelBlocks));
  writeAtomically(paths.html, JSON.stringify({ html: rendered }));
  writeAtomically(paths.feed, JSON.stringify({ html: feedHtml }));
  writeAtomically(paths.facts, JSON.stringify(result));
  return {
    html: rendered,
    feedHtml,
    facts: result.facts,
    problems: result.problems,
    digest: digestOf(key, result.lookups),
  };
}

/** The copy of an article that feeds carry, without loading the page's HTML when cached. */
export async function articleFeedHtml(filePath: string): Promise<string> {
  const { paths, entry } = await cached(path.resolve(filePath));
  const feed = entry ? readJson<{ html: string }>(paths.feed)?.html : undefined;
  return feed ?? (await renderArticle(filePath)).feedHtml;
}

/** The facts and problems of an article, without loading its HTML when the cache is current. */
export async function articleFacts(filePath: string): Promise<Omit<RenderedArticle, 'html' | 'feedHtml'>> {
  const { key, entry } = await cached(path.resolve(filePath));
  if (entry) return { facts: entry.facts, problems: entry.problems, digest: digestOf(key, entry.lookups) };
  const { facts, problems, digest } = await renderArticle(filePath);
  return { facts, problems, digest };
}

/** What an article that could not be analysed at all (an MDX syntax error) is known by. */
function emptyFacts(): ArticleFacts {
  return {
    excerpt: [],
    readingMinutes: 1,
    prose: { cjk: 0, words: 0 },
    headings: [],
    articleLinks: [],
    siteLinks: [],
    formulas: { inline: 0, display: 0 },
    codeBlocks: 0,
    runnable: [],
    hasMath: false,
    remote: { images: [], frames: [] },
    labels: [],
    citations: [],
  };
}
