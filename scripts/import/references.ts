/**
 * Every file a page points at: Markdown links, images and link definitions (found in the
 * syntax tree, so code and formulas never count), `src`/`href` in the author's HTML, and
 * Obsidian's `![[embeds]]`. Each is located exactly in the text, so the import can point
 * it at the converted page or the copied file without touching anything around it.
 */
import type { Definition, Html, Image, Link, Root, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { displayMathLines, originalPoint } from '../../src/markdown/display-math-lines.ts';
import remarkEquationIds from '../../src/markdown/remark-equation-ids.ts';
import remarkMathDelimiters from '../../src/markdown/remark-math-delimiters.ts';
import { lineAt, lineStarts } from './markdown-text.ts';

export type ReferenceKind = 'link' | 'image' | 'html' | 'embed';

export interface Reference {
  kind: ReferenceKind;
  /** The address as written (for an embed, the note or file name). */
  url: string;
  /** Where the address is in the text. */
  start: number;
  end: number;
  /** 1-based line of the address. */
  line: number;
  /** The address was written in angle brackets (`[a](<my file.png>)`). */
  angled: boolean;
}

// remark-equation-ids for its tokenizer: a closing `$$ {#eq-x}` ends the block, as in the render.
const parser = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkEquationIds)
  .use(remarkMathDelimiters);

export interface ParsedMarkdown {
  tree: Root;
  /** The offset in the text as written of an offset in the tree's positions. */
  original(offset: number): number;
  /**
   * Where a node's text (tree offsets) is in the text as written: found near the mapped
   * place, since a line split for display math may have lost a space at its start.
   */
  locate(from: number, to: number): [number, number];
}

/**
 * Markdown as this site's parser reads it: display math made MathJax-style first
 * (src/markdown/display-math-lines.ts, as the article renderer does, or a `$$` written on
 * a line of text would swallow the rest of the page), then GFM, `$`/`$$`, `\\(`/`\\[`.
 * Positions are mapped back to the text as written.
 */
export function parseMarkdown(markdown: string): ParsedMarkdown {
  const normalised = displayMathLines(markdown);
  if (!normalised)
    return { tree: parser.parse(markdown) as Root, original: (offset) => offset, locate: (from, to) => [from, to] };
  const starts = lineStarts(normalised.text);
  const originalStarts = lineStarts(markdown);
  const original = (offset: number) => {
    const line = lineAt(starts, offset);
    const point = originalPoint(normalised.origins, { line, column: offset - starts[line - 1]! + 1 });
    return (originalStarts[point.line - 1] ?? markdown.length) + point.column - 1;
  };
  return {
    tree: parser.parse(normalised.text) as Root,
    original,
    locate(from, to) {
      const snippet = normalised.text.slice(from, to);
      const guess = original(from);
      const found = markdown.indexOf(snippet, Math.max(0, guess - 8));
      return found >= 0 && found - guess < 16 ? [found, found + snippet.length] : [guess, original(to)];
    },
  };
}

/** The index after the `]` that closes the `[` at `open`, or -1. */
function closingBracket(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      if (close > 0 && close < limit) i = close + run.length - 1;
      continue;
    }
    if (char === '[') depth++;
    else if (char === ']' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The destination right after `(` at `at`: its range and whether it is in `<…>`. */
function destination(
  text: string,
  at: number,
  limit: number,
): { start: number; end: number; angled: boolean } | undefined {
  let i = at;
  while (i < limit && /[ \t\n]/.test(text[i]!)) i++;
  if (text[i] === '<') {
    const close = text.indexOf('>', i + 1);
    return close > 0 && close < limit ? { start: i + 1, end: close, angled: true } : undefined;
  }
  const start = i;
  let depth = 0;
  for (; i < limit; i++) {
    const char = text[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (/\s/.test(char)) break;
    if (char === '(') depth++;
    else if (char === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return { start, end: i, angled: false };
}

const EMBED = /!\[\[([^\]|#\n]+)/g;
const HTML_URL = /\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** The references of a Markdown text, in order. */
export function findReferences(markdown: string): Reference[] {
  const { tree, locate } = parseMarkdown(markdown);
  const found: Reference[] = [];
  const lineOf = (offset: number) => markdown.slice(0, offset).split('\n').length;
  const add = (kind: ReferenceKind, start: number, end: number, angled = false) => {
    found.push({ kind, url: markdown.slice(start, end), start, end, line: lineOf(start), angled });
  };

  visit(tree, (node) => {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) return;
    const [start, end] = locate(from, to);
    if (node.type === 'link' || node.type === 'image') {
      const inline = node as Link | Image;
      const open = node.type === 'image' ? start + 1 : start;
      if (markdown[open] !== '[') return;
      const close = closingBracket(markdown, open, end);
      // Reference-style links and autolinks have no destination here.
      if (close < 0 || markdown[close] !== '(') return;
      const range = destination(markdown, close + 1, end);
      if (range && range.end > range.start) add(node.type, range.start, range.end, range.angled);
      else if (range && inline.url === '') return;
    } else if (node.type === 'definition') {
      const definition = node as Definition;
      const colon = markdown.indexOf(']:', start);
      if (colon < 0 || colon > end) return;
      const range = destination(markdown, colon + 2, end);
      if (range && range.end > range.start && definition.url) add('link', range.start, range.end, range.angled);
    } else if (node.type === 'html') {
      // The source, not the value: in a list or a quote the value lacks the line prefixes.
      if (!(node as Html).value) return;
      for (const match of markdown.slice(start, end).matchAll(HTML_URL)) {
        const written = match[2] ?? match[3] ?? match[4] ?? '';
        const offset = start + match.index + match[0].length - written.length - (match[4] === undefined ? 1 : 0);
        add('html', offset, offset + written.length);
      }
    } else if (node.type === 'text') {
      const value = (node as Text).value;
      if (!value.includes('![[')) return;
      // Text nodes hold the characters as written here (no escapes in an embed name).
      const source = markdown.slice(start, end);
      for (const match of source.matchAll(EMBED)) {
        const offset = start + match.index + 3;
        add('embed', offset, offset + match[1]!.trimEnd().length);
      }
    }
  });
  return found.sort((a, b) => a.start - b.start);
}

/** The text with each reference that `change` gives a new address replaced. */
export function replaceReferences(
  markdown: string,
  references: readonly Reference[],
  change: (reference: Reference) => string | undefined,
): string {
  let out = markdown;
  for (const reference of [...references].sort((a, b) => b.start - a.start)) {
    const next = change(reference);
    if (next === undefined || next === reference.url) continue;
    // A Markdown destination with spaces or parentheses needs angle brackets.
    const written =
      (reference.kind === 'link' || reference.kind === 'image') && !reference.angled && /[\s()<>]/.test(next)
        ? `<${next}>`
        : next;
    out = out.slice(0, reference.start) + written + out.slice(reference.end);
  }
  return out;
}
