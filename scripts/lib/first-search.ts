/**
 * Bytes the browser fetches for a first search on a built site: loads the home page in
 * Chromium, runs one Pagefind query through its JS API, and sums the encoded sizes of the
 * Pagefind requests (the script, wasm, entry/meta, index chunks and result fragments).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { settings } from '../../src/settings.ts';

interface PagefindModule {
  search(query: string): Promise<{ results: { data(): Promise<{ url: string; meta: { title: string } }> }[] }>;
}

/**
 * Runs queries through Pagefind in Chromium. Returns the bytes fetched by the first query
 * and, for each query, the URLs and titles of its top twenty results.
 */
export async function searchSite(
  siteDir: string,
  queries: string[],
  port = 4499,
): Promise<{ bytes: number; top: { url: string; title: string }[][] }> {
  const server = spawn(
    process.execPath,
    [path.join(settings.root, 'scripts/serve.ts'), '--port', String(port), '--dir', siteDir, '--base', '/'],
    { stdio: 'ignore' },
  );
  await new Promise((resolve) => setTimeout(resolve, 800));
  const browser = await chromium.launch({
    executablePath: settings.chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
    const top: { url: string; title: string }[][] = [];
    let firstBytes = 0;
    for (const query of queries) {
      top.push(
        await page.evaluate(async (q) => {
          const pagefind = (await import('/pagefind/pagefind.js' as string)) as PagefindModule;
          const search = await pagefind.search(q);
          const data = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
          return data.map((entry) => ({ url: entry.url, title: entry.meta.title }));
        }, query),
      );
      if (top.length === 1) {
        await page.waitForTimeout(300);
        firstBytes = bytes;
      }
    }
    return { bytes: firstBytes, top };
  } finally {
    await browser.close();
    server.kill();
  }
}
