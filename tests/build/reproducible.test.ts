/**
 * Two builds of the bundled library, each with an empty cache, produce byte-identical
 * pages: no timestamps, random ids or ordering by chance leak into the HTML (or the
 * feeds, sitemap, headers, Markdown copies and social cards next to it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot, runBuild } from './build-fixture.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-reproducible-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function pages(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    if (/\.(html|xml|json|txt|md|png)$|^_headers$/.test(name) && !name.startsWith('pagefind'))
      out.set(name, fs.readFileSync(path.join(dir, name)));
  }
  return out;
}

it('two builds of the same content are byte-identical', async () => {
  const builds: Map<string, Buffer>[] = [];
  for (const name of ['first', 'second']) {
    const outDir = path.join(root, name);
    const { status, output } = await runBuild({
      KB_CONTENT_DIR: path.join(repoRoot, 'content'),
      KB_OUT_DIR: outDir,
      KB_CACHE_DIR: path.join(root, `cache-${name}`),
      KB_SEARCH: '0',
    });
    expect(status, output).toBe(0);
    builds.push(pages(outDir));
  }
  const [first, second] = builds as [Map<string, Buffer>, Map<string, Buffer>];
  expect(first.size).toBeGreaterThan(50);
  expect([...second.keys()]).toEqual([...first.keys()]);
  const different = [...first].filter(([name, bytes]) => !bytes.equals(second.get(name)!)).map(([name]) => name);
  expect(different).toEqual([]);
}, 300_000);
