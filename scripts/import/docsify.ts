/**
 * docsify sites: a folder with `index.html` (`window.$docsify`) and Markdown pages, no
 * frontmatter, `README.md` for each folder, `_sidebar.md` for the order.
 *
 * - `_sidebar.md` gives the reading order: one series (named after the site) with
 *   `seriesOrder` in sidebar order;
 * - `?> tip` and `!> important` paragraphs become callouts;
 * - math as docsify-katex reads it: `$…$` and `$$…$$` only, so `\(1\)` and `\[解析\]`
 *   were escaped brackets (they stay brackets) and `$ x $` with spaces was a formula;
 * - docsify's route links (`#/chapter1/intro?id=anchor`) become links to the files;
 * - links are resolved against the page's folder, then (docsify's own rule, without
 *   `relativePath`) against the site root.
 */
import fs from 'node:fs';
import path from 'node:path';
import { slugify } from '../../src/lib/slugs.ts';
import { calloutLines, mystAdmonitions } from './callouts.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { fencedLines } from './markdown-text.ts';
import { escapedBracketsAsText, spacedDollars } from './math.ts';
import type { FileNotes, ImportReport } from './report.ts';
import { isMarkdown, sitePage, walkFiles, type Converter, type Site, type SitePage, type SiteSeries } from './site.ts';

const isDocsifyRoot = (dir: string) => {
  const index = path.join(dir, 'index.html');
  return fs.existsSync(index) && fs.readFileSync(index, 'utf8').includes('$docsify');
};

/** The docsify site's folder: the source, its `docs/`, or the folder holding `_sidebar.md`. */
export function docsifyRoot(source: string): string {
  if (isDocsifyRoot(source)) return source;
  for (const candidate of ['docs', 'doc', 'site'])
    if (isDocsifyRoot(path.join(source, candidate))) return path.join(source, candidate);
  return fs.existsSync(path.join(source, 'docs', '_sidebar.md')) ? path.join(source, 'docs') : source;
}

/** The pages `_sidebar.md` links, in order (paths below the root). */
export function sidebarOrder(sidebar: string, root: string): string[] {
  const order: string[] = [];
  for (const match of sidebar.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)) {
    let target = match[1]!;
    if (/^[a-z]+:|^\/\//i.test(target)) continue;
    target = target.replace(/^#\//, '/').split(/[?#]/)[0]!;
    try {
      target = decodeURI(target);
    } catch {
      // As written.
    }
    let rel = path.posix.normalize(target.replace(/^\.?\//, '')).replace(/^\/+/, '');
    if (rel === '.' || rel === '' || rel.endsWith('/')) rel = `${rel === '.' ? '' : rel}README.md`;
    if (!/\.md$/i.test(rel) && !fs.existsSync(path.join(root, rel))) rel = `${rel}.md`;
    if (!order.includes(rel)) order.push(rel);
  }
  return order;
}

function read(source: string, report: ImportReport): Site {
  const root = docsifyRoot(source);
  if (root !== source) report.info('', `docsify site found in ${path.relative(source, root)}/`);
  const index = fs.existsSync(path.join(root, 'index.html'))
    ? fs.readFileSync(path.join(root, 'index.html'), 'utf8')
    : '';
  const name = /\bname\s*:\s*(['"])(.*?)\1/.exec(index)?.[2] ?? path.basename(path.resolve(source));
  const mathjax = /mathjax|docsify-latex/i.test(index) && !/docsify-katex/i.test(index);
  const pages: SitePage[] = [];
  for (const rel of walkFiles(root)) {
    const base = path.posix.basename(rel);
    if (
      !isMarkdown(rel) ||
      base.startsWith('_') ||
      rel.split('/').some((segment) => segment.startsWith('_') || segment.startsWith('.'))
    )
      continue;
    const file = path.join(root, rel);
    const split = splitFrontmatter(fs.readFileSync(file, 'utf8'));
    pages.push(sitePage(file, rel, split, report, { oldUrls: [] }));
  }
  const series: SiteSeries[] = [];
  const sidebar = path.join(root, '_sidebar.md');
  if (fs.existsSync(sidebar)) {
    const order = sidebarOrder(fs.readFileSync(sidebar, 'utf8'), root).filter((rel) =>
      pages.some((page) => page.rel === rel),
    );
    if (order.length > 1) {
      series.push({ id: slugify(name) || 'docs', title: name, pages: order });
      report.info('_sidebar.md', `sidebar order → series "${name}" (${order.length} pages)`);
    }
  }
  return {
    tool: 'docsify',
    root,
    pages,
    series,
    macros: {},
    bibliography: [],
    math: mathjax ? { backslash: true, dollar: 'pandoc' } : { backslash: false, dollar: 'loose' },
    mathjax,
  };
}

/** `?> tip` and `!> important` paragraphs (to the next blank line) as callouts. */
export function docsifyTips(body: string, notes: FileNotes): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const tip = fenced[index] ? null : /^([ \t]*)([?!])>[ \t]?(.*)$/.exec(lines[index]!);
    if (!tip) {
      out.push(lines[index]!);
      continue;
    }
    const [, indent, mark, first] = tip as unknown as [string, string, string, string];
    const paragraph = [first];
    while (index + 1 < lines.length && lines[index + 1]!.trim() !== '' && !fenced[index + 1])
      paragraph.push(lines[++index]!.trim());
    out.push(...calloutLines(mark === '?' ? 'tip' : 'important', undefined, paragraph, { prefix: indent }));
    notes.converted(index + 2 - paragraph.length, `docsify ${mark}> paragraph → callout`);
  }
  return out.join('\n');
}

/** docsify's route links `#/path?id=anchor` as paths below the root (`/path.md#anchor`). */
export function docsifyRoutes(body: string, notes: FileNotes): string {
  return body.replace(
    /\]\(\s*#\/([^)\s?]*)(?:\?id=([^)\s&]+))?/g,
    (_, route: string, id: string | undefined, offset: number) => {
      notes.converted(body.slice(0, offset).split('\n').length, 'docsify route link #/… → link to the file');
      const file =
        route === '' || route.endsWith('/') ? `${route}README.md` : /\.md$/i.test(route) ? route : `${route}.md`;
      return `](/${file}${id ? `#${id}` : ''}`;
    },
  );
}

function convert(page: SitePage, site: Site): void {
  let body = mystAdmonitions(page.body, page.notes);
  body = docsifyTips(body, page.notes);
  body = docsifyRoutes(body, page.notes);
  if (!site.math.backslash) body = escapedBracketsAsText(body, site.math.dollar, page.notes);
  if (site.math.dollar === 'loose') body = spacedDollars(body, page.notes);
  for (const match of body.matchAll(/\[[^\]]*\]\([^)]*['"]:include['"][^)]*\)/g))
    page.notes.notConverted(
      body.slice(0, match.index).split('\n').length,
      "docsify ':include' (another file shown in the page)",
      `${match[0].slice(0, 80)} is kept as a link`,
    );
  page.body = body;
}

/** docsify reads a link without `relativePath` against the site root. */
function resolve(url: string, page: SitePage, site: Site): string | undefined {
  let address = url.split(/[?#]/)[0] ?? '';
  try {
    address = decodeURI(address);
  } catch {
    // As written.
  }
  // docsify also finds a page without its `.md`.
  const candidates = [path.join(site.root, address.replace(/^\/+/, ''))];
  if (!address.startsWith('/')) candidates.unshift(path.resolve(path.dirname(page.source), address));
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(`${candidate}.md`)) return `${candidate}.md`;
  }
  return undefined;
}

export const docsify: Converter = { tool: 'docsify', read, convert, resolve };
