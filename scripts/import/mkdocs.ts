/**
 * MkDocs sites (Material, pymdown-extensions, arithmatex, mkdocs-bibtex): `mkdocs.yml`
 * names the docs folder, the `nav:` order and the bibliography; pages have optional
 * frontmatter and `index.md` per folder.
 *
 * - admonitions `!!! note "Title"`, collapsible `??? tip` (folded) and `???+` (open),
 *   with their indented bodies (nested ones too), become callouts `> [!NOTE] Title`;
 * - content tabs `=== "Tab"` become sections: a heading one level below the one above;
 * - Material's icon and emoji shortcodes (`:material-…:`, `:fontawesome-…:`) are removed;
 * - `attr_list` on an image (`![](x.png){ width="300" }`) becomes `<img>` with the size;
 * - links and images written relative to the page's URL (what MkDocs' directory URLs make
 *   them), rather than to the file, are pointed at the file;
 * - each top-level `nav:` section becomes a series in nav order; the bib files of
 *   mkdocs-bibtex become references.bib (citations `[@key]` stay as written);
 * - math as arithmatex reads it: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { slugify } from '../../src/lib/slugs.ts';
import { calloutLines, mystAdmonitions } from './callouts.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { fencedLines, lineAt, lineStarts, mapSegments } from './markdown-text.ts';
import { macroDefinitions } from './math.ts';
import type { FileNotes, ImportReport } from './report.ts';
import { isMarkdown, sitePage, walkFiles, type Converter, type Site, type SitePage, type SiteSeries } from './site.ts';

interface MkdocsConfig {
  docsDir: string;
  directoryUrls: boolean;
  nav: unknown;
  bibFiles: string[];
}

function readConfig(source: string, report: ImportReport): MkdocsConfig {
  const file = ['mkdocs.yml', 'mkdocs.yaml'].map((name) => path.join(source, name)).find((f) => fs.existsSync(f));
  if (!file) report.info('', 'no mkdocs.yml: the folder is read as the docs folder');
  // Python tags (`!!python/name:…`) mean nothing here; the parser leaves them empty.
  const raw = (file ? YAML.parse(fs.readFileSync(file, 'utf8'), { logLevel: 'silent', customTags: [] }) : {}) as Record<
    string,
    unknown
  > | null;
  const config = raw ?? {};
  const docsDir = path.join(source, String(config.docs_dir ?? (file ? 'docs' : '.')));
  const bibFiles: string[] = [];
  for (const plugin of (config.plugins as unknown[] | undefined) ?? []) {
    if (!plugin || typeof plugin !== 'object' || !('bibtex' in plugin)) continue;
    const options = ((plugin as Record<string, unknown>).bibtex ?? {}) as Record<string, unknown>;
    if (typeof options.bib_file === 'string') bibFiles.push(path.join(source, options.bib_file));
    if (typeof options.bib_dir === 'string') {
      const dir = path.join(source, options.bib_dir);
      if (fs.existsSync(dir))
        for (const name of fs.readdirSync(dir).sort()) if (name.endsWith('.bib')) bibFiles.push(path.join(dir, name));
    }
  }
  return {
    docsDir: fs.existsSync(docsDir) ? docsDir : source,
    directoryUrls: config.use_directory_urls !== false,
    nav: config.nav,
    bibFiles,
  };
}

/** The `nav:` tree as top-level sections, each with its pages in order (paths below docs). */
export function navSections(nav: unknown): { title: string; pages: string[] }[] {
  const sections: { title: string; pages: string[] }[] = [];
  const pagesOf = (node: unknown, out: string[]) => {
    if (typeof node === 'string') {
      if (/\.md$/i.test(node) && !/^[a-z]+:\/\//i.test(node)) out.push(node.replace(/^\.?\//, ''));
    } else if (Array.isArray(node)) for (const item of node) pagesOf(item, out);
    else if (node && typeof node === 'object') for (const value of Object.values(node)) pagesOf(value, out);
  };
  for (const item of Array.isArray(nav) ? nav : []) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const [title, value] of Object.entries(item as Record<string, unknown>)) {
      if (typeof value === 'string') continue;
      const pages: string[] = [];
      pagesOf(value, pages);
      if (pages.length > 1) sections.push({ title, pages });
    }
  }
  return sections;
}

function read(source: string, report: ImportReport): Site {
  const config = readConfig(source, report);
  const root = config.docsDir;
  const pages: SitePage[] = [];
  for (const rel of walkFiles(root)) {
    if (!isMarkdown(rel)) continue;
    const file = path.join(root, rel);
    const split = splitFrontmatter(fs.readFileSync(file, 'utf8'));
    // The tags plugin's index page is made by the plugin; this site has its own.
    if (/^\s*\[TAGS\]\s*$/.test(split.body)) {
      report.info(rel, "skipped: the tags plugin's index page (this site lists tags itself)");
      continue;
    }
    const url = config.directoryUrls
      ? `/${rel.replace(/(^|\/)(index|README)\.md$/i, '$1').replace(/\.md$/i, '/')}`
      : `/${rel.replace(/\.md$/i, '.html')}`;
    pages.push(sitePage(file, rel, split, report, { oldUrls: url === '/' ? [] : [url] }));
  }
  const series: SiteSeries[] = navSections(config.nav).map((section) => ({
    id: slugify(section.title) || 'section',
    title: section.title,
    pages: section.pages.filter((rel) => pages.some((page) => page.rel === rel)),
  }));
  for (const section of series)
    report.info('mkdocs.yml', `nav section "${section.title}" → series (${section.pages.length} pages)`);
  const macros: Record<string, string> = {};
  for (const rel of walkFiles(root).filter((name) => name.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    if (!text.includes('MathJax')) continue;
    // MathJax's `macros: { RR: "\\mathbb{R}", bold: ["{\\bf #1}", 1] }`.
    const block = /macros\s*:\s*\{([\s\S]*?)\}\s*[,}]/.exec(text)?.[1];
    for (const match of block?.matchAll(/(\w+)\s*:\s*(?:\[\s*)?(["'])((?:\\.|(?!\2).)*)\2/g) ?? [])
      macros[`\\${match[1]}`] = match[3]!.replace(/\\\\/g, '\\');
    Object.assign(macros, macroDefinitions(text).macros);
  }
  return {
    tool: 'mkdocs',
    root,
    pages,
    series,
    macros,
    bibliography: config.bibFiles.filter((file) => fs.existsSync(file)),
    math: { backslash: true, dollar: 'pandoc' },
    mathjax: true,
    ...{ config },
  } as Site;
}

const ADMONITION = /^([ \t]*)(!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"]*)")?[ \t]*$/;
const TAB = /^([ \t]*)===(\+?)[ \t]+"([^"]*)"[ \t]*$/;

/** The lines of an indented body (blank lines included) after `index`, dedented by `indent` + 4. */
function indentedBody(lines: readonly string[], index: number, indent: string): { body: string[]; end: number } {
  const inner = `${indent}    `;
  let end = index + 1;
  while (end < lines.length) {
    const line = lines[end]!.replace(/^\t/, '    ');
    if (line.trim() === '' || line.startsWith(inner)) end++;
    else break;
  }
  while (end > index + 1 && lines[end - 1]!.trim() === '') end--;
  const body = lines.slice(index + 1, end).map((line) => line.replace(/^\t/, '    ').slice(inner.length));
  return { body, end };
}

/**
 * Admonitions and content tabs, from the inside out: a body is converted first, so an
 * admonition inside a tab inside an admonition comes out as a callout in a section in a
 * callout. Line count is kept (the title line stays one line), so notes keep their lines.
 */
export function mkdocsBlocks(body: string, notes: FileNotes, lineOffset = 0, heading = 2): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  const out: string[] = [];
  let level = heading;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!fenced[index]) {
      const title = /^#{1,6}(?=\s)/.exec(line.trim());
      if (title && !/^\s{4}/.test(line)) level = title[0].length;
    }
    const admonition = fenced[index] ? null : ADMONITION.exec(line);
    const tab = fenced[index] ? null : TAB.exec(line);
    if (!admonition && !tab) {
      out.push(line);
      continue;
    }
    const indent = (admonition ?? tab)![1]!;
    const { body: inner, end } = indentedBody(lines, index, indent);
    const converted = mkdocsBlocks(inner.join('\n'), notes, lineOffset + index + 1, level + 1).split('\n');
    const expected = out.length + (end - index);
    if (admonition) {
      const [, , marker, kind, title] = admonition as unknown as [string, string, string, string, string | undefined];
      const fold = marker === '???' ? '-' : marker === '???+' ? '+' : undefined;
      // `!!! note ""` has no title bar at all; a callout always has one: its kind's name.
      out.push(...calloutLines(kind, title || undefined, converted, { fold, prefix: indent }));
      notes.converted(lineOffset + index + 1, `MkDocs ${marker} admonition → callout`);
    } else {
      out.push(
        `${indent}${'#'.repeat(Math.min(6, level + 1))} ${tab![3]}`,
        ...converted.map((text) => (text ? `${indent}${text}` : '')),
      );
      notes.converted(lineOffset + index + 1, 'MkDocs content tab → section');
    }
    // Keep the line count (a callout drops its trailing blank lines), so later notes keep their lines.
    while (out.length < expected) out.push('');
    index = end - 1;
  }
  return out.join('\n');
}

const ICON = /[ \t]?:(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:(?:\{[^}]*\})?/g;

/** Material's icon shortcodes (and their `{ .class }`) removed. */
export function mkdocsIcons(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  return mapSegments(body, { backslash: true, dollar: 'pandoc' }, 'prose', (prose, at) =>
    prose.replace(ICON, (_, offset: number) => {
      notes.converted(lineAt(starts, at.start + offset), 'Material icon shortcode removed');
      return '';
    }),
  );
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `attr_list` after an image: width and height kept on an `<img>`, other attributes dropped. */
export function imageAttributes(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  return mapSegments(body, { backslash: true, dollar: 'pandoc' }, 'prose', (prose, at) =>
    prose.replace(
      /!\[([^\]]*)\]\(([^)\s]+)(?:\s+"([^"]*)")?\)\{([^}]*)\}/g,
      (whole, alt: string, url: string, title: string | undefined, list: string, offset: number) => {
        // Quarto/Pandoc figure ids are the scholarly syntax: leave those.
        if (/#fig-/.test(list)) return whole;
        const size = [...list.matchAll(/\b(width|height)\s*=\s*"?([\d.]+(?:px|%)?)"?/g)].map(
          (m) => `${m[1]}="${m[2]}"`,
        );
        const align = /\balign\s*=\s*"?(left|right|center)"?/.exec(list)?.[1];
        notes.converted(lineAt(starts, at.start + offset), 'attribute list after an image → <img> attributes');
        if (size.length === 0 && !align) return `![${alt}](${url}${title ? ` "${title}"` : ''})`;
        return `<img src="${escapeAttribute(url)}" alt="${escapeAttribute(alt)}"${title ? ` title="${escapeAttribute(title)}"` : ''}${size.length ? ` ${size.join(' ')}` : ''}${align ? ` align="${align}"` : ''}>`;
      },
    ),
  );
}

function convert(page: SitePage): void {
  let body = mystAdmonitions(page.body, page.notes);
  body = mkdocsBlocks(body, page.notes);
  body = mkdocsIcons(body, page.notes);
  body = imageAttributes(body, page.notes);
  body = body.replace(/^[ \t]*\\full_bibliography[ \t]*$/gm, () => {
    page.notes.converted(undefined, "\\full_bibliography removed (the site lists an article's references itself)");
    return '';
  });
  for (const match of body.matchAll(/^[ \t]*-{1,2}8<-{1,2}[ \t]+.*$/gm))
    page.notes.notConverted(
      body.slice(0, match.index).split('\n').length,
      'pymdownx.snippets include',
      `${match[0].trim()} (another file's text is not copied in)`,
    );
  page.body = body;
}

/**
 * How MkDocs finds what a page points at. A Markdown link or image is taken relative to
 * the page's file when that names a file (MkDocs rewrites those); anything else, and every
 * address in raw HTML, is left to the browser, relative to the page's URL, which with
 * directory URLs is one folder deeper than the file (`../x.png` from a/b.md is a/x.png).
 * A page-URL that names a notebook page (mkdocs-jupyter's `notebooks/x.py`) is its file.
 * One that climbs above the root stops there, as in the browser.
 */
function resolve(url: string, page: SitePage, site: Site, kind: 'link' | 'image' | 'html'): string | undefined {
  let address = url.split(/[?#]/)[0] ?? '';
  try {
    address = decodeURI(address);
  } catch {
    // As written.
  }
  const config = (site as Site & { config: MkdocsConfig }).config;
  const isFile = (file: string) => fs.existsSync(file) && fs.statSync(file).isFile();
  const inside = (file: string) => !path.relative(site.root, file).startsWith('..');
  if (address.startsWith('/')) {
    const fromRoot = path.join(site.root, address);
    return isFile(fromRoot) ? fromRoot : undefined;
  }
  const fromFile = path.resolve(path.dirname(page.source), address);
  if (kind !== 'html' && isFile(fromFile) && inside(fromFile)) return fromFile;
  const pageDir =
    config.directoryUrls && !/(^|\/)(index|README)\.md$/i.test(page.rel)
      ? page.rel.replace(/\.md$/i, '')
      : path.posix.dirname(page.rel);
  let target = path.posix.normalize(path.posix.join(pageDir, address));
  // Above the site's root: a browser stops at the root (`/a/` + `../../b` is `/b`), so the
  // link worked on a site served at a domain's root.
  if (target.startsWith('..')) {
    target = target.replace(/^(\.\.\/)+/, '').replace(/^\.\.$/, '.');
    page.notes.converted(undefined, "page-URL link above the site's root → from the root, as a browser reads it");
  }
  const onDisk = path.join(site.root, target).replace(/[\\/]$/, '');
  for (const candidate of [
    onDisk,
    `${onDisk}.md`,
    path.join(onDisk, 'index.md'),
    path.join(onDisk, 'README.md'),
    `${onDisk}.py`,
    `${onDisk}.ipynb`,
  ]) {
    if (!isFile(candidate)) continue;
    if (/\.(py|ipynb)$/.test(candidate) && !/\.(py|ipynb)$/.test(onDisk))
      page.notes.converted(
        undefined,
        'link to a notebook page (mkdocs-jupyter) → link to the notebook file (not rendered)',
      );
    return candidate;
  }
  return kind === 'html' && isFile(fromFile) && inside(fromFile) ? fromFile : undefined;
}

export const mkdocs: Converter = { tool: 'mkdocs', read, convert, resolve, resolvesRelative: true };
