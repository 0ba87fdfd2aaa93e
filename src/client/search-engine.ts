/**
 * The search behind the header box and the /search/ page: Pagefind, loaded on first use
 * from the deployment's base path, plus what Pagefind does not do by itself:
 * - partial matches: Pagefind answers a query of several words only with pages holding
 *   every word; when fewer than ten do, each word (or quoted phrase) is also looked up
 *   alone, all at once, and the pages that match some of them are ranked by
 *   src/client/search-rank.ts (rarity-weighted words, then where they match), each
 *   saying which words it lacks;
 * - every result is checked against its own text, so Pagefind's loose matches for a word
 *   the site does not have ("pigeonhole" → pages with `\pi`) are dropped;
 * - phrases in double quotes use Pagefind's exact search;
 * - excerpts and section links come from the page's text (src/client/search-excerpt.ts);
 * - formula queries (`\sqrt{d}`, `QK^T`) are compared with each result's TeX, because
 *   Pagefind sees TeX as loose words and ranks single letters like `d` everywhere;
 * - a one-letter typo in a Latin word is corrected against the site's vocabulary
 *   (pagefind/kb-vocabulary.json, written by scripts/build/search-index.ts).
 */

import { FILTER, META, META_WEIGHTS, SORT } from '../lib/search-contract.ts';
import {
  bestSections,
  bodyExcerpt,
  bodyMatches,
  markedSegments,
  markedWords,
  readPage,
  type PageAnchor,
  type PageText,
  type Segment,
} from './search-excerpt.ts';
import { aliasIndex, findUnit, parseQuery, type AliasIndex, type ParsedQuery } from './search-query.ts';
import { comparePages, rarity, type RankedPage } from './search-rank.ts';

/** The parts of Pagefind's browser API used here (pagefind/pagefind.js, v1.6). */
interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
interface PagefindResultData {
  url: string;
  content: string;
  /** The text with U+200B between indexed words, `<` and `>` escaped. */
  raw_content?: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
  sub_results: PagefindSubResult[];
  anchors?: PageAnchor[];
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}
interface PagefindSearchOptions {
  filters?: Record<string, string[]>;
  sort?: Record<string, 'asc' | 'desc'>;
}
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<{ results: PagefindResult[] } | null>;
}

export interface SearchSection {
  title: Segment[];
  /** The heading's URL, with the words to highlight there. */
  url: string;
}

export interface SearchHit {
  url: string;
  title: string;
  date: string;
  category: string[];
  tags: string[];
  /** Text, marked words and whole formulas: the body sentence that matches best, or the description. */
  excerpt: Segment[];
  /** Up to three headings whose sections match, best first. */
  sections: SearchSection[];
  /** The query's words (and phrases) this page does not have; empty when it has them all. */
  missing: string[];
  /** Words to highlight in the article: what the excerpt marked, plus the query's own words. */
  terms: string[];
  /** Every meta field of the result (those of FRONTMATTER_META among them). */
  meta: Record<string, string | undefined>;
}

export interface SearchRequest {
  query: string;
  category?: string;
  tag?: string;
  /** The language's name as indexed (FILTER.lang): 中文, English. */
  lang?: string;
  sort?: 'relevance' | 'date';
  /** How many results get their data (title, excerpt) loaded. */
  limit?: number;
  /** Search the words as typed, without typo correction. */
  exact?: boolean;
}

export interface SearchResponse {
  /** The query actually searched: the reader's, or its typo-corrected form. */
  query: string;
  corrected: boolean;
  total: number;
  /** Of `total`, how many match every word. */
  totalAll: number;
  hits: SearchHit[];
  /** Words and phrases of the query that no page has. */
  unknown: string[];
}

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
let pagefindPromise: Promise<PagefindApi> | undefined;
let pageCountPromise: Promise<number> | undefined;
/** pagefind/kb-vocabulary.json, written by scripts/build/search-index.ts. */
interface Vocabulary {
  words: string[];
  aliases: string[][];
}
let vocabularyPromise: Promise<{ words: Set<string>; aliases: AliasIndex }> | undefined;

/** Loads Pagefind (and the vocabulary) once; call early, e.g. when the search box gets focus. */
export function loadSearch(): Promise<PagefindApi> {
  pagefindPromise ??= (async () => {
    const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as PagefindApi;
    await pagefind.options({
      // Pagefind 1.6 runs in a web worker by default: a second copy of its search code
      // (pagefind-worker.js, 12 KB compressed) on every first query, to keep off the main
      // thread a search that takes a few milliseconds between keystrokes.
      noWorker: true,
      baseUrl: base,
      excerptLength: 28,
      ranking: { metaWeights: META_WEIGHTS },
    });
    await pagefind.init();
    return pagefind;
  })();
  pagefindPromise.catch(() => {
    pagefindPromise = undefined;
  });
  vocabularyPromise ??= fetch(`${base}pagefind/kb-vocabulary.json`)
    .then((response) => (response.ok ? (response.json() as Promise<Vocabulary>) : { words: [], aliases: [] }))
    .then(
      (vocabulary) => ({ words: new Set(vocabulary.words), aliases: aliasIndex(vocabulary.aliases) }),
      () => ({ words: new Set<string>(), aliases: aliasIndex([]) }),
    );
  // The number of indexed pages, for the rarity of a word (its share of them).
  pageCountPromise ??= fetch(`${base}pagefind/pagefind-entry.json`)
    .then((response) => response.json() as Promise<{ languages?: Record<string, { page_count?: number }> }>)
    .then(
      (entry) =>
        Object.values(entry.languages ?? {}).reduce((total, language) => total + (language.page_count ?? 0), 0),
      () => 0,
    );
  return pagefindPromise;
}

const TEX_HINT = /[\\^_{}]/;
/** Style and spacing commands that change how a formula looks, not what it says. */
const TEX_NOISE =
  /\\(?:bm|boldsymbol|mathbf|mathrm|mathit|mathsf|mathnormal|operatorname\*?|text|textrm|left|right|big|Big|bigg|Bigg|displaystyle|limits|[,;:! ]|q?quad)(?![A-Za-z])/g;

/**
 * A formula squeezed to letters and digits, so `\frac{QK^\top}{\sqrt{d_k}}` and the query
 * `QK^T/\sqrt{d}` can be compared by substring: `fracqktsqrtdk` contains `qkt` and `sqrtd`.
 */
export function compactTex(tex: string): string {
  return (
    tex
      .replace(TEX_NOISE, '')
      .replace(/\\(?:top|intercal|mathsf\{T\})(?![A-Za-z])|⊤/g, 'T')
      // Titles write formulas in Unicode: "除以 √d".
      .replace(/√/g, 'sqrt')
      .replace(/[^A-Za-z0-9]+/g, '')
      .toLowerCase()
  );
}

/** The words Pagefind gets for a formula query: command names and multi-letter names. */
function texQueryWords(query: string): string {
  const words = query
    .replace(TEX_NOISE, ' ')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 1 && word !== 'top');
  return words.length > 0 ? words.join(' ') : query;
}

/** Damerau-Levenshtein distance is at most 1 (one letter added, dropped, changed or swapped). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    return (
      a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The query with each unknown Latin word of 4+ letters replaced by a known word one edit away. */
async function correctTypos(query: string): Promise<string> {
  if (!/[A-Za-z]{4}/.test(query) || TEX_HINT.test(query)) return query;
  const loaded = await vocabularyPromise;
  const vocabulary = loaded?.words ?? new Set<string>();
  if (vocabulary.size === 0) return query;
  const known = [...vocabulary];
  return query.replace(/[A-Za-z][A-Za-z0-9]{3,}/g, (word) => {
    const lower = word.toLowerCase();
    if (vocabulary.has(lower) || loaded?.aliases.has(lower) || known.some((candidate) => candidate.startsWith(lower)))
      return word;
    // Prefer a candidate that keeps the first letter: readers rarely mistype that one.
    const candidates = known.filter((candidate) => withinOneEdit(lower, candidate));
    return candidates.find((candidate) => candidate[0] === lower[0]) ?? candidates[0] ?? word;
  });
}

export function decodeEntities(text: string): string {
  return text.replace(
    /&(lt|gt|quot|#39|#x27|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[name] ?? '',
  );
}

/** `url` with the words to highlight as `?highlight=`, before any #anchor. */
export function withHighlight(url: string, terms: string[]): string {
  if (terms.length === 0) return url;
  const [path = '', hash] = url.split('#');
  const joined = `${path}${path.includes('?') ? '&' : '?'}highlight=${encodeURIComponent(terms.join(' '))}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

/** Below this many pages with every word, pages with some of the words are looked up too. */
const PARTIAL_BELOW = 10;
/** Pagefind's first results that are loaded and reordered. */
const RERANK_WINDOW = 10;

/** A page found for the query, before its text is loaded. */
interface Candidate {
  result: PagefindResult;
  /** In Pagefind's answer for the whole query (every word). */
  inAll: boolean;
  /** Pagefind's score for the whole query, or for each unit alone (0: not found for it). */
  allScore: number;
  unitScores: number[];
  order: number;
}

/** A loaded page: its indexed text read once (kept, since the next keystroke often loads it again). */
interface LoadedPage {
  data: PagefindResultData;
  page: PageText;
  /** Lower-cased title, description and taxonomy paragraph: the places a unit may match outside the body. */
  title: string;
  outside: string;
}
const loadedPages = new Map<string, Promise<LoadedPage>>();

function load(result: PagefindResult): Promise<LoadedPage> {
  let loaded = loadedPages.get(result.id);
  if (!loaded) {
    loaded = result.data().then((data) => {
      const title = data.meta[META.title] ?? data.url;
      const page = readPage(data.raw_content ?? data.content, data.anchors ?? [], title);
      const outside = [page.lower.slice(0, page.bodyStart), (data.meta[META.description] ?? '').toLocaleLowerCase()];
      return { data, page, title: title.toLocaleLowerCase(), outside: outside.join(' \n ') };
    });
    loaded.catch(() => loadedPages.delete(result.id));
    if (loadedPages.size > 200) loadedPages.delete(loadedPages.keys().next().value!);
    loadedPages.set(result.id, loaded);
  }
  return loaded;
}

/** Heading texts of a page, lower-cased, for "where the word matches". */
const headingText = (page: PageText) =>
  page.anchors
    .filter((anchor) => /^h[2-4]$/i.test(anchor.element))
    .map((anchor) => anchor.text ?? '')
    .join(' \n ')
    .toLocaleLowerCase();

interface QueryPlan {
  parsed: ParsedQuery;
  /** The query's TeX squeezed (compactTex), for formula queries. */
  texNeedle: string;
}

/** The hit shown for one loaded page, and the facts it is ranked by. */
function buildHit(loaded: LoadedPage, plan: QueryPlan, weights: number[], candidate: Candidate) {
  const { data, page } = loaded;
  const units = plan.parsed.units;
  const matches = bodyMatches(page, units);
  if (plan.texNeedle) {
    // A formula query matches whole formulas whose squeezed TeX contains it.
    const formulas = page.formulas.filter(([start, end]) =>
      compactTex(page.text.slice(start, end)).includes(plan.texNeedle),
    );
    matches.push(formulas.filter(([start]) => start >= page.bodyStart));
  }
  const headings = headingText(page);
  const contained = units.map(
    (unit, index) =>
      matches[index]!.length > 0 ||
      findUnit(loaded.outside, unit).length > 0 ||
      findUnit(loaded.title, unit).length > 0,
  );
  const missing = units.filter((_, index) => !contained[index]).map((unit) => unit.text);
  const unitWeights = [...weights, ...(plan.texNeedle ? [1] : [])];
  const titleOf = data.meta[META.title] ?? data.url;
  const body = bodyExcerpt(page, matches, unitWeights);
  const description = data.meta[META.description] ?? '';
  const excerpt = body ?? markedSegments(description, units);
  const sections = bestSections(page, matches, unitWeights, units);
  const inTitle = units.map((unit) => findUnit(loaded.title, unit).length > 0);
  const texCount = plan.texNeedle ? Math.min(compactTex(page.text).split(plan.texNeedle).length - 1, 5) : 0;
  const ranked: RankedPage = {
    // Every word checked in the page's own text (under any of its aliases).
    all: plan.texNeedle ? candidate.inAll : missing.length === 0,
    titleAll: plan.texNeedle
      ? compactTex(titleOf).includes(plan.texNeedle)
      : units.length > 0 && inTitle.every(Boolean),
    texCount,
    runs: plan.parsed.cjkRuns.filter((run) => page.lower.includes(run) || loaded.title.includes(run)).length,
    coverage: units.reduce((total, _, index) => total + (contained[index] ? weights[index]! : 0), 0),
    place: units.reduce((total, unit, index) => {
      if (!contained[index]) return total;
      const where = inTitle[index] ? 3 : findUnit(headings, unit).length > 0 ? 2 : 1;
      return total + weights[index]! * where;
    }, 0),
    score: candidate.inAll ? candidate.allScore : candidate.unitScores.reduce((total, score) => total + score, 0),
    order: candidate.order,
  };
  const queryWords = units.filter((_, index) => contained[index]).map((unit) => unit.text);
  const terms = [
    ...new Set([...markedWords(excerpt), ...sections.flatMap((section) => markedWords(section.title)), ...queryWords]),
  ]
    .filter((term) => !/[\\^_{}]/.test(term))
    .slice(0, 12);
  const highlight = plan.texNeedle ? [...terms, plan.texNeedle] : terms;
  const titleMatches = inTitle.some(Boolean);
  const firstSection = sections[0];
  const target = titleMatches || !firstSection ? data.url : `${data.url}#${firstSection.id}`;
  const hit: SearchHit = {
    url: withHighlight(target, highlight),
    title: titleOf,
    date: data.meta[META.date] ?? '',
    category: data.filters[FILTER.category] ?? [],
    tags: data.filters[FILTER.tag] ?? [],
    excerpt,
    sections: sections.map((section) => ({
      title: section.title,
      url: withHighlight(`${data.url}#${section.id}`, highlight),
    })),
    missing,
    terms,
    meta: data.meta,
  };
  return { hit, ranked, contained };
}

const searchOptions = (request: SearchRequest): PagefindSearchOptions => {
  const filters: Record<string, string[]> = {};
  if (request.category) filters[FILTER.category] = [request.category];
  if (request.tag) filters[FILTER.tag] = [request.tag];
  if (request.lang) filters[FILTER.lang] = [request.lang];
  const options: PagefindSearchOptions = { filters };
  if (request.sort === 'date') options.sort = { [SORT.date]: 'desc' };
  return options;
};

/** Searches, then loads the data of the first `limit` results (Pagefind fetches one fragment each). */
export async function search(request: SearchRequest): Promise<SearchResponse> {
  const pagefind = await loadSearch();
  const raw = request.query.trim();
  const isTex = TEX_HINT.test(raw) && !/^\s*["“]/.test(raw);
  const corrected = request.exact || isTex ? raw : await correctTypos(raw);
  const options = searchOptions(request);
  const limit = request.limit ?? 10;
  const empty = (query: string): SearchResponse => ({
    query,
    corrected: false,
    total: 0,
    totalAll: 0,
    hits: [],
    unknown: [],
  });

  // An empty query with a filter lists everything in it (Pagefind's `null` search).
  if (raw === '') {
    if (!request.category && !request.tag && !request.lang) return empty(raw);
    const found = await pagefind.search(null, options);
    const results = found?.results ?? [];
    const plan: QueryPlan = { parsed: parseQuery(''), texNeedle: '' };
    const hits = await Promise.all(
      results.slice(0, limit).map(async (result, order) => {
        const candidate: Candidate = { result, inAll: true, allScore: result.score, unitScores: [], order };
        return buildHit(await load(result), plan, [], candidate).hit;
      }),
    );
    return { ...empty(raw), total: results.length, totalAll: results.length, hits };
  }

  const aliases = (await vocabularyPromise)?.aliases;
  const plan: QueryPlan = isTex
    ? { parsed: parseQuery(texQueryWords(raw)), texNeedle: compactTex(raw) }
    : { parsed: parseQuery(corrected, aliases), texNeedle: '' };
  const { parsed } = plan;
  const units = parsed.units;
  const allTerm = isTex ? texQueryWords(raw) : parsed.phraseOnly ? units[0]!.term : parsed.allWordsTerm;
  if (!allTerm.trim()) return empty(raw);

  let found = await pagefind.search(allTerm, options);
  // Pagefind's exact search misses phrases with punctuation (copy-on-write, Kneser-Ney): then
  // the phrase's words, each page checked below for the phrase itself.
  if (parsed.phraseOnly && (found?.results.length ?? 0) === 0)
    found = await pagefind.search(parsed.allWordsTerm, options);
  const allResults = found?.results ?? [];
  // Each word (and its aliases) alone: only when few pages have them all, never for formulas.
  const partial =
    !isTex && allResults.length < PARTIAL_BELOW && (units.length > 1 || (units[0]?.forms.length ?? 0) > 1);
  const lookUp = async (term: string) => (await pagefind.search(term, options))?.results ?? [];
  const [unitResults, pageCount] = await Promise.all([
    partial
      ? Promise.all(
          units.map(async (unit) => {
            // A phrase is looked up by its words; each page is then checked for the phrase.
            const terms = unit.forms.map((form, index) =>
              index === 0 && unit.kind === 'phrase' ? form.term.replace(/"/g, '') : form.term,
            );
            const perForm = await Promise.all(terms.map(lookUp));
            // A page found under several names of the unit counts once, with its best score.
            const best = new Map<string, PagefindResult>();
            for (const result of perForm.flat())
              if ((best.get(result.id)?.score ?? -1) < result.score) best.set(result.id, result);
            return [...best.values()].sort((a, b) => b.score - a.score);
          }),
        )
      : Promise.resolve(units.map(() => allResults)),
    pageCountPromise ?? Promise.resolve(0),
  ]);
  const pages = Math.max(pageCount, ...unitResults.map((results) => results.length), allResults.length, 1);
  const weights = units.map((_, index) =>
    partial ? rarity(pages, unitResults[index]!.length) : rarity(pages, allResults.length),
  );

  // Every page found, with its scores; Pagefind's order for the whole query first.
  const candidates = new Map<string, Candidate>();
  const candidateFor = (result: PagefindResult) => {
    let candidate = candidates.get(result.id);
    if (!candidate) {
      candidate = { result, inAll: false, allScore: 0, unitScores: units.map(() => 0), order: candidates.size };
      candidates.set(result.id, candidate);
    }
    return candidate;
  };
  for (const result of allResults) Object.assign(candidateFor(result), { inAll: true, allScore: result.score });
  unitResults.forEach((results, unit) => {
    const best = results[0]?.score || 1;
    for (const result of results) candidateFor(result).unitScores[unit] = result.score / best;
  });
  const coverageGuess = (candidate: Candidate) =>
    candidate.unitScores.reduce((total, score, unit) => total + (score > 0 ? weights[unit]! : 0), 0);
  const guessed = [...candidates.values()].sort(
    (a, b) =>
      Number(b.inAll) - Number(a.inAll) ||
      (a.inAll ? a.order - b.order : coverageGuess(b) - coverageGuess(a)) ||
      b.unitScores.reduce((x, y) => x + y, 0) - a.unitScores.reduce((x, y) => x + y, 0),
  );
  const byDate = request.sort === 'date';
  const window = guessed.slice(0, byDate ? limit : Math.max(limit, RERANK_WINDOW));
  // Each unit's best page is loaded too: if even that page lacks the word, the site does not have it.
  if (partial) {
    for (const results of unitResults) {
      const top = results[0] && candidates.get(results[0].id);
      if (top && !window.includes(top)) window.push(top);
    }
  }
  const built = await Promise.all(
    window.map(async (candidate) => buildHit(await load(candidate.result), plan, weights, candidate)),
  );
  const known = units.map((_, index) => built.some((entry) => entry.contained[index]));
  const unknown = units.filter((_, index) => !known[index]).map((unit) => unit.text);
  // Pages Pagefind matched only loosely (none of the query's words in their text) are dropped.
  const kept = built.filter((entry) => entry.contained.some(Boolean) || (plan.texNeedle && entry.ranked.texCount > 0));
  // A quoted phrase that no page has: its words, with the phrase named as not found.
  if (parsed.phraseOnly && kept.length === 0 && !request.exact && parseQuery(units[0]!.text).units.length > 1) {
    const words = await search({ ...request, query: units[0]!.text, exact: true });
    return { ...words, query: corrected, unknown: [units[0]!.text, ...words.unknown] };
  }
  const runsFirst = parsed.cjkRuns.length === 1 && parsed.cjkRuns[0] === raw;
  const ordered = byDate ? kept : [...kept].sort((a, b) => comparePages(a.ranked, b.ranked, runsFirst));
  // Totals: pages not loaded are trusted to have what Pagefind found in them, for the known words.
  const unloaded = [...candidates.values()].filter((candidate) => !window.includes(candidate));
  const allKnown = known.every(Boolean);
  const unloadedFound = unloaded.filter(
    (candidate) =>
      (candidate.inAll && allKnown) || candidate.unitScores.some((score, unit) => score > 0 && known[unit]),
  );
  const keptAll = kept.filter((entry) => entry.ranked.all).length;
  return {
    query: isTex ? raw : corrected,
    corrected: !isTex && corrected !== raw,
    total: kept.length + unloadedFound.length,
    totalAll: keptAll + (allKnown ? unloaded.filter((candidate) => candidate.inAll).length : 0),
    hits: ordered.slice(0, limit).map((entry) => entry.hit),
    unknown,
  };
}
