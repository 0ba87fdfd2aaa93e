/**
 * `npm run dev` (astro dev) shows what an author saves, on the page itself and on the pages
 * that show part of it. The dev server shares the site data between the calls of one request
 * and computes it again only when the articles or the inventory changed
 * (src/data/articles.ts), so a stale share would show an old title or reference here.
 *
 * The content is the incremental-build fixture. "多头注意力" is part 2 of a series whose
 * part 1, "缩放点积注意力", it links to, and it cites an entry of references.bib. Each edit
 * is saved while the server runs, and the page is fetched until it shows the change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildEnvironment, fixturesDir, replaceInFile, repoRoot } from './build-fixture.ts';

const PORT = 4651;
const PAGE = `http://localhost:${PORT}/articles/multi-head/`;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-dev-server-'));
const content = path.join(root, 'content');
let server: ChildProcess | undefined;
let output = '';

async function fetchPage(): Promise<string | undefined> {
  try {
    const response = await fetch(PAGE);
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

/** Fetches the page until `shows` holds for it, for at most `seconds`. */
async function pageUntil(shows: (html: string) => boolean, seconds: number): Promise<string> {
  const until = Date.now() + seconds * 1000;
  let last = '';
  while (Date.now() < until) {
    last = (await fetchPage()) ?? last;
    if (last && shows(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${PAGE} did not show the change within ${seconds} s\n--- astro dev said:\n${output.slice(-3000)}`);
}

beforeAll(async () => {
  fs.cpSync(path.join(fixturesDir, 'incremental'), content, { recursive: true });
  server = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(PORT)], {
    cwd: repoRoot,
    env: {
      ...buildEnvironment(),
      KB_CONTENT_DIR: content,
      KB_CACHE_DIR: path.join(root, 'cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-100_000));
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  await pageUntil((html) => html.includes('多头注意力'), 240);
}, 300_000);

afterAll(() => {
  if (server?.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  fs.rmSync(root, { recursive: true, force: true });
});

it('a paragraph saved in the article shows on its page, its formula rendered', async () => {
  fs.appendFileSync(
    path.join(content, 'articles/attention/multi-head.md'),
    '\n\n保存后新加的一段：$h \\cdot d_k = d$。\n',
  );
  const html = await pageUntil((page) => page.includes('保存后新加的一段'), 60);
  const paragraph = /<p>保存后新加的一段[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
  expect(paragraph).toContain('class="katex"');
}, 90_000);

it("another article's new title shows where this page names it (series, links)", async () => {
  replaceInFile(
    content,
    'articles/attention/scaled-dot-product.md',
    'title: "缩放点积注意力"',
    'title: "点积注意力的缩放"',
  );
  const html = await pageUntil((page) => page.includes('点积注意力的缩放'), 60);
  expect(html).toContain('点积注意力的缩放');
}, 90_000);

it('an entry edited in references.bib shows in the reference list of the page citing it', async () => {
  replaceInFile(content, 'references.bib', '{Attention Is All You Need}', '{Attention Is All You Need, Revised}');
  const html = await pageUntil((page) => page.includes('Attention Is All You Need, Revised'), 60);
  expect(html).toContain('Attention Is All You Need, Revised');
}, 90_000);
