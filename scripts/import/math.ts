/**
 * Formulas as the old tool read them, made into what this site reads:
 * - kramdown's rule that `$$…$$` inside a sentence is an inline formula (Jekyll);
 * - `\[`, `\(` that a tool without backslash delimiters showed as brackets (docsify,
 *   Obsidian): a reader saw "[解析]", so they stay brackets;
 * - docsify-katex's `$ x $` with spaces inside, which Pandoc's rule would read as text;
 * - TeX that only MathJax reads (src/markdown/mathjax-compat.ts), rewritten where KaTeX
 *   refuses it and the rewrite renders, so the build has nothing to warn about;
 * - macro definitions (`\newcommand`, `\def`, `\DeclareMathOperator`) from preambles,
 *   configuration and the formulas themselves, which MathJax keeps for the whole page,
 *   collected for the content folder's taxonomy.yaml `macros:`.
 */
import katex from 'katex';
import { mathMacros } from '../../src/config.ts';
import { mathjaxRewrite } from '../../src/markdown/mathjax-compat.ts';
import { fencedLines, lineAt, lineStarts, mapSegments, segments, type MathSyntax } from './markdown-text.ts';
import type { FileNotes } from './report.ts';

/** How this site reads formulas (src/markdown/remark-math-delimiters.ts, remark-dollar-math.ts). */
export const SITE_MATH: MathSyntax = { backslash: true, dollar: 'pandoc' };

/** The argument in braces at `at` (or a single control sequence), and where it ends. */
function argument(tex: string, at: number): { value: string; end: number } | undefined {
  let i = at;
  while (tex[i] === ' ' || tex[i] === '\t' || tex[i] === '\n') i++;
  if (tex[i] === '\\') {
    const name = /^\\([A-Za-z@]+|.)/.exec(tex.slice(i));
    return name ? { value: name[0], end: i + name[0].length } : undefined;
  }
  if (tex[i] !== '{') return undefined;
  let depth = 0;
  for (let j = i; j < tex.length; j++) {
    if (tex[j] === '\\') {
      j++;
      continue;
    }
    if (tex[j] === '{') depth++;
    else if (tex[j] === '}' && --depth === 0) return { value: tex.slice(i + 1, j), end: j + 1 };
  }
  return undefined;
}

export interface MacroDefinitions {
  /** KaTeX macros by name (`\\RR` → `\\mathbb R`). */
  macros: Record<string, string>;
  /** Definitions KaTeX's macro table cannot hold (optional arguments), as written. */
  unsupported: string[];
  /** The TeX with the definitions taken out. */
  rest: string;
}

const DEFINITION = /\\(newcommand|renewcommand|providecommand|DeclareMathOperator|def)(\*?)/g;

/**
 * The macro definitions in TeX (a preamble, a `\newcommand` formula), as KaTeX macros.
 * `\newcommand{\x}[2]{…#1…#2}` needs no argument count (KaTeX reads `#n`);
 * `\DeclareMathOperator{\x}{x}` becomes `\operatorname{x}`.
 */
export function macroDefinitions(tex: string): MacroDefinitions {
  const macros: Record<string, string> = {};
  const unsupported: string[] = [];
  let rest = '';
  let cursor = 0;
  for (const match of tex.matchAll(DEFINITION)) {
    if (match.index < cursor) continue;
    const command = match[1]!;
    const starred = match[2] === '*';
    let at = match.index + match[0].length;
    let name: string | undefined;
    if (command === 'def') {
      const found = /^\s*(\\[A-Za-z@]+)((?:#\d)*)/.exec(tex.slice(at));
      if (!found) continue;
      name = found[1];
      at += found[0].length;
    } else {
      const named = argument(tex, at);
      if (!named) continue;
      name = named.value.trim();
      at = named.end;
    }
    let optional = false;
    const count = /^\s*\[(\d)\]/.exec(tex.slice(at));
    if (count) at += count[0].length;
    const defaultValue = /^\s*\[[^\]]*\]/.exec(tex.slice(at));
    if (defaultValue && count) {
      optional = true;
      at += defaultValue[0].length;
    }
    const body = argument(tex, at);
    if (!name || !body || !/^\\[A-Za-z@]+$/.test(name)) continue;
    const written = tex.slice(match.index, body.end);
    if (optional) unsupported.push(written);
    else if (command === 'DeclareMathOperator') macros[name] = `\\operatorname${starred ? '*' : ''}{${body.value}}`;
    else macros[name] = body.value;
    rest += tex.slice(cursor, match.index);
    cursor = body.end;
  }
  rest += tex.slice(cursor);
  return { macros, unsupported, rest };
}

const DISPLAY_ONLY = /\\begin\{(align|gather|equation|multline|eqnarray|flalign|alignat)\*?\}/;

/**
 * A formula as the build hands it to KaTeX: `\label` is taken out for numbering and
 * `\eqref`/`\ref` become links (src/markdown/remark-equation-refs.ts).
 */
function checkable(tex: string): string {
  // A formula inside a quote or callout carries the quote's `>` on its lines.
  return tex
    .replace(/\n[ \t]*(?:>[ \t]?)+/g, '\n')
    .replace(/\\label\{[^{}]*\}/g, '')
    .replace(/\\(eqref|ref)\{[^{}]*\}/g, '(1)');
}

/** Whether KaTeX renders a formula with these macros. */
export function katexAccepts(tex: string, display: boolean, macros: Record<string, string>): boolean {
  try {
    katex.renderToString(tex, { displayMode: display, macros: { ...macros }, throwOnError: true, strict: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * kramdown parses spans inside one paragraph: a `$$` in a sentence with no partner before
 * the paragraph ends (`an action $$a$ determines`) was shown as text, and the paragraphs
 * after it were untouched. Paired across the blank line instead, it would swap formulas and
 * prose for the rest of the page; it is escaped, as the old site showed it, and reported.
 */
export function kramdownUnpairedDollars(text: string, notes: FileNotes): string {
  let body = text;
  for (let round = 0; round < 1000; round++) {
    const starts = lineStarts(body);
    const runaway = segments(body, { backslash: false, dollar: 'none' }).find((segment) => {
      if (segment.kind !== 'math' || segment.open !== '$$') return false;
      if (!/\n[ \t]*\n/.test(body.slice(segment.start, segment.end))) return false;
      // A `$$` opening a line of its own may start a block; only one inside text is a span.
      const before = body.slice(starts[lineAt(starts, segment.start) - 1]!, segment.start);
      return before.trim() !== '' && !/^[ \t]*(?:>[ \t]?)*(?:[*+-]|\d{1,9}[.)])?[ \t]*$/.test(before);
    });
    if (!runaway) return body;
    notes.notConverted(
      lineAt(starts, runaway.start),
      '$$ with no closing $$ in its paragraph',
      'shown as text, as kramdown showed it (close the formula in the source)',
    );
    body = `${body.slice(0, runaway.start)}\\$\\$${body.slice(runaway.start + 2)}`;
  }
  return body;
}

/**
 * kramdown (Jekyll's Markdown) reads `$$…$$` as a display formula only when it stands as
 * a block of its own: `$$` at the start of a line after a blank line (or the start), and
 * the closing `$$` at the end of a line followed by a blank line, a heading or the end.
 * Everywhere else, in a sentence, a table cell or a list item's text, it is an inline
 * formula, which this site (reading `$$` as MathJax does) writes `$…$`.
 */
export function kramdownInlineMath(text: string, notes: FileNotes): string {
  const body = kramdownUnpairedDollars(text, notes);
  const starts = lineStarts(body);
  const lines = body.split('\n');
  const isIal = (line: string | undefined) => /^\s{0,3}\{:.*\}\s*$/.test(line ?? '');
  return mapSegments(body, { backslash: false, dollar: 'none' }, 'math', (formula, at) => {
    if (at.open !== '$$') return formula;
    const first = lineAt(starts, at.start);
    const last = lineAt(starts, at.end - 1);
    const before = body.slice(starts[first - 1]!, at.start);
    const previous = lines[first - 2];
    // A block starts after a blank line or an attribute line, or first in a list item or a quote.
    const opensBlock =
      (/^[ \t]*$/.test(before) && (first === 1 || previous!.trim() === '' || isIal(previous))) ||
      /^[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+$/.test(before) ||
      (/^[ \t]*(?:>[ \t]?)+$/.test(before) && (first === 1 || !/^\s*>\s*\S/.test(previous!)));
    const after = lines[last - 1]!.slice(at.end - starts[last - 1]!);
    const next = lines[last];
    // …and ends before a blank line, an attribute line, the end, or the end of its list item.
    const closesBlock =
      after.trim() === '' &&
      (next === undefined || next.trim() === '' || isIal(next) || /^[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+/.test(next));
    const tex = formula.slice(2, -2);
    // Environments that only exist in display math: MathJax shows them as blocks anyway.
    const displayOnly = DISPLAY_ONLY.test(tex);
    if ((opensBlock && closesBlock) || displayOnly || !tex.trim()) return formula;
    notes.converted(first, "kramdown's inline $$…$$ → $…$");
    // `$ x $` would be text under Pandoc's rule: no space inside the dollars.
    return `$${tex.trim()}$`;
  });
}

/**
 * `\[…\]` and `\(…\)` in a tool that has no such delimiters were escaped brackets and
 * parentheses, shown as such ("\[解析\]" → "[解析]"); this site would read them as math.
 * The opening one is written plain; the closing one keeps its escape (harmless, and it
 * keeps `]` from closing a link).
 */
export function escapedBracketsAsText(body: string, dollar: MathSyntax['dollar'], notes: FileNotes): string {
  const starts = lineStarts(body);
  return mapSegments(body, { backslash: true, dollar }, 'math', (formula, at) => {
    if (at.open !== '\\[' && at.open !== '\\(') return formula;
    notes.converted(lineAt(starts, at.start), `escaped ${at.open}…${at.close} in prose (not math there) → brackets`);
    return `${at.open.slice(1)}${formula.slice(2)}`;
  });
}

/** docsify-katex reads `$ x $` as a formula; with the spaces taken out, so does this site. */
export function spacedDollars(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  return mapSegments(body, { backslash: false, dollar: 'loose' }, 'math', (formula, at) => {
    if (at.open !== '$') return formula;
    const inner = formula.slice(1, -1);
    if (inner.trim() === inner || !inner.trim() || inner.includes('\n')) return formula;
    notes.converted(lineAt(starts, at.start), '$ x $ with spaces inside → $x$');
    return `$${inner.trim()}$`;
  });
}

export interface FormulaPass {
  /** Macros found in formulas (`$$\newcommand…$$`), for taxonomy.yaml. */
  macros: Record<string, string>;
}

/**
 * Every formula of a page in this site's syntax: definitions taken out into `macros`
 * (a formula that only defined macros is removed), and TeX that KaTeX refuses rewritten
 * the MathJax way when the rewrite renders. `known` are the macros already collected.
 */
export function formulaPass(
  body: string,
  known: Record<string, string>,
  notes: FileNotes,
  mathjax: boolean,
): { body: string } & FormulaPass {
  // KaTeX sites (docsify) showed what KaTeX showed: nothing to adapt.
  if (!mathjax) return { body, macros: {} };
  const starts = lineStarts(body);
  const macros: Record<string, string> = {};
  const all = () => ({ ...mathMacros, ...known, ...macros });
  const out = mapSegments(body, SITE_MATH, 'math', (formula, at) => {
    const open = at.open ?? '$';
    const close = at.close ?? '$';
    let tex = formula.slice(open.length, formula.length - close.length);
    const line = lineAt(starts, at.start);
    if (DEFINITION.test(tex)) {
      DEFINITION.lastIndex = 0;
      const found = macroDefinitions(tex);
      if (Object.keys(found.macros).length > 0) {
        Object.assign(macros, found.macros);
        notes.converted(line, 'macro definitions in a formula → taxonomy.yaml macros');
        tex = found.rest;
        if (!tex.trim()) return '';
      }
    }
    DEFINITION.lastIndex = 0;
    // MathJax reads `\$` in `$…$` as a dollar sign; Markdown's math syntax would end the
    // formula there. `{\char36}` is the same glyph to KaTeX and has no `$` in it.
    if (open === '$' && tex.includes('\\$')) {
      tex = tex.replace(/\\\$/g, '{\\char36}');
      notes.converted(line, 'a \\$ (dollar sign) inside $…$ → {\\char36}');
    }
    const display = open === '$$' || open === '\\[';
    if (katexAccepts(checkable(tex), display, all())) return `${open}${tex}${close}`;
    // MathJax lays out align, gather… in an inline formula; KaTeX only in display math.
    if (!display && DISPLAY_ONLY.test(tex) && katexAccepts(checkable(tex), true, all())) {
      notes.converted(line, 'inline formula with a display environment (align, gather…) → display');
      return `$$${tex}$$`;
    }
    const rewritten = mathjaxRewrite(tex);
    if (rewritten.habits.length > 0 && katexAccepts(checkable(rewritten.tex), display, all())) {
      notes.converted(line, `TeX only MathJax reads → KaTeX's form (${rewritten.habits.join('; ')})`);
      return `${open}${rewritten.tex}${close}`;
    }
    return `${open}${tex}${close}`;
  });
  return { body: out, macros };
}

/** The formulas of a page that KaTeX still refuses, with their lines (for the report). */
export function refusedFormulas(
  body: string,
  macros: Record<string, string>,
): { line: number; tex: string; reason: string }[] {
  const starts = lineStarts(body);
  const all = { ...mathMacros, ...macros };
  const refused: { line: number; tex: string; reason: string }[] = [];
  for (const at of segments(body, SITE_MATH)) {
    if (at.kind !== 'math') continue;
    const open = at.open ?? '$';
    const tex = body.slice(at.start + open.length, at.end - (at.close ?? '$').length);
    try {
      katex.renderToString(checkable(tex), {
        displayMode: open === '$$' || open === '\\[',
        macros: { ...all },
        throwOnError: true,
        strict: 'ignore',
      });
    } catch (error) {
      refused.push({
        line: lineAt(starts, at.start),
        tex: tex.trim(),
        reason: (error as Error).message.split('\n')[0] ?? '',
      });
    }
  }
  return refused;
}

/** How many `$$` a line has outside code spans, not escaped. */
function doubleDollarCount(line: string): number {
  return (
    line
      .replace(/`[^`]*`/g, '')
      .replace(/\\\$/g, '')
      .match(/\$\$/g)?.length ?? 0
  );
}

/**
 * A `$$` block opened inside a block quote or a list item whose lines do not all carry
 * the container: Obsidian, kramdown and MathJax read one formula, but in CommonMark a
 * line without the quote's `>` (lazy continuation) or indented less than the list item's
 * text ends the container and leaves the formula open. Those lines get the `>` prefix and
 * the item's indentation the block's first line has.
 */
export function containMath(body: string, notes: FileNotes): string {
  const lines = body.split('\n');
  const fenced = fencedLines(lines);
  for (let index = 0; index < lines.length; index++) {
    if (fenced[index] || doubleDollarCount(lines[index]!) % 2 === 0) continue;
    const line = lines[index]!.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length));
    const container = /^([ \t]*(?:>[ \t]?)*)([ \t]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?)/.exec(line)!;
    const quote = container[1]!.replace(/[ \t]+$/, (spaces) => spaces);
    const quoted = quote.includes('>');
    const column = container[2]!.length > 0 && /[*+\-\d]/.test(container[2]!) ? quote.length + container[2]!.length : 0;
    if (!quoted && column === 0) continue;
    const close = lines.findIndex(
      (candidate, at) => at > index && !fenced[at] && doubleDollarCount(candidate) % 2 === 1,
    );
    if (close < 0) continue;
    const quotePrefix = quoted ? quote.replace(/[ \t]*$/, ' ') : '';
    let changed = false;
    for (let at = index + 1; at <= close; at++) {
      let text = lines[at]!.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length));
      if (quoted && !/^[ \t]*>/.test(text)) {
        text = `${quotePrefix}${text.trimStart()}`;
        changed = true;
      }
      if (column > 0) {
        const inner = quoted ? text.slice(/^[ \t]*(?:>[ \t]?)*/.exec(text)![0].length) : text;
        const prefix = quoted ? text.slice(0, text.length - inner.length) : '';
        const indent = /^ */.exec(inner)![0].length + prefix.length;
        if (inner.trim() && indent < column) {
          text = `${prefix}${' '.repeat(column - prefix.length)}${inner.trimStart()}`;
          changed = true;
        }
      }
      if (text !== lines[at]) lines[at] = text;
    }
    if (changed)
      notes.converted(
        index + 1,
        `$$ block in a ${quoted ? 'quote or callout' : 'list item'} given its container on every line`,
      );
    index = close;
  }
  return lines.join('\n');
}

/**
 * `$a$$$b$$`: an inline formula closed right before a display one opens (Obsidian and
 * Pandoc read it so); a run of three dollars is no fence to this site's parser. A space
 * goes between them.
 */
export function adjacentDollars(body: string, notes: FileNotes): string {
  const starts = lineStarts(body);
  return mapSegments(body, SITE_MATH, 'math', (formula, at) => {
    if (at.open !== '$' || !body.startsWith('$$', at.end)) return formula;
    notes.converted(lineAt(starts, at.start), '$…$ right before $$ separated by a space');
    return `${formula} `;
  });
}

/**
 * A line that closes one display formula, goes on with text and opens the next
 * (`$$because of this,$$`), as Obsidian and MathJax read fine: the text and the next
 * formula are moved to a line of their own (in the same quote or list item), since this
 * site's parser takes only the first `$$` of a line inside a formula. Returns the lines
 * it added a line after.
 */
export function splitDisplayRuns(body: string, notes: FileNotes): { body: string; addedAfter: number[] } {
  const starts = lineStarts(body);
  const breaks: number[] = [];
  for (const segment of segments(body, SITE_MATH)) {
    if (segment.kind !== 'math' || segment.open !== '$$') continue;
    const end = body.indexOf('\n', segment.end);
    const rest = body.slice(segment.end, end < 0 ? body.length : end);
    // Only when the formula spans lines: `$$a$$ and $$b$$` on one line is read fine.
    if (rest.includes('$$') && body.slice(segment.start, segment.end).includes('\n')) breaks.push(segment.end);
  }
  if (breaks.length === 0) return { body, addedAfter: [] };
  let out = '';
  let cursor = 0;
  for (const at of breaks) {
    const line = lineAt(starts, at);
    const prefix = /^[ \t]*(?:>[ \t]?)*[ \t]*/.exec(body.slice(starts[line - 1]!, at))![0];
    out += `${body.slice(cursor, at)}\n${prefix}`;
    cursor = at;
    while (body[cursor] === ' ' || body[cursor] === '\t') cursor++;
    notes.converted(line, 'text between two $$ formulas on one line moved to its own line');
  }
  return { body: out + body.slice(cursor), addedAfter: breaks.map((at) => lineAt(starts, at)) };
}
