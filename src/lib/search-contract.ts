/**
 * The contract between the pages that are indexed, the indexer and the search UI: the
 * names of the Pagefind fields an article carries, how they are weighted, and the markers
 * around the hidden taxonomy paragraph. The article's search fields
 * (src/components/SearchFields.astro), the indexer (scripts/build/search-index.ts) and the
 * browser (src/client/search-engine.ts) all import these, so a field is renamed in one place.
 */

/** `data-pagefind-meta` fields: shown with results and ranked. */
export const META = { title: 'title', terms: 'terms', description: 'description', date: 'date' } as const;

/**
 * Frontmatter fields an article gives the index as meta fields of the same name, to be
 * shown with its results (src/client/search-render.ts). A field listed here is indexed by
 * SearchFields.astro and reaches the browser in `SearchHit.meta`.
 */
export const FRONTMATTER_META: readonly string[] = ['subtitle'];

/** `data-pagefind-filter` fields: the search page's filters (`language` is the article's, by name). */
export const FILTER = { category: 'category', tag: 'tag', lang: 'language' } as const;

/** `data-pagefind-sort` fields. */
export const SORT = { date: 'date' } as const;

/** Titles and the taxonomy terms (tags, category, aliases) outrank body text. */
export const META_WEIGHTS = { [META.title]: 6, [META.terms]: 4 };

/**
 * Tags and category under every name the taxonomy knows them by, also as a hidden
 * paragraph of this weight: Pagefind 1.6 matches only Latin words in meta fields, and
 * the paragraph is matched in every language. The markers let the UI cut it out of
 * excerpts: it is there to be matched, not read.
 */
export const TERMS_WEIGHT = 5;
export const TERMS_OPEN = '⟦';
export const TERMS_CLOSE = '⟧';

/**
 * The indexer wraps each formula's TeX in these (scripts/build/search-index.ts), so the UI
 * can show a formula in an excerpt whole, as TeX in a code style, and never cut it in half
 * or mix it with prose. Punctuation to Pagefind: never a searchable word.
 */
export const FORMULA_OPEN = '⟪';
export const FORMULA_CLOSE = '⟫';

/** …and each code block in these: an excerpt prefers the prose around it. */
export const CODE_OPEN = '⦃';
export const CODE_CLOSE = '⦄';

/** A value for a Pagefind attribute: a comma there separates values, so one in a name is escaped. */
export const pagefindValue = (value: string): string => value.replaceAll(',', '\\,');

/** An excerpt without the hidden taxonomy paragraph (or the part of it the excerpt caught). */
export function withoutTermsBlock(excerpt: string): string {
  const open = TERMS_OPEN;
  const close = TERMS_CLOSE;
  return excerpt
    .replace(new RegExp(`${open}[\\s\\S]*?${close}`, 'g'), ' ')
    .replace(new RegExp(`^[\\s\\S]*?${close}`), '')
    .replace(new RegExp(`${open}[\\s\\S]*$`), '')
    .replace(/<mark>\s*<\/mark>/g, '')
    .trim();
}
