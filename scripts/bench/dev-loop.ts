/**
 * The authoring loop of issue #14: with the corpus open in `npm run dev` (astro dev), how
 * long from saving an article to the saved text being on screen in an open browser page.
 * Each save appends a paragraph with a unique marker and a formula; the clock stops when
 * Chromium shows that paragraph with its formula rendered by KaTeX (the page reloads or
 * updates itself; a locator waits across reloads). Saves are spaced out so each one is
 * measured on its own, not queued behind the previous one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, settings } from '../../src/settings.ts';
import { launchChromium } from '../lib/first-search.ts';
import { median } from '../lib/measure.ts';

export interface AuthoringLoop {
  /** Articles in the corpus the dev server had open. */
  articles: number;
  article: string;
  /** From starting the dev server to the article page answering (first render included). */
  startSeconds: number;
  /** Save → new text and formula visible, per save; a save never shown counts as the wait limit. */
  saveSeconds: number[];
  /** Saves whose text was not on screen within the wait limit (SAVE_TIMEOUT_MS). */
  notShown: number;
  medianSeconds: number;
}

export interface DevLoopOptions {
  contentDir: string;
  /** How many articles the content folder holds (for the report). */
  articles: number;
  cacheDir: string;
  /** The article to edit, relative to `articles/` (its URL comes from its file name). */
  article: string;
  saves: number;
  port: number;
  log: (message: string) => void;
}

/** Waits until `url` answers 200, or fails after `timeoutMs` (the server's output attached). */
async function answered(url: string, timeoutMs: number, server: { output: string }): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${server.output.slice(-3000)}`);
}

/** Ends the dev server and what it started (its own process group). */
function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** How long a save may take to show before it counts as not shown (and as this long). */
export const SAVE_TIMEOUT_MS = 60_000;

export async function measureAuthoringLoop(options: DevLoopOptions): Promise<AuthoringLoop> {
  const { contentDir, articles, cacheDir, article, saves, port, log } = options;
  const file = path.join(contentDir, 'articles', article);
  const url = `http://localhost:${port}/articles/${path.basename(article).replace(/\.mdx?$/, '')}/`;
  const started = performance.now();
  // `npm run dev` is `astro dev`; started directly so its process group is ours to end.
  const child = spawn(
    process.execPath,
    [path.join(settings.root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port)],
    {
      cwd: settings.root,
      env: childEnv({ KB_CONTENT_DIR: contentDir, KB_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const server = { output: '' };
  const keep = (chunk: Buffer) => (server.output = (server.output + chunk.toString('utf8')).slice(-200_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const browser = await launchChromium();
  try {
    await answered(url, 20 * 60_000, server);
    const startSeconds = (performance.now() - started) / 1000;
    log(`dev server answered ${url} after ${startSeconds.toFixed(1)} s`);
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 10 * 60_000 });
    // Let the dev client connect to Vite's socket before the first save.
    await page.waitForTimeout(2000);
    const saveSeconds: number[] = [];
    let notShown = 0;
    for (let save = 1; save <= saves; save++) {
      const marker = `保存标记-${save}-${Date.now().toString(36)}`;
      const saved = performance.now();
      fs.appendFileSync(file, `\n\n${marker}：新写的一段，公式 $\\alpha_{${save}} + \\beta^{2}$ 在此。\n`);
      try {
        await page
          .locator('p', { hasText: marker })
          .locator('.katex')
          .first()
          .waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS });
        saveSeconds.push((performance.now() - saved) / 1000);
        log(`save ${save}/${saves}: visible after ${saveSeconds.at(-1)!.toFixed(2)} s`);
      } catch {
        // A dev server that never shows the save is a missed goal, not a broken benchmark.
        notShown++;
        saveSeconds.push(SAVE_TIMEOUT_MS / 1000);
        log(`save ${save}/${saves}: not on screen after ${SAVE_TIMEOUT_MS / 1000} s; reloading the page`);
        await page.reload({ waitUntil: 'load', timeout: 10 * 60_000 });
      }
      await page.waitForTimeout(1500);
    }
    return { articles, article, startSeconds, saveSeconds, notShown, medianSeconds: median(saveSeconds) };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- astro dev said:\n${server.output.slice(-3000)}`);
  } finally {
    await browser.close();
    stop(child);
  }
}
