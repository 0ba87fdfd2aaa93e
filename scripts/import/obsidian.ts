/**
 * Obsidian vaults: every note of the vault (`.obsidian/`, `.trash/` and dot-folders are
 * the app's), named as the author named it. What this site already reads as Obsidian does
 * (wikilinks, embeds, callouts, highlights, one-line comments, block ids, `$$` on the TeX
 * lines) is left alone; the import adds what a build cannot do:
 * - inline `#tags` become frontmatter tags (a line of nothing but tags goes, elsewhere the
 *   word stays without its `#`);
 * - `%% … %%` comments over several lines are removed (Obsidian never shows them);
 * - `\[…\]`, `\(…\)` were escaped brackets (Obsidian reads `$` only) and stay brackets;
 * - `preamble.sty` (the Extended MathJax plugin's macros, in the vault or a nested vault)
 *   goes into taxonomy.yaml `macros:`, with the physics package's commands when it is
 *   `\require`d;
 * - `publish: false` (Obsidian Publish) is a draft.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nameList, splitFrontmatter } from './frontmatter.ts';
import { fencedLines, lineAt, lineStarts, mapSegments, segments, type MathSyntax } from './markdown-text.ts';
import { escapedBracketsAsText, macroDefinitions } from './math.ts';
import type { FileNotes, ImportReport } from './report.ts';
import { isMarkdown, sitePage, walkFiles, type Converter, type Site, type SitePage } from './site.ts';

const OBSIDIAN_MATH: MathSyntax = { backslash: false, dollar: 'pandoc' };

/**
 * The physics package's commands that MathJax's `\require{physics}` defines and KaTeX
 * lacks, as KaTeX macros (the common forms; optional arguments are not supported).
 */
export const PHYSICS_MACROS: Record<string, string> = {
  '\\qty': '\\left(#1\\right)',
  '\\abs': '\\left\\lvert #1\\right\\rvert',
  '\\norm': '\\left\\lVert #1\\right\\rVert',
  '\\eval': '\\left.#1\\right\\rvert',
  '\\order': '\\mathcal{O}\\left(#1\\right)',
  '\\dd': '\\mathrm{d}',
  '\\dv': '\\frac{\\mathrm{d}#1}{\\mathrm{d}#2}',
  '\\pdv': '\\frac{\\partial #1}{\\partial #2}',
  '\\bra': '\\left\\langle #1\\right\\rvert',
  '\\ket': '\\left\\lvert #1\\right\\rangle',
  // One argument, as MathJax's braket extension reads it (`\braket{M,N}`, `\braket{v|z}`).
  '\\braket': '\\left\\langle #1\\right\\rangle',
  '\\expval': '\\left\\langle #1\\right\\rangle',
  '\\comm': '\\left[#1,#2\\right]',
  '\\vb': '\\mathbf{#1}',
  '\\vu': '\\hat{\\mathbf{#1}}',
  '\\grad': '\\nabla',
  '\\curl': '\\nabla\\times',
  '\\Tr': '\\operatorname{Tr}',
  '\\tr': '\\operatorname{tr}',
  '\\rank': '\\operatorname{rank}',
  '\\erf': '\\operatorname{erf}',
  '\\Res': '\\operatorname{Res}',
  '\\pv': '\\mathcal{P}',
  '\\Re': '\\operatorname{Re}',
  '\\Im': '\\operatorname{Im}',
};

/** Commands MathJax 3 loads by itself when a formula uses them, and KaTeX lacks. */
export const MATHJAX_AUTOLOADED: Record<string, string> = {
  '\\centernot': '\\not',
};

/** Macros of every `preamble.sty` in the vault; the vault's own win over nested vaults'. */
function preambleMacros(
  root: string,
  files: string[],
  report: ImportReport,
  optional: Record<string, string>,
): Record<string, string> {
  const macros: Record<string, string> = {};
  const preambles = files
    .filter((rel) => path.posix.basename(rel) === 'preamble.sty')
    .sort((a, b) => b.split('/').length - a.split('/').length);
  for (const rel of preambles) {
    const tex = fs.readFileSync(path.join(root, rel), 'utf8').replace(/(^|[^\\])%.*$/gm, '$1');
    const found = macroDefinitions(tex);
    if (/\\require\{physics\}/.test(tex)) Object.assign(optional, PHYSICS_MACROS);
    Object.assign(macros, found.macros);
    report.info(
      rel,
      `${Object.keys(found.macros).length} macros → taxonomy.yaml${/\\require\{physics\}/.test(tex) ? ' (and the physics package)' : ''}`,
    );
    for (const definition of found.unsupported)
      report.notConverted(
        rel,
        undefined,
        'macro with an optional argument',
        `${definition.slice(0, 80)} (KaTeX macros have no optional arguments)`,
      );
  }
  return macros;
}

function read(source: string, report: ImportReport): Site {
  const files = walkFiles(source, (_dir, name) => name.startsWith('.'));
  const pages: SitePage[] = [];
  for (const rel of files) {
    if (!isMarkdown(rel)) continue;
    const file = path.join(source, rel);
    const text = fs.readFileSync(file, 'utf8');
    const split = splitFrontmatter(text);
    const fields = { ...split.data };
    if (fields.publish === false) fields.draft = true;
    delete fields.publish;
    const notes = report.forFile(rel, split.bodyLine);
    if (text.trim() === '') notes.info('empty note: imported with its title only, so links to it still work');
    pages.push(sitePage(file, rel, split, report, { fields, notes, oldUrls: [] }));
  }
  const optionalMacros = { ...MATHJAX_AUTOLOADED };
  return {
    tool: 'obsidian',
    root: source,
    pages,
    series: [],
    macros: preambleMacros(source, files, report, optionalMacros),
    optionalMacros,
    bibliography: [],
    math: OBSIDIAN_MATH,
    mathjax: true,
  };
}

/** `%%` comments, also over several lines and paragraphs, removed; line breaks kept. */
export function obsidianComments(body: string, notes: FileNotes): string {
  const marks: number[] = [];
  for (const segment of segments(body, OBSIDIAN_MATH)) {
    if (segment.kind !== 'prose') continue;
    for (let at = body.indexOf('%%', segment.start); at >= 0 && at < segment.end - 1; at = body.indexOf('%%', at + 2))
      marks.push(at);
  }
  if (marks.length < 2) return body;
  const starts = lineStarts(body);
  let out = '';
  let cursor = 0;
  for (let i = 0; i + 1 < marks.length; i += 2) {
    const [open, close] = [marks[i]!, marks[i + 1]!];
    const inside = body.slice(open, close + 2);
    if (!inside.includes('\n')) continue; // one-line comments: the build drops them itself
    out += body.slice(cursor, open) + '\n'.repeat((inside.match(/\n/g) ?? []).length);
    cursor = close + 2;
    notes.converted(lineAt(starts, open), 'multi-line %% comment %% removed');
  }
  return out + body.slice(cursor);
}

const TAG = /(^|[\s(（,，])#([\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)/gu;

/** Inline `#tags`: collected, and taken out of the text the way a reader saw them. */
export function inlineTags(body: string, notes: FileNotes): { body: string; tags: string[] } {
  const tags: string[] = [];
  const starts = lineStarts(body);
  let out = '';
  for (const segment of segments(body, OBSIDIAN_MATH)) {
    const text = body.slice(segment.start, segment.end);
    if (segment.kind !== 'prose') {
      out += text;
      continue;
    }
    out += text
      .split('\n')
      .map((line, index) => {
        // A heading is `# text`; a tag has no space after the #.
        if (/^\s{0,3}#{1,6}\s/.test(line) && index === 0 && segment.start === starts[lineAt(starts, segment.start) - 1])
          return line;
        if (/^\s{0,3}#{1,6}\s/.test(line) && index > 0) return line;
        let found = false;
        const rest = line.replace(TAG, (_, before: string, tag: string) => {
          if (!tags.includes(tag)) tags.push(tag);
          found = true;
          return `${before}\u0000${tag}`;
        });
        if (!found) return line;
        notes.converted(lineAt(starts, segment.start) + index, 'inline #tag → frontmatter tags');
        // A line of nothing but tags was the note's tag list.
        if (rest.replace(/\u0000[^\s]+/g, '').trim() === '') return '';
        return rest.replace(/\u0000/g, '');
      })
      .join('\n');
  }
  return { body: out, tags };
}

/**
 * A block id on a line of its own (`^5c9b44` after a callout, a list or a formula, as
 * Obsidian writes it for blocks that are not paragraphs) as an anchor at that place, so
 * `[[note#^5c9b44]]` lands there; this site reads only the id ending a paragraph.
 */
export function standaloneBlockIds(body: string, notes: FileNotes): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  return lines
    .map((line, index) => {
      const id = fenced[index] ? null : /^([ \t]*(?:>[ \t]?)*[ \t]*)\^([A-Za-z0-9-]+)[ \t]*$/.exec(line);
      if (!id) return line;
      notes.converted(index + 1, 'block id on a line of its own → anchor');
      return `${id[1]}<a id="${id[2]}"></a>`;
    })
    .join('\n');
}

/**
 * `[[links]]` to notes kept out of Obsidian Publish (`publish: false`, imported as drafts):
 * Obsidian showed them as plain, unresolved text; this site's build would link to a page
 * it does not publish. They are written as their text.
 */
export function linksToUnpublished(body: string, unpublished: ReadonlySet<string>, notes: FileNotes): string {
  if (unpublished.size === 0) return body;
  const starts = lineStarts(body);
  return mapSegments(body, OBSIDIAN_MATH, 'prose', (prose, at) =>
    prose.replace(
      /(?<!!)\[\[([^\]|#\n]+)(#[^\]|\n]*)?(?:\|([^\]\n]*))?\]\]/g,
      (whole, name: string, _hash, label: string | undefined, offset: number) => {
        if (!unpublished.has(name.trim().toLowerCase())) return whole;
        notes.converted(
          lineAt(starts, at.start + offset),
          '[[link]] to an unpublished note (publish: false) → its text',
        );
        return label?.trim() || name.trim();
      },
    ),
  );
}

/**
 * `[[Lie/Lie Groups]]` in a note of a nested vault (a folder with its own `.obsidian/`):
 * Obsidian, opened on that vault, read the path from the nested vault's root. Here every
 * note is in one vault, so the path gets the nested vault's folder in front.
 */
export function nestedVaultPaths(body: string, page: SitePage, root: string): string {
  const segments = path.posix
    .dirname(page.rel)
    .split('/')
    .filter((part) => part !== '.');
  const vaults: string[] = [];
  for (let depth = segments.length; depth > 0; depth--) {
    const folder = segments.slice(0, depth).join('/');
    if (fs.existsSync(path.join(root, folder, '.obsidian'))) vaults.push(folder);
  }
  if (vaults.length === 0) return body;
  const isNote = (relative: string) =>
    fs.existsSync(path.join(root, relative.endsWith('.md') ? relative : `${relative}.md`));
  const starts = lineStarts(body);
  return mapSegments(body, OBSIDIAN_MATH, 'prose', (prose, at) =>
    prose.replace(
      /(!?\[\[)([^\]|#\n]*\/[^\]|#\n]*)(?=[\]|#])/g,
      (whole, open: string, target: string, offset: number) => {
        const name = target.trim().replace(/^\//, '');
        if (isNote(name)) return whole;
        const vault = vaults.find((folder) => isNote(`${folder}/${name}`));
        if (!vault) return whole;
        page.notes.converted(
          lineAt(starts, at.start + offset),
          "[[path]] from a nested vault's root → from the vault's root",
        );
        return `${open}${vault}/${name}`;
      },
    ),
  );
}

const unpublishedNames = new WeakMap<Site, Set<string>>();

function convert(page: SitePage, site: Site): void {
  let names = unpublishedNames.get(site);
  if (!names) {
    names = new Set(
      site.pages
        .filter((other) => other.fields.draft === true)
        .flatMap((other) => [path.posix.basename(other.rel).replace(/\.md$/i, ''), ...nameList(other.fields.aliases)])
        .map((name) => name.toLowerCase()),
    );
    unpublishedNames.set(site, names);
  }
  let body = nestedVaultPaths(page.body, page, site.root);
  body = linksToUnpublished(body, names, page.notes);
  body = standaloneBlockIds(body, page.notes);
  body = obsidianComments(body, page.notes);
  const tagged = inlineTags(body, page.notes);
  body = tagged.body;
  if (tagged.tags.length > 0) page.fields.tags = [...new Set([...nameList(page.fields.tags), ...tagged.tags])];
  body = escapedBracketsAsText(body, 'pandoc', page.notes);
  page.body = body;
  // A note is called by its file name, whatever its first heading says.
  if (page.fields.title === undefined) page.fields.title = path.posix.basename(page.rel).replace(/\.md$/i, '');
}

/** Obsidian finds a linked file by its name anywhere in the vault ("shortest path" links). */
function resolve(url: string, page: SitePage, site: Site): string | undefined {
  let name = url.split(/[?#]/)[0] ?? '';
  try {
    name = decodeURI(name);
  } catch {
    // As written.
  }
  const fromRoot = path.join(site.root, name.replace(/^\/+/, ''));
  if (fs.existsSync(fromRoot)) return fromRoot;
  const base = path.posix.basename(name).toLowerCase();
  const candidates = walkFilesCached(site.root).filter(
    (rel) => path.posix.basename(rel).toLowerCase() === base || path.posix.basename(rel).toLowerCase() === `${base}.md`,
  );
  if (candidates.length === 0) return undefined;
  const folder = path.dirname(page.source);
  return candidates
    .map((rel) => path.join(site.root, rel))
    .sort((a, b) => path.relative(folder, a).length - path.relative(folder, b).length)[0];
}

const walked = new Map<string, string[]>();
function walkFilesCached(root: string): string[] {
  let files = walked.get(root);
  if (!files) {
    files = walkFiles(root, (_dir, name) => name.startsWith('.'));
    walked.set(root, files);
  }
  return files;
}

export const obsidian: Converter = { tool: 'obsidian', read, convert, resolve };
