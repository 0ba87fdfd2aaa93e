/**
 * `npm run bench:search [-- --n 1000 --skip-build]`: search figures for the bundled site
 * and for a generated N-article site (../shared/bench/gen-corpus.mjs, reused from
 * .kb-bench/corpus-N when present). For each: the index size on disk, the bytes the browser
 * fetches for a first query typed into the header box of a fresh page (no cache), and the
 * time from keystroke to rendered results in Chromium (median of 20 queries, after the
 * first). A benchmark, not a test: it prints figures and asserts nothing.
 * Writes bench-results/search-N.{json,md}.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { childEnv, settings } from '../src/settings.ts';
import { buildSearchIndex } from './build/search-index.ts';
import { writeSecurityHeaders } from './build/security-headers.ts';
import { option } from './lib/cli.ts';

const N = Number(option('n', '1000'));
const skipBuild = process.argv.includes('--skip-build');
const root = path.join(settings.root, '.kb-bench');
const corpusDir = path.join(root, `corpus-${N}`);
const generator = path.resolve(settings.root, '../shared/bench/gen-corpus.mjs');
const log = (message: string) => console.log(`[bench:search] ${message}`);

// Twenty queries of every kind the search handles; the generated corpus uses the same terms.
const QUERIES = [
  'KV cache',
  'RoPE',
  '旋转位置编码',
  'FlashAttention',
  'softmax',
  '\\sqrt{d}',
  'QK^T',
  '混合精度',
  '注意力',
  'Chinchilla',
  'AdamW',
  'speculative decoding',
  '位置编码',
  'BF16',
  'MoE 负载均衡',
  'RoPE 外推',
  'LoRA',
  'PPO',
  '梯度检查点',
  'layernorm',
];
const DEBOUNCE_MS = 120; // src/client/search-header.ts

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
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
 * and a generated corpus need not pass them.
 */
async function build(label: string, contentDir: string | undefined, outDir: string): Promise<void> {
  if (skipBuild && fs.existsSync(path.join(outDir, 'pagefind')))
    return log(`${label}: reusing ${path.relative(process.cwd(), outDir)}`);
  log(`${label}: building into ${path.relative(process.cwd(), outDir)} (a few minutes for 1,000 articles)`);
  fs.rmSync(outDir, { recursive: true, force: true });
  const env = childEnv({
    KB_OUT_DIR: outDir,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(contentDir ? { KB_CONTENT_DIR: contentDir, KB_CACHE_DIR: path.join(root, `search-cache-${label}`) } : {}),
  });
  const astro = spawnSync(process.execPath, [path.join(settings.root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: settings.root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (astro.status !== 0) throw new Error(`${label}: astro build failed`);
  const indexed = await buildSearchIndex(outDir);
  writeSecurityHeaders(outDir, settings.root);
  log(`${label}: indexed ${indexed.pages} pages`);
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

async function serve(dir: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [path.join(settings.root, 'scripts/serve.ts'), '--port', String(port), '--dir', dir, '--base', '/'],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error('the static server did not start');
}

/** Types `query` into the header box and resolves when its results are rendered (ms). */
const typeAndWait = (page: Page, query: string) =>
  page.evaluate(async (query) => {
    const input = document.querySelector<HTMLInputElement>('#header-search-input')!;
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
    input.focus();
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return done;
  }, query);

async function measureBrowser(siteDir: string, port: number) {
  const server = await serve(siteDir, port);
  const browser = await chromium.launch({
    executablePath: settings.chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // First query on a fresh page with an empty cache: what search costs a new reader.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
    const fetched: { url: string; bytes: number }[] = [];
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes().catch(() => undefined);
      fetched.push({ url: request.url(), bytes: (sizes?.responseBodySize ?? 0) + (sizes?.responseHeadersSize ?? 0) });
    });
    const firstMs = await typeAndWait(page, QUERIES[0]!);
    await page.waitForLoadState('networkidle');
    const searchFetches = fetched.filter((entry) => new URL(entry.url).pathname.startsWith('/pagefind/'));
    const fileOf = (url: string) => path.join(siteDir, decodeURIComponent(new URL(url).pathname));
    const firstQueryBytes = searchFetches.reduce((total, entry) => total + entry.bytes, 0);
    const firstQueryGzip = searchFetches.reduce(
      (total, entry) => total + (fs.existsSync(fileOf(entry.url)) ? gzipSize(fileOf(entry.url)) : entry.bytes),
      0,
    );
    // The site's own scripts on the page (the search client is most of them).
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((name) => name.startsWith('/_astro/') && name.endsWith('.js')),
    );
    const clientJs = [...new Set(scripts)].reduce((total, name) => total + gzipSize(path.join(siteDir, name)), 0);

    // Warm: the same page, twenty more queries, one after another.
    const times: number[] = [];
    for (const query of QUERIES) times.push(await typeAndWait(page, query));
    await context.close();
    return {
      firstQueryMs: Math.round(firstMs),
      firstQueryRequests: searchFetches.length,
      firstQueryBytes,
      firstQueryGzipBytes: firstQueryGzip,
      searchClientJsGzipBytes: clientJs,
      medianMs: Math.round(median(times)),
      medianMsWithoutDebounce: Math.round(median(times) - DEBOUNCE_MS),
      maxMs: Math.round(Math.max(...times)),
    };
  } finally {
    await browser.close();
    server.kill();
  }
}

fs.mkdirSync(root, { recursive: true });
if (!fs.existsSync(path.join(corpusDir, 'articles'))) {
  log(`generating ${N} articles with ${path.relative(process.cwd(), generator)}`);
  const result = spawnSync(process.execPath, [generator, path.join(corpusDir, 'articles'), String(N)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('corpus generation failed');
}

const sites = [
  { label: 'bundled', content: undefined, out: path.join(root, 'search-bundled-site'), port: 4431 },
  { label: `generated-${N}`, content: corpusDir, out: path.join(root, `search-${N}-site`), port: 4432 },
];
const report: ({ site: string; articles: number; buildSeconds: number | null } & ReturnType<typeof indexSize> &
  Awaited<ReturnType<typeof measureBrowser>>)[] = [];
for (const site of sites) {
  const started = Date.now();
  await build(site.label, site.content, site.out);
  const buildSeconds = (Date.now() - started) / 1000;
  const pages = fs.readdirSync(path.join(site.out, 'articles')).length;
  const size = indexSize(site.out);
  log(`${site.label}: measuring in Chromium`);
  const browser = await measureBrowser(site.out, site.port);
  report.push({
    site: site.label,
    articles: pages,
    buildSeconds: skipBuild ? null : Math.round(buildSeconds),
    ...size,
    ...browser,
  });
}

const lines = [
  `| site | articles | index on disk | Pagefind runtime | first query: requests, bytes (gzip) | site JS on the page (gzip) | first query, cold | keystroke → results, median of ${QUERIES.length} (max) |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...report.map(
    (row) =>
      `| ${row.site} | ${row.articles} | ${kib(row.indexBytes)} in ${row.indexFiles} files | ${kib(row.runtimeBytes)} | ${row.firstQueryRequests}, ${kib(row.firstQueryBytes)} (${kib(row.firstQueryGzipBytes)}) | ${kib(row.searchClientJsGzipBytes)} | ${row.firstQueryMs} ms | ${row.medianMs} ms (${row.maxMs} ms) |`,
  ),
  '',
  `Keystroke → results includes the ${DEBOUNCE_MS} ms debounce of the header box (median without it: ${report.map((row) => `${row.site} ${row.medianMsWithoutDebounce} ms`).join(', ')}).`,
  'Bytes are as served by scripts/serve.ts (no compression); gzip is what a compressing host would send.',
];
console.log(`\n${lines.join('\n')}\n`);
const results = path.join(settings.root, 'bench-results');
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(path.join(results, `search-${N}.json`), JSON.stringify(report, null, 2));
fs.writeFileSync(path.join(results, `search-${N}.md`), `${lines.join('\n')}\n`);
