/**
 * History from git, built three ways from tests/fixtures/history: as a repository with
 * dated commits (one a rename), as a shallow clone of it, and as a folder that is not a
 * repository at all. The first shows "last updated" and the revisions, the second falls
 * back to the frontmatter with exactly one warning, the third just builds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, removeBuild, type FixtureBuild } from './build-fixture.ts';

const REPO_URL = 'https://github.com/you/notes';
const env = { KB_REPO_URL: REPO_URL };

function git(cwd: string, args: string[], date?: string): string {
  return execFileSync('git', ['-c', 'user.name=Author', '-c', 'user.email=author@example.org', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
  });
}

/** Turns a content folder into a repository: edited.md is written, edited, then moved. */
function commitHistory(dir: string): void {
  git(dir, ['init', '-q', '-b', 'main']);
  const article = (name: string) => path.join(dir, 'articles', name);
  const commit = (message: string, date: string, files: string[]) => {
    git(dir, ['add', ...files]);
    git(dir, ['commit', '-q', '-m', message], date);
  };
  const final = fs.readFileSync(article('edited.md'), 'utf8');
  fs.writeFileSync(article('edited.md'), final.replace('three commits', 'one commit'));
  commit('First draft of <b>edited</b>', '2025-03-01T10:00:00+08:00', ['articles/edited.md']);
  fs.writeFileSync(article('edited.md'), final);
  commit('Second pass: the derivation', '2025-04-02T10:00:00+08:00', ['articles/edited.md']);
  commit('Pinned article', '2025-06-01T10:00:00+08:00', ['articles/pinned.md']);
  fs.mkdirSync(article('moved'));
  git(dir, ['mv', 'articles/edited.md', 'articles/moved/edited.md']);
  commit('Move into a folder', '2025-05-03T10:00:00+08:00', ['articles/moved/edited.md']);
}

const page = (build: FixtureBuild, slug: string) =>
  fs.readFileSync(path.join(build.outDir, 'articles', slug, 'index.html'), 'utf8');
const updatedOf = (html: string) => /class="article-updated"[^>]*>[^<]*<time datetime="([^"]+)"/.exec(html)?.[1];
const warningsOf = (build: FixtureBuild) => build.messages.split('\n').filter((line) => /^\s*⚠ /.test(line));

let full: FixtureBuild;
let shallow: FixtureBuild;
let plain: FixtureBuild;
const clones: string[] = [];

beforeAll(async () => {
  full = await buildFixtures(['history'], { env, prepare: commitHistory });
  shallow = await buildFixtures(['history'], {
    env,
    prepare: (contentDir) => {
      const origin = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-history-origin-'));
      clones.push(origin);
      fs.cpSync(contentDir, origin, { recursive: true });
      commitHistory(origin);
      fs.rmSync(contentDir, { recursive: true });
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, contentDir]);
    },
  });
  plain = await buildFixtures(['history'], { env });
}, 300_000);
afterAll(() => {
  for (const build of [full, shallow, plain]) if (build) removeBuild(build);
  for (const dir of clones) fs.rmSync(dir, { recursive: true, force: true });
});

describe('history from a git repository', () => {
  it('builds without warnings', () => {
    expect(full.status, full.output).toBe(0);
    expect(warningsOf(full)).toEqual([]);
  });

  it('"last updated" is the last commit that changed the file, across the move', () => {
    expect(updatedOf(page(full, 'edited'))).toBe('2025-05-03');
  });

  it("the frontmatter's updated wins over the commit date", () => {
    expect(updatedOf(page(full, 'pinned'))).toBe('2025-01-15');
  });

  it('lists every commit of the file, newest first, linked, with messages escaped', () => {
    const html = page(full, 'edited');
    const items = [
      ...html.matchAll(/<li><time datetime="([^"]+)">([^<]+)<\/time> <a href="([^"]+)">([^<]*)<\/a><\/li>/g),
    ];
    const hashes = git(full.contentDir, ['log', '--follow', '--format=%H', '--', 'articles/moved/edited.md'])
      .trim()
      .split('\n');
    expect(items.map((item) => [item[2], item[4]])).toEqual([
      ['2025-05-03', 'Move into a folder'],
      ['2025-04-02', 'Second pass: the derivation'],
      ['2025-03-01', 'First draft of &lt;b&gt;edited&lt;/b&gt;'],
    ]);
    expect(items.map((item) => item[3])).toEqual(hashes.map((hash) => `${REPO_URL}/commit/${hash}`));
    expect(html).toContain(`href="${REPO_URL}/edit/main/articles/moved/edited.md"`);
    expect(html).not.toContain('<b>edited</b>');
  });

  it('a file never committed has no history and no edit link', () => {
    const html = page(full, 'untracked');
    expect(updatedOf(html)).toBeUndefined();
    expect(html).not.toContain('article-history');
  });
});

describe('history from a shallow clone', () => {
  it('builds, with one warning that says how to fetch the history', () => {
    expect(shallow.status, shallow.output).toBe(0);
    const warnings = warningsOf(shallow);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/shallow git clone/);
    expect(shallow.messages).toMatch(/fix: fetch the whole history \(git fetch --unshallow/);
  });

  it('falls back to the frontmatter: no dates or revisions from the one commit there', () => {
    expect(updatedOf(page(shallow, 'edited'))).toBeUndefined();
    expect(updatedOf(page(shallow, 'pinned'))).toBe('2025-01-15');
    expect(page(shallow, 'edited')).not.toContain('article-history');
  });
});

describe('a content folder that is not a git repository', () => {
  it('builds without warnings, with the frontmatter dates and no history', () => {
    expect(plain.status, plain.output).toBe(0);
    expect(warningsOf(plain)).toEqual([]);
    expect(updatedOf(page(plain, 'pinned'))).toBe('2025-01-15');
    expect(updatedOf(page(plain, 'edited'))).toBeUndefined();
    expect(page(plain, 'edited')).not.toContain('article-history');
  });
});
