/**
 * The ids the page around an article uses (layouts, header, TOC, the blocks after the
 * article). An article may not take one: a second element with the id would break the
 * page's links and scripts (DOM clobbering). A browser test of the bundled site checks
 * that every id outside the article body is listed here, so the list cannot go stale.
 */
export const PAGE_IDS: ReadonlySet<string> = new Set([
  'main',
  'header-search-input',
  'header-search-keys',
  'header-search-listbox',
  'search-dialog',
  'search-dialog-input',
  'toc',
  'toc-title',
  'math-keys',
  'series-box-title',
  'papers-title',
  'backlinks-title',
  'related-title',
  'cite-title',
  'references-title',
  'link-preview',
  'search-page-title',
  'search-page-input',
  'search-results',
  'search-category',
  'search-tag',
  'search-sort',
  'search-lang',
  'notfound-search',
  'notfound-latest',
  'comments-title',
  'graph-title',
  'local-graph-title',
  'local-graph-svg-title',
]);

/**
 * Families of ids the pages generate: paper cards (`paper-arXiv-2104-09864`), archive
 * years, the groups of /papers/ (`papers-2024`, `papers-undated`, `papers-group-3`), the
 * entries of an article's reference list (`ref-vaswani2017attention`).
 */
export const PAGE_ID_PATTERNS: readonly RegExp[] = [/^paper-/, /^y\d{4}$/, /^papers-/, /^ref-/];

/** Whether the page around an article (or a listing) may use this id. */
export const isPageId = (id: string): boolean =>
  PAGE_IDS.has(id) || PAGE_ID_PATTERNS.some((pattern) => pattern.test(id));
