/**
 * Jekyll sites (kramdown + MathJax): `_posts/YYYY-MM-DD-title.md` and `_drafts/`, pages
 * with frontmatter elsewhere, `_config.yml` for the base URL and the permalink style.
 *
 * - Liquid: `{% highlight x %}` → fenced code, `{% raw %}` unwrapped, `{% comment %}`
 *   dropped, `{% post_url … %}`, `{% link … %}`, `{{ site.baseurl }}` and the
 *   `relative_url`/`absolute_url` filters → paths that the import then points at the
 *   converted article or the copied file. Any other Liquid is reported, not guessed.
 * - kramdown: attribute lines `{: … }` dropped, or kept where they mean something to a
 *   reader (an image's width, centring: the image becomes HTML with them); `{:toc}` and its
 *   `* TOC` line removed; `{:target="_blank"}` after a link removed.
 * - Math: kramdown's `$$` inside a sentence is inline (`$…$`); a single `$` is a dollar
 *   sign (escaped); `\[`, `\(` are escaped brackets.
 * - Old addresses (the permalink style, `permalink:`) become `redirect_from`.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { safeStyle } from '../../src/markdown/rehype-author-html.ts';
import { splitFrontmatter, nameList, normaliseDate, type Fields } from './frontmatter.ts';
import { fencedLines, lineAt, lineStarts, mapSegments } from './markdown-text.ts';
import { escapedBracketsAsText, kramdownInlineMath } from './math.ts';
import type { FileNotes, ImportReport } from './report.ts';
import { destPath, isMarkdown, sitePage, walkFiles, type Converter, type Site, type SitePage } from './site.ts';

const POST_NAME = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.(md|markdown|mdown)$/i;

const PERMALINK_STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

interface JekyllConfig {
  baseurl: string;
  url: string;
  permalink: string;
  exclude: string[];
}

function readConfig(root: string): JekyllConfig {
  const file = ['_config.yml', '_config.yaml'].map((name) => path.join(root, name)).find((f) => fs.existsSync(f));
  const raw = (file ? YAML.parse(fs.readFileSync(file, 'utf8'), { logLevel: 'silent' }) : {}) as Record<
    string,
    unknown
  > | null;
  const config = raw ?? {};
  return {
    baseurl: String(config.baseurl ?? '').replace(/\/+$/, ''),
    url: String(config.url ?? '').replace(/\/+$/, ''),
    permalink: String(config.permalink ?? 'date'),
    exclude: nameList(config.exclude),
  };
}

/** The URL Jekyll gave a post, from the permalink style, without the base URL. */
export function postUrl(pattern: string, date: string, title: string, categories: string[]): string {
  const [year = '', month = '', day = ''] = date.slice(0, 10).split('-');
  const template = PERMALINK_STYLES[pattern] ?? pattern;
  const url = template
    .replace(':categories', categories.map((c) => c.toLowerCase().replace(/\s+/g, '-')).join('/'))
    .replace(':year', year)
    .replace(':month', month)
    .replace(':i_month', String(Number(month)))
    .replace(':day', day)
    .replace(':i_day', String(Number(day)))
    .replace(':short_year', year.slice(2))
    .replace(':title', title)
    .replace(':slug', title)
    .replace(':output_ext', '.html');
  return url.replace(/\/{2,}/g, '/');
}

/** Reads the site: posts, drafts and the pages that have frontmatter (the rest is static). */
function read(source: string, report: ImportReport): Site {
  const config = readConfig(source);
  const pages: SitePage[] = [];
  const skip = (dir: string, name: string) =>
    (dir === '' && (name.startsWith('_') ? !['_posts', '_drafts'].includes(name) : config.exclude.includes(name))) ||
    ['vendor', '_site', '.jekyll-cache', '.sass-cache'].includes(name);
  for (const rel of walkFiles(source, skip)) {
    if (!isMarkdown(rel) || config.exclude.includes(rel)) continue;
    const file = path.join(source, rel);
    const split = splitFrontmatter(fs.readFileSync(file, 'utf8'));
    const fields: Fields = { ...split.data };
    const segments = rel.split('/');
    const inPosts = segments[0] === '_posts' || segments[0] === '_drafts';
    // Outside _posts, Jekyll renders only files with frontmatter; the rest it copies as they are.
    if (!inPosts && !fs.readFileSync(file, 'utf8').startsWith('---')) continue;
    if (!inPosts && split.body.trim() === '') {
      report.info(rel, 'skipped: a page without text (a listing made by its layout; this site makes its own)');
      continue;
    }
    let dest = destPath(rel, true);
    const oldUrls: string[] = [];
    const name = POST_NAME.exec(segments.at(-1)!);
    if (inPosts && name) {
      const [, year, month, day, title] = name;
      const fileDate = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
      if (normaliseDate(fields.date) === undefined) fields.date = fileDate;
      dest = [segments[0] === '_drafts' ? 'drafts' : 'posts', ...segments.slice(1, -1), `${title}.md`].join('/');
      const categories = nameList(fields.categories ?? fields.category);
      oldUrls.push(
        postUrl(
          String(fields.permalink ?? config.permalink),
          String(normaliseDate(fields.date) ?? fileDate),
          title!,
          categories,
        ),
      );
    } else if (inPosts) {
      dest = [segments[0] === '_drafts' ? 'drafts' : 'posts', ...segments.slice(1)]
        .join('/')
        .replace(/\.(markdown|mdown)$/i, '.md');
    } else if (typeof fields.permalink === 'string') oldUrls.push(fields.permalink);
    else oldUrls.push(`/${rel.replace(/\.(md|markdown|mdown)$/i, '.html')}`);
    if (segments[0] === '_drafts') fields.draft = true;
    if (typeof fields.permalink === 'string' && !oldUrls.includes(fields.permalink)) oldUrls.push(fields.permalink);
    delete fields.permalink;
    const notes = report.forFile(rel, split.bodyLine);
    if (split.error) notes.notConverted(1 - split.bodyLine + 1, 'frontmatter that is not YAML', split.error.message);
    pages.push(
      sitePage(file, rel, split, report, {
        dest,
        fields,
        notes,
        oldUrls: oldUrls.filter((url) => url !== '/index.html'),
      }),
    );
  }
  const site: Site & { config: JekyllConfig } = {
    tool: 'jekyll',
    root: source,
    pages,
    series: [],
    macros: {},
    bibliography: [],
    math: { backslash: false, dollar: 'none' },
    mathjax: true,
    config,
  };
  return site;
}

const LIQUID_MATH = { backslash: false, dollar: 'none' } as const;

/** `{% highlight x linenos %}` … `{% endhighlight %}` → a fenced block; `{% raw %}` unwrapped. */
export function liquidBlocks(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  let out = body.replace(
    /\{%-?\s*highlight\s+([\w+#.-]+)?([^%]*?)-?%\}([\s\S]*?)\{%-?\s*endhighlight\s*-?%\}/g,
    (_, lang: string | undefined, options: string, code: string, offset: number) => {
      notes.converted(lineAt(starts, offset), '{% highlight %} → fenced code');
      const fence = code.includes('```') ? '~~~~' : '```';
      const marks = /hl_lines="?([\d\s-]+)"?/.exec(options)?.[1]?.trim().replace(/\s+/g, ',');
      const info = `${lang ?? ''}${marks ? ` {${marks}}` : ''}`;
      const inner = code.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
      return `${fence}${info}\n${inner}\n${fence}`;
    },
  );
  const afterHighlight = lineStarts(out);
  out = out.replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, (whole, offset: number) => {
    notes.converted(lineAt(afterHighlight, offset), '{% comment %} dropped');
    return '\n'.repeat((whole.match(/\n/g) ?? []).length);
  });
  const afterComments = lineStarts(out);
  out = out.replace(/\{%-?\s*(end)?raw\s*-?%\}/g, (_, _end, offset: number) => {
    notes.converted(lineAt(afterComments, offset), '{% raw %} unwrapped');
    return '';
  });
  return out;
}

/**
 * Liquid that makes URLs: `{{ site.baseurl }}`, `{% post_url name %}`, `{% link path %}`,
 * `{{ '/x' | relative_url }}`. Each becomes a root path of the old site (`/_posts/…md`,
 * `/assets/…`), which the import points at the converted page or the copied file.
 */
export function liquidUrls(body: string, posts: Map<string, string>, notes: FileNotes): string {
  const starts = lineStarts(body);
  // Jekyll runs Liquid before kramdown sees any formula: only code is out of its reach here.
  return mapSegments(body, { ...LIQUID_MATH, noDisplay: true }, 'prose', (prose, at) => {
    const line = (offset: number) => lineAt(starts, at.start + offset);
    let text = prose.replace(/\{\{\s*site\.url\s*\}\}\s*/g, '');
    text = text.replace(
      /\{\{-?\s*(["'])([^"']*)\1\s*\|\s*(relative_url|absolute_url|prepend:\s*site\.baseurl)\s*-?\}\}/g,
      (_, _q, url: string, _f, offset: number) => {
        notes.converted(line(offset), '{{ … | relative_url }} → path');
        return url;
      },
    );
    text = text
      .replace(/\{\{-?\s*site\.baseurl\s*-?\}\}\s*(?=\{%|\/)/g, '')
      .replace(/\{\{-?\s*site\.baseurl\s*-?\}\}/g, '/');
    text = text.replace(/\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}/g, (whole, name: string, offset: number) => {
      const file = posts.get(name.replace(/\.(md|markdown)$/i, ''));
      if (!file) {
        notes.notConverted(line(offset), '{% post_url %} to a post that does not exist', name);
        return whole;
      }
      notes.converted(line(offset), '{% post_url %} → link to the article');
      return `/${file}`;
    });
    text = text.replace(/\{%-?\s*link\s+([^\s%]+)\s*-?%\}/g, (_, target: string, offset: number) => {
      notes.converted(line(offset), '{% link %} → link to the page');
      return `/${target.replace(/^\//, '')}`;
    });
    for (const match of text.matchAll(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g)) {
      notes.notConverted(
        line(prose.indexOf(match[0])),
        'Liquid the import cannot evaluate',
        `${match[0].slice(0, 60)} (left as written)`,
      );
    }
    return text;
  });
}

interface Attributes {
  classes: string[];
  id: string | undefined;
  style: string | undefined;
  others: string[];
}

/** A kramdown attribute list: `.class`, `#id`, `key="value"`. */
function parseAttributes(list: string): Attributes {
  const attributes: Attributes = { classes: [], id: undefined, style: undefined, others: [] };
  for (const match of list.matchAll(/([\w-]+)\s*=\s*("([^"]*)"|'([^']*)'|(\S+))|\.([\w-]+)|#([\w-]+)/g)) {
    if (match[6]) attributes.classes.push(match[6]);
    else if (match[7]) attributes.id = match[7];
    else {
      const key = match[1]!;
      const value = match[3] ?? match[4] ?? match[5] ?? '';
      if (key === 'class') attributes.classes.push(...value.split(/\s+/).filter(Boolean));
      else if (key === 'style') attributes.style = value;
      else if (key === 'id') attributes.id = value;
      else attributes.others.push(key);
    }
  }
  return attributes;
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const IMAGE_LINE = /^\s*!\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]+)>?(?:\s+"([^"]*)")?\s*\)\s*$/;

/**
 * kramdown's attribute lists. A line `{: … }` ends the paragraph above it and styles it
 * (or the block below): dropped, unless it sizes or centres an image standing alone, which
 * then becomes `<img>` with that width (in a centred paragraph). `{:toc}` and the `* TOC`
 * list item it replaces are removed; `{:target="_blank"}` and other attribute lists after
 * a span are removed. Lines are kept (blank), so the paragraphs stay as kramdown made them.
 */
export function kramdownAttributes(body: string, notes: FileNotes): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  lines.forEach((line, index) => {
    if (fenced[index]) return;
    const block = /^\s{0,3}\{:\s*(.*?)\s*\}\s*$/.exec(line);
    if (!block) {
      if (/\{:[^}]*\}/.test(line)) {
        notes.converted(index + 1, 'kramdown span attributes {: …} removed');
        lines[index] = line.replace(/\{:[^}]*\}/g, '');
      }
      return;
    }
    lines[index] = '';
    const list = block[1]!;
    if (/^\.?toc$/i.test(list)) {
      notes.converted(index + 1, '{:toc} and its * TOC line removed');
      for (let back = index - 1; back >= 0 && back >= index - 2; back--) {
        if (/^\s*([*+-]|1\.)\s+TOC\s*$/.test(lines[back]!) || /^\s{0,3}\{:.*\}\s*$/.test(lines[back]!))
          lines[back] = '';
        else break;
      }
      return;
    }
    const attributes = parseAttributes(list);
    const image = IMAGE_LINE.exec(lines[index - 1] ?? '');
    const centred = attributes.classes.includes('center') || /text-align:\s*center/.test(attributes.style ?? '');
    const sized = safeStyle(attributes.style ?? '').kept;
    const above = (lines[index - 2] ?? '').trim();
    if (image && (above === '' || /^<br\s*\/?>$/i.test(above)) && (centred || sized)) {
      const [, alt, url, title] = image;
      const style = sized ? ` style="${escapeAttribute(sized.replace(/;?\s*$/, ';'))}"` : '';
      const img = `<img src="${escapeAttribute(url!)}" alt="${escapeAttribute(alt!.replace(/\\(.)/g, '$1'))}"${title ? ` title="${escapeAttribute(title)}"` : ''}${style}>`;
      lines[index - 1] = centred ? `<p align="center">${img}</p>` : img;
      notes.converted(index, 'image with kramdown width/centring → <img> with that style');
      return;
    }
    notes.converted(index + 1, 'kramdown attribute line {: …} dropped (styling of the old theme)');
  });
  return lines.join('\n');
}

/** A single `$` is a dollar sign in kramdown; this site would pair them into formulas. */
export function kramdownDollars(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  return mapSegments(body, LIQUID_MATH, 'prose', (prose, at) =>
    prose.replace(/(?<![\\$])\$(?!\$)/g, (_, offset: number) => {
      notes.converted(lineAt(starts, at.start + offset), 'single $ (a dollar sign in kramdown) escaped');
      return '\\$';
    }),
  );
}

/**
 * kramdown reads `\)` in a link's address as a parenthesis (`…S1364-6613(19\)30061-0)`);
 * CommonMark would see unbalanced parentheses and no link. They are written plain when
 * that balances them, else as `%28`/`%29`.
 */
export function escapedParenthesesInLinks(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  return mapSegments(body, LIQUID_MATH, 'prose', (prose, at) =>
    prose.replace(/\]\(([^\s()]*(?:\\[()][^\s()]*|\([^\s()]*\))+[^\s()]*)\)/g, (whole, url: string, offset: number) => {
      if (!/\\[()]/.test(url)) return whole;
      notes.converted(lineAt(starts, at.start + offset), 'escaped parenthesis in a link address made plain');
      const plain = url.replace(/\\([()])/g, '$1');
      let depth = 0;
      for (const char of plain) if ((depth += char === '(' ? 1 : char === ')' ? -1 : 0) < 0) break;
      return `](${depth === 0 ? plain : url.replace(/\\\(/g, '%28').replace(/\\\)/g, '%29')})`;
    }),
  );
}

function convert(page: SitePage, site: Site): void {
  const posts = new Map<string, string>();
  for (const other of site.pages) {
    const name = POST_NAME.exec(path.posix.basename(other.rel));
    if (name && other.rel.startsWith('_posts/')) {
      posts.set(path.posix.basename(other.rel).replace(/\.(md|markdown|mdown)$/i, ''), other.rel);
      posts.set(other.rel.replace(/^_posts\//, '').replace(/\.(md|markdown|mdown)$/i, ''), other.rel);
    }
  }
  let body = liquidBlocks(page.body, page.notes);
  body = liquidUrls(body, posts, page.notes);
  body = kramdownAttributes(body, page.notes);
  body = escapedParenthesesInLinks(body, page.notes);
  body = escapedBracketsAsText(body, 'none', page.notes);
  body = kramdownDollars(body, page.notes);
  body = kramdownInlineMath(body, page.notes);
  page.body = body;
}

/** Root paths of the old site (`/assets/x.png`, `/_posts/…`), and its permalinks, on disk. */
function resolve(url: string, _page: SitePage, site: Site): string | undefined {
  const config = (site as Site & { config: JekyllConfig }).config;
  let address = url.split(/[?#]/)[0] ?? '';
  try {
    address = decodeURI(address);
  } catch {
    // As written.
  }
  if (config.url && address.startsWith(config.url)) address = address.slice(config.url.length);
  if (!address.startsWith('/')) return undefined;
  if (config.baseurl && (address === config.baseurl || address.startsWith(`${config.baseurl}/`)))
    address = address.slice(config.baseurl.length) || '/';
  const onDisk = path.join(site.root, address);
  if (fs.existsSync(onDisk)) return onDisk;
  const byUrl = site.pages.find((other) =>
    other.oldUrls.some((old) => old === address || old === address.replace(/\/$/, '.html') || `${old}/` === address),
  );
  return byUrl?.source;
}

export const jekyll: Converter = { tool: 'jekyll', read, convert, resolve };
