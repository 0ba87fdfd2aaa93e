/**
 * The benchmark's results: the JSON record of every build of every run, and the Markdown
 * the README's Performance section is pasted from (build times per column, then the goals
 * of issue #14 with target and verdict). Pure formatting: the numbers come from bench.ts.
 */
import type { ColumnId, TimedBuild } from './columns.ts';
import type { AuthoringLoop } from './dev-loop.ts';
import type { Goal } from './goals.ts';
import type { ScenarioId } from './scenarios.ts';
import type { SiteFacts } from './site-checks.ts';

export interface RunRecord {
  run: number;
  /** The order the cold builds ran in (rotated each run, so no column always goes first). */
  order: ColumnId[];
  cold: Partial<Record<ColumnId, TimedBuild>>;
  scenarios: { id: ScenarioId; change: string; site: TimedBuild; baseline?: TimedBuild }[];
}

export interface ScenarioSummary {
  id: ScenarioId;
  label: string;
  siteSeconds: number;
  baselineSeconds: number | undefined;
  /** Median over runs of the rebuild ÷ the same run's cold build. */
  ratio: number;
  target: number | undefined;
}

export interface BenchReport {
  /** The command line that produced this report, to run it again. */
  command: string;
  date: string;
  articles: number;
  runs: number;
  /** Sentences saying which column was left out and why (no hugo on PATH, --no-baseline, size). */
  omitted: string[];
  machine: {
    cpus: number;
    node: string;
    hugo: string | undefined;
    /** 1-minute load average when the benchmark started and ended. */
    loadStart: number;
    loadEnd: number;
  };
  records: RunRecord[];
  /** Medians over runs (the peak is the highest); undefined for a column that did not run. */
  cold: Record<ColumnId, TimedBuild | undefined>;
  coldVsHugo: number | undefined;
  scenarios: ScenarioSummary[];
  outputMiB: Partial<Record<ColumnId, number>>;
  site: SiteFacts | undefined;
  authoringLoop: AuthoringLoop | undefined;
  /** The first run's output after its edits, compared with a cold build of the same content. */
  identical: { files: number; differences: string[] } | undefined;
  goals: Goal[];
}

/**
 * A first search's compressed bytes by kind: Pagefind's runtime (scripts and WebAssembly,
 * the same for every site and cached after the first visit), the index (entry, meta, index
 * chunks, filters, our vocabulary) and the result fragments.
 */
export function firstSearchParts(
  files: { file: string; bytes: number }[],
): Record<'runtime' | 'index' | 'fragments', number> {
  const parts = { runtime: 0, index: 0, fragments: 0 };
  for (const { file, bytes } of files) {
    const kind = /\.(js|pagefind)$/.test(file) ? 'runtime' : file.includes('/fragment/') ? 'fragments' : 'index';
    parts[kind] += bytes;
  }
  return parts;
}

const seconds = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} s`);
const mib = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));
const VERDICT: Record<Goal['verdict'], string> = {
  met: '**met**',
  missed: '**missed**',
  indicative: 'indicative',
  'not measured': 'not measured',
};

/** A loaded machine makes every column slower; say so beside the figures. */
export function loadNote(report: BenchReport): string {
  const load = Math.max(report.machine.loadStart, report.machine.loadEnd);
  return load > report.machine.cpus
    ? `The machine was shared and loaded (1-minute load average ${report.machine.loadStart.toFixed(1)} at the start, ${report.machine.loadEnd.toFixed(1)} at the end, on ${report.machine.cpus} cores): absolute seconds are inflated; the ratios, measured pair by pair in one run, are what count.`
    : `1-minute load average ${report.machine.loadStart.toFixed(1)} → ${report.machine.loadEnd.toFixed(1)} on ${report.machine.cpus} cores.`;
}

export function formatReport(report: BenchReport): string {
  const { cold } = report;
  const hugo = cold.hugo;
  const hugoCold = hugo
    ? `${seconds(hugo.parts.hugo)} + ${seconds(hugo.parts.pagefind)} = ${seconds(hugo.seconds)}`
    : '– (no hugo)';
  const hugoRebuild = hugo ? `(full rebuild) ${seconds(hugo.seconds)}` : '–';
  const lines = [
    `Benchmark (\`${report.command}\`): ${report.articles} generated articles, ${report.runs} run(s) (medians), ${report.machine.cpus} cores, Node ${report.machine.node}, ${report.machine.hugo ?? 'no Hugo'}, ${report.date.slice(0, 10)}.`,
    loadNote(report),
    ...report.omitted,
    '',
    '| build | ML 知识库 (full site: listings, feeds, search index) | ÷ same run’s cold build | bare baseline (Astro 7 + remark-math + rehype-katex + Shiki, one route) | Hugo + Pagefind (minimal layouts, client-side KaTeX) |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| cold | ${seconds(cold.site?.seconds)} | 1 | ${seconds(cold.baseline?.seconds)} | ${hugoCold} |`,
    ...report.scenarios.map(
      (scenario) =>
        `| ${scenario.label} | ${seconds(scenario.siteSeconds)} | ${scenario.ratio.toFixed(2)}× | ${seconds(scenario.baselineSeconds)} | ${hugoRebuild} |`,
    ),
    `| peak RSS of the cold build, whole process tree (MiB) | ${mib(cold.site?.peakMiB)} | | ${mib(cold.baseline?.peakMiB)} | ${mib(hugo?.peakMiB)} |`,
    `| output (MiB) | ${mib(report.outputMiB.site)} | | ${mib(report.outputMiB.baseline)} | ${mib(report.outputMiB.hugo)} |`,
    '',
    '| goal (issue #14) | measured | target | |',
    '| --- | ---: | ---: | --- |',
    ...report.goals.map(
      (goal) =>
        `| ${goal.goal} | ${goal.measured} | ${goal.target} | ${VERDICT[goal.verdict]}${goal.note ? ` (${goal.note})` : ''} |`,
    ),
  ];
  const site = report.site;
  if (site) {
    const first = site.firstSearch;
    lines.push(
      '',
      `One article page: ${site.pageWeight.htmlGzipKiB.toFixed(1)} KiB HTML + ${site.pageWeight.cssGzipKiB.toFixed(1)} KiB CSS (gzip), ${site.pageWeight.scripts} external scripts, none needed to read.`,
      first
        ? `First search ("${first.query}" typed into the header box of a fresh page): ${first.files.length} files, ${(first.bytes / 1000).toFixed(1)} kB on disk, ${(first.compressedBytes / 1000).toFixed(1)} kB compressed${
            first.compressedByFile
              ? ` (${Object.entries(firstSearchParts(first.compressedByFile))
                  .map(([kind, bytes]) => `${kind} ${(bytes / 1000).toFixed(1)} kB`)
                  .join(', ')})`
              : ''
          }.`
        : 'First search: not measured (see the log).',
      `Index: ${site.indexedPages} pages in Pagefind's index, ${site.articlePages} article pages built, for ${report.articles} articles.`,
      `Spot check: ${site.spotCheck.map((check) => `${check.slug} ${check.pageHasTitle && check.foundByTitle ? 'ok' : 'WRONG'}`).join(', ') || 'not run'}.`,
    );
  }
  const loop = report.authoringLoop;
  if (loop)
    lines.push(
      `Authoring loop (\`npm run dev\` on ${loop.articles} articles, saving ${loop.article}): dev server answered after ${loop.startSeconds.toFixed(1)} s; save → visible ${loop.saveSeconds.map((value) => value.toFixed(2)).join(', ')} s (median ${loop.medianSeconds.toFixed(2)} s)${loop.notShown ? `; ${loop.notShown} save(s) not on screen within the wait limit, counted as that limit` : ''}.`,
    );
  return lines.join('\n');
}
