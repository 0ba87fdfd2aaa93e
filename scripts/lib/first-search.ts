/**
 * What search costs a new reader, and whether it finds articles, on a built site: serves
 * the folder with scripts/serve.ts and drives Chromium.
 *
 * The first search is measured the way a reader makes it: a fresh browser context (empty
 * cache) opens the home page and types one query into the header box, and every file then
 * fetched under /pagefind/ is counted (runtime, WebAssembly, entry and meta, the index
 * chunks of the query's words, the fragments of the results shown), until nothing has
 * been in flight for half a second. Driving Pagefind's JS API directly instead undercounts:
 * it skips what the site's own search client loads (its result count, the vocabulary).
 * Bytes are the files' sizes on disk, and "compressed" is what a compressing host sends:
 * Pagefind's index, fragments and WebAssembly are gzip files already, so each file counts
 * the smaller of its size and its gzip size (scripts/serve.ts itself compresses nothing).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { settings } from '../../src/settings.ts';
import { serveSite } from './serve-site.ts';

export interface FirstSearch {
  query: string;
  /** Paths under /pagefind/ fetched for the first query, in order. */
  files: string[];
  bytes: number;
  compressedBytes: number;
  /** Each fetched file's compressed bytes, in fetch order (what the report splits by kind). */
  compressedByFile: { file: string; bytes: number }[];
}

export interface TitleLookup {
  query: string;
  /** URLs and titles of the top twenty results of Pagefind's own ranking. */
  top: { url: string; title: string }[];
}

interface PagefindModule {
  search(query: string): Promise<{ results: { data(): Promise<{ url: string; meta: { title: string } }> }[] }>;
}

/** Chromium as the browser tests run it: Debian's binary, no sandbox, nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: settings.chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

const compressedSize = (file: string) => {
  const bytes = fs.readFileSync(file);
  return Math.min(bytes.length, zlib.gzipSync(bytes, { level: 6 }).length);
};

/** Resolves when no request under /pagefind/ has been in flight for `quietMs`. */
async function pagefindSettled(page: Page, pending: () => number, quietMs = 500): Promise<void> {
  let quietSince = Date.now();
  for (;;) {
    await page.waitForTimeout(50);
    if (pending() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
  }
}

async function measureFirstSearch(browser: Browser, siteDir: string, origin: string, query: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    const files: string[] = [];
    let pending = 0;
    const isSearchFile = (url: string) => new URL(url).pathname.startsWith('/pagefind/');
    page.on('request', (request) => {
      if (isSearchFile(request.url())) pending++;
    });
    const settle = (request: { url(): string }, fetched: boolean) => {
      if (!isSearchFile(request.url())) return;
      pending--;
      if (fetched) files.push(decodeURIComponent(new URL(request.url()).pathname));
    };
    page.on('requestfinished', (request) => settle(request, true));
    page.on('requestfailed', (request) => settle(request, false));
    await page.fill('#header-search-input', query);
    await page.waitForFunction(
      (q) => document.querySelector<HTMLElement>('#header-search-listbox')?.dataset.query === q,
      query,
      { timeout: 60_000 },
    );
    await pagefindSettled(page, () => pending);
    const onDisk = files.filter((file) => fs.existsSync(path.join(siteDir, file)));
    const compressedByFile = onDisk.map((file) => ({ file, bytes: compressedSize(path.join(siteDir, file)) }));
    return {
      query,
      files,
      bytes: onDisk.reduce((total, file) => total + fs.statSync(path.join(siteDir, file)).size, 0),
      compressedBytes: compressedByFile.reduce((total, entry) => total + entry.bytes, 0),
      compressedByFile,
    };
  } finally {
    await context.close();
  }
}

async function lookUpTitles(browser: Browser, origin: string, queries: string[]): Promise<TitleLookup[]> {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const lookups: TitleLookup[] = [];
  for (const query of queries) {
    const top = await page.evaluate(async (q) => {
      const pagefind = (await import('/pagefind/pagefind.js' as string)) as PagefindModule;
      const search = await pagefind.search(q);
      const data = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
      return data.map((entry) => ({ url: entry.url, title: entry.meta.title }));
    }, query);
    lookups.push({ query, top });
  }
  await page.close();
  return lookups;
}

/**
 * The first search for `firstQuery` in the header box of a fresh page, then each of
 * `titles` through Pagefind's own ranking (for a spot check that pages are indexed).
 */
export async function searchSite(
  siteDir: string,
  firstQuery: string,
  titles: string[],
  port = 4499,
): Promise<{ first: FirstSearch; lookups: TitleLookup[] }> {
  const server = await serveSite(siteDir, port);
  const browser = await launchChromium();
  try {
    const origin = `http://localhost:${port}`;
    const first = await measureFirstSearch(browser, siteDir, origin, firstQuery);
    return { first, lookups: await lookUpTitles(browser, origin, titles) };
  } finally {
    await browser.close();
    server.kill();
  }
}
