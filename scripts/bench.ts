/**
 * `npm run bench [-- --n 1000 --runs 3 --no-baseline]`: builds a generated corpus of N
 * articles (../shared/bench/gen-corpus.mjs, reused when present) with the full site, cold,
 * again with nothing changed, and after editing one article; then the bare baseline
 * (scripts/bench/baseline) the same way, in the same run. Reports wall time (median of
 * runs), peak RSS of the whole process tree, output size, the gzip weight of one article
 * page, and the bytes a first search fetches. Writes bench-results/bench-N.{json,md}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { childEnv, settings } from '../src/settings.ts';
import { option } from './lib/cli.ts';
import { measure, type Measurement } from './lib/measure.ts';

const N = Number(option('n', '1000'));
const RUNS = Number(option('runs', '1'));
const withBaseline = !process.argv.includes('--no-baseline');
const root = path.join(settings.root, '.kb-bench');
const corpusDir = path.join(root, `corpus-${N}`);
const generator = path.resolve(settings.root, '../shared/bench/gen-corpus.mjs');
const node = process.execPath;
const log = (message: string) => console.log(`[bench] ${message}`);

if (!fs.existsSync(path.join(corpusDir, 'articles'))) {
  log(`generating ${N} articles with ${path.relative(process.cwd(), generator)}`);
  const result = await measure(node, [generator, path.join(corpusDir, 'articles'), String(N)]);
  if (result.code !== 0) throw new Error(result.output);
} else log(`reusing ${path.relative(process.cwd(), corpusDir)}`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const dirSize = (dir: string) => {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
};

/** A scratch copy of the corpus, so editing an article never touches the shared one. */
function freshContent(name: string): string {
  const dir = path.join(root, 'work', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(corpusDir, dir, { recursive: true });
  return dir;
}

interface ScenarioResult {
  /** What the cold build said about its social cards (`[kb] N cards: …`), if it drew any. */
  cardsLine: string | undefined;
  cold: number;
  unchanged: number;
  editOne: number;
  peakMiB: number;
  outputMiB: number;
  out: string;
}

type Step = 'cold' | 'unchanged' | 'editOne';

async function scenario(
  label: string,
  build: (env: NodeJS.ProcessEnv) => Promise<Measurement>,
): Promise<ScenarioResult> {
  const results: Record<Step, number[]> & { peakMiB: number; out: string; cardsLine: string | undefined } = {
    cold: [],
    unchanged: [],
    editOne: [],
    peakMiB: 0,
    out: '',
    cardsLine: undefined,
  };
  for (let run = 1; run <= RUNS; run++) {
    const content = freshContent(label);
    const cache = path.join(root, 'work', `${label}-cache`);
    const out = path.join(root, 'work', `${label}-out`);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
    const env = childEnv({
      KB_CONTENT_DIR: content,
      KB_CACHE_DIR: cache,
      KB_OUT_DIR: out,
      ASTRO_TELEMETRY_DISABLED: '1',
    });
    for (const step of ['cold', 'unchanged', 'editOne'] as const) {
      if (step === 'editOne') {
        const first = fs.readdirSync(path.join(content, 'articles')).sort()[0]!;
        fs.appendFileSync(
          path.join(content, 'articles', first),
          `\n\n编辑后追加的一段：$x_{${run}}^2$ 与 **粗体**。\n`,
        );
      }
      log(`${label} run ${run}/${RUNS}: ${step} build …`);
      const result = await build(env);
      if (result.code !== 0) throw new Error(`${label} ${step} build failed:\n${result.output.slice(-4000)}`);
      results[step].push(result.seconds);
      if (step === 'cold') results.cardsLine ??= /\[kb\] (\d+ cards: .*)/.exec(result.output)?.[1];
      results.peakMiB = Math.max(results.peakMiB, result.peakMiB);
      log(`${label} ${step}: ${result.seconds.toFixed(1)} s, peak ${result.peakMiB.toFixed(0)} MiB`);
    }
    results.out = out;
  }
  return {
    cardsLine: results.cardsLine,
    cold: median(results.cold),
    unchanged: median(results.unchanged),
    editOne: median(results.editOne),
    peakMiB: results.peakMiB,
    outputMiB: dirSize(results.out) / 2 ** 20,
    out: results.out,
  };
}

const site = await scenario('site', (env) => measure(node, [path.join(settings.root, 'scripts/build.ts')], { env }));
const baseline = withBaseline
  ? await scenario('baseline', (env) =>
      measure(
        node,
        [
          path.join(settings.root, 'node_modules/astro/bin/astro.mjs'),
          'build',
          '--root',
          path.join(settings.root, 'scripts/bench/baseline'),
        ],
        { env },
      ),
    )
  : undefined;

// Page weight of one article: HTML + the stylesheets it links, gzip, before fonts.
const articleDir = path.join(site.out, 'articles');
const slug = fs.readdirSync(articleDir).sort()[0]!;
const html = fs.readFileSync(path.join(articleDir, slug, 'index.html'));
const css = [...String(html).matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) =>
  fs.readFileSync(path.join(site.out, match[1]!.replace(/^\//, ''))),
);
const gzip = (buffer: Buffer) => zlib.gzipSync(buffer, { level: 9 }).length;
const pageWeight = {
  htmlGzipKiB: gzip(html) / 1024,
  cssGzipKiB: css.reduce((sum, file) => sum + gzip(file), 0) / 1024,
  scripts: (String(html).match(/<script[^>]+src=/g) ?? []).length,
};

// First search: the bytes Pagefind fetches for one query in Chromium. Then a spot check
// that pages and the index are right: three articles, spread over the corpus, each page
// carrying its title and each found by a search for its title among the top twenty results
// (the corpus repeats title templates, so ranking among look-alikes is not the point).
let firstSearchKiB: number | undefined;
const spotCheck: { slug: string; pageHasTitle: boolean; foundByTitle: boolean }[] = [];
try {
  const { searchSite } = await import('./lib/first-search.ts');
  const files = fs.readdirSync(path.join(corpusDir, 'articles')).sort();
  const picks = [files[0], files[Math.floor(files.length / 2)], files.at(-1)].map((name) => {
    const text = fs.readFileSync(path.join(corpusDir, 'articles', name!), 'utf8');
    return { slug: name!.replace(/\.md$/, ''), title: JSON.parse(/^title: (.*)$/m.exec(text)![1]!) as string };
  });
  const result = await searchSite(site.out, ['attention', ...picks.map((pick) => pick.title)]);
  firstSearchKiB = result.bytes / 1024;
  picks.forEach((pick, index) => {
    const page = fs.readFileSync(path.join(site.out, 'articles', pick.slug, 'index.html'), 'utf8');
    spotCheck.push({
      slug: pick.slug,
      pageHasTitle:
        page.includes(
          `<h1 data-pagefind-meta="title">${pick.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</h1>`,
        ) || page.includes(pick.title),
      // Twenty hits that all carry this exact title also count: the corpus repeats titles.
      foundByTitle:
        result.top[index + 1]!.some((hit) => hit.url.includes(`/articles/${pick.slug}/`)) ||
        (result.top[index + 1]!.length === 20 && result.top[index + 1]!.every((hit) => hit.title === pick.title)),
    });
  });
} catch (error) {
  log(`search measurement skipped: ${(error as Error).message}`);
}

// Social cards: the cost of one card drawn on its own (fonts already loaded), over titles
// of the corpus, beside what the cold build reported for its cards (drawn beside Astro).
let cardCost: { cards: number; meanMs: number; layoutMs: number; rasterMs: number; firstMs: number } | undefined;
try {
  const { renderCard } = await import('./build/social-card-render.ts');
  const { cardStyle } = await import('../src/data/social-cards.ts');
  const { palette } = cardStyle();
  const names = fs.readdirSync(path.join(corpusDir, 'articles')).sort().slice(0, 60);
  const timings: { layoutMs: number; rasterMs: number }[] = [];
  for (const name of names) {
    const text = fs.readFileSync(path.join(corpusDir, 'articles', name), 'utf8');
    const title = JSON.parse(/^title: (.*)$/m.exec(text)![1]!) as string;
    const card = await renderCard(
      { title, category: '大模型架构与训练', date: '2025-01-01', siteName: 'ML 知识库', lang: 'zh' },
      palette,
    );
    timings.push(card);
  }
  const [first, ...rest] = timings;
  const mean = (pick: (t: { layoutMs: number; rasterMs: number }) => number) =>
    rest.reduce((sum, timing) => sum + pick(timing), 0) / rest.length;
  cardCost = {
    cards: rest.length,
    meanMs: mean((t) => t.layoutMs + t.rasterMs),
    layoutMs: mean((t) => t.layoutMs),
    rasterMs: mean((t) => t.rasterMs),
    firstMs: first!.layoutMs + first!.rasterMs,
  };
} catch (error) {
  log(`card measurement skipped: ${(error as Error).message}`);
}

const entry = JSON.parse(fs.readFileSync(path.join(site.out, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
  languages: Record<string, { page_count: number }>;
};
const indexedPages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
const report = {
  date: new Date().toISOString(),
  articles: N,
  runs: RUNS,
  machine: { cpus: os.cpus().length, node: process.versions.node },
  site: { ...site, out: undefined },
  baseline: baseline && { ...baseline, out: undefined },
  pageWeight,
  firstSearchKiB,
  cardCost,
  cardsInBuild: site.cardsLine,
  spotCheck,
  indexedPages,
};
const fmt = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
const rows: [string, number, number | undefined][] = [
  ['cold build (s)', site.cold, baseline?.cold],
  ['no-change rebuild (s)', site.unchanged, baseline?.unchanged],
  ['edit-one rebuild (s)', site.editOne, baseline?.editOne],
  ['peak RSS (MiB)', site.peakMiB, baseline?.peakMiB],
  ['output (MiB)', site.outputMiB, baseline?.outputMiB],
];
const markdown = [
  `Benchmark: ${N} generated articles, ${RUNS} run(s) (medians), ${report.machine.cpus} cores, Node ${report.machine.node}, ${report.date.slice(0, 10)}.`,
  '',
  '| measure | ML 知识库 (full site: listings, feeds, search index) | bare baseline (Astro 7 + remark-math + rehype-katex + Shiki, one route) | ratio |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(([label, a, b]) => `| ${label} | ${fmt(a)} | ${fmt(b)} | ${ratio(a, b)} |`),
  '',
  `One article page: ${pageWeight.htmlGzipKiB.toFixed(1)} KiB HTML + ${pageWeight.cssGzipKiB.toFixed(1)} KiB CSS (gzip), ${pageWeight.scripts} external scripts, none needed to read.`,
  `First search ("attention"): ${fmt(firstSearchKiB)} KiB fetched (compressed transfer as served).`,
  cardCost
    ? `Social cards: ${cardCost.meanMs.toFixed(1)} ms per card drawn alone (layout ${cardCost.layoutMs.toFixed(1)} ms with satori, raster and PNG ${cardCost.rasterMs.toFixed(1)} ms with resvg; mean of ${cardCost.cards}, the first with font loading ${cardCost.firstMs.toFixed(0)} ms); in the cold build, beside Astro: ${site.cardsLine ?? 'not reported'}.`
    : 'Social cards: not measured.',
  `Index: ${indexedPages} pages in Pagefind's index for ${N} articles, ${fs.readdirSync(path.join(site.out, 'articles')).length} article pages built.`,
  `Spot check: ${spotCheck.map((check) => `${check.slug} ${check.pageHasTitle && check.foundByTitle ? 'ok' : 'WRONG'}`).join(', ') || 'not run'}.`,
].join('\n');
const results = path.join(settings.root, 'bench-results');
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(path.join(results, `bench-${N}.json`), JSON.stringify(report, null, 2));
fs.writeFileSync(path.join(results, `bench-${N}.md`), `${markdown}\n`);
console.log(`\n${markdown}\n\n[bench] written to bench-results/bench-${N}.json and .md`);
