/**
 * The search behind the header box and the /search/ page: Pagefind, loaded on first use
 * from the deployment's base path, plus three things Pagefind does not do by itself:
 * - formula queries (`\sqrt{d}`, `QK^T`) are compared with each result's TeX, because
 *   Pagefind sees TeX as loose words and ranks single letters like `d` everywhere;
 * - a one-letter typo in a Latin word is corrected against the site's vocabulary
 *   (pagefind/kb-vocabulary.json, written by scripts/build/search-index.ts);
 * - results carry the words Pagefind matched, so the article can highlight them.
 */

import { FILTER, META, META_WEIGHTS, SORT, withoutTermsBlock } from '../lib/search-contract.ts';

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
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
  sub_results: PagefindSubResult[];
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
  filters(): Promise<Record<string, Record<string, number>>>;
}

export interface SearchHit {
  url: string;
  title: string;
  date: string;
  category: string[];
  tags: string[];
  /** Pagefind's excerpt: escaped text with <mark> around matched words. */
  excerpt: string;
  /** Words to highlight in the article: what Pagefind marked, plus the query's own words. */
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
  hits: SearchHit[];
}

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
let pagefindPromise: Promise<PagefindApi> | undefined;
let vocabularyPromise: Promise<Set<string>> | undefined;

/** Loads Pagefind (and the vocabulary) once; call early, e.g. when the search box gets focus. */
export function loadSearch(): Promise<PagefindApi> {
  pagefindPromise ??= (async () => {
    const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as PagefindApi;
    await pagefind.options({
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
    .then((response) => (response.ok ? (response.json() as Promise<string[]>) : []))
    .then(
      (words) => new Set(words),
      () => new Set<string>(),
    );
  return pagefindPromise;
}

export async function searchFilters(): Promise<Record<string, Record<string, number>>> {
  return (await loadSearch()).filters();
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
  const vocabulary = await (vocabularyPromise ?? Promise.resolve(new Set<string>()));
  if (vocabulary.size === 0) return query;
  const known = [...vocabulary];
  return query.replace(/[A-Za-z][A-Za-z0-9]{3,}/g, (word) => {
    const lower = word.toLowerCase();
    if (vocabulary.has(lower) || known.some((candidate) => candidate.startsWith(lower))) return word;
    // Prefer a candidate that keeps the first letter: readers rarely mistype that one.
    const candidates = known.filter((candidate) => withinOneEdit(lower, candidate));
    return candidates.find((candidate) => candidate[0] === lower[0]) ?? candidates[0] ?? word;
  });
}

const markedWords = (html: string): string[] =>
  [...html.matchAll(/<mark>([\s\S]*?)<\/mark>/g)].map((match) => decodeEntities(match[1] ?? '').trim()).filter(Boolean);

export function decodeEntities(text: string): string {
  return text.replace(
    /&(lt|gt|quot|#39|#x27|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[name] ?? '',
  );
}

/** The sub-result (a heading's section) with the most matches, so the link lands on the match. */
function bestSection(data: PagefindResultData): PagefindSubResult | undefined {
  const ranked = [...data.sub_results].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0));
  const best = ranked[0];
  return best && best.url !== data.url ? best : undefined;
}

/** `url` with the words to highlight as `?highlight=`, before any #anchor. */
export function withHighlight(url: string, terms: string[]): string {
  if (terms.length === 0) return url;
  const [path = '', hash] = url.split('#');
  const joined = `${path}${path.includes('?') ? '&' : '?'}highlight=${encodeURIComponent(terms.join(' '))}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

type LoadedHit = SearchHit & { content: string };

async function toHit(result: PagefindResult, query: string): Promise<LoadedHit> {
  const data = await result.data();
  const title = data.meta[META.title] ?? data.url;
  const section = bestSection(data);
  const excerpts = [section?.excerpt, data.excerpt, ...data.sub_results.map((sub) => sub.excerpt)]
    .filter((text): text is string => Boolean(text))
    .map(withoutTermsBlock);
  // The first excerpt that shows a match; else the article's description.
  const excerpt =
    excerpts.find((text) => markedWords(text).length > 0) ?? data.meta[META.description] ?? excerpts[0] ?? '';
  const queryWords = query.split(/\s+/).filter((word) => word.length > 1 && !TEX_HINT.test(word));
  const terms = [...new Set([...excerpts.flatMap(markedWords), ...queryWords])].slice(0, 12);
  // A result whose title matches opens at the top; otherwise at the best-matching section.
  const titleMatches = queryWords.some((word) => title.toLowerCase().includes(word.toLowerCase()));
  const target = titleMatches ? data.url : (section?.url ?? data.url);
  return {
    url: withHighlight(target, TEX_HINT.test(query) ? [...terms, query.trim()] : terms),
    title,
    date: data.meta[META.date] ?? '',
    category: data.filters[FILTER.category] ?? [],
    tags: data.filters[FILTER.tag] ?? [],
    excerpt,
    terms,
    meta: data.meta,
    content: data.content,
  };
}

/** Pagefind's first results that are loaded and reordered by `rerank`. */
const RERANK_WINDOW = 10;

/**
 * Pagefind ranks by word matches; it cannot see that a title is the query, because it
 * splits Chinese queries into short words (梯度检查点 → 梯度 · 检查 · 点) and matches each.
 * Among its first results: a title containing every query word comes first, then a page
 * containing each word as typed; for formulas, the pages whose TeX contains the squeezed
 * query, most occurrences first. Pagefind's order breaks ties.
 */
function rerank(hits: LoadedHit[], query: string): LoadedHit[] {
  const isTex = TEX_HINT.test(query);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const needle = isTex ? compactTex(query) : '';
  const keyed = hits.map((hit, order) => {
    const title = hit.title.toLowerCase();
    const content = hit.content.toLowerCase();
    const texCount = needle ? Math.min(compactTex(hit.content).split(needle).length - 1, 5) : 0;
    return {
      hit,
      order,
      texCount,
      inTitle: (
        isTex ? needle !== '' && compactTex(hit.title).includes(needle) : words.every((word) => title.includes(word))
      )
        ? 1
        : 0,
      inContent: !isTex && words.every((word) => content.includes(word)) ? 1 : 0,
    };
  });
  keyed.sort(
    (a, b) => b.inTitle - a.inTitle || b.texCount - a.texCount || b.inContent - a.inContent || a.order - b.order,
  );
  return keyed.map((entry) => entry.hit);
}

/** Searches, then loads the data of the first `limit` results (Pagefind fetches one fragment each). */
export async function search(request: SearchRequest): Promise<SearchResponse> {
  const pagefind = await loadSearch();
  const raw = request.query.trim();
  const corrected = request.exact ? raw : await correctTypos(raw);
  const isTex = TEX_HINT.test(raw);
  const filters: Record<string, string[]> = {};
  if (request.category) filters[FILTER.category] = [request.category];
  if (request.tag) filters[FILTER.tag] = [request.tag];
  if (request.lang) filters[FILTER.lang] = [request.lang];
  const options: PagefindSearchOptions = { filters };
  if (request.sort === 'date') options.sort = { [SORT.date]: 'desc' };
  // An empty query with a filter lists everything in it (Pagefind's `null` search).
  const term = raw === '' ? null : isTex ? texQueryWords(raw) : corrected;
  if (term === null && !request.category && !request.tag && !request.lang)
    return { query: raw, corrected: false, total: 0, hits: [] };
  const found = await pagefind.search(term, options);
  const results = found?.results ?? [];
  const limit = request.limit ?? 10;
  const loadCount = request.sort === 'date' || term === null ? limit : Math.max(limit, RERANK_WINDOW);
  const loaded = await Promise.all(
    results.slice(0, loadCount).map((result) => toHit(result, isTex ? raw : (term ?? ''))),
  );
  const hits = request.sort === 'date' || term === null ? loaded : rerank(loaded, isTex ? raw : term);
  return {
    query: term === null ? raw : isTex ? raw : corrected,
    corrected: !isTex && corrected !== raw,
    total: results.length,
    hits: hits.slice(0, limit).map(({ content: _content, ...hit }) => hit),
  };
}
