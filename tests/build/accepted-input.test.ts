/**
 * Input that must just work (a BOM, CRLF line endings, prices in dollars) or only warn
 * (a date in the future, an unknown code language). One build holds all of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, removeBuild, type FixtureBuild } from './build-fixture.ts';

let build: FixtureBuild;
const page = (urlPath: string) => fs.readFileSync(path.join(build.outDir, urlPath, 'index.html'), 'utf8');
const prose = (html: string) =>
  /<div class="prose"[^>]*>([\s\S]*?)<\/div>\s*(?:<footer class="article-history"|<section class="references"|<div class="crossref-previews"|<\/article>)/.exec(
    html,
  )?.[1] ?? '';
/** The report's warning entries (first line and fix), as the author sees them. */
const warnings = () => build.messages.split(/\n(?= {2}[✗⚠] )/).filter((entry) => entry.trimStart().startsWith('⚠'));

beforeAll(async () => {
  build = await buildFixtures([
    'frontmatter-bom',
    'frontmatter-crlf',
    'frontmatter-future-date',
    'tex-currency-dollar',
    'unknown-code-language',
    'frontmatter-no-title',
    'frontmatter-tags-string',
    'no-frontmatter',
    'old-addresses',
    'no-paragraph',
  ]);
});
afterAll(() => removeBuild(build));

describe('input that is accepted', () => {
  it('builds, replaces the previous output and leaves the content folder as it was', () => {
    expect(build.status, build.output).toBe(0);
    expect(build.contentUnchanged).toBe(true);
    expect(build.lastGoodKept).toBe(false);
    expect(fs.existsSync(path.join(build.outDir, 'articles/bom/index.html'))).toBe(true);
    expect(build.leftovers).toEqual([]);
  });

  it('BOM at the start of the file: the frontmatter is read and no BOM reaches the page', () => {
    const html = page('articles/bom');
    expect(html).toMatch(/<h1[^>]*>Saved with a byte-order mark<\/h1>/);
    expect(html).toContain('href="/tags/bom/"');
    expect(html).not.toContain('\uFEFF');
    expect(prose(html)).toMatch(/<h2 id="bom-heading">BOM heading</);
    expect(prose(html)).not.toContain('---');
  });

  it('CRLF line endings: frontmatter, headings, math and code all render', () => {
    const html = page('articles/crlf');
    expect(html).toMatch(/<h1[^>]*>Saved with CRLF line endings<\/h1>/);
    expect(prose(html)).toMatch(/<h2 id="crlf-heading">CRLF heading</);
    expect(prose(html)).toContain('class="katex"');
    expect(prose(html)).toContain('math-display');
    expect(prose(html)).toMatch(/data-language="python"/);
    expect(html).not.toContain('\r');
  });

  it('date in the future: warns with the file, the line and what to do, and publishes', () => {
    expect(warnings().join('\n')).toMatch(
      /articles\/future-date\.md:3 — date 2999-01-01 is in the future; [\s\S]*fix: .*set\s+draft: true/,
    );
    expect(page('articles/future-date')).toMatch(/<h1[^>]*>Written ahead of time<\/h1>/);
  });

  it('$ as a currency sign renders as text, not math, on the page and in listings', () => {
    const body = prose(page('articles/currency-dollar'));
    expect(body).toContain('The API costs $5 per million tokens, and the bigger model costs $20 per million.');
    expect(body).toContain('it cost $5.');
    expect(body).not.toContain('katex');
    const home = fs.readFileSync(path.join(build.outDir, 'index.html'), 'utf8');
    const card =
      /<article class="article-card"[^>]*>(?:(?!<\/article>)[\s\S])*Prices in dollars[\s\S]*?<\/article>/.exec(
        home,
      )?.[0] ?? '';
    expect(card).toContain('$5 per million tokens');
    expect(card).not.toContain('katex');
  });

  it('unknown code language: warns with the line and renders the block as plain text', () => {
    expect(warnings().join('\n')).toMatch(
      /articles\/unknown-code-language\.md:9:1 — unknown code language "brainfork"; it is shown as plain text/,
    );
    const body = prose(page('articles/unknown-code-language'));
    const text = body
      .replace(/<[^>]+>/g, '')
      .replace(/&#x3C;|&lt;/g, '<')
      .replace(/&gt;/g, '>');
    expect(text).toContain('+++[>++<-]>.');
    expect(body).toMatch(/<pre[^>]*data-language="plaintext"/);
    expect(body).not.toContain('--shiki-light:');
  });

  it('frontmatter without a title: the file name is the title, with no problem reported', () => {
    expect(page('articles/no-title')).toMatch(/<h1[^>]*>no-title<\/h1>/);
    expect(build.messages).not.toMatch(/no-title\.md:\d/);
  });

  it('tags written as one string (Jekyll): split into tags, with no problem reported', () => {
    const html = page('articles/tags-string');
    expect(html).toContain('href="/tags/attention/"');
    expect(html).toContain('href="/tags/rope/"');
    expect(build.messages).not.toMatch(/tags-string\.md:\d/);
  });

  it('no frontmatter, a Chinese folder with a README: the folder names the URL, the heading is the title, shown once', () => {
    const html = page('articles/第一章-数据');
    expect(html).toMatch(/<h1[^>]*>第一章：数据与记号<\/h1>/);
    expect(prose(html)).not.toContain('第一章：数据与记号');
    expect(prose(html)).toContain('class="katex"');
    // The fixture folder is not in git here: the date comes from the file, with one warning.
    expect(warnings().join('\n')).toMatch(
      /第一章 数据\/README\.md:1 — no date: the article is dated by the file's modification time/,
    );
  });

  it('a note without a paragraph is described by its first list item; one of code only by its title', () => {
    const description = (html: string) => /<meta name="description" content="([^"]*)"/.exec(html)?.[1];
    expect(description(page('articles/链接索引'))).toBe('第一项：从这里开始读');
    expect(description(page('articles/only-code'))).toBe('只有代码的笔记');
    expect(build.messages).not.toMatch(/no description/);
  });

  it('a file name with spaces, dots and brackets; Jekyll tags; a relative link to README.md', () => {
    const html = page('articles/6-4-wip-偏好');
    expect(html).toMatch(/<h1[^>]*>6\.4 偏好对齐（草稿）<\/h1>/);
    expect(html).toContain('href="/tags/alignment/">#Alignment</a>');
    expect(prose(html)).toContain('<a href="/articles/第一章-数据/">上一节</a>');
  });

  it("old addresses (permalink, redirect_from, Hugo's aliases) are pages that send the reader on", () => {
    for (const old of ['2018/06/24/moved-post.html', 'blog/moved/index.html', 'posts/old-name/index.html']) {
      const html = fs.readFileSync(path.join(build.outDir, old), 'utf8');
      expect(html, old).toContain(
        '<meta http-equiv="refresh" content="0; url=https://ml-kb.example.org/articles/moved-post/">',
      );
      expect(html, old).toContain('<link rel="canonical" href="https://ml-kb.example.org/articles/moved-post/">');
      expect(html, old).toContain('<a href="/articles/moved-post/">A post that moved</a>');
    }
  });

  it('remote images and https embeds render, their origins allowed by the policy, listed once', () => {
    const html = page('articles/moved-post');
    expect(html).toContain('src="https://images.example.org/chart.png"');
    expect(html).toContain('<iframe src="https://video.example.org/embed/42"');
    const headers = fs.readFileSync(path.join(build.outDir, '_headers'), 'utf8');
    expect(headers).toMatch(/img-src 'self' data: https:\/\/images\.example\.org;/);
    expect(headers).toMatch(/frame-src https:\/\/video\.example\.org/);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="[^"]*img-src 'self' data: https:\/\/images\.example\.org/,
    );
    expect(
      warnings().filter((entry) => entry.includes('site/remote-origins') || entry.includes('other sites')),
    ).toHaveLength(1);
  });
});
