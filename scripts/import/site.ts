/**
 * What every converter hands the import: the old site read into pages (with their fields
 * and bodies) plus what the site as a whole carried (series from a sidebar or nav, TeX
 * macros, a bibliography), and the few questions only the tool can answer (where a URL
 * written for the old site points). scripts/import/run.ts does the rest the same way for
 * every tool.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Fields, SplitFile } from './frontmatter.ts';
import type { MathSyntax } from './markdown-text.ts';
import type { FileNotes, ImportReport } from './report.ts';

export const TOOLS = ['jekyll', 'hugo', 'docsify', 'mkdocs', 'obsidian', 'quarto'] as const;
export type SourceTool = (typeof TOOLS)[number];

export interface SitePage {
  /** Absolute path of the source file. */
  source: string;
  /** Its path below the site root, with forward slashes. */
  rel: string;
  /** Where it is written, below `<dest>/articles/`, with forward slashes. */
  dest: string;
  fields: Fields;
  /** The Markdown after the frontmatter; converters rewrite it. */
  body: string;
  /** The source line the body starts on. */
  bodyLine: number;
  notes: FileNotes;
  /** URL paths the old site served the page at (for redirect pages), without the base path. */
  oldUrls: string[];
}

/**
 * A page read from `source` (its frontmatter split off): by default it goes where its path
 * says, keeps the fields as written (a copy, converters edit it) and gets its own notes; a
 * converter passes what its tool decides otherwise.
 */
export function sitePage(
  source: string,
  rel: string,
  split: SplitFile,
  report: ImportReport,
  page: Pick<SitePage, 'oldUrls'> & Partial<Pick<SitePage, 'dest' | 'fields' | 'notes'>>,
): SitePage {
  return {
    source,
    rel,
    dest: page.dest ?? destPath(rel, true),
    fields: page.fields ?? { ...split.data },
    body: split.body,
    bodyLine: split.bodyLine,
    notes: page.notes ?? report.forFile(rel, split.bodyLine),
    oldUrls: page.oldUrls,
  };
}

export interface SiteSeries {
  id: string;
  title: string;
  /** `rel` paths of the pages, in the old site's order. */
  pages: string[];
}

export interface Site {
  tool: SourceTool;
  /** The folder whose files make up the old site (a vault, `docs/`, a Jekyll root). */
  root: string;
  pages: SitePage[];
  series: SiteSeries[];
  /** TeX macros the old site defined for every page. */
  macros: Record<string, string>;
  /** Macros a package the site loaded would define (physics): kept only if a page uses them. */
  optionalMacros?: Record<string, string>;
  /** BibTeX files of the site, concatenated into `references.bib`. */
  bibliography: string[];
  /** How the tool delimited formulas (before conversion). */
  math: MathSyntax;
  /** Whether the old site rendered math with MathJax (then MathJax-only TeX is rewritten). */
  mathjax: boolean;
}

export interface Converter {
  tool: SourceTool;
  /** Reads the old site: its root, its pages and what applies to all of them. */
  read(source: string, report: ImportReport): Site;
  /** Rewrites one page's body and fields into this site's Markdown (in place). */
  convert(page: SitePage, site: Site): void;
  /**
   * Where a URL written in a page points in the source, when it is not simply relative to
   * the page's file (root-relative paths, page-URL-relative MkDocs paths, old permalinks).
   */
  resolve?(url: string, page: SitePage, site: Site, kind: 'link' | 'image' | 'html'): string | undefined;
  /** `resolve` decides alone (the tool has its own rule for relative paths), else it is asked after the file's folder. */
  resolvesRelative?: boolean;
  /** The tool reads Markdown inside HTML blocks (Pandoc does), not only where asked to. */
  markdownInHtml?: boolean;
}

/** Folders no tool publishes: version control, dependencies, build output. */
export const NEVER_CONTENT = new Set(['.git', 'node_modules', '.obsidian', '.trash', '.github', '.vscode', '.idea']);

/** Every file below `dir` (relative paths, forward slashes, sorted), skipping `skip` folders. */
export function walkFiles(dir: string, skip: (relativeDir: string, name: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!NEVER_CONTENT.has(entry.name) && !skip(relative, entry.name)) walk(rel);
      } else if (entry.isFile()) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

export const isMarkdown = (file: string): boolean => /\.(md|markdown|mdown|qmd)$/i.test(file);

/** A folder or file name that the article inventory would skip (`_posts`, `.hidden`) made publishable. */
export function publishableSegment(segment: string): string {
  return segment.replace(/^[_.]+/, '') || segment;
}

/** A source path below the root as a destination path: publishable segments, and `.md` for a page. */
export function destPath(rel: string, page: boolean): string {
  const segments = rel.split('/').map(publishableSegment);
  if (page) segments.push(segments.pop()!.replace(/\.(markdown|mdown|qmd)$/i, '.md'));
  return segments.join('/');
}
