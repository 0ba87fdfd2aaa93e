/**
 * `npm run bench [-- --n 1000 --runs 3 --scenario all,dev --no-baseline --no-hugo --no-verify]`:
 * issue #14's benchmark. On N generated articles (scripts/bench/corpus.ts), each run
 * builds cold, one after the other and in a rotating order, so machine noise hits every
 * column alike: this site (scripts/build.ts), the bare Astro baseline
 * (scripts/bench/baseline) and, when `hugo` is on PATH, Hugo + `pagefind --site`
 * (scripts/bench/hugo). Then it applies each edit of scripts/bench/scenarios.ts in turn
 * and rebuilds this site (and the baseline, for --baseline-scenario), each rebuild taken
 * as a ratio of the same run's cold build. `--scenario dev` adds the authoring loop
 * (scripts/bench/dev-loop.ts). After the edits of the first run, a cold build of the
 * edited content is compared byte for byte with the incremental output (--no-verify skips
 * it). Every goal of the issue is reported with its target, met or missed
 * (scripts/bench/goals.ts). Writes bench-results/bench-N.{json,md}; `npm run bench:readme`
 * puts them into the README.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settings } from '../src/settings.ts';
import {
  baselineColumn,
  hugoColumn,
  makeCold,
  siteColumn,
  type Column,
  type ColumnDirs,
  type ColumnId,
  type TimedBuild,
} from './bench/columns.ts';
import { ensureCorpus, folderBytes, scratchCopy } from './bench/corpus.ts';
import { measureAuthoringLoop, type AuthoringLoop } from './bench/dev-loop.ts';
import { judgeGoals, type ScenarioGoal } from './bench/goals.ts';
import { hugoVersion } from './bench/hugo-site.ts';
import { formatReport, type BenchReport, type RunRecord, type ScenarioSummary } from './bench/report.ts';
import { articleFiles, SCENARIO_IDS, SCENARIOS, scenarioById, type ScenarioId } from './bench/scenarios.ts';
import { readSiteFacts, type SiteFacts } from './bench/site-checks.ts';
import { option } from './lib/cli.ts';
import { compareTrees, filesBelow } from './lib/compare-trees.ts';
import { freePort } from './lib/free-port.ts';
import { median } from './lib/measure.ts';

const log = (message: string) => console.log(`[bench] ${message}`);
const fail = (message: string): never => {
  console.error(`[bench] ${message}`);
  process.exit(2);
};

function count(name: string, fallback: string): number {
  const value = option(name, fallback);
  if (!/^[1-9]\d*$/.test(value))
    fail(`--${name} ${value}: a whole number of 1 or more, for example --${name} ${fallback}`);
  return Number(value);
}

/** `--scenario a,b`: build scenarios by id, `all` for every one, `dev` for the authoring loop. */
function scenarioList(name: string, fallback: string): { builds: ScenarioId[]; dev: boolean } {
  const words = option(name, fallback)
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
  const known = new Set<string>([...SCENARIO_IDS, 'all', 'dev', 'cold']);
  const unknown = words.filter((word) => !known.has(word));
  if (unknown.length)
    fail(
      `--${name} ${unknown.join(',')}: unknown; choose from ${[...known].join(', ')}, e.g. --${name} body,title,dev`,
    );
  const builds = words.includes('all') ? SCENARIO_IDS : SCENARIO_IDS.filter((id) => words.includes(id));
  return { builds, dev: words.includes('dev') };
}

const flag = (name: string) => process.argv.includes(`--${name}`);
const N = count('n', '1000');
const RUNS = count('runs', '3');
const SAVES = count('saves', '5');
const selected = scenarioList('scenario', 'all');
const baselineScenarios = new Set(scenarioList('baseline-scenario', 'no-change,body').builds);
const devOnly = selected.dev && selected.builds.length === 0 && !option('scenario', '').split(',').includes('cold');

/**
 * Above this many articles the bare baseline is left out unless --baseline asks for it:
 * Astro's content layer keeps every rendered page in one data store (5 GiB of memory and
 * four minutes at 1,000 articles on the issue's machine), so at 10,000 it would not fit.
 */
const BASELINE_LIMIT = 2000;
const omitted: string[] = [];
let withBaseline = !flag('no-baseline');
if (!withBaseline) omitted.push('The bare baseline column is left out (--no-baseline).');
else if (N > BASELINE_LIMIT && !flag('baseline')) {
  withBaseline = false;
  omitted.push(
    `The bare baseline column is left out above ${BASELINE_LIMIT} articles: Astro's content layer holds every rendered page in memory (5 GiB at 1,000 articles), impractical at ${N}. \`--baseline\` runs it anyway.`,
  );
}
const hugo = flag('no-hugo') ? undefined : hugoVersion();
const hugoMissing = flag('no-hugo')
  ? 'left out (--no-hugo)'
  : hugo
    ? undefined
    : 'no `hugo` on PATH (apt-get install hugo)';
if (hugoMissing) omitted.push(`The Hugo + Pagefind column is ${hugoMissing}.`);
if (devOnly) omitted.splice(0, omitted.length, 'Authoring loop only (--scenario dev): no build was timed.');
const columns: Column[] = devOnly
  ? []
  : [siteColumn, ...(withBaseline ? [baselineColumn] : []), ...(hugo ? [hugoColumn] : [])];
for (const sentence of omitted) log(sentence);

const benchRoot = path.join(settings.root, '.kb-bench');
const generator = path.resolve(settings.root, '../shared/bench/gen-corpus.mjs');
const corpus = await ensureCorpus(benchRoot, generator, N, log);
const loadStart = os.loadavg()[0]!;

/** A column's folders; `verify` is the cold build the incremental output is compared with. */
const dirsOf = (column: ColumnId | 'verify'): ColumnDirs => {
  const base = path.join(benchRoot, 'work', column);
  return {
    content: path.join(base, 'content'),
    cache: path.join(base, 'cache'),
    out: path.join(base, 'out'),
    scratch: path.join(base, 'scratch'),
  };
};
const shown = (build: TimedBuild) =>
  `${build.seconds.toFixed(1)} s${
    Object.keys(build.parts).length
      ? ` (${Object.entries(build.parts)
          .map(([part, value]) => `${part} ${value.toFixed(1)} s`)
          .join(' + ')})`
      : ''
  }, peak ${build.peakMiB.toFixed(0)} MiB`;

const records: RunRecord[] = [];
let siteFacts: SiteFacts | undefined;
let identical: BenchReport['identical'];
for (let run = 1; run <= RUNS && columns.length > 0; run++) {
  const order = columns.map((_, index) => columns[(index + run - 1) % columns.length]!);
  const record: RunRecord = { run, order: order.map((column) => column.id), cold: {}, scenarios: [] };
  for (const column of order) {
    const dirs = dirsOf(column.id);
    scratchCopy(corpus, dirs.content);
    makeCold(dirs);
    log(`run ${run}/${RUNS}: ${column.label}, cold …`);
    record.cold[column.id] = await column.build(dirs);
    log(`run ${run}/${RUNS}: ${column.label}, cold: ${shown(record.cold[column.id]!)}`);
  }
  // Read from the cold output, before the edits change it (the spot check looks for
  // articles a scenario deletes or retitles).
  if (run === 1) siteFacts = await readSiteFacts(dirsOf('site').out, dirsOf('site').content, log);
  for (const id of selected.builds) {
    const scenario = scenarioById(id);
    const change = scenario.apply(dirsOf('site').content, run);
    log(`run ${run}/${RUNS}: ${scenario.label} (${change}) …`);
    const site = await siteColumn.build(dirsOf('site'));
    log(
      `run ${run}/${RUNS}: ${scenario.label}: ${shown(site)}, ${(site.seconds / record.cold.site!.seconds).toFixed(2)}× cold`,
    );
    let baseline: TimedBuild | undefined;
    if (record.cold.baseline && baselineScenarios.has(id)) {
      scenario.apply(dirsOf('baseline').content, run);
      baseline = await baselineColumn.build(dirsOf('baseline'));
      log(`run ${run}/${RUNS}: ${scenario.label}, baseline: ${shown(baseline)}`);
    }
    record.scenarios.push({ id, change, site, ...(baseline ? { baseline } : {}) });
  }
  if (run === 1 && selected.builds.length > 0 && !flag('no-verify')) {
    // The same edited content folder, so paths are the same; a fresh cache and output.
    const verify = { ...dirsOf('verify'), content: dirsOf('site').content };
    makeCold(verify);
    log(`run ${run}/${RUNS}: cold build of the edited content, to compare with the incremental output …`);
    await siteColumn.build(verify);
    const difference = compareTrees(dirsOf('site').out, verify.out);
    identical = {
      files: filesBelow(verify.out).length,
      differences: [
        ...difference.differing,
        ...difference.onlyInFirst.map((file) => `${file} (only in the incremental output)`),
        ...difference.onlyInSecond.map((file) => `${file} (only in the cold build)`),
      ],
    };
    log(
      identical.differences.length
        ? `run ${run}/${RUNS}: ${identical.differences.length} files differ from the cold build, first ${identical.differences.slice(0, 5).join(', ')}`
        : `run ${run}/${RUNS}: incremental output identical to the cold build (${identical.files} files)`,
    );
  }
  records.push(record);
}

let authoringLoop: AuthoringLoop | undefined;
if (selected.dev) {
  const content = scratchCopy(corpus, path.join(benchRoot, 'work', 'dev', 'content'));
  const cache = path.join(benchRoot, 'work', 'dev', 'cache');
  fs.rmSync(cache, { recursive: true, force: true });
  log(`authoring loop: npm run dev on ${N} articles, ${SAVES} saves …`);
  authoringLoop = await measureAuthoringLoop({
    contentDir: content,
    articles: N,
    cacheDir: cache,
    article: articleFiles(content)[0]!,
    saves: SAVES,
    port: await freePort(),
    log: (message) => log(`authoring loop: ${message}`),
  });
}

const medianOf = (values: (number | undefined)[]) => {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length ? median(known) : undefined;
};
const coldSummary = (id: ColumnId) => {
  const builds = records.map((record) => record.cold[id]).filter((build): build is TimedBuild => Boolean(build));
  if (!builds.length) return undefined;
  const parts: Record<string, number> = {};
  for (const part of Object.keys(builds[0]!.parts)) parts[part] = median(builds.map((build) => build.parts[part]!));
  return {
    seconds: median(builds.map((build) => build.seconds)),
    peakMiB: Math.max(...builds.map((build) => build.peakMiB)),
    parts,
  };
};
const cold = { site: coldSummary('site'), baseline: coldSummary('baseline'), hugo: coldSummary('hugo') };
const scenarios: ScenarioSummary[] = selected.builds.map((id) => {
  const scenario = scenarioById(id);
  const builds = records.map((record) => ({ record, step: record.scenarios.find((step) => step.id === id)! }));
  return {
    id,
    label: scenario.label,
    siteSeconds: median(builds.map(({ step }) => step.site.seconds)),
    baselineSeconds: medianOf(builds.map(({ step }) => step.baseline?.seconds)),
    ratio: median(builds.map(({ record, step }) => step.site.seconds / record.cold.site!.seconds)),
    target: scenario.target,
  };
});
const coldVsHugo = medianOf(
  records.map((record) =>
    record.cold.hugo && record.cold.site ? record.cold.site.seconds / record.cold.hugo.seconds : undefined,
  ),
);
const outputMiB: BenchReport['outputMiB'] = {};
for (const column of columns) {
  const out = dirsOf(column.id).out;
  if (fs.existsSync(out)) outputMiB[column.id] = folderBytes(out) / 2 ** 20;
}

const report: BenchReport = {
  command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  date: new Date().toISOString(),
  articles: N,
  runs: RUNS,
  omitted,
  machine: { cpus: os.cpus().length, node: process.versions.node, hugo, loadStart, loadEnd: os.loadavg()[0]! },
  records,
  cold,
  coldVsHugo,
  scenarios,
  outputMiB,
  site: siteFacts,
  authoringLoop,
  identical,
  goals: judgeGoals({
    articles: N,
    coldVsHugo,
    ...(hugoMissing ? { hugoMissing } : {}),
    scenarios: SCENARIOS.filter((scenario) => scenario.target !== undefined).map((scenario): ScenarioGoal => ({
      id: scenario.id,
      label: scenario.label,
      target: scenario.target!,
      ratio: scenarios.find((summary) => summary.id === scenario.id)?.ratio,
    })),
    coldSeconds: cold.site?.seconds,
    coldPeakMiB: cold.site?.peakMiB,
    firstSearchCompressedBytes: siteFacts?.firstSearch?.compressedBytes,
    authoringLoopSeconds: authoringLoop?.medianSeconds,
    authoringLoopArticles: authoringLoop?.articles,
    identical,
  }),
};
const markdown = formatReport(report);
const results = path.join(settings.root, 'bench-results');
// A run of the authoring loop alone must not overwrite the last full run's figures.
const name = `bench-${N}${devOnly ? '-dev' : ''}`;
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(path.join(results, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(path.join(results, `${name}.md`), `${markdown}\n`);
console.log(`\n${markdown}\n\n[bench] written to bench-results/${name}.json and .md`);
