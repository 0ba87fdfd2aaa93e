/**
 * Excerpts and section links built from a result's indexed text, not Pagefind's fixed
 * window of words: Pagefind's window often starts at the top of the page, where the title
 * and the hidden taxonomy paragraph are, and cuts formulas in half. Here the excerpt is the
 * sentence (or two) of the body where the query's rarest words meet, formulas stay whole
 * (shown as TeX in a code style: Pagefind 1.6 searches every meta field, so rendered
 * MathML stored there would make its tag names searchable words), and where nothing in
 * the body matched the article's description stands in. Pure: no DOM, unit-tested.
 *
 * The indexed text is Pagefind's `raw_content`: words joined by U+200B, `<` and `>`
 * escaped. The indexer (scripts/build/search-index.ts) wraps each formula's TeX in
 * FORMULA_OPEN … FORMULA_CLOSE and the taxonomy paragraph in TERMS_OPEN … TERMS_CLOSE.
 */
import { CODE_CLOSE, CODE_OPEN, FORMULA_CLOSE, FORMULA_OPEN, TERMS_CLOSE } from '../lib/search-contract.ts';
import { findUnit, type QueryUnit } from './search-query.ts';

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'mark'; text: string }
  | { kind: 'tex'; tex: string; marked: boolean }
  | { kind: 'gap' };

export interface PageAnchor {
  element: string;
  id: string;
  text?: string;
  location: number;
}

/** A result's text, read once: what the excerpt and the sections are cut from. */
export interface PageText {
  text: string;
  lower: string;
  /** Where the body starts (after the title and the taxonomy paragraph). */
  bodyStart: number;
  /** Character offset of each indexed word (Pagefind's word locations index this). */
  wordStarts: number[];
  formulas: Array<[number, number]>;
  /** Code blocks (CODE_OPEN … CODE_CLOSE). */
  code: Array<[number, number]>;
  anchors: PageAnchor[];
}

const ranges = (text: string, open: string, close: string): Array<[number, number]> => {
  const found: Array<[number, number]> = [];
  for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open, at + 1)) {
    const end = text.indexOf(close, at);
    if (end === -1) break;
    found.push([at, end + close.length]);
    at = end;
  }
  return found;
};

export function readPage(rawContent: string, anchors: PageAnchor[], title: string): PageText {
  const words = rawContent.split('\u200B').map((word) => word.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  const wordStarts: number[] = [];
  let offset = 0;
  for (const word of words) {
    wordStarts.push(offset);
    offset += word.length;
  }
  const text = words.join('');
  const lower = text.toLocaleLowerCase();
  const termsEnd = text.indexOf(TERMS_CLOSE);
  let bodyStart = termsEnd >= 0 ? termsEnd + TERMS_CLOSE.length : 0;
  if (termsEnd < 0 && title && text.startsWith(title)) bodyStart = title.length;
  while (bodyStart < text.length && /[\s.。]/.test(text[bodyStart]!)) bodyStart++;
  const formulas = ranges(text, FORMULA_OPEN, FORMULA_CLOSE);
  const code = ranges(text, CODE_OPEN, CODE_CLOSE);
  return { text, lower, bodyStart, wordStarts, formulas, code, anchors };
}

/** Every occurrence of each unit in the body, by unit index. */
export function bodyMatches(page: PageText, units: QueryUnit[]): Array<Array<[number, number]>> {
  return units.map((unit) => findUnit(page.lower, unit).filter(([start]) => start >= page.bodyStart));
}

const formulaAt = (page: PageText, at: number) => page.formulas.find(([start, end]) => at > start && at < end);
/** Width in Latin-letter units: a Chinese character is about two letters wide. */
const widthOf = (text: string) => text.length + (text.match(/[\u3000-\u9fff\uff00-\uffef]/g)?.length ?? 0);

const MAX_WIDTH = 200;
const SHORT_WIDTH = 70;

interface Sentence {
  start: number;
  end: number;
  heading: boolean;
  code: boolean;
}

function sentences(page: PageText): Sentence[] {
  const headingStarts = new Set(
    page.anchors.filter((anchor) => /^h\d$/i.test(anchor.element)).map((a) => page.wordStarts[a.location] ?? -1),
  );
  const out: Sentence[] = [];
  const inCode = (at: number) => page.code.some(([start, end]) => at >= start && at < end);
  const push = (start: number, end: number) =>
    out.push({ start, end, heading: headingStarts.has(start), code: inCode(start) || inCode(end - 1) });
  // Sentences end at a full stop, and a code block is a sentence of its own.
  const terminator = new RegExp(`[。！？!?；;${CODE_OPEN}${CODE_CLOSE}]|\\.(?=\\s|$)`, 'g');
  terminator.lastIndex = page.bodyStart;
  let start = page.bodyStart;
  for (let match = terminator.exec(page.text); match; match = terminator.exec(page.text)) {
    const formula = formulaAt(page, match.index);
    if (formula) {
      terminator.lastIndex = formula[1];
      continue;
    }
    const end = match[0] === CODE_OPEN ? match.index : match.index + match[0].length;
    if (end > start) push(start, end);
    start = end;
    while (start < page.text.length && /\s/.test(page.text[start]!)) start++;
  }
  if (start < page.text.length) push(start, page.text.length);
  return out.filter((sentence) => page.text.slice(sentence.start, sentence.end).replace(/[\s⦃⦄]/g, '').length > 0);
}

/** Segments of `text[from, to)`: formulas whole, matched ranges marked, whitespace collapsed. */
export function segmentsOf(
  text: string,
  from: number,
  until: number,
  marks: Array<[number, number]>,
  formulas: Array<[number, number]>,
): Segment[] {
  const out: Segment[] = [];
  const pushText = (value: string, kind: 'text' | 'mark') => {
    const clean = value.replace(/[⦃⦄]/g, ' ').replace(/\s+/g, ' ');
    if (!clean) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += clean;
    else out.push({ kind, text: clean });
  };
  let to = until;
  const sorted = [...marks].filter(([s, e]) => e > from && s < to).sort((a, b) => a[0] - b[0]);
  let at = from;
  while (at < to) {
    let formula = formulas.find(([start]) => start >= at && start < to);
    // A formula the range would cut is left out whole: never half a formula.
    if (formula && formula[1] > to) {
      to = formula[0];
      formula = undefined;
    }
    const nextFormula = formula?.[0] ?? to;
    const mark = sorted.find(([s, e]) => e > at && s < nextFormula);
    if (mark && Math.max(mark[0], at) < nextFormula) {
      const markStart = Math.max(mark[0], at);
      pushText(text.slice(at, markStart), 'text');
      const markEnd = Math.min(mark[1], nextFormula, to);
      pushText(text.slice(markStart, markEnd), 'mark');
      at = markEnd;
      continue;
    }
    pushText(text.slice(at, nextFormula), 'text');
    if (!formula) break;
    const [start, end] = formula;
    const tex = text
      .slice(start + FORMULA_OPEN.length, end - FORMULA_CLOSE.length)
      .replace(/\s+/g, ' ')
      .trim();
    if (tex) out.push({ kind: 'tex', tex, marked: sorted.some(([s, e]) => s < end && e > start) });
    at = end;
  }
  // Trim the outer whitespace so the excerpt starts and ends with words.
  const first = out[0];
  if (first && first.kind === 'text') first.text = first.text.trimStart();
  const last = out[out.length - 1];
  if (last && last.kind === 'text') last.text = last.text.trimEnd();
  return out.filter((segment) => segment.kind !== 'text' || segment.text);
}

/** Moves `at` out of a formula: to its start, or (`after`) to its end. */
const outOfFormula = (page: PageText, at: number, after: boolean) => {
  const formula = formulaAt(page, at);
  return formula ? formula[after ? 1 : 0] : at;
};
/** Moves `at` back to the start of the word it is in. */
const toWordStart = (page: PageText, at: number) => {
  let best = at;
  for (const start of page.wordStarts) {
    if (start > at) break;
    best = start;
  }
  return best;
};

/**
 * The excerpt: the body sentence where the most (rarest) query units meet, with the next
 * sentence when it is short, cut around the first match when it is long. `null` when no
 * unit matched the body (the caller shows the description).
 */
export function bodyExcerpt(
  page: PageText,
  matches: Array<Array<[number, number]>>,
  weights: number[],
): Segment[] | null {
  const all = matches.flatMap((ranges, unit) => ranges.map((range) => ({ range, unit })));
  if (all.length === 0) return null;
  const list = sentences(page);
  let best: { sentence: Sentence; score: number; index: number } | undefined;
  list.forEach((sentence, index) => {
    const inside = all.filter(({ range }) => range[0] >= sentence.start && range[0] < sentence.end);
    if (inside.length === 0) return;
    const units = new Set(inside.map(({ unit }) => unit));
    let score = [...units].reduce((total, unit) => total + (weights[unit] ?? 1), 0) + Math.min(inside.length, 5) * 0.01;
    // A heading alone says little (the sections list shows headings), code less than prose.
    if (sentence.heading) score *= 0.6;
    if (sentence.code) score *= 0.3;
    if (!best || score > best.score) best = { sentence, score, index };
  });
  if (!best) return null;
  let { start, end } = best.sentence;
  const next = list[best.index + 1];
  if (
    next &&
    widthOf(page.text.slice(start, end)) < SHORT_WIDTH &&
    widthOf(page.text.slice(start, next.end)) <= MAX_WIDTH
  )
    end = next.end;
  let gapBefore = false;
  let gapAfter = false;
  if (widthOf(page.text.slice(start, end)) > MAX_WIDTH) {
    const first = all
      .map(({ range }) => range[0])
      .filter((at) => at >= start && at < end)
      .sort((a, b) => a - b)[0]!;
    // About a third of the room before the first match, the rest after it.
    let from = first;
    while (from > start && widthOf(page.text.slice(from - 1, first)) < MAX_WIDTH / 3) from--;
    from = outOfFormula(page, toWordStart(page, from), false);
    let to = from;
    while (to < end && widthOf(page.text.slice(from, to + 1)) <= MAX_WIDTH) to++;
    const formula = formulaAt(page, to);
    // A formula at the cut is shown whole if it is short (or is what matched), else left out.
    const matched = formula && all.some(({ range }) => range[0] >= formula[0] && range[0] < formula[1]);
    to = formula ? (formula[1] - formula[0] <= (matched ? 240 : 80) ? formula[1] : formula[0]) : to;
    gapBefore = from > start;
    gapAfter = to < end;
    start = from;
    end = to;
  }
  const segments = segmentsOf(
    page.text,
    start,
    end,
    all.map(({ range }) => range),
    page.formulas,
  );
  if (!segments.some((segment) => segment.kind !== 'text' || segment.text.trim())) return null;
  return [
    ...(gapBefore ? [{ kind: 'gap' } as const] : []),
    ...segments,
    ...(gapAfter ? [{ kind: 'gap' } as const] : []),
  ];
}

/** Segments of a short text (a description, a heading) with the units marked. */
export function markedSegments(text: string, units: QueryUnit[]): Segment[] {
  const lower = text.toLocaleLowerCase();
  const marks = units.flatMap((unit) => findUnit(lower, unit));
  const formulas: Array<[number, number]> = [];
  for (let at = text.indexOf(FORMULA_OPEN); at !== -1; at = text.indexOf(FORMULA_OPEN, at + 1)) {
    const end = text.indexOf(FORMULA_CLOSE, at);
    if (end === -1) break;
    formulas.push([at, end + FORMULA_CLOSE.length]);
  }
  return segmentsOf(text, 0, text.length, marks, formulas);
}

export interface Section {
  id: string;
  title: Segment[];
  /** Indexes of the units that match in this section. */
  units: number[];
}

/** Up to `max` headings (h2–h4) whose sections match the query best, best first. */
export function bestSections(
  page: PageText,
  matches: Array<Array<[number, number]>>,
  weights: number[],
  units: QueryUnit[],
  max = 3,
): Section[] {
  const headings = page.anchors
    .filter((anchor) => /^h[2-4]$/i.test(anchor.element) && anchor.id && anchor.text?.trim())
    .sort((a, b) => a.location - b.location);
  const scored = headings.map((anchor, index) => {
    const start = page.wordStarts[anchor.location] ?? page.text.length;
    const next = headings[index + 1];
    const end = next ? (page.wordStarts[next.location] ?? page.text.length) : page.text.length;
    const inside = matches.map((ranges) => ranges.filter(([at]) => at >= start && at < end).length);
    const matched = inside.flatMap((count, unit) => (count > 0 ? [unit] : []));
    const score =
      matched.reduce((total, unit) => total + (weights[unit] ?? 1), 0) +
      Math.min(
        inside.reduce((a, b) => a + b, 0),
        10,
      ) *
        0.02;
    return { anchor, matched, score, index };
  });
  return scored
    .filter((entry) => entry.matched.length > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, max)
    .map(({ anchor, matched }) => ({
      id: anchor.id,
      title: markedSegments(anchor.text!.trim(), units),
      units: matched,
    }));
}

/** The matched text of each mark, for highlighting the words in the article. */
export function markedWords(segments: Segment[]): string[] {
  return segments.flatMap((segment) => (segment.kind === 'mark' ? [segment.text.trim()] : [])).filter(Boolean);
}
