/**
 * The order of results, as a pure function of what is known about each page, so the
 * README's account of ranking and the unit tests describe the same code:
 * 1. pages that match every word of the query come first; among them, a title holding
 *    every word, then formulas that contain the query's TeX, then where the words are
 *    (title, headings, body) and Chinese runs found whole (the run first when the query
 *    is one Chinese run), then Pagefind's order;
 * 2. then pages that match some words, by (a) the matched words weighted by rarity
 *    (inverse document frequency: a word few pages have says more than a common one),
 *    (b) where they match (title above headings above body), Chinese runs found whole,
 *    and (c) Pagefind's score.
 */

export interface RankedPage {
  /** Matches every unit of the query (checked against the page's text). */
  all: boolean;
  /** Every unit is in the title. */
  titleAll: boolean;
  /** How often the query's TeX occurs in the page's formulas (capped). */
  texCount: number;
  /** Chinese runs of the query found as one run in the page. */
  runs: number;
  /** (a) Σ weight of the units the page matches. */
  coverage: number;
  /** (b) Σ weight × place (title 3, heading 2, body 1) over matched units. */
  place: number;
  /** (c) Pagefind's score (the sum of the per-word scores, normalised, for partial matches). */
  score: number;
  /** Where Pagefind put the page; the last tie-breaker. */
  order: number;
}

const EPSILON = 1e-9;

/**
 * `runsFirst`: the query is one Chinese run (梯度检查点), so a page with the run whole beats
 * one with its words in better places; in a query of several parts, places count first.
 */
export function comparePages(a: RankedPage, b: RankedPage, runsFirst = false): number {
  if (a.all !== b.all) return a.all ? -1 : 1;
  if (a.all) {
    const place = Math.abs(b.place - a.place) > EPSILON ? b.place - a.place : 0;
    const runs = b.runs - a.runs;
    return (
      Number(b.titleAll) - Number(a.titleAll) ||
      b.texCount - a.texCount ||
      (runsFirst ? runs || place : place || runs) ||
      a.order - b.order
    );
  }
  const coverage = b.coverage - a.coverage;
  if (Math.abs(coverage) > EPSILON) return coverage;
  const place = b.place - a.place;
  if (Math.abs(place) > EPSILON) return place;
  return b.runs - a.runs || b.score - a.score || a.order - b.order;
}

/** Inverse document frequency: ln(1 + N / df); a word on every page still counts a little. */
export const rarity = (pages: number, pagesWithWord: number): number =>
  Math.log(1 + Math.max(pages, 1) / Math.max(pagesWithWord, 1));
