/**
 * Each tool's import, built: our small fixture sites (tests/fixtures/import-<tool>/) are
 * imported into a content folder, which `npm run build` must build with no error; a few
 * of the converted constructs are checked on the built pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceTool } from '../../scripts/import/site.ts';
import { importFixture, type ImportedFixture } from '../helpers/import.ts';
import { runBuild } from './build-fixture.ts';

interface Built {
  fixture: ImportedFixture;
  status: number;
  output: string;
  page(urlPath: string): string;
}

const built: Built[] = [];
afterAll(() => {
  for (const { fixture } of built) fixture.remove();
});

async function importAndBuild(tool: SourceTool): Promise<Built> {
  const fixture = importFixture(tool);
  const root = path.dirname(fixture.dest);
  const outDir = path.join(root, 'out');
  const { status, output } = await runBuild({
    KB_CONTENT_DIR: fixture.dest,
    KB_OUT_DIR: outDir,
    KB_CACHE_DIR: path.join(root, 'cache'),
    KB_SEARCH: '0',
    KB_VALIDATE_LIMIT: '0',
  });
  const result: Built = {
    fixture,
    status,
    output,
    page: (urlPath) => fs.readFileSync(path.join(outDir, urlPath, 'index.html'), 'utf8'),
  };
  built.push(result);
  return result;
}

const prose = (html: string) =>
  /<div class="prose"[^>]*>([\s\S]*?)<\/div>\s*(?:<footer class="article-history"|<section class="references"|<div class="crossref-previews"|<\/article>)/.exec(
    html,
  )?.[1] ?? '';
/** The build's error lines, which must be none. */
const errors = (output: string) => output.split('\n').filter((line) => /^\s*✗ /.test(line));

describe('an imported site builds with no error', () => {
  it('jekyll', async () => {
    const { status, output, page } = await importAndBuild('jekyll');
    expect(errors(output)).toEqual([]);
    expect(status, output).toBe(0);
    const post = prose(page('articles/softmax-temperature'));
    expect(post).toMatch(
      /<img src="\/_kb\/assets\/[0-9a-f]{12}-loss-curve\.png" alt="Loss against temperature" style="width: 60%;?"/,
    );
    expect(post).toContain('class="katex"');
    expect(post).toMatch(/<a href="\/articles\/attention-scores\/">attention post<\/a>/);
    // Liquid shown on purpose (inside code, from a raw block) is code; none is left in the text.
    expect(/\{%|\{\{|\{:/.test(post.replace(/<code>[^<]*<\/code>/g, ''))).toBe(false);
    expect(
      fs.existsSync(
        path.join(path.dirname(built.at(-1)!.fixture.dest), 'out/basics/2021/03/04/softmax-temperature.html'),
      ),
    ).toBe(true);
  });

  it('hugo', async () => {
    const { status, output, page } = await importAndBuild('hugo');
    expect(errors(output)).toEqual([]);
    expect(status, output).toBe(0);
    const post = prose(page('articles/kl-divergence'));
    expect(post).toContain('class="katex-display"');
    expect(post).toMatch(/<figure><img src="\/_kb\/assets\/[0-9a-f]{12}-logo\.png"/);
    expect(post).toContain('href="/articles/soft-lookup/"');
  });

  it('docsify', async () => {
    const { status, output, page } = await importAndBuild('docsify');
    expect(errors(output)).toEqual([]);
    expect(status, output).toBe(0);
    const chapter = page('articles/chapter1');
    expect(prose(chapter)).toContain('(1) 当 <span class="math math-inline">');
    expect(prose(chapter)).toContain('[解析]：');
    expect(chapter).toContain('/series/');
  });

  it('mkdocs', async () => {
    const { status, output, page } = await importAndBuild('mkdocs');
    expect(errors(output)).toEqual([]);
    expect(status, output).toBe(0);
    const elbo = prose(page('articles/elbo'));
    expect(elbo).toContain('Definition');
    expect(/!!!|\?\?\?|===/.test(elbo)).toBe(false);
    expect(elbo).toMatch(/<h2 id="picture">Picture/);
    expect(elbo).toMatch(/href="\/_kb\/assets\/[0-9a-f]{12}-elbo_demo\.py"/);
  });

  it('obsidian', async () => {
    const { status, output, page } = await importAndBuild('obsidian');
    expect(errors(output)).toEqual([]);
    expect(status, output).toBe(0);
    const note = prose(page('articles/凸优化'));
    expect(note).toContain('<a id="convex-def"></a>');
    expect(note).toMatch(/<img src="\/_kb\/assets\/[0-9a-f]{12}-convex-set\.png"[^>]* width="200"/);
    expect(note.includes('TODO')).toBe(false);
    expect(page(`tags/review`)).toContain('凸优化');
    // A [[path]] written in the nested vault Probability/ reaches its note.
    expect(prose(page('articles/markov-inequality'))).toContain('href="/articles/tail-bound/"');
  });

  it('quarto', async () => {
    const { status, output, page } = await importAndBuild('quarto');
    expect(errors(output)).toEqual([]);
    expect(status, output).toBe(0);
    const chapter = prose(page('articles/01-least-squares'));
    expect(chapter.includes('katex-error')).toBe(false);
    expect(chapter).toContain('<span class="mord mathbf">X</span>');
    expect(chapter.includes('matplotlib')).toBe(false);
  });
});
