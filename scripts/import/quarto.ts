/**
 * Quarto projects (books and websites): `.qmd` and `.md` pages, `_quarto.yml` for the
 * chapter order, the bibliography and the TeX macros, Pandoc's Markdown in the pages.
 *
 * - `.qmd` becomes `.md`; code cells (```` ```{python} ````, ```` ```{r} ````) become plain
 *   fenced code, nothing is executed: their `#|` options are read (`echo: false` and
 *   `include: false` cells are left out, as the reader never saw their code) and dropped;
 * - macros from `_quarto.yml` (`include-before`, `include-in-header` text or files) and
 *   from `::: {.hidden}` blocks of `$$\newcommand…$$` go into taxonomy.yaml; the hidden
 *   blocks are removed;
 * - `{{< include file >}}` is replaced by the file's text; `{{< pagebreak >}}` goes; the
 *   `::: {#refs}` placeholder goes (the site lists an article's references itself);
 * - the book's `chapters:` order becomes a series; the bibliography becomes references.bib;
 * - fenced divs (`::: {#thm-x}`, `::: {.callout-note}`), `{#fig-x}`, `@eq-x` references and
 *   `[@key]` citations are kept as written: they are this site's syntax too.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { slugify } from '../../src/lib/slugs.ts';
import { nameList, splitFrontmatter } from './frontmatter.ts';
import { fencedLines } from './markdown-text.ts';
import { macroDefinitions } from './math.ts';
import type { FileNotes, ImportReport } from './report.ts';
import { isMarkdown, sitePage, walkFiles, type Converter, type Site, type SitePage, type SiteSeries } from './site.ts';

type Yaml = Record<string, unknown>;

/** Texts a Quarto option holds: a string, a list of strings, `{ text: … }` or `{ file: … }`. */
function texts(value: unknown, root: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => texts(item, root));
  if (value && typeof value === 'object') {
    const entry = value as Yaml;
    if (typeof entry.text === 'string') return [entry.text];
    if (typeof entry.file === 'string' && fs.existsSync(path.join(root, entry.file)))
      return [fs.readFileSync(path.join(root, entry.file), 'utf8')];
  }
  return [];
}

/** Every chapter of a book (or a website's sidebar contents), in order; notebooks with `all`. */
function chapterOrder(book: unknown, all = false): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const entry = node as Yaml;
      if (typeof entry.href === 'string') out.push(entry.href);
      if (typeof entry.file === 'string') out.push(entry.file);
      walk(entry.chapters ?? entry.contents);
    }
  };
  walk(book);
  return out.filter((file) => all || isMarkdown(file));
}

function read(source: string, report: ImportReport): Site {
  const configFile = ['_quarto.yml', '_quarto.yaml']
    .map((name) => path.join(source, name))
    .find((f) => fs.existsSync(f));
  const config = ((configFile ? YAML.parse(fs.readFileSync(configFile, 'utf8'), { logLevel: 'silent' }) : {}) ??
    {}) as Yaml;
  const book = (config.book ?? {}) as Yaml;
  const format = ((config.format ?? {}) as Yaml).html as Yaml | undefined;
  const macros: Record<string, string> = {};
  for (const key of ['include-before', 'include-before-body', 'include-in-header', 'include-after-body']) {
    for (const text of texts(format?.[key], source)) Object.assign(macros, macroDefinitions(text).macros);
  }
  if (Object.keys(macros).length > 0)
    report.info('_quarto.yml', `${Object.keys(macros).length} macros → taxonomy.yaml`);

  const output = String(((config.project ?? {}) as Yaml)['output-dir'] ?? '_site');
  const pages: SitePage[] = [];
  const skip = (dir: string, name: string) =>
    name.startsWith('_') || name.startsWith('.') || name.endsWith('_files') || (dir === '' && name === output);
  for (const rel of walkFiles(source, skip)) {
    if (!isMarkdown(rel) || path.posix.basename(rel).startsWith('_')) continue;
    if (/^(README|LICENSE|CHANGELOG)\.md$/i.test(rel) && rel !== 'index.md') continue;
    const file = path.join(source, rel);
    const split = splitFrontmatter(fs.readFileSync(file, 'utf8'));
    pages.push(sitePage(file, rel, split, report, { oldUrls: [`/${rel.replace(/\.(qmd|md)$/i, '.html')}`] }));
  }
  const series: SiteSeries[] = [];
  const chapters = chapterOrder(book.chapters).filter((rel) => pages.some((page) => page.rel === rel));
  // A book is its chapters and appendices; other Markdown in the folder is not rendered.
  const isBook = ((config.project ?? {}) as Yaml).type === 'book' && chapters.length > 0;
  const listed = new Set([...chapterOrder(book.chapters, true), ...chapterOrder(book.appendices, true)]);
  // A notebook the old site rendered as a page cannot be imported; one a book does not
  // list was never a page (a lab handed out, a scratch file): it is only counted.
  const notebooks = walkFiles(source, skip).filter((name) => name.endsWith('.ipynb'));
  for (const rel of notebooks.filter((name) => !isBook || listed.has(name)))
    report.notConverted(
      rel,
      undefined,
      'Jupyter notebook',
      'notebooks are not imported (export it to .qmd or .md first)',
    );
  const unlisted = notebooks.filter((name) => isBook && !listed.has(name)).length;
  if (unlisted > 0)
    report.info(
      '_quarto.yml',
      `${unlisted} notebook${unlisted === 1 ? '' : 's'} not in the book's chapters: not pages, not imported`,
    );
  if (isBook) {
    for (const page of pages.filter((candidate) => !listed.has(candidate.rel))) {
      report.info(page.rel, 'skipped: not a chapter of the book');
      pages.splice(pages.indexOf(page), 1);
    }
  }
  if (chapters.length > 1) {
    const title = String(book.title ?? path.basename(source));
    series.push({ id: slugify(title) || 'book', title, pages: chapters });
    report.info('_quarto.yml', `book chapters → series "${title}" (${chapters.length} pages)`);
  }
  const bibliography = nameList(config.bibliography ?? (format?.bibliography as unknown))
    .map((file) => path.join(source, file))
    .filter((file) => fs.existsSync(file));
  return {
    tool: 'quarto',
    root: source,
    pages,
    series,
    macros,
    bibliography,
    math: { backslash: false, dollar: 'pandoc' },
    mathjax: true,
  };
}

const CELL = /^([ \t]*)(`{3,})\{\.?([A-Za-z][\w+-]*)([^}]*)\}[ \t]*$/;

/** Executable cells as plain code; `echo: false` / `include: false` cells left out. */
export function quartoCells(body: string, notes: FileNotes): string {
  const lines = body.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const cell = CELL.exec(lines[index]!);
    if (!cell) {
      out.push(lines[index]!);
      continue;
    }
    const [, indent, fence, language] = cell as unknown as [string, string, string, string];
    let close = index + 1;
    while (
      close < lines.length &&
      !(lines[close]!.trim().startsWith(fence) && lines[close]!.trim().replace(/`/g, '') === '')
    )
      close++;
    const code = lines.slice(index + 1, close);
    const options: Record<string, string> = {};
    while (code.length > 0 && /^\s*#\|/.test(code[0]!)) {
      const option = /^\s*#\|\s*([\w-]+)\s*:\s*(.*)$/.exec(code.shift()!);
      if (option) options[option[1]!] = option[2]!.trim();
    }
    const hidden = options.echo === 'false' || options.include === 'false';
    if (hidden) {
      notes.converted(
        index + 1,
        `{${language}} cell with echo/include: false left out (no code was shown; nothing is executed)`,
      );
      // Keep the line count.
      for (let at = index; at <= Math.min(close, lines.length - 1); at++) out.push('');
    } else {
      notes.converted(index + 1, `{${language}} code cell → plain code (not executed)`);
      // The option lines' places are kept as blank lines before the block, not inside it.
      out.push(
        ...Array.from({ length: close - index - 1 - code.length }, () => ''),
        `${indent}${fence}${language}`,
        ...code,
      );
      if (close < lines.length) out.push(lines[close]!);
    }
    index = close;
  }
  return out.join('\n');
}

/**
 * `::: {.hidden}` blocks (macros, notes for later) and the `::: {#refs}` placeholder
 * removed; the macros a hidden block defines are collected into `macros`.
 */
export function quartoDivs(body: string, notes: FileNotes, macros: Record<string, string> = {}): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  for (let index = 0; index < lines.length; index++) {
    if (fenced[index]) continue;
    const open = /^[ \t]*(:{3,})[ \t]*\{([^}]*)\}[ \t]*$/.exec(lines[index]!);
    if (!open || !/(^|\s)(\.hidden|#refs)(\s|$)/.test(open[2]!)) continue;
    let depth = 0;
    let close = index;
    for (let at = index; at < lines.length; at++) {
      if (fenced[at]) continue;
      const fence = /^[ \t]*:{3,}(.*)$/.exec(lines[at]!);
      if (!fence) continue;
      if (fence[1]!.trim()) depth++;
      else if (--depth === 0) {
        close = at;
        break;
      }
    }
    if (close === index) continue;
    notes.converted(
      index + 1,
      open[2]!.includes('#refs') ? '::: {#refs} placeholder removed' : '::: {.hidden} block removed (its macros kept)',
    );
    Object.assign(macros, macroDefinitions(lines.slice(index + 1, close).join('\n')).macros);
    for (let at = index; at <= close; at++) lines[at] = '';
  }
  return lines.join('\n');
}

/** Quarto's shortcodes: `include` brings the file's text in, `pagebreak` goes, others are reported. */
export function quartoShortcodes(body: string, page: SitePage): string {
  return body.replace(
    /\{\{<\s*([\w-]+)\s*([^>]*?)\s*>\}\}/g,
    (whole, name: string, argument: string, offset: number) => {
      const line = body.slice(0, offset).split('\n').length;
      if (name === 'pagebreak') {
        page.notes.converted(line, '{{< pagebreak >}} removed');
        return '';
      }
      if (name === 'include') {
        const file = path.resolve(path.dirname(page.source), argument.replace(/^["']|["']$/g, ''));
        if (fs.existsSync(file)) {
          page.notes.converted(line, "{{< include >}} → the file's text");
          return splitFrontmatter(fs.readFileSync(file, 'utf8')).body.trim();
        }
      }
      page.notes.notConverted(line, `Quarto shortcode {{< ${name} >}}`, `${whole.slice(0, 60)} (left as written)`);
      return whole;
    },
  );
}

/** `## Title {#sec-x}` in any page of the book: where it is and what it is called. */
function sectionsOf(site: Site): Map<string, { dest: string; title: string }> {
  const sections = new Map<string, { dest: string; title: string }>();
  for (const page of site.pages)
    for (const match of page.body.matchAll(/^#{1,6}\s+(.*?)\s*\{#(sec-[\w-]+)[^}]*\}\s*$/gm))
      if (!sections.has(match[2]!)) sections.set(match[2]!, { dest: page.dest, title: match[1]!.trim() });
  return sections;
}

/**
 * Quarto's section references (`@sec-x`, `[@sec-x]`), within a chapter or across the book,
 * become links to the heading, named by its title; the build checks them like any link.
 */
export function quartoSectionRefs(
  body: string,
  page: SitePage,
  sections: Map<string, { dest: string; title: string }>,
): string {
  return body.replace(/\[?(?<![\w@])@(sec-[\w-]+)\]?/g, (whole: string, id: string) => {
    const section = sections.get(id);
    if (!section) return whole;
    const target = section.dest === page.dest ? '' : path.posix.relative(path.posix.dirname(page.dest), section.dest);
    return `[${section.title}](${target}#${id})`;
  });
}

/** The book's sections, found once per site from the pages as read (before any is converted). */
const bookSections = new WeakMap<Site, Map<string, { dest: string; title: string }>>();

function convert(page: SitePage, site: Site): void {
  let sections = bookSections.get(site);
  if (!sections) bookSections.set(site, (sections = sectionsOf(site)));
  let body = quartoSectionRefs(page.body, page, sections);
  body = quartoShortcodes(body, page);
  body = quartoCells(body, page.notes);
  body = quartoDivs(body, page.notes, site.macros);
  page.body = body;
  for (const key of [
    'author',
    'authors',
    'editor',
    'execute',
    'jupyter',
    'format',
    'engine',
    'bibliography',
    'csl',
    'number-sections',
  ])
    delete page.fields[key];
}

export const quarto: Converter = { tool: 'quarto', read, convert, markdownInHtml: true };
