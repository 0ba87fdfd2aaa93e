/**
 * The author's HTML in a page, tidied before it reaches the build, so that what the old
 * site showed without complaint does not arrive as warnings:
 * - `<a name="x" />` (XHTML's empty element) becomes `<a name="x"></a>`: an HTML parser
 *   reads `<a …/>` as left open, and the anchor would then swallow the rest of the block;
 * - attributes the site's allow-list (src/markdown/html-schema.ts) would remove (a theme's
 *   `class`, `frameborder`, `target`, `data-*`) and style declarations it would drop
 *   (margins, floats) are taken out here and listed in the import report instead;
 * - an `<iframe>` without a title gets one (its host), as screen readers need.
 * Elements the allow-list refuses (a `<script>`) are left for the build to report.
 */
import type { Html } from 'mdast';
import { find, html as htmlSpace } from 'property-information';
import { visit } from 'unist-util-visit';
import { articleHtmlSchema } from '../../src/markdown/html-schema.ts';
import { isVoidElement, safeStyle } from '../../src/markdown/rehype-author-html.ts';
import GithubSlugger from 'github-slugger';
import { fencedLines, lineAt, lineStarts } from './markdown-text.ts';
import { parseMarkdown } from './references.ts';
import type { FileNotes } from './report.ts';

const START_TAG = /<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;

type AllowEntry = string | [string, ...(string | RegExp)[]];

function allowed(tag: string, attribute: string, value: string): boolean {
  const property = find(htmlSpace, attribute).property;
  const entries = [
    ...((articleHtmlSchema.attributes?.[tag] ?? []) as AllowEntry[]),
    ...((articleHtmlSchema.attributes?.['*'] ?? []) as AllowEntry[]),
  ];
  return entries.some((entry) => {
    if (typeof entry === 'string') return entry === property;
    const [name, ...values] = entry;
    if (name !== property) return false;
    return value
      .split(/\s+/)
      .filter(Boolean)
      .every((part) =>
        values.some((allowedValue) =>
          typeof allowedValue === 'string' ? allowedValue === part : allowedValue.test(part),
        ),
      );
  });
}

const decodeURIComponentSafe = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

const unquote = (value: string) => value.replace(/^(["'])([\s\S]*)\1$/, '$2');

/** One start tag tidied, and what was changed in it. */
export function tidyTag(tag: string, attributes: string, selfClosed: boolean): { text: string; changes: string[] } {
  const name = tag.toLowerCase();
  const changes: string[] = [];
  const kept: string[] = [];
  let hasTitle = false;
  let src = '';
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    const [written, attribute, rawValue] = match as unknown as [string, string, string | undefined];
    const value = rawValue === undefined ? '' : unquote(rawValue);
    const lower = attribute.toLowerCase();
    if (lower === 'title') hasTitle = true;
    if (lower === 'src') src = value;
    // Event handlers and the like are the build's to refuse, loudly.
    if (lower.startsWith('on')) {
      kept.push(written);
      continue;
    }
    // md_in_html and kramdown's "parse Markdown inside": separateHtmlBlocks acts on it.
    if (lower === 'markdown') {
      kept.push(written);
      continue;
    }
    if (lower === 'style') {
      const style = safeStyle(value);
      if (style.removed.length > 0) changes.push(`style ${style.removed.join(', ')} on <${name}>`);
      if (style.kept) kept.push(`style="${style.kept.replace(/"/g, '&quot;')}"`);
      continue;
    }
    if (!allowed(name, lower, value)) {
      changes.push(`${lower} on <${name}>`);
      continue;
    }
    kept.push(written);
  }
  if (name === 'img' && !/(^|\s)alt\s*=/i.test(attributes)) {
    // What a screen reader would announce anyway: the file's name.
    const stem = decodeURIComponentSafe(src.split(/[?#]/)[0]!.split('/').pop() ?? '').replace(/\.[a-z0-9]+$/i, '');
    kept.push(`alt="${stem.replace(/"/g, '&quot;')}"`);
    changes.push('alt added to <img>');
  }
  if (name === 'iframe' && !hasTitle) {
    let host = 'embedded content';
    try {
      host = new URL(src, 'https://x.invalid').host || host;
    } catch {
      // Keep the generic title.
    }
    kept.push(`title="${host}"`);
    changes.push('title added to <iframe>');
  }
  const open = `<${tag}${kept.length ? ` ${kept.join(' ')}` : ''}>`;
  if (selfClosed && !isVoidElement(name)) {
    changes.push(`<${name} … /> closed`);
    return { text: `${open}</${tag}>`, changes };
  }
  return {
    text: selfClosed && kept.length === 0 ? `<${tag} />` : selfClosed ? open.replace(/>$/, ' />') : open,
    changes,
  };
}

/** The page with its HTML tidied; every change is noted with its line. */
export function tidyAuthorHtml(body: string, notes: FileNotes): string {
  const { tree, locate } = parseMarkdown(body);
  const ranges: [number, number][] = [];
  visit(tree, 'html', (node: Html) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) ranges.push(locate(start, end));
  });
  if (ranges.length === 0) return body;
  const starts = lineStarts(body);
  let out = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    out += body.slice(cursor, start);
    out += body
      .slice(start, end)
      .replace(START_TAG, (whole, tag: string, attributes: string, slash: string, offset: number) => {
        const { text, changes } = tidyTag(tag, attributes, slash === '/');
        for (const change of changes) {
          const removal = !change.endsWith('closed') && !/^(title|alt) added/.test(change);
          notes.converted(
            lineAt(starts, start + offset),
            `HTML: ${change}${removal ? ' removed (not allowed here)' : ''}`,
          );
        }
        return changes.length > 0 ? text : whole;
      })
      .replace(/[ \t]+$/gm, ''); // trailing spaces in HTML mean nothing; the page check refuses them
    cursor = end;
  }
  return out + body.slice(cursor);
}

const MARKDOWN_INSIDE = /<[A-Za-z][^>]*\smarkdown(\s*=\s*["']?(1|block|span)["']?)?[\s>\/]/;
const MARKDOWN_ATTRIBUTE = /(?<=<[A-Za-z][^>]*)\s+markdown(\s*=\s*["']?(1|block|span)["']?)?(?=[\s>\/])/g;

/** A line that ends an HTML element: a closing tag, an empty element, `<br>`, `-->`. */
const ENDS_ELEMENT = /(<\/[A-Za-z][\w-]*\s*>|<(br|hr|img|input|wbr)\b[^>]*>|\/>|-->)\s*$/i;

/**
 * Markdown written right under a line of HTML (`<br />` then `![fig](x.png)`, `</div>`
 * then a paragraph): kramdown, Python-Markdown, Pandoc and docsify-katex's pre-pass go back
 * to Markdown after the element, but a CommonMark HTML block runs to the next blank line
 * and would show that Markdown as raw text. A blank line is put between them. Returns the
 * lines a blank line was added after, to keep later notes at the lines as written.
 */
export function separateHtmlBlocks(
  body: string,
  notes: FileNotes,
  markdownInHtml: boolean,
): { body: string; addedAfter: number[] } {
  const { tree, locate } = parseMarkdown(body);
  const starts = lineStarts(body);
  const splits = new Set<number>();
  visit(tree, 'html', (node: Html) => {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined || (node.position?.start.column ?? 1) > 4) return;
    const [start, end] = locate(from, to);
    const [first, last] = [lineAt(starts, start), lineAt(starts, Math.max(start, end - 1))];
    const lines = body.split('\n').slice(first - 1, last);
    for (let at = 0; at < lines.length - 1; at++) {
      const next = lines[at + 1]!.trim();
      const line = lines[at]!;
      // An element that asks for Markdown inside (md_in_html's `markdown`, kramdown's
      // `markdown="1"`), or any element where the tool reads Markdown inside HTML (Pandoc).
      const opensMarkdown = MARKDOWN_INSIDE.test(line) || (markdownInHtml && /^\s*<[A-Za-z][^>]*>\s*$/.test(line));
      if ((ENDS_ELEMENT.test(line) || opensMarkdown) && next !== '' && !next.startsWith('<'))
        splits.add(first - 1 + at);
    }
  });
  const out: string[] = [];
  body.split('\n').forEach((line, index) => {
    out.push(line.replace(MARKDOWN_ATTRIBUTE, ''));
    if (splits.has(index)) {
      notes.converted(index + 1, 'Markdown right under an HTML line → separated by a blank line');
      out.push('');
    }
  });
  return { body: out.join('\n'), addedAfter: [...splits].map((index) => index + 1) };
}

const EMPTY_ANCHOR = /^[ \t]*<a\s+(?:name|id)\s*=\s*["']([^"']+)["']\s*(?:\/>|><\/a>)[ \t]*$/i;

/**
 * `<a name="limits"></a>` standing right above `## Limits`: the old site gave the heading
 * the same id (kramdown and GitHub slug headings too), so the anchor only doubles it, and
 * a page with one id twice fails the build's check. The anchor goes; links still land.
 */
export function redundantAnchors(body: string, notes: FileNotes): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  lines.forEach((line, index) => {
    const anchor = fenced[index] ? null : EMPTY_ANCHOR.exec(line);
    if (!anchor) return;
    let next = index + 1;
    while (next < lines.length && lines[next]!.trim() === '') next++;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(lines[next] ?? '');
    if (!heading) return;
    const explicit = /\{#([^}\s]+)\}\s*$/.exec(heading[1]!)?.[1];
    const id = explicit ?? new GithubSlugger().slug(heading[1]!.replace(/\{[#.][^}]*\}\s*$/, '').trim());
    if (id !== anchor[1] && id !== anchor[1]!.toLowerCase()) return;
    lines[index] = '';
    notes.converted(index + 1, '<a name> that repeats the heading id below it removed');
  });
  return lines.join('\n');
}

const EMPTY_LINK = /<a\s+href\s*=\s*["'](#?)([^"'\s]+)["']\s*(?:\/>|>\s*<\/a>)/gi;

/**
 * `<a href="#triplet-loss"></a>` (or `href="triplet-loss"`) before a paragraph, with
 * `[triplet loss](#triplet-loss)` elsewhere: a link with nothing to click, written where an anchor was meant (`name`
 * mistyped as `href`). The old site showed nothing and its links to it went nowhere; here it
 * becomes the anchor it was meant to be, unless a heading or element already has that id.
 */
export function emptyLinksAsAnchors(body: string, notes: FileNotes): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  const slugger = new GithubSlugger();
  const taken = new Set<string>();
  lines.forEach((line, index) => {
    if (fenced[index]) return;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const explicit = /\{#([^}\s]+)\}\s*$/.exec(heading[1]!)?.[1];
      taken.add(explicit ?? slugger.slug(heading[1]!.replace(/\{[#.][^}]*\}\s*$/, '').trim()));
    }
    for (const match of line.matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/gi)) taken.add(match[1]!);
  });
  return lines
    .map((line, index) =>
      fenced[index]
        ? line
        : line.replace(EMPTY_LINK, (whole, hash: string, id: string) => {
            // Without the `#` (`href="aging-evolution"`) only when the page links to `#aging-evolution`.
            if (taken.has(id) || (!hash && (!/^[\w-]+$/.test(id) || !body.includes(`(#${id})`)))) return whole;
            taken.add(id);
            notes.converted(index + 1, '<a href="#…"> with no text (an anchor written as a link) → <a id>');
            return `<a id="${id}"></a>`;
          }),
    )
    .join('\n');
}
