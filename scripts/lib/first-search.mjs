// Bytes the browser fetches for a first search on a built site: loads the home page in
// Chromium, runs one Pagefind query through its JS API, and sums the encoded sizes of the
// Pagefind requests (the script, wasm, entry/meta, index chunks and result fragments).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

/**
 * Runs queries through Pagefind in Chromium. Returns the bytes fetched by the first query
 * and, for each query, the URLs and titles of its top twenty results.
 */
export async function searchSite(siteDir, queries, port = 4499) {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port), '--dir', siteDir], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
    const top = [];
    let firstBytes = 0;
    for (const query of queries) {
      top.push(
        await page.evaluate(async (q) => {
          const pagefind = await import('/pagefind/pagefind.js');
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
