import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnv, outputSettings, readSettings } from '../../src/settings.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const read = (env: Record<string, string>) => readSettings(env, repo);

describe('settings', () => {
  it('default to the bundled content, root base path, Chinese UI', () => {
    const settings = read({});
    expect(settings).toMatchObject({
      base: '/',
      uiLang: 'zh',
      lenient: false,
      search: true,
      validateLimit: 150,
      bundledContent: true,
    });
    expect(settings.contentDir).toBe(path.join(repo, 'content'));
    expect(settings.outDir).toBe(path.join(repo, 'dist'));
    expect(settings.cacheDir).toBe(path.join(repo, 'node_modules/.astro'));
  });

  it('normalise the base path to exactly one trailing slash', () => {
    expect(read({ KB_BASE: '/kb' }).base).toBe('/kb/');
    expect(read({ KB_BASE: '/kb/' }).base).toBe('/kb/');
    expect(read({ KB_BASE: '/a/b' }).base).toBe('/a/b/');
  });

  it('give another content folder its own cache', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-settings-'));
    const settings = read({ KB_CONTENT_DIR: dir });
    expect(settings.bundledContent).toBe(false);
    expect(settings.cacheDir).toMatch(/node_modules\/\.astro\/content-[0-9a-f]{12}$/);
  });

  it('accept KB_LENIENT and the older KB_LENIENT_MATH', () => {
    expect(read({ KB_LENIENT: '1' }).lenient).toBe(true);
    expect(read({ KB_LENIENT_MATH: '1' }).lenient).toBe(true);
    expect(read({ KB_SEARCH: '0' }).search).toBe(false);
  });

  it('number citations by default, author–year on request (a setting that changes the output)', () => {
    expect(read({}).citationStyle).toBe('numbered');
    expect(read({ KB_CITATION_STYLE: 'author-year' }).citationStyle).toBe('author-year');
    expect(outputSettings(read({ KB_CITATION_STYLE: 'author-year' }))).toContain('citationStyle=author-year');
    expect(() => read({ KB_CITATION_STYLE: 'apa' })).toThrow(
      'KB_CITATION_STYLE="apa": is numbered ([1]) or author-year ((Vaswani et al., 2017)); for example KB_CITATION_STYLE=author-year',
    );
  });

  it('refuse invalid values, naming the variable, the value and a valid example', () => {
    expect(() => read({ KB_BASE: 'kb/' })).toThrow(
      'KB_BASE="kb/": the base path must start with /; for example KB_BASE=/kb/',
    );
    expect(() => read({ KB_CONTENT_DIR: '/no/such/folder' })).toThrow(
      /KB_CONTENT_DIR="\/no\/such\/folder": there is no folder .*; for example KB_CONTENT_DIR=/,
    );
    expect(() => read({ KB_UI_LANG: 'fr' })).toThrow(
      'KB_UI_LANG="fr": the UI languages are zh and en; for example KB_UI_LANG=en',
    );
    expect(() => read({ KB_SITE_URL: 'example.org' })).toThrow(/KB_SITE_URL="example\.org": is not a URL/);
    expect(() => read({ KB_SITE_URL: 'https://user.github.io/repo' })).toThrow(/put the path \/repo in KB_BASE/);
    expect(() => read({ KB_SEARCH: 'maybe' })).toThrow(/KB_SEARCH="maybe": must be 1 or 0/);
    expect(() => read({ KB_VALIDATE_LIMIT: '-1' })).toThrow(/KB_VALIDATE_LIMIT="-1": must be a whole number/);
  });

  it('turn comments on only when asked, with every id Giscus needs', () => {
    expect(read({}).comments).toBeUndefined();
    expect(read({ KB_COMMENTS: '0' }).comments).toBeUndefined();
    const giscus = {
      KB_COMMENTS: 'giscus',
      KB_GISCUS_REPO: 'owner/notes',
      KB_GISCUS_REPO_ID: 'R_1',
      KB_GISCUS_CATEGORY: 'Comments',
      KB_GISCUS_CATEGORY_ID: 'DIC_1',
    };
    expect(read(giscus).comments).toEqual({
      repo: 'owner/notes',
      repoId: 'R_1',
      category: 'Comments',
      categoryId: 'DIC_1',
      mapping: 'pathname',
    });
    expect(read({ ...giscus, KB_GISCUS_MAPPING: 'slug' }).comments?.mapping).toBe('slug');
    expect(() => read({ KB_COMMENTS: 'disqus' })).toThrow(
      'KB_COMMENTS="disqus": the comment system is giscus (or 0 for none); for example KB_COMMENTS=giscus',
    );
    expect(() => read({ ...giscus, KB_GISCUS_REPO_ID: '' })).toThrow(
      /KB_COMMENTS=giscus needs KB_GISCUS_REPO_ID .*; for example KB_GISCUS_REPO_ID=R_kgDOExample/,
    );
    expect(() => read({ ...giscus, KB_GISCUS_REPO: 'notes' })).toThrow(
      /KB_GISCUS_REPO="notes": is a GitHub repository/,
    );
    expect(outputSettings(read(giscus)).find((line) => line.startsWith('comments='))).toContain('owner/notes');
  });

  it('read the publishing settings: repository, branch, feed size', () => {
    expect(read({})).toMatchObject({ repoUrl: undefined, repoBranch: 'main', feedSize: 20 });
    const settings = read({
      KB_REPO_URL: 'https://github.com/you/ml-kb.git/',
      KB_REPO_BRANCH: 'pages',
      KB_FEED_SIZE: '5',
    });
    expect(settings).toMatchObject({ repoUrl: 'https://github.com/you/ml-kb', repoBranch: 'pages', feedSize: 5 });
    expect(() => read({ KB_REPO_URL: 'github.com/you/ml-kb' })).toThrow(
      'KB_REPO_URL="github.com/you/ml-kb": is not a URL; for example KB_REPO_URL=https://github.com/you/ml-kb',
    );
    expect(() => read({ KB_REPO_URL: 'https://github.com/you' })).toThrow(/owner and name only/);
    expect(() => read({ KB_FEED_SIZE: '0' })).toThrow(/KB_FEED_SIZE="0": is the number of entries per feed, 1 or more/);
    expect(() => read({ KB_REPO_BRANCH: 'a b' })).toThrow(/KB_REPO_BRANCH="a b"/);
  });

  it('list what changes the output, and nothing else of the environment', () => {
    const lines = outputSettings(read({ KB_BASE: '/kb/', KB_VALIDATE_LIMIT: '0' }));
    expect(lines).toContain('base=/kb/');
    expect(lines.some((line) => line.startsWith('validateLimit'))).toBe(false);
  });

  it('build child environments from this one', () => {
    expect(childEnv({ KB_BASE: '/x/' }).KB_BASE).toBe('/x/');
    expect('KB_BASE' in childEnv({ KB_BASE: undefined })).toBe(false);
  });
});

describe('one reader of the environment', () => {
  it('no file outside src/settings.ts and the tests reads process.env', () => {
    const readers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        // scripts/bench/baseline is the bare Astro project we are measured against, not ours.
        if (entry.isDirectory()) {
          if (rel !== 'scripts/bench/baseline') walk(rel);
        } else if (
          /\.(ts|mts|mjs|js|astro)$/.test(entry.name) &&
          fs.readFileSync(path.join(repo, rel), 'utf8').includes('process.env')
        )
          readers.push(rel);
      }
    };
    for (const dir of ['src', 'scripts']) walk(dir);
    for (const file of ['astro.config.mjs', 'playwright.config.ts', 'vitest.config.ts']) {
      if (fs.readFileSync(path.join(repo, file), 'utf8').includes('process.env')) readers.push(file);
    }
    expect(readers).toEqual(['src/settings.ts']);
  });
});
