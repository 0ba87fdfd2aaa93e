/**
 * The README's Performance figures, regenerated from real runs: `npm run bench:readme`
 * replaces what stands between two marker comments in README.md with the report of each
 * bench-results/bench-*.json, smallest corpus first. Pure text work here; reading and
 * writing the files is scripts/bench-readme.ts.
 */
import { formatReport, type BenchReport } from './report.ts';

export const README_START = '<!-- bench results: start (written by `npm run bench:readme`; edits here are lost) -->';
export const README_END = '<!-- bench results: end -->';

/** The reports one after the other: by corpus size, a full run before an authoring-loop-only one. */
export function readmeBlock(reports: BenchReport[]): string {
  const devOnly = (report: BenchReport) => (report.records.length === 0 ? 1 : 0);
  return [...reports]
    .sort((a, b) => a.articles - b.articles || devOnly(a) - devOnly(b))
    .map((report) => formatReport(report))
    .join('\n\n');
}

/** `readme` with the text between the markers replaced by `block`; the markers must be there once each. */
export function replaceReadmeBlock(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  const once = (marker: string) => readme.split(marker).length === 2;
  if (start < 0 || end < start || !once(README_START) || !once(README_END))
    throw new Error(`README.md needs the lines ${README_START} and ${README_END}, once each and in that order`);
  return `${readme.slice(0, start + README_START.length)}\n\n${block.trim()}\n\n${readme.slice(end)}`;
}
