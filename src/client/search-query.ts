/**
 * What a reader typed, taken apart the way the ranking needs it: the words Pagefind will
 * see (split exactly as Pagefind splits them: Intl.Segmenter for Chinese, punctuation
 * dropped, lower case), the phrases in double quotes, and the Chinese runs that were split
 * into several words (梯度检查点 → 梯度 · 检查 · 点), which rank higher when a page has them
 * as one run. Pure: runs in the browser and in the unit tests.
 */

import { STOP_WORDS } from '../lib/search-aliases.ts';

/** One way of writing a unit: the unit itself, or one of its aliases. */
export interface UnitForm {
  /** What Pagefind is asked for this form alone: a word, words, or a quoted phrase. */
  term: string;
  /** Lower-case, whitespace-collapsed form that is looked for in a page's text. */
  needle: string;
  /** Latin needles match at the start of a word (Pagefind matches prefixes and stems). */
  latin: boolean;
}

export interface QueryUnit extends UnitForm {
  /** As shown to the reader (in "missing: …"). */
  text: string;
  kind: 'word' | 'phrase';
  /** The unit and its aliases (src/lib/search-aliases.ts): a page with any of them has the unit. */
  forms: UnitForm[];
}

/** Alias groups by each lower-case name (from pagefind/kb-vocabulary.json). */
export type AliasIndex = Map<string, readonly string[]>;

export function aliasIndex(groups: readonly (readonly string[])[]): AliasIndex {
  const index: AliasIndex = new Map();
  for (const group of groups)
    for (const name of group) if (!index.has(normalise(name))) index.set(normalise(name), group);
  return index;
}

export interface ParsedQuery {
  /** Every distinct word and phrase, in the order typed. */
  units: QueryUnit[];
  /** The words of the whole query as one Pagefind term (every word must match). */
  allWordsTerm: string;
  /** Chinese runs of two or more characters that Pagefind splits into several words. */
  cjkRuns: string[];
  /** The query was exactly one quoted phrase. */
  phraseOnly: boolean;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]{2,}/g;
const PUNCTUATION = /^(?:\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps})$/u;
const LATIN = /^[a-z0-9]/;

let segmenter: Intl.Segmenter | undefined;
const words = (text: string): string[] => {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    // Pagefind drops punctuation grapheme by grapheme and lower-cases the rest.
    const kept = [...segment].filter((char) => !PUNCTUATION.test(char) && !/\s/.test(char));
    const word = kept.join('').toLocaleLowerCase();
    if (word) out.push(word);
  }
  return out;
};

/** The needle a Latin word is looked for by: without a plural or -ing/-ed ending, as Pagefind's stemmer would. */
export function latinStem(word: string): string {
  const stripped = word.replace(/(?:ations?|ings?|ions?|ies|es|ed|s|ly)$/, '');
  return stripped.length >= 3 ? stripped : word;
}

const normalise = (text: string) => text.toLocaleLowerCase().replace(/\s+/g, ' ').trim();

function form(text: string, kind: QueryUnit['kind']): UnitForm {
  const needle = normalise(text);
  const latin = LATIN.test(needle) && !CJK.test(needle);
  const single = !needle.includes(' ');
  return {
    term: kind === 'phrase' ? `"${text}"` : text,
    needle: kind === 'word' && latin && single ? latinStem(needle) : needle,
    latin,
  };
}

function unit(text: string, kind: QueryUnit['kind'], aliases?: AliasIndex): QueryUnit {
  const own = form(text, kind);
  const group = kind === 'word' ? aliases?.get(normalise(text)) : undefined;
  const others = (group ?? [])
    .filter((name) => normalise(name) !== normalise(text))
    .map((name) => form(name, 'word'))
    .filter((alias) => alias.needle !== own.needle);
  return { text, kind, ...own, forms: [own, ...others] };
}

export function parseQuery(raw: string, aliases?: AliasIndex): ParsedQuery {
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  const add = (next: QueryUnit) => {
    if (!next.needle) return;
    // Two words of one alias group (MoE 混合专家) are one unit of the query.
    const sameGroup = units.find((other) => other.forms.some((f) => f.needle === next.needle));
    if (seen.has(`${next.kind}:${next.needle}`) || sameGroup) return;
    seen.add(`${next.kind}:${next.needle}`);
    units.push(next);
  };
  const phrases: string[] = [];
  const rest = raw.replace(/["“”]([^"“”]+)["“”]/g, (_whole, phrase: string) => {
    const text = phrase.trim().replace(/\s+/g, ' ');
    if (text) phrases.push(text);
    return ` ${text} `;
  });
  const phraseSet = new Set(phrases.map(normalise));
  // A phrase of one word is just that word.
  for (const phrase of phrases) add(unit(phrase, words(phrase).length > 1 ? 'phrase' : 'word', aliases));
  const plain = raw.replace(/["“”][^"“”]+["“”]/g, ' ');
  const typed = words(plain);
  const meaningful = typed.filter((word) => !STOP_WORDS.has(word) || aliases?.has(word));
  const plainWords = meaningful.length > 0 ? meaningful : typed;
  // Words are shown as typed ("MoE", not "moe").
  const lowerRaw = raw.toLocaleLowerCase();
  const asTyped = (word: string) => {
    const at = lowerRaw.indexOf(word);
    return at >= 0 && raw.length === lowerRaw.length ? raw.slice(at, at + word.length) : word;
  };
  for (let at = 0; at < plainWords.length; at++) {
    // Two or three words that an alias group names together ("load balancing", 鸽巢) are one unit.
    const joined = [3, 2]
      .map((n) => plainWords.slice(at, at + n))
      .map((run) => ({ run, key: run.every((w) => LATIN.test(w)) ? run.join(' ') : run.join('') }))
      .find(({ run, key }) => run.length > 1 && aliases?.has(key));
    if (joined) {
      add(unit(asTyped(joined.key), 'word', aliases));
      at += joined.run.length - 1;
    } else add(unit(asTyped(plainWords[at]!), 'word', aliases));
  }
  const everyWord = words(rest.replace(/["“”]/g, ' '));
  const kept = everyWord.filter((word) => !STOP_WORDS.has(word));
  const allWords = kept.length > 0 ? kept : everyWord;
  const cjkRuns = [...new Set((plain.match(CJK_RUN) ?? []).filter((run) => words(run).length > 1))].filter(
    (run) => !phraseSet.has(run),
  );
  return {
    units,
    allWordsTerm: allWords.join(' '),
    cjkRuns,
    phraseOnly: /^\s*["“][^"“”]+["”]\s*$/.test(raw) && phrases.length === 1,
  };
}

/**
 * Where `unit` occurs in `lowerText` (the page's text, lower-cased): start and end of each
 * occurrence. Latin needles must start a word, so `pi` does not match inside `pipeline`.
 */
export function findUnit(lowerText: string, unit: QueryUnit | UnitForm): Array<[number, number]> {
  const forms = 'forms' in unit ? unit.forms : [unit];
  return forms.flatMap((form) => findForm(lowerText, form)).sort((a, b) => a[0] - b[0]);
}

function findForm(lowerText: string, form: UnitForm): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const needle = form.needle;
  if (!needle) return found;
  for (let at = lowerText.indexOf(needle); at !== -1; at = lowerText.indexOf(needle, at + needle.length)) {
    if (form.latin && at > 0 && /[a-z0-9]/.test(lowerText[at - 1]!)) continue;
    let end = at + needle.length;
    // A stemmed Latin word is marked whole (sampl → sampling).
    if (form.latin) while (end < lowerText.length && /[a-z0-9]/.test(lowerText[end]!)) end++;
    found.push([at, end]);
  }
  return found;
}
