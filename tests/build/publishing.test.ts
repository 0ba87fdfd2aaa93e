/**
 * The publishing settings and frontmatter on a small library (tests/fixtures/publishing),
 * built under /kb/ on another site URL with KB_FEED_SIZE=2: feeds hold the newest two with
 * absolute URLs of that site and base; `translations:` links both versions both ways; an
 * article with `noindex: true` is published but kept out of /llms.txt, the Markdown copies
 * and the sitemap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, removeBuild, type FixtureBuild } from './build-fixture.ts';

const SITE = 'https://notes.example.net/kb/';
let build: FixtureBuild;
const file = (name: string) => fs.readFileSync(path.join(build.outDir, name), 'utf8');
const exists = (name: string) => fs.existsSync(path.join(build.outDir, name));

beforeAll(async () => {
  build = await buildFixtures(['publishing'], {
    env: { KB_BASE: '/kb/', KB_SITE_URL: 'https://notes.example.net', KB_FEED_SIZE: '2' },
  });
});
afterAll(() => removeBuild(build));

describe('publishing', () => {
  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('feeds hold the newest KB_FEED_SIZE entries, with the site URL and the base path', () => {
    const feed = parseFeed(file('rss.xml'));
    expect(feed.items.map((item) => item.url)).toEqual([
      `${SITE}articles/private-notes/`,
      `${SITE}articles/softmax-en/`,
    ]);
    const tagFeed = parseFeed(file('tags/softmax/rss.xml'));
    expect(tagFeed.items).toHaveLength(2);
    expect(tagFeed.self).toBe(`${SITE}tags/softmax/rss.xml`);
  });

  it('translations: links each version to the other, with hreflang alternates on both', () => {
    const zh = file('articles/softmax-zh/index.html');
    const en = file('articles/softmax-en/index.html');
    expect(zh).toMatch(
      /<a class="language-switch" href="\/kb\/articles\/softmax-en\/" hreflang="en" lang="en"[^>]*>Read in English<\/a>/,
    );
    expect(en).toMatch(
      /<a class="language-switch" href="\/kb\/articles\/softmax-zh\/" hreflang="zh-CN" lang="zh-CN"[^>]*>阅读中文版<\/a>/,
    );
    for (const html of [zh, en]) {
      expect(html).toContain(`<link rel="alternate" hreflang="zh-CN" href="${SITE}articles/softmax-zh/">`);
      expect(html).toContain(`<link rel="alternate" hreflang="en" href="${SITE}articles/softmax-en/">`);
    }
    expect(file('articles/private-notes/index.html')).not.toContain('hreflang');
  });

  it('lists each language on its own page', () => {
    expect(file('lang/en/index.html')).toContain('href="/kb/articles/softmax-en/"');
    expect(file('lang/en/index.html')).not.toContain('href="/kb/articles/softmax-zh/"');
    expect(file('lang/zh/index.html')).toContain('href="/kb/articles/softmax-zh/"');
    expect(file('index.html')).toMatch(/<nav class="language-filter"[\s\S]*href="\/kb\/lang\/en\/"/);
  });

  it('noindex: published and marked, but not in /llms.txt, the Markdown copies or the sitemap', () => {
    const page = file('articles/private-notes/index.html');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).not.toContain('index.md');
    expect(exists('articles/private-notes/index.md')).toBe(false);
    expect(exists('articles/softmax-en/index.md')).toBe(true);
    const llms = file('llms.txt');
    expect(llms).toContain(`(${SITE}articles/softmax-en/)`);
    expect(llms).not.toContain('private-notes');
    const sitemap = file('sitemap-0.xml');
    expect(sitemap).toContain(`${SITE}articles/softmax-en/`);
    expect(sitemap).not.toContain('private-notes');
  });
});
