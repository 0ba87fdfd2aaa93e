/**
 * Display math the way MathJax, Obsidian and Typora users write it, made into the form the
 * Markdown parser reads: `$$` fences on lines of their own.
 *
 * remark-math's display math needs `$$` alone on a line: TeX on the opening line is taken
 * as "meta" and dropped, TeX before the closing `$$` (`\end{aligned}$$`) or anything after
 * it (`$$<br/>`, `$$ {#eq-x}`, `$$.`) leaves the block open, and it then swallows every
 * line to the end of the article, the next `$$` closing it and opening the next one out of
 * step: prose rendered as math and math as prose. Here, before parsing, each such line is
 * split so that every `$$` stands alone:
 * - `$$\begin{aligned}` … `\end{aligned}$$`, `$$E = mc^2$$`, text`$$` … `$$`text;
 * - `$$ {#eq-x}` (Quarto) stays on the closing fence, where remark-equation-ids.ts reads
 *   every `{#id}` after a formula (it turns eq- ids into labels and reports the others);
 * - punctuation after the closing `$$` moves inside the formula, `<br/>` goes;
 * - `$$` inside a sentence is display math, as in MathJax and Pandoc (a Jekyll import
 *   turns kramdown's inline `$$` into `$` first);
 * - `\begin{equation}` … `\end{equation}` (and align, gather, multline) standing in
 *   the text without dollars is wrapped in `$$`, as MathJax renders it.
 * Code (fenced or in backticks), table rows and headings are left alone. Lines inside
 * list items and quotes keep their container prefix. The result maps every line back to
 * the line and column it came from, so problems are reported at the author's lines.
 */

/**
 * Where an output line came from: its 1-based line in the original text, and where its
 * text after the first `prefix` characters (the container prefix it was given) began.
 */
export interface LineOrigin {
  line: number;
  column: number;
  prefix: number;
}

/** The original line and column of a point in the normalised text. */
export function originalPoint(
  origins: LineOrigin[],
  point: { line: number; column: number },
): { line: number; column: number } {
  const origin = origins[point.line - 1];
  if (!origin) return point;
  return {
    line: origin.line,
    column: point.column <= origin.prefix ? origin.column : origin.column + point.column - origin.prefix - 1,
  };
}

export interface DisplayMathLines {
  text: string;
  /** Origin of each output line (index 0 is line 1). */
  origins: LineOrigin[];
}

const FENCE = /^(\s*(?:>\s?)*\s*)(`{3,}|~{3,})/;
const CONTAINER = /^(\s*(?:>\s?)*)(\s*(?:[-*+]|\d{1,9}[.)])\s+)?/;
const BARE_ENVIRONMENT = /^\\begin\{(equation|align|gather|multline|eqnarray|alignat|flalign)(\*?)\}/;
// Any id: remark-equation-ids decides what it means (eq- ids) or reports it (`{#fig-x}`).
const ID_AFTER = /^\s*\{#([^\s{}]*)\}\s*/;

/** Positions of `$$` in a line outside backtick code spans, not escaped. */
function doubleDollars(line: string, inside = false): number[] {
  const found: number[] = [];
  let index = 0;
  while (index < line.length) {
    const char = line[index];
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(line.slice(index))![0];
      const close = line.indexOf(run, index + run.length);
      if (close < 0) {
        index += run.length;
        continue;
      }
      index = close + run.length;
      continue;
    }
    if (char === '$' && line[index + 1] === '$') {
      let end = index;
      while (line[end] === '$') end++;
      // A run of exactly two; longer runs are not display fences, except three: a display
      // closing right before an inline formula (`…$$$h$ is`), or an inline one closing
      // right before a display (`$a$$$b$$`).
      if (end - index === 2) found.push(index);
      else if (end - index === 3) found.push((found.length % 2 === 1) !== inside ? index : index + 1);
      index = end;
      continue;
    }
    index++;
  }
  return found;
}

/** What may follow a closing `$$`: an id, punctuation, a line break, nothing. */
function afterClosing(rest: string): { id: string | undefined; punctuation: string; text: string } {
  let text = rest;
  const id = ID_AFTER.exec(text);
  if (id) text = text.slice(id[0].length);
  text = text.replace(/^\s*(<br\s*\/?>\s*)+/i, '');
  const punctuation = /^[.,;:，。；：、]+/.exec(text.trim())?.[0] ?? '';
  if (punctuation) text = text.trim().slice(punctuation.length);
  return { id: id?.[1], punctuation, text: text.replace(/^\s*(<br\s*\/?>\s*)+/i, '').trim() };
}

/** The closing fence, with the id written after the formula kept on it. */
const closingFence = (id: string | undefined) => (id === undefined ? '$$' : `$$ {#${id}}`);

export function displayMathLines(source: string): DisplayMathLines | undefined {
  if (!source.includes('$$') && !source.includes('\\begin{')) return undefined;
  const input = source.split('\n');
  const out: string[] = [];
  const origins: LineOrigin[] = [];
  let changed = false;
  /** An output line; `column` is where its text after `prefix` characters began in the original. */
  const emit = (text: string, line: number, column: number, prefix = 0) => {
    out.push(text);
    origins.push({ line, column, prefix });
  };

  let fence: string | undefined;
  /** Inside a `$$` block: the prefix its lines carry (a list item's indentation, `> `). */
  let math: { prefix: string } | undefined;
  /** Inside a bare \begin{env}: its name, and the prefix. */
  let bare: { environment: string; prefix: string } | undefined;

  input.forEach((line, index) => {
    const number = index + 1;
    const fenced = FENCE.exec(line);
    if (!math && !bare && fenced) {
      const marker = fenced[2]!;
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      emit(line, number, 1);
      return;
    }
    if (fence) {
      emit(line, number, 1);
      return;
    }

    const container = CONTAINER.exec(line)!;
    const quote = container[1] ?? '';
    const marker = container[2] ?? '';
    const content = line.slice(quote.length + marker.length);
    const contentColumn = quote.length + marker.length + 1;
    // Lines made from this one continue its container: a list item's indentation, a quote.
    // `>1. x` (no space after `>`, as Obsidian writes it) needs one more: on a line of its
    // own the `>` takes one space with it.
    const glued = quote !== '' && marker !== '' && !/\s$/.test(quote);
    const continuation = `${quote}${glued ? ' ' : ''}${' '.repeat(marker.length)}`;

    if (bare) {
      emit(line, number, 1);
      if (content.includes(`\\end{${bare.environment}}`)) {
        emit(`${bare.prefix}$$`, number, line.length + 1, bare.prefix.length);
        bare = undefined;
        changed = true;
      }
      return;
    }

    if (math) {
      const positions = doubleDollars(content, true);
      if (positions.length === 0) {
        emit(line, number, 1);
        return;
      }
      const at = positions[0]!;
      const before = content.slice(0, at);
      const after = afterClosing(content.slice(at + 2));
      // `$$ {#eq-x}` alone is already what the parser reads.
      if (!before.trim() && after.id !== undefined && !after.punctuation && !after.text) {
        emit(line, number, 1);
        math = undefined;
        return;
      }
      if (before.trim() || content.slice(at + 2).trim()) changed = true;
      const p = math.prefix.length;
      if (before.trim()) emit(`${math.prefix}${before.trim()}`, number, contentColumn, p);
      if (after.punctuation) emit(`${math.prefix}${after.punctuation}`, number, contentColumn + at + 2, p);
      if (before.trim() || after.id !== undefined || after.punctuation)
        emit(`${math.prefix}${closingFence(after.id)}`, number, contentColumn + at, p);
      else emit(line.replace(/\$\$.*$/, '$$$$'), number, 1);
      math = undefined;
      if (after.text) emit(`${continuation}${after.text}`, number, contentColumn + at + 2, continuation.length);
      return;
    }

    // Headings and table rows keep `$$…$$` inline: a display block cannot stand in them.
    // A `|` only counts outside formulas: `$$\begin{array}{c | c}` opens a matrix, not a row.
    const trimmed = content.trim();
    const outsideMath = trimmed.replace(/\$\$[\s\S]*?(?:\$\$|$)/g, ' ').replace(/\$[^$]*\$/g, ' ');
    if (/^#{1,6}\s/.test(trimmed) || /^\|/.test(trimmed) || /\s\|\s/.test(outsideMath)) {
      emit(line, number, 1);
      return;
    }

    const environment = BARE_ENVIRONMENT.exec(trimmed);
    if (environment && !trimmed.includes('$$')) {
      changed = true;
      emit(`${quote}${marker}$$`, number, 1);
      emit(`${continuation}${trimmed}`, number, contentColumn, continuation.length);
      const name = `${environment[1]}${environment[2]}`;
      if (trimmed.includes(`\\end{${name}}`)) emit(`${continuation}$$`, number, line.length + 1, continuation.length);
      else bare = { environment: name, prefix: continuation };
      return;
    }

    const positions = doubleDollars(content);
    if (positions.length === 0 || (positions.length === 1 && trimmed === '$$')) {
      if (positions.length === 1) math = { prefix: continuation };
      emit(line, number, 1);
      return;
    }

    // `$$` with other text on the line: every fence goes on a line of its own.
    changed = true;
    let first = true;
    const piece = (text: string, column: number) => {
      const prefix = first ? `${quote}${marker}` : continuation;
      emit(`${prefix}${text}`, number, column, prefix.length);
      first = false;
    };
    let cursor = 0;
    for (let i = 0; i < positions.length; i += 2) {
      const open = positions[i]!;
      const close = positions[i + 1];
      const before = content.slice(cursor, open);
      if (before.trim()) piece(before.trim(), contentColumn + cursor);
      piece('$$', contentColumn + open);
      if (close === undefined) {
        const tex = content.slice(open + 2).trim();
        if (tex) piece(tex, contentColumn + open + 2);
        math = { prefix: continuation };
        cursor = content.length;
        break;
      }
      const tex = content.slice(open + 2, close).trim();
      const after = afterClosing(content.slice(close + 2, positions[i + 2] ?? content.length));
      if (tex) piece(tex, contentColumn + open + 2);
      if (after.punctuation) piece(after.punctuation, contentColumn + close + 2);
      piece(closingFence(after.id), contentColumn + close);
      if (after.text) piece(after.text, contentColumn + close + 2);
      cursor = positions[i + 2] ?? content.length;
    }
  });

  return changed ? { text: out.join('\n'), origins } : undefined;
}
