/**
 * `npm run bench:search [-- --n 1000,10000 --baseline main --runs 3]`: search figures for
 * the bundled site and for generated N-article sites
 * (../shared/bench/gen-corpus.mjs, reused from .kb-bench/corpus-N when present). For each:
 * the index size on disk, the bytes the browser fetches for a first query typed into the
 * header box of a fresh page (no cache), file by file, how long that cold first query
 * takes, and the time from keystroke to rendered results in Chromium, median and worst of
 * 20 queries, for single-word, three-word and partial-match queries (some words no page
 * has with the others).
 *
 * `--baseline <git ref>` (default `main`; `--baseline none` skips it) builds every generated
 * site again with that commit's code (exported with `git archive` into .kb-bench/baseline-src,
 * sharing this checkout's node_modules when the lockfiles agree) and measures both in the
 * same run. The machine is shared and noisy, so each site is measured `--runs` times
 * (default 3), the sites taking turns (this code, the baseline, this code, …), and every
 * figure is the median of its runs; ratios compare those medians, side by side.
 * `--skip-build` reuses the sites built last; `--build-only` builds and stops; `--only <names>`
 * builds only the sites named (`--only bundled,generated-1000`; `--only 119bddf`: the baseline's).
 * A benchmark, not a test: it prints figures and asserts nothing.
 * Writes bench-results/search.{json,md}.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { childEnv, settings } from '../src/settings.ts';
import { buildSearchIndex } from './build/search-index.ts';
import { writeSecurityHeaders } from './build/security-headers.ts';
import { option } from './lib/cli.ts';
import { median } from './lib/measure.ts';
import { serveSite } from './lib/serve-site.ts';

const SIZES = option('n', '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const baselineRef = option('baseline', 'main');
const RUNS = Math.max(1, Number(option('runs', '3')) || 1);
const skipBuild = process.argv.includes('--skip-build');
const root = path.join(settings.root, '.kb-bench');
const generator = path.resolve(settings.root, '../shared/bench/gen-corpus.mjs');
const log = (message: string) => console.log(`[bench:search] ${message}`);

// Twenty queries of each kind; the generated corpus uses the same terms (its vocabulary is
// in ../shared/bench/gen-corpus.mjs), and so does the bundled library.
const QUERIES = {
  single: [
    'RoPE',
    '旋转位置编码',
    'FlashAttention',
    'softmax',
    '\\sqrt{d}',
    '混合精度',
    '注意力',
    'Chinchilla',
    'AdamW',
    '位置编码',
    'BF16',
    'LoRA',
    'PPO',
    '梯度检查点',
    'layernorm',
    'GELU',
    'DDPM',
    '显存占用',
    'tokenizer',
    'perplexity',
  ],
  three: [
    'KV cache 显存',
    'RoPE 位置编码 外推',
    'LoRA 低秩 分解',
    'softmax 数值 稳定',
    'AdamW 权重衰减 学习率',
    'MoE 专家 路由',
    'FlashAttention 显存 带宽',
    'PPO 策略 奖励',
    'mixed precision 溢出',
    'gradient checkpointing 显存',
    'speculative decoding 延迟',
    'beam search 采样',
    'batch size 学习率 warmup',
    'DDPM 噪声 调度',
    'CLIP 对比 损失',
    'RMSNorm 归一化 稳定',
    'Triton kernel 融合',
    'ZeRO-3 通信 开销',
    'GQA KV 缓存',
    'BPE 词表 大小',
  ],
  partial: [
    'KV cache pigeonhole',
    'RoPE 外推 zebra',
    'LoRA quokka 低秩',
    'softmax 溢出 narwhal',
    'AdamW axolotl 权重衰减',
    'MoE 路由 wombat',
    'FlashAttention tiling SRAM 鸽巢',
    'PPO 奖励 capybara',
    'BF16 loss scaling 棋盘',
    'draft model rejection sampling',
    'expert routing auxiliary loss free',
    'bucket pigeonhole gap',
    'beam search 鸽巢',
    'warmup 学习率 ocelot',
    'DDPM 噪声 kestrel',
    'CLIP 对比 pangolin',
    'RMSNorm 稳定 meerkat',
    'Triton 融合 dugong',
    'GQA 缓存 tapir',
    'BPE 词表 okapi',
  ],
} as const;
type QueryKind = keyof typeof QUERIES;
const DEBOUNCE_MS = 120; // src/client/search-header.ts

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const filesUnder = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
const sizeOf = (files: string[]) => files.reduce((total, file) => total + fs.statSync(file).size, 0);
const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;

/**
 * Astro, then the search index and headers exactly as scripts/build.ts makes them; the
 * site checks (links, HTML validation) are left out: they measure nothing about search,
 * and a generated corpus need not pass them. `codeRoot` is this checkout, or the exported
 * baseline commit, whose own indexer is used.
 */
async function build(label: string, contentDir: string | undefined, outDir: string, codeRoot = settings.root) {
  if (skipBuild && fs.existsSync(path.join(outDir, 'pagefind')))
    return log(`${label}: reusing ${path.relative(process.cwd(), outDir)}`);
  log(`${label}: building into ${path.relative(process.cwd(), outDir)} (minutes for thousands of articles)`);
  fs.rmSync(outDir, { recursive: true, force: true });
  const env = childEnv({
    KB_OUT_DIR: outDir,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(contentDir ? { KB_CONTENT_DIR: contentDir, KB_CACHE_DIR: path.join(root, `search-cache-${label}`) } : {}),
  });
  const astro = spawnSync(process.execPath, [path.join(codeRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: codeRoot,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (astro.status !== 0) throw new Error(`${label}: astro build failed`);
  const indexer = (await import(path.join(codeRoot, 'scripts/build/search-index.ts'))) as {
    buildSearchIndex: typeof buildSearchIndex;
  };
  const indexed = await indexer.buildSearchIndex(outDir);
  writeSecurityHeaders(outDir, settings.root);
  log(`${label}: indexed ${indexed.pages} pages`);
}

/** The baseline commit's code in .kb-bench/baseline-src, with this checkout's dependencies. */
function exportBaseline(ref: string): string {
  const dir = path.join(root, 'baseline-src');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', ref], { cwd: settings.root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString()}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error('tar failed');
  // The same dependencies: share this checkout's; other ones: install them there.
  const lock = (folder: string) => fs.readFileSync(path.join(folder, 'package-lock.json'), 'utf8');
  if (lock(dir) === lock(settings.root))
    fs.symlinkSync(path.join(settings.root, 'node_modules'), path.join(dir, 'node_modules'));
  else {
    log(`baseline: ${ref} has other dependencies; npm ci in ${path.relative(process.cwd(), dir)}`);
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (npm.status !== 0) throw new Error(`npm ci for ${ref} failed`);
  }
  const commit = spawnSync('git', ['rev-parse', '--short', ref], { cwd: settings.root }).stdout.toString().trim();
  log(`baseline: ${ref} (${commit}) exported to ${path.relative(process.cwd(), dir)}`);
  return dir;
}

/** The index proper (what grows with the site) and Pagefind's runtime (fixed size). */
function indexSize(siteDir: string) {
  const dir = path.join(siteDir, 'pagefind');
  const all = filesUnder(dir);
  const isIndex = (file: string) =>
    /\/(index|fragment|filter)\/|\.pf_meta$|pagefind-entry\.json$|kb-vocabulary\.json$/.test(file);
  const index = all.filter(isIndex);
  return {
    indexBytes: sizeOf(index),
    indexFiles: index.length,
    fragments: index.filter((file) => file.includes('/fragment/')).length,
    runtimeBytes: sizeOf(all.filter((file) => /pagefind(-worker)?\.js$|wasm\./.test(file))),
  };
}

/** Types `query` into the header box and resolves when its results are rendered (ms). */
const typeAndWait = (page: Page, query: string) =>
  page.evaluate(async (query) => {
    // Focusing the header box opens the dialog where there is one (this code) and moves focus
    // to its box; in older code the header box is the combobox itself.
    document.querySelector<HTMLInputElement>('#header-search-input')!.focus();
    const focused = document.activeElement;
    const input =
      focused instanceof HTMLInputElement ? focused : document.querySelector<HTMLInputElement>('#header-search-input')!;
    const listbox = document.querySelector<HTMLElement>('#header-search-listbox')!;
    listbox.dataset.query = '';
    const started = performance.now();
    const done = new Promise<number>((resolve) => {
      const check = () => {
        if (listbox.dataset.query === query) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(listbox, { attributes: true, childList: true });
    });
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return done;
  }, query);

/** What a file fetched for the first query is, for the breakdown. */
function kindOf(pathname: string): string {
  if (/\/pagefind(-worker)?\.js$/.test(pathname)) return pathname.endsWith('worker.js') ? 'worker' : 'runtime';
  if (/\/wasm\.[^/]+\.pagefind$/.test(pathname)) return 'wasm';
  if (pathname.endsWith('.pf_meta')) return 'meta';
  if (pathname.includes('/index/')) return 'index chunks';
  if (pathname.includes('/fragment/')) return 'fragments';
  if (pathname.includes('/filter/')) return 'filters';
  return path.basename(pathname);
}

interface Fetched {
  path: string;
  kind: string;
  /** As served by scripts/serve.ts: the file as it is on disk. */
  bytes: number;
  /** What a host that gzips responses sends (Pagefind's index files are gzip already: as they are). */
  compressed: number;
}

interface Measurement {
  firstQueryMs: number;
  firstQueryRequests: number;
  firstQueryBytes: number;
  firstQueryGzipBytes: number;
  firstQueryFiles: Fetched[];
  searchClientJsGzipBytes: number;
  keystroke: Record<QueryKind, number[]>;
}

async function measureBrowser(siteDir: string, port: number): Promise<Measurement> {
  const server = await serveSite(siteDir, port);
  const browser = await chromium.launch({
    executablePath: settings.chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // First query on a fresh page with an empty cache: what search costs a new reader.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
    const urls: string[] = [];
    // Requests of the page and of Pagefind's web worker alike.
    context.on('requestfinished', (request) => urls.push(request.url()));
    const firstMs = await typeAndWait(page, 'KV cache');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const fileOf = (pathname: string) => path.join(siteDir, decodeURIComponent(pathname));
    const files: Fetched[] = [...new Set(urls.map((url) => new URL(url).pathname))]
      .filter((pathname) => pathname.startsWith('/pagefind/') && fs.existsSync(fileOf(pathname)))
      .map((pathname) => {
        const bytes = fs.statSync(fileOf(pathname)).size;
        return {
          path: pathname,
          kind: kindOf(pathname),
          bytes,
          compressed: Math.min(bytes, gzipSize(fileOf(pathname))),
        };
      });
    // The site's own scripts on the page (the search client is most of them).
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((name) => name.startsWith('/_astro/') && name.endsWith('.js')),
    );
    const clientJs = [...new Set(scripts)].reduce((total, name) => total + gzipSize(path.join(siteDir, name)), 0);

    // Warm: the same page, twenty queries of each kind, one after another.
    const keystroke = {} as Record<QueryKind, number[]>;
    for (const kind of Object.keys(QUERIES) as QueryKind[]) {
      keystroke[kind] = [];
      for (const query of QUERIES[kind]) keystroke[kind].push(await typeAndWait(page, query));
    }
    await context.close();
    return {
      firstQueryMs: firstMs,
      firstQueryRequests: files.length,
      firstQueryBytes: files.reduce((total, file) => total + file.bytes, 0),
      firstQueryGzipBytes: files.reduce((total, file) => total + file.compressed, 0),
      firstQueryFiles: files,
      searchClientJsGzipBytes: clientJs,
      keystroke,
    };
  } finally {
    await browser.close();
    server.kill();
  }
}

fs.mkdirSync(root, { recursive: true });
function corpus(n: number): string {
  const dir = path.join(root, `corpus-${n}`);
  if (!fs.existsSync(path.join(dir, 'articles'))) {
    log(`generating ${n} articles with ${path.relative(process.cwd(), generator)}`);
    const result = spawnSync(process.execPath, [generator, path.join(dir, 'articles'), String(n)], {
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('corpus generation failed');
  }
  return dir;
}

interface Site {
  label: string;
  articles: number | null;
  content: string | undefined;
  out: string;
  port: number;
  /** Built with the baseline commit's code. */
  baseline?: boolean;
  /** For a baseline site: the label of this code's site of the same size. */
  against?: string;
}
const sites: Site[] = [
  { label: 'bundled', articles: null, content: undefined, out: path.join(root, 'search-bundled-site'), port: 4431 },
];
SIZES.forEach((n, index) => {
  const content = corpus(n);
  const label = `generated-${n}`;
  sites.push({ label, articles: n, content, out: path.join(root, `search-${n}-site`), port: 4432 + index * 2 });
  if (baselineRef !== 'none')
    sites.push({
      label: `${label} (${baselineRef})`,
      articles: n,
      content,
      out: path.join(root, `search-${n}-baseline-site`),
      port: 4433 + index * 2,
      baseline: true,
      against: label,
    });
});

// `--only bundled,generated-1000` (labels) or `--only 119bddf` (the baseline's sites) builds
// just those, e.g. ahead of a `--skip-build` run.
const only = option('only')?.split(',');
const chosen = (site: Site) => !only || only.some((name) => site.label === name || site.label.endsWith(`(${name})`));
const buildSeconds = new Map<string, number | null>();
let baselineCode: string | undefined;
for (const site of sites.filter(chosen)) {
  const started = Date.now();
  // Exported when a baseline site is built, not before: a run that only measures needs no export.
  if (site.baseline) baselineCode ??= exportBaseline(baselineRef);
  await build(site.label, site.content, site.out, site.baseline ? baselineCode : undefined);
  buildSeconds.set(site.label, skipBuild ? null : Math.round((Date.now() - started) / 1000));
}
if (process.argv.includes('--build-only')) process.exit(0);

// The sites take turns, run after run, so a busy spell on the machine falls on all of them.
const runs = new Map<string, Measurement[]>(sites.map((site) => [site.label, []]));
for (let run = 1; run <= RUNS; run++) {
  for (const site of sites) {
    log(`${site.label}: measuring in Chromium (run ${run} of ${RUNS})`);
    runs.get(site.label)!.push(await measureBrowser(site.out, site.port));
  }
}

interface Row {
  site: string;
  articles: number;
  buildSeconds: number | null;
  index: ReturnType<typeof indexSize>;
  runs: number;
  /** Medians over the runs. */
  firstQueryMs: number;
  firstQueryRequests: number;
  firstQueryBytes: number;
  firstQueryGzipBytes: number;
  searchClientJsGzipBytes: number;
  /** Each kind: the median over the runs of each run's median, and the worst query of any run. */
  keystroke: Record<QueryKind, { median: number; worst: number }>;
  /** The first query's files, by kind (from the run whose bytes were the median). */
  firstQueryByKind: Record<string, { files: number; bytes: number; compressed: number }>;
  firstQueryFiles: Fetched[];
}
const kinds = Object.keys(QUERIES) as QueryKind[];
const report: Row[] = sites.map((site) => {
  const measured = runs.get(site.label)!;
  const mid = (pick: (entry: Measurement) => number) => Math.round(median(measured.map(pick)));
  const bytes = mid((entry) => entry.firstQueryGzipBytes);
  const typical = measured.find((entry) => Math.round(entry.firstQueryGzipBytes) === bytes) ?? measured[0]!;
  const byKind: Row['firstQueryByKind'] = {};
  for (const file of typical.firstQueryFiles) {
    const entry = (byKind[file.kind] ??= { files: 0, bytes: 0, compressed: 0 });
    entry.files += 1;
    entry.bytes += file.bytes;
    entry.compressed += file.compressed;
  }
  return {
    site: site.label,
    articles: fs.readdirSync(path.join(site.out, 'articles')).length,
    buildSeconds: buildSeconds.get(site.label) ?? null,
    index: indexSize(site.out),
    runs: measured.length,
    firstQueryMs: mid((entry) => entry.firstQueryMs),
    firstQueryRequests: mid((entry) => entry.firstQueryRequests),
    firstQueryBytes: mid((entry) => entry.firstQueryBytes),
    firstQueryGzipBytes: bytes,
    searchClientJsGzipBytes: mid((entry) => entry.searchClientJsGzipBytes),
    keystroke: Object.fromEntries(
      kinds.map((kind) => [
        kind,
        {
          median: mid((entry) => median(entry.keystroke[kind])),
          worst: Math.round(Math.max(...measured.flatMap((entry) => entry.keystroke[kind]))),
        },
      ]),
    ) as Row['keystroke'],
    firstQueryByKind: byKind,
    firstQueryFiles: typical.firstQueryFiles,
  };
});

const ms = (figure: { median: number; worst: number }) => `${figure.median} ms (${figure.worst} ms)`;
const lines = [
  `| site | articles | index on disk | first query: requests, bytes (compressed) | site JS (gzip) | first query, cold | single word | three words | partial match |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...report.map(
    (row) =>
      `| ${row.site} | ${row.articles} | ${kib(row.index.indexBytes)} in ${row.index.indexFiles} files | ${row.firstQueryRequests}, ${kib(row.firstQueryBytes)} (${kib(row.firstQueryGzipBytes)}) | ${kib(row.searchClientJsGzipBytes)} | ${row.firstQueryMs} ms | ${ms(row.keystroke.single)} | ${ms(row.keystroke.three)} | ${ms(row.keystroke.partial)} |`,
  ),
  '',
];
const ratioLines: string[] = [];
for (const baseline of report) {
  const site = sites.find((entry) => entry.label === baseline.site);
  const mine = site?.against && report.find((row) => row.site === site.against);
  if (!mine) continue;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  ratioLines.push(
    `| ${mine.articles} | ${ratio(mine.firstQueryGzipBytes, baseline.firstQueryGzipBytes)} | ${ratio(mine.firstQueryMs, baseline.firstQueryMs)} | ${kinds.map((kind) => ratio(mine.keystroke[kind].median, baseline.keystroke[kind].median)).join(' | ')} |`,
  );
}
if (ratioLines.length > 0)
  lines.push(
    `This code against ${baselineRef}, same run (medians of ${RUNS} runs each, taking turns):`,
    '',
    '| articles | first-query bytes (compressed) | cold first query | single word | three words | partial match |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...ratioLines,
    '',
  );
lines.push('First query, file by file (compressed), for each site:', '');
for (const row of report)
  lines.push(
    `- ${row.site}: ${Object.entries(row.firstQueryByKind)
      .map(([kind, entry]) => `${kind} ${kib(entry.compressed)}${entry.files > 1 ? ` (${entry.files} files)` : ''}`)
      .join(', ')}`,
  );
lines.push(
  '',
  `Keystroke → results: median (worst) of 20 queries of each kind typed into the header box, including its ${DEBOUNCE_MS} ms debounce; the median is the median over ${RUNS} runs of each run's median, the worst is the worst query of any run.`,
  'First query: "KV cache" on a fresh page with an empty cache; bytes are the files under /pagefind/ the page and its worker fetched, as served; compressed is what a host that gzips responses sends (Pagefind\'s own index files are gzip already and count as they are).',
);
console.log(`\n${lines.join('\n')}\n`);
const results = path.join(settings.root, 'bench-results');
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(
  path.join(results, 'search.json'),
  JSON.stringify({ runs: RUNS, baseline: baselineRef, report }, null, 2),
);
fs.writeFileSync(path.join(results, 'search.md'), `${lines.join('\n')}\n`);
