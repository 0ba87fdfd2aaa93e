/**
 * The import, the same for every tool: the converter reads the old site and rewrites each
 * page's tool-specific syntax; then, for all of them alike, formulas are made KaTeX's
 * (macros collected, MathJax-only TeX rewritten), every link and image is pointed at the
 * converted page or at a copy of the file, pages get a date (from git, else the file's
 * time), a language, their series and a unique slug, and the content folder is written:
 * `articles/`, `taxonomy.yaml` (macros, series), `references.bib`, `import-report.json`.
 *
 * The source is only ever read. Every write goes through `writeInside`, which refuses a
 * path outside the destination, and the destination may not overlap the source.
 */
import fs from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import YAML from 'yaml';
import { slugFromPath, slugify } from '../../src/lib/slugs.ts';
import { gitDates } from '../../src/sources/git-history.ts';
import { formatFrontmatter, normaliseDate } from './frontmatter.ts';
import { segments } from './markdown-text.ts';
import { adjacentDollars, containMath, formulaPass, refusedFormulas, SITE_MATH, splitDisplayRuns } from './math.ts';
import { emptyLinksAsAnchors, redundantAnchors, separateHtmlBlocks, tidyAuthorHtml } from './author-html.ts';
import { SKIP, visit } from 'unist-util-visit';
import { firstHeading } from '../../src/sources/frontmatter.ts';
import { findReferences, parseMarkdown, replaceReferences, type Reference } from './references.ts';
import { ImportReport, withAddedLines } from './report.ts';
import { destPath, walkFiles, type Converter, type Site, type SitePage, type SourceTool } from './site.ts';
import { jekyll } from './jekyll.ts';
import { hugo } from './hugo.ts';
import { docsify } from './docsify.ts';
import { mkdocs } from './mkdocs.ts';
import { obsidian } from './obsidian.ts';
import { quarto } from './quarto.ts';

export const CONVERTERS: Record<SourceTool, Converter> = { jekyll, hugo, docsify, mkdocs, obsidian, quarto };

export interface ImportOptions {
  from: SourceTool;
  source: string;
  dest: string;
}

export interface ImportResult {
  report: ImportReport;
  site: Site;
  /** Articles written, below `<dest>/articles/`. */
  articles: string[];
  /** Files copied, below `<dest>/articles/`. */
  assets: string[];
}

export class ImportError extends Error {
  override name = 'ImportError';
}

const isInside = (parent: string, child: string) => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * Paths this site serves itself (src/pages): an old address there would put a redirect
 * page over the home page or a listing, so it is not kept.
 */
const SITE_ROUTES =
  /^\/(index\.html?|404\.html|rss\.xml|robots\.txt|(articles|archive|categories|tags|series|search|papers|graph|page|previews|_kb|pagefind)(\/.*)?)?$/i;

/** An address that is not a file of the site: another origin, a scheme, an in-page anchor. */
const isExternal = (url: string) => /^[a-z][a-z0-9+.-]*:|^\/\/|^#|^\s*$/i.test(url);

/** A relative path as a URL path: segments kept readable, only what Markdown or URLs need escaped. */
function urlPath(relative: string): string {
  return relative
    .split('/')
    .map((segment) => segment.replace(/%/g, '%25').replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29'))
    .join('/');
}

function safeDecode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/**
 * Whether the page has a paragraph of prose at its top level: the site's excerpt, and so
 * the page's description, is made from those (not from lists, quotes, callouts, tables or
 * formulas), and a page without one needs a `description:`.
 */
function hasLeadProse(body: string): boolean {
  const { tree } = parseMarkdown(body);
  return tree.children.some((node) => {
    if (node.type !== 'paragraph') return false;
    let text = '';
    visit(node, (child) => {
      if (child.type === 'text') text += (child as { value: string }).value;
      return child.type === 'inlineMath' || child.type === 'html' ? SKIP : undefined;
    });
    // An Obsidian embed or a lone block id is not prose either.
    return text.replace(/!\[\[[^\]]*\]\]|\^[\w-]+/g, '').trim() !== '';
  });
}

/** Whether `anchor` is the id of the heading the site makes the page's title (and hides). */
function isTitleAnchor(page: SitePage, anchor: string): boolean {
  const heading = firstHeading(page.body);
  if (!heading) return false;
  // Only a heading that opens the page is taken as its title.
  if (
    page.body
      .split('\n')
      .slice(0, heading.line - 1)
      .some((line) => line.trim() !== '' && !line.trim().startsWith('<'))
  )
    return false;
  const title = page.fields.title === undefined ? heading.text : String(page.fields.title);
  if (title !== heading.text) return false;
  let decoded = anchor;
  try {
    decoded = decodeURIComponent(anchor);
  } catch {
    // As written.
  }
  const explicit = /\{#([^}\s]+)\}\s*$/.exec(page.body.split('\n')[heading.line - 1] ?? '')?.[1];
  return (
    decoded === (explicit ?? new GithubSlugger().slug(heading.text)) ||
    decoded.toLowerCase() === heading.text.toLowerCase()
  );
}

/** Han characters against Latin words: a page is English when it has (almost) no Chinese. */
function languageOf(body: string): 'zh' | 'en' {
  let prose = '';
  for (const segment of segments(body, SITE_MATH))
    if (segment.kind === 'prose') prose += body.slice(segment.start, segment.end);
  const han = (prose.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (prose.match(/[A-Za-z]{2,}/g) ?? []).length;
  return han >= Math.max(20, words * 0.1) ? 'zh' : 'en';
}

export function importNotes(options: ImportOptions): ImportResult {
  const source = path.resolve(options.source);
  const dest = path.resolve(options.dest);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory())
    throw new ImportError(`${options.source} is not a folder`);
  if (isInside(source, dest) || isInside(dest, source))
    throw new ImportError(
      `the destination ${options.dest} may not be inside the source or contain it (the source is never written to)`,
    );
  if (fs.existsSync(dest) && fs.readdirSync(dest).length > 0)
    throw new ImportError(`${options.dest} is not empty; import into a new folder`);
  const converter = CONVERTERS[options.from];
  const report = new ImportReport();
  const site = converter.read(source, report);
  const articlesDir = path.join(dest, 'articles');
  const writeInside = (relative: string, content: string | Buffer) => {
    const target = path.resolve(dest, relative);
    if (!isInside(dest, target) || isInside(source, target)) throw new ImportError(`refusing to write ${target}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  };

  for (const page of site.pages) {
    converter.convert(page, site);
    // Formulas first (a `$$` left open by its container swallows everything after it),
    // then the passes that add lines, whose later notes are mapped back to the source.
    page.body = containMath(page.body, page.notes);
    page.body = adjacentDollars(page.body, page.notes);
    for (const pass of [
      (body: string) => separateHtmlBlocks(body, page.notes, converter.markdownInHtml === true),
      (body: string) => splitDisplayRuns(body, page.notes),
    ]) {
      const result = pass(page.body);
      page.body = result.body;
      page.notes = withAddedLines(page.notes, result.addedAfter);
    }
    page.body = tidyAuthorHtml(page.body, page.notes);
    page.body = redundantAnchors(page.body, page.notes);
    page.body = emptyLinksAsAnchors(page.body, page.notes);
  }

  // Formulas: macros defined in them join the site's; MathJax-only TeX rewritten for KaTeX.
  // A package's macros (physics) come along only where some page uses them.
  const used = (name: string) =>
    site.pages.some((page) => new RegExp(`${name.replace(/\\/g, '\\\\')}(?![A-Za-z])`).test(page.body));
  const optional = Object.fromEntries(
    Object.entries(site.optionalMacros ?? {}).filter(([name]) => site.macros[name] === undefined && used(name)),
  );
  const macros = { ...optional, ...site.macros };
  for (const page of site.pages) {
    const pass = formulaPass(page.body, macros, page.notes, site.mathjax);
    page.body = pass.body;
    for (const [name, body] of Object.entries(pass.macros)) {
      if (macros[name] !== undefined && macros[name] !== body)
        page.notes.notConverted(undefined, `macro ${name} defined twice`, `kept the first definition, ${macros[name]}`);
      else macros[name] = body;
    }
  }

  // Links and images: to the converted page, or to the copied file.
  const pageBySource = new Map(site.pages.map((page) => [path.resolve(page.source), page]));
  const assets = new Map<string, string>();
  const fileIndex = new Map<string, string[]>();
  for (const rel of walkFiles(site.root)) {
    const key = path.posix.basename(rel).toLowerCase();
    fileIndex.set(key, [...(fileIndex.get(key) ?? []), path.join(site.root, rel)]);
  }
  const folderPage = (folder: string) =>
    ['index.md', 'README.md', 'readme.md', 'index.qmd', '_index.md', 'Readme.md']
      .map((name) => pageBySource.get(path.join(folder, name)))
      .find(Boolean);
  const targetOf = (reference: Reference, page: SitePage): string | undefined => {
    if (reference.kind === 'embed') {
      const candidates = fileIndex.get(path.posix.basename(reference.url.trim()).toLowerCase()) ?? [];
      return [...candidates].sort(
        (a, b) =>
          path.relative(path.dirname(page.source), a).length - path.relative(path.dirname(page.source), b).length,
      )[0];
    }
    const filePart = safeDecode(reference.url.split(/[?#]/)[0] ?? '');
    if (!filePart) return undefined;
    if (!filePart.startsWith('/') && !converter.resolvesRelative) {
      const local = path.resolve(path.dirname(page.source), filePart);
      if (fs.existsSync(local) && isInside(site.root, local)) return local;
    }
    const resolved = converter.resolve?.(reference.url, page, site, reference.kind);
    return resolved && fs.existsSync(resolved) ? resolved : undefined;
  };

  for (const page of site.pages) {
    const references = findReferences(page.body);
    page.body = replaceReferences(page.body, references, (reference) => {
      if (reference.kind !== 'embed' && isExternal(reference.url)) return undefined;
      const target = targetOf(reference, page);
      if (!target) {
        page.notes.notConverted(
          reference.line,
          `${reference.kind === 'image' || reference.kind === 'embed' ? 'image' : 'link'} to a file that is not in the source`,
          `${reference.url} (left as written; the old site could not show it either)`,
        );
        return undefined;
      }
      let hash = reference.url.includes('#') ? reference.url.slice(reference.url.indexOf('#')) : '';
      const isFolder = fs.statSync(target).isDirectory();
      const targetPage = isFolder ? folderPage(target) : pageBySource.get(target);
      // The anchor of a page's title heading: the site shows that heading as the page's
      // title, without the id, so the link goes to the top of the page.
      if (targetPage && hash && isTitleAnchor(targetPage, hash.slice(1))) {
        page.notes.converted(reference.line, "link to the anchor of a page's title heading → link to the page");
        hash = '';
      }
      if (isFolder && !targetPage) {
        page.notes.notConverted(reference.line, 'link to a folder without a page', reference.url);
        return undefined;
      }
      let destination: string;
      if (targetPage) destination = targetPage.dest;
      else {
        const rel = path.relative(site.root, target).split(path.sep).join('/');
        // A file from beside the site's folder (Hugo's static/) is kept under files/.
        destination = rel.startsWith('../')
          ? `files/${destPath(path.relative(path.dirname(site.root), target).split(path.sep).join('/'), false)}`
          : destPath(rel, false);
        if (!assets.has(target)) assets.set(target, destination);
        destination = assets.get(target)!;
      }
      if (reference.kind === 'embed') return undefined;
      const relative =
        path.posix.relative(path.posix.dirname(page.dest), destination) || path.posix.basename(destination);
      const written = urlPath(relative.startsWith('.') ? relative : `./${relative}`) + hash;
      return written === reference.url ? undefined : written;
    });
  }

  // Dates, language, series, slugs.
  const git = gitDates(site.root);
  let fromFileTimes = 0;
  for (const page of site.pages) {
    const date = normaliseDate(page.fields.date);
    if (date) page.fields.date = date;
    else {
      const created = git.created(path.resolve(page.source));
      const when = created ?? fs.statSync(page.source).mtime;
      if (!created) fromFileTimes++;
      page.fields.date = when.toISOString().slice(0, 10);
    }
    const updated = normaliseDate(page.fields.updated ?? page.fields.lastmod);
    if (updated) page.fields.updated = updated;
    if (page.fields.lang === undefined && languageOf(page.body) === 'en') page.fields.lang = 'en';
    const title = page.fields.title ?? firstHeading(page.body)?.text ?? path.posix.basename(page.dest, '.md');
    if (page.fields.description === undefined && page.fields.summary === undefined && !hasLeadProse(page.body)) {
      page.fields.description = String(title);
      page.notes.converted(undefined, 'no paragraph of prose to describe the page → description: its title');
    }
    const oldUrls = page.oldUrls.filter((url) => !SITE_ROUTES.test(url));
    if (oldUrls.length > 0) {
      const old = [...new Set([...((page.fields.redirect_from as string[] | undefined) ?? []), ...oldUrls])];
      page.fields.redirect_from = old;
    }
  }
  if (fromFileTimes > 0)
    report.info(
      '',
      `${fromFileTimes} page${fromFileTimes === 1 ? '' : 's'} dated by the file's modification time`,
      'the source is not a git checkout with full history, which would give the day each file was added',
    );

  const taxonomySeries: Record<string, { zh: string; en: string }> = {};
  for (const series of site.series) {
    let order = 0;
    for (const rel of series.pages) {
      const page = site.pages.find((candidate) => candidate.rel === rel);
      if (!page || page.fields.series !== undefined) continue;
      page.fields.series = series.id;
      page.fields.seriesOrder = ++order;
    }
    if (order > 0) taxonomySeries[series.id] = { zh: series.title, en: series.title };
  }

  const taken = new Set<string>();
  for (const page of site.pages) {
    const own = typeof page.fields.slug === 'string' ? slugify(page.fields.slug) : slugFromPath(page.dest);
    let slug = own || slugify(String(page.fields.title ?? '')) || 'page';
    if (taken.has(slug)) {
      const folders = path.posix.dirname(page.dest).split('/').reverse();
      for (const folder of folders) {
        if (!taken.has(slug)) break;
        slug = `${slugify(folder)}-${slug}`;
      }
      let n = 2;
      const base = slug;
      while (taken.has(slug)) slug = `${base}-${n++}`;
      page.fields.slug = slug;
      page.notes.converted(undefined, 'same name as another page → slug: with its folder');
    } else if (!own) page.fields.slug = slug;
    taken.add(slug);
  }

  // Written last, all at once.
  for (const page of site.pages) {
    for (const refused of refusedFormulas(page.body, macros))
      page.notes.notConverted(
        refused.line,
        'formula KaTeX cannot render',
        `${refused.reason}: ${refused.tex.slice(0, 80)}`,
      );
    writeInside(
      path.join('articles', page.dest),
      `${formatFrontmatter(page.fields)}\n${page.body.replace(/^\n+/, '')}`,
    );
  }
  for (const [from, to] of assets) writeInside(path.join('articles', to), fs.readFileSync(from));
  const taxonomy: Record<string, unknown> = {};
  if (Object.keys(macros).length > 0) taxonomy.macros = macros;
  if (Object.keys(taxonomySeries).length > 0) taxonomy.series = taxonomySeries;
  if (Object.keys(taxonomy).length > 0) writeInside('taxonomy.yaml', YAML.stringify(taxonomy, { lineWidth: 0 }));
  if (site.bibliography.length > 0)
    writeInside(
      'references.bib',
      site.bibliography.map((file) => fs.readFileSync(file, 'utf8').trim()).join('\n\n') + '\n',
    );
  const pages = site.pages.map((page) => ({ source: page.rel, dest: page.dest }));
  writeInside(
    'import-report.json',
    `${JSON.stringify({ from: options.from, source, root: site.root, pages, notes: report.notes }, null, 1)}\n`,
  );
  if (!fs.existsSync(articlesDir)) fs.mkdirSync(articlesDir, { recursive: true });
  return { report, site, articles: site.pages.map((page) => page.dest), assets: [...assets.values()] };
}
