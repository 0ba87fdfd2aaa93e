/**
 * The paper index (/papers/): each paper with what it can be filtered by (year, venue, the
 * tags of the articles that discuss it), the choices for each filter, and the papers
 * grouped by year, newest first. Pure: the page hands in the papers and the articles.
 */
import type { Paper } from './papers.ts';

export interface IndexedPaper<A> {
  paper: Paper;
  articles: A[];
  /** The venue without a trailing year: "NeurIPS 2022" is filed under NeurIPS. */
  venue: string | undefined;
  tags: string[];
}

export interface PaperIndex<A> {
  papers: IndexedPaper<A>[];
  years: number[];
  /** Venues by number of papers, then name. */
  venues: string[];
  /** Tags by number of papers, then id. */
  tags: string[];
  /** Year groups, newest first; papers without a year last (year undefined). */
  byYear: { year: number | undefined; papers: IndexedPaper<A>[] }[];
}

export const venueName = (venue: string | undefined): string | undefined =>
  venue?.replace(/\s+(?:19|20)\d{2}$/, '').trim() || undefined;

function byCount(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value]) => value);
}

export function buildPaperIndex<A extends { tags: string[] }>(
  entries: { paper: Paper; articles: A[] }[],
): PaperIndex<A> {
  const papers = entries
    .map(({ paper, articles }) => ({
      paper,
      articles,
      venue: venueName(paper.venue),
      tags: [...new Set(articles.flatMap((article) => article.tags))].sort(),
    }))
    .sort(
      (a, b) => (b.paper.year ?? -Infinity) - (a.paper.year ?? -Infinity) || a.paper.title.localeCompare(b.paper.title),
    );
  const years = [...new Set(papers.flatMap(({ paper }) => (paper.year === undefined ? [] : [paper.year])))];
  const byYear: PaperIndex<A>['byYear'] = [];
  for (const entry of papers) {
    const last = byYear.at(-1);
    if (last && last.year === entry.paper.year) last.papers.push(entry);
    else byYear.push({ year: entry.paper.year, papers: [entry] });
  }
  return {
    papers,
    years,
    venues: byCount(papers.flatMap((entry) => (entry.venue ? [entry.venue] : []))),
    tags: byCount(papers.flatMap((entry) => entry.tags)),
    byYear,
  };
}
