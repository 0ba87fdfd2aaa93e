/**
 * Another tool's Markdown read as text, for the converters. What they rewrite (Liquid tags,
 * admonitions, kramdown's attribute lines, escaped brackets) is syntax our Markdown parser
 * does not know, so it cannot be found in a syntax tree; but it must never be rewritten
 * inside code or inside a formula. This module says which lines are fenced code and which
 * stretches of the rest are inline code, comments, formulas or prose, under the math rules
 * of the tool the notes were written for.
 */

/** How the source tool delimits formulas. */
export interface MathSyntax {
  /** `\(…\)` and `\[…\]` are formulas (MathJax, arithmatex), not escaped brackets. */
  backslash: boolean;
  /**
   * When `$…$` is a formula. `pandoc`: the opening `$` is followed by a non-space and the
   * closing one follows a non-space and is not followed by a digit (Pandoc, Quarto,
   * Obsidian, MathJax setups, this site). `loose`: any pair on a line, spaces allowed
   * inside (docsify-katex, `$ x $`). `none`: single dollars are text (kramdown).
   */
  dollar: 'pandoc' | 'loose' | 'none';
  /** `$$…$$` is not a formula either (for text that is read before any Markdown: Liquid). */
  noDisplay?: boolean;
}

export type SegmentKind = 'prose' | 'code' | 'comment' | 'math';

export interface Segment {
  kind: SegmentKind;
  /** Offsets into the text. */
  start: number;
  end: number;
  /** For math: the delimiters as written (`$`, `$$`, `\(`, `\[`). */
  open?: string;
  close?: string;
}

const FENCE = /^([ \t]*(?:>[ \t]?)*[ \t]*)(`{3,}|~{3,})/;

/** For each line, whether it is part of fenced code (the fence lines included). */
export function fencedLines(lines: readonly string[]): boolean[] {
  const fenced: boolean[] = [];
  let open: string | undefined;
  for (const line of lines) {
    const match = FENCE.exec(line);
    const marker = match?.[2];
    const rest = match ? line.slice(match[0].length) : '';
    if (open) {
      fenced.push(true);
      if (marker && marker[0] === open[0] && marker.length >= open.length && rest.trim() === '') open = undefined;
      continue;
    }
    // A backtick fence's info string may not contain a backtick (that is inline code).
    if (marker && !(marker[0] === '`' && rest.includes('`'))) {
      open = marker;
      fenced.push(true);
      continue;
    }
    fenced.push(false);
  }
  return fenced;
}

/** Offsets at which each line starts (one more entry: the end of the text). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  starts.push(text.length + 1);
  return starts;
}

/** The 1-based line of an offset. */
export function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);

/** Where a blank line (end of a paragraph) comes after `from`, or the end. */
function paragraphEnd(text: string, from: number, end: number): number {
  const blank = /\n[ \t>]*\n/g;
  blank.lastIndex = from;
  const match = blank.exec(text);
  return match && match.index < end ? match.index : end;
}

/**
 * The text cut into prose, code, comments and formulas. Fenced code is found by lines;
 * inline code, `<!-- comments -->` and formulas by scanning the rest, as a Markdown
 * reader would: backslash escapes are skipped, a code span or an inline formula does not
 * cross a blank line.
 */
export function segments(text: string, syntax: MathSyntax): Segment[] {
  const lines = text.split('\n');
  const fenced = fencedLines(lines);
  const starts = lineStarts(text);
  const out: Segment[] = [];
  const push = (kind: SegmentKind, start: number, end: number, open?: string, close?: string) => {
    if (end <= start) return;
    const last = out.at(-1);
    if (last && last.kind === kind && kind !== 'math' && last.end === start) last.end = end;
    else out.push({ kind, start, end, ...(open !== undefined && close !== undefined ? { open, close } : {}) });
  };
  let index = 0;
  while (index < lines.length) {
    const from = starts[index]!;
    let next = index;
    const isFenced = fenced[index]!;
    while (next < lines.length && fenced[next] === isFenced) next++;
    const to = Math.min(starts[next]!, text.length);
    if (isFenced) push('code', from, to);
    else scanFlow(text, from, to, syntax, push);
    index = next;
  }
  return out;
}

function scanFlow(
  text: string,
  start: number,
  end: number,
  syntax: MathSyntax,
  push: (kind: SegmentKind, start: number, end: number, open?: string, close?: string) => void,
) {
  let prose = start;
  let i = start;
  const take = (kind: SegmentKind, from: number, to: number, open?: string, close?: string) => {
    push('prose', prose, from);
    push(kind, from, to, open, close);
    prose = to;
    i = to;
  };
  while (i < end) {
    const char = text[i]!;
    if (char === '\\') {
      const after = text[i + 1];
      if (syntax.backslash && (after === '(' || after === '[')) {
        const closer = after === '(' ? '\\)' : '\\]';
        const limit = after === '(' ? paragraphEnd(text, i, end) : end;
        const close = findUnescaped(text, closer, i + 2, limit);
        if (close >= 0) {
          take('math', i, close + 2, `\\${after}`, closer);
          continue;
        }
      }
      i += 2;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(text.slice(i, i + 64))![0];
      const limit = paragraphEnd(text, i, end);
      let search = i + run.length;
      let close = -1;
      while (search < limit) {
        const found = text.indexOf(run, search);
        if (found < 0 || found >= limit) break;
        if (text[found + run.length] !== '`' && text[found - 1] !== '`') {
          close = found;
          break;
        }
        search = found + 1;
        while (text[search] === '`') search++;
      }
      if (close >= 0) take('code', i, close + run.length);
      else i += run.length;
      continue;
    }
    if (char === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const to = close >= 0 && close < end ? close + 3 : end;
      take('comment', i, to);
      continue;
    }
    if (char === '$') {
      if (text[i + 1] === '$' && syntax.noDisplay) {
        i += 2;
        continue;
      }
      if (text[i + 1] === '$') {
        const close = findUnescaped(text, '$$', i + 2, end);
        if (close >= 0) {
          take('math', i, close + 2, '$$', '$$');
          continue;
        }
        i += 2;
        continue;
      }
      if (syntax.dollar !== 'none') {
        const close = closingDollar(text, i, paragraphEnd(text, i, end), syntax.dollar);
        if (close >= 0) {
          take('math', i, close + 1, '$', '$');
          continue;
        }
      }
      i++;
      continue;
    }
    i++;
  }
  push('prose', prose, end);
}

/** The next `needle` at or after `from`, before `limit`, that is not part of an escape. */
function findUnescaped(text: string, needle: string, from: number, limit: number): number {
  let i = from;
  while (i + needle.length <= limit) {
    if (text.startsWith(needle, i)) return i;
    // `\\`, `\$`, `\{`: an escape pair is never (the start of) a delimiter.
    i += text[i] === '\\' ? 2 : 1;
  }
  return -1;
}

/** The closing `$` of an inline formula opened at `open`, or -1. */
function closingDollar(text: string, open: number, limit: number, rule: 'pandoc' | 'loose'): number {
  if (rule === 'pandoc' && isSpace(text[open + 1])) return -1;
  if (text[open + 1] === '$' || open + 1 >= limit) return -1;
  let i = open + 1;
  while (i < limit) {
    const char = text[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '$') {
      // `$a$$$b$$`: the inline formula closes where a display one opens.
      if (text[i + 1] === '$' && text[i + 2] === '$' && i > open + 1 && !isSpace(text[i - 1])) return i;
      if (text[i + 1] === '$') return -1;
      if (rule === 'loose') return i > open + 1 ? i : -1;
      if (!isSpace(text[i - 1]) && !/\d/.test(text[i + 1] ?? '')) return i;
      return -1;
    }
    i++;
  }
  return -1;
}

/** The text with each segment of a kind replaced by what `change` makes of it. */
export function mapSegments(
  text: string,
  syntax: MathSyntax,
  kind: SegmentKind,
  change: (segment: string, at: Segment) => string,
): string {
  let out = '';
  for (const segment of segments(text, syntax)) {
    const value = text.slice(segment.start, segment.end);
    out += segment.kind === kind ? change(value, segment) : value;
  }
  return out;
}

/** The text with its prose (not code, comments or formulas) changed. */
export function mapProse(text: string, syntax: MathSyntax, change: (prose: string, at: Segment) => string): string {
  return mapSegments(text, syntax, 'prose', change);
}

/** Calls `change` for each line outside fenced code; a line it returns `null` for is dropped. */
export function mapLines(
  text: string,
  change: (line: string, index: number, lines: readonly string[]) => string | null,
): string {
  const lines = text.split('\n');
  const fenced = fencedLines(lines);
  const out: string[] = [];
  lines.forEach((line, index) => {
    if (fenced[index]) {
      out.push(line);
      return;
    }
    const changed = change(line, index, lines);
    if (changed !== null) out.push(changed);
  });
  return out.join('\n');
}
