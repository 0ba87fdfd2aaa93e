/**
 * Hugo sites: `content/` (page bundles with their images, `_index.md` for sections),
 * `static/` served at the root, frontmatter in YAML, TOML or JSON, shortcodes.
 *
 * - `{{< figure src=… caption=… >}}` → `<figure>` with the image and its caption;
 *   `{{< katex >}}…{{< /katex >}}` and `{{< math >}}` → `$…$` (or `$$…$$` with `display`);
 *   `{{< highlight go "hl_lines=2-3" >}}` → fenced code with the lines marked;
 *   `{{< ref "x.md" >}}` / `{{< relref "x#y" >}}` → links to the converted page;
 *   `{{< youtube id >}}` → an embed; other shortcodes are reported and left as written;
 * - `/images/x.png` means `static/images/x.png` (copied with the page);
 * - a section's `_index.md` with text becomes the folder's page; an empty one (a listing)
 *   is skipped: this site lists pages itself;
 * - the old URL (`/posts/my-post/`, or the page's `url:`) becomes `redirect_from`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import YAML from 'yaml';
import { splitFrontmatter } from './frontmatter.ts';
import { lineAt, lineStarts } from './markdown-text.ts';
import type { FileNotes, ImportReport } from './report.ts';
import {
  isMarkdown,
  publishableSegment,
  sitePage,
  walkFiles,
  type Converter,
  type Site,
  type SitePage,
} from './site.ts';

interface HugoConfig {
  contentDir: string;
  staticDirs: string[];
}

function readConfig(source: string): HugoConfig {
  let config: Record<string, unknown> = {};
  for (const name of [
    'hugo.toml',
    'config.toml',
    'hugo.yaml',
    'hugo.yml',
    'config.yaml',
    'config.yml',
    'hugo.json',
    'config.json',
  ]) {
    const file = [path.join(source, name), path.join(source, 'config', '_default', name)].find((f) => fs.existsSync(f));
    if (!file) continue;
    const text = fs.readFileSync(file, 'utf8');
    config = (
      name.endsWith('.toml')
        ? parseToml(text)
        : name.endsWith('.json')
          ? JSON.parse(text)
          : YAML.parse(text, { logLevel: 'silent' })
    ) as Record<string, unknown>;
    break;
  }
  const staticDir = config.staticDir ?? 'static';
  return {
    contentDir: path.join(source, String(config.contentDir ?? 'content')),
    staticDirs: (Array.isArray(staticDir) ? staticDir : [staticDir]).map((dir) => path.join(source, String(dir))),
  };
}

function read(source: string, report: ImportReport): Site {
  const config = readConfig(source);
  const root = fs.existsSync(config.contentDir) ? config.contentDir : source;
  const pages: SitePage[] = [];
  for (const rel of walkFiles(root)) {
    if (!isMarkdown(rel)) continue;
    const file = path.join(root, rel);
    const split = splitFrontmatter(fs.readFileSync(file, 'utf8'));
    const name = path.posix.basename(rel);
    const folder = path.posix.dirname(rel);
    if (name === '_index.md' && split.body.trim() === '') {
      report.info(rel, 'skipped: a section listing without text (this site lists pages itself)');
      continue;
    }
    const segments = rel.split('/').map(publishableSegment);
    const dest =
      name === '_index.md'
        ? `${folder === '.' ? '' : `${folder}/`}index.md`
        : segments.join('/').replace(/\.(markdown|mdown)$/i, '.md');
    const fields = { ...split.data };
    const slug =
      typeof fields.slug === 'string'
        ? fields.slug
        : name === 'index.md' || name === '_index.md'
          ? ''
          : name.replace(/\.\w+$/, '');
    const section =
      folder === '.' ? '' : name === 'index.md' || name === '_index.md' ? path.posix.dirname(folder) : folder;
    const oldUrl =
      typeof fields.url === 'string'
        ? fields.url
        : `/${[section === '.' ? '' : section, slug || path.posix.basename(folder)].filter(Boolean).join('/')}/`;
    delete fields.url;
    pages.push(sitePage(file, rel, split, report, { dest, fields, oldUrls: oldUrl === '//' ? [] : [oldUrl] }));
  }
  return {
    tool: 'hugo',
    root,
    pages,
    series: [],
    macros: {},
    bibliography: [],
    math: { backslash: true, dollar: 'pandoc' },
    mathjax: true,
    ...{ config },
  } as Site;
}

/** A shortcode's arguments: `key="value"` pairs and positional values. */
export function shortcodeArguments(text: string): { named: Record<string, string>; positional: string[] } {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const match of text.matchAll(/(?:([\w-]+)\s*=\s*)?(?:"((?:\\.|[^"])*)"|`([^`]*)`|([^\s"`]+))/g)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (match[1]) named[match[1]] = value;
    else positional.push(value);
  }
  return { named, positional };
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const SHORTCODE = /\{\{([<%])\s*(\/?)\s*([\w./-]+)([\s\S]*?)\s*[>%]\}\}/g;

/** Hugo's shortcodes, converted where the site has an equivalent. */
export function hugoShortcodes(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  // Paired shortcodes first: their inner text is what they wrap.
  let out = body.replace(
    /\{\{[<%]\s*(katex|math|highlight)\b([^>%]*?)\s*[>%]\}\}([\s\S]*?)\{\{[<%]\s*\/\s*\1\s*[>%]\}\}/g,
    (_, name: string, args: string, inner: string, offset: number) => {
      const line = lineAt(starts, offset);
      const { named, positional } = shortcodeArguments(args);
      if (name === 'highlight') {
        const lines = /hl_lines\s*=\s*"?([\d\s-]+)/.exec(args)?.[1]?.trim().replace(/\s+/g, ',');
        notes.converted(line, '{{< highlight >}} → fenced code');
        return `\`\`\`${positional[0] ?? ''}${lines ? ` {${lines}}` : ''}\n${inner.replace(/^\n|\n$/g, '')}\n\`\`\``;
      }
      const display = positional.includes('display') || named.display === 'true' || /\n/.test(inner.trim());
      notes.converted(line, `{{< ${name} >}} → ${display ? '$$…$$' : '$…$'}`);
      return display ? `$$\n${inner.trim()}\n$$` : `$${inner.trim()}$`;
    },
  );
  // The paired ones kept their line count: lines of the new text are the source's.
  const afterPairs = lineStarts(out);
  out = out.replace(SHORTCODE, (whole, _kind: string, closing: string, name: string, args: string, offset: number) => {
    const line = lineAt(afterPairs, offset);
    const { named, positional } = shortcodeArguments(args);
    if (closing) return whole;
    if (name === 'figure') {
      const src = named.src ?? positional[0] ?? '';
      const caption = [named.title, named.caption].filter(Boolean).join(' — ');
      const size = ['width', 'height']
        .filter((key) => named[key])
        .map((key) => ` ${key}="${escapeAttribute(named[key]!)}"`)
        .join('');
      notes.converted(line, '{{< figure >}} → <figure>');
      const img = `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(named.alt ?? caption ?? '')}"${size}>`;
      const image = named.link ? `<a href="${escapeAttribute(named.link)}">${img}</a>` : img;
      return `<figure>${image}${caption ? `<figcaption>${escapeAttribute(caption)}</figcaption>` : ''}</figure>`;
    }
    if (name === 'ref' || name === 'relref') {
      notes.converted(line, `{{< ${name} >}} → link to the page`);
      // A path the import resolves below (by path, then by name, as Hugo does).
      const target = (positional[0] ?? named.path ?? '').replace(/^\//, '');
      const [file, hash] = target.split('#');
      return `/${file}?hugo-ref${hash ? `#${hash}` : ''}`;
    }
    if (name === 'youtube') {
      const id = named.id ?? positional[0] ?? '';
      notes.converted(line, '{{< youtube >}} → embed');
      return `<iframe src="https://www.youtube-nocookie.com/embed/${escapeAttribute(id)}" title="${escapeAttribute(named.title ?? 'YouTube video')}" width="560" height="315" allowfullscreen></iframe>`;
    }
    notes.notConverted(line, `Hugo shortcode {{< ${name} >}}`, `${whole.slice(0, 60)} (left as written)`);
    return whole;
  });
  return out;
}

function convert(page: SitePage): void {
  page.body = hugoShortcodes(page.body, page.notes);
}

/** `{{< ref >}}` targets (marked `?hugo-ref`) by path or name, and root paths into `static/` or the content folder. */
function resolve(url: string, page: SitePage, site: Site): string | undefined {
  const config = (site as Site & { config: HugoConfig }).config;
  if (url.includes('?hugo-ref')) {
    const target = url.split('?')[0]!.replace(/^\//, '');
    const byPath = site.pages.find(
      (other) =>
        other.rel === target ||
        other.rel === `${target}.md` ||
        other.rel === `${target}/index.md` ||
        other.rel === `${target}/_index.md`,
    );
    const byName = site.pages.find(
      (other) =>
        path.posix.basename(other.rel) === path.posix.basename(target) ||
        path.posix.basename(other.rel) === `${path.posix.basename(target)}.md`,
    );
    const relative = path.resolve(path.dirname(page.source), target);
    return byPath?.source ?? (fs.existsSync(relative) ? relative : byName?.source);
  }
  let address = url.split(/[?#]/)[0] ?? '';
  try {
    address = decodeURI(address);
  } catch {
    // As written.
  }
  if (!address.startsWith('/')) return undefined;
  for (const dir of [...config.staticDirs, site.root]) {
    const candidate = path.join(dir, address);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export const hugo: Converter = { tool: 'hugo', read, convert, resolve };
