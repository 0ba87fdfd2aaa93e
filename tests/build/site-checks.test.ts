/**
 * The checks every build runs on its output (scripts/build/site-checks.ts,
 * html-validation.ts and security-headers.ts), on tiny hand-written sites: each problem is
 * found and said plainly, and a good site passes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateHtml, withoutKatexInternals } from '../../scripts/build/html-validation.ts';
import { checkSecurityHeaders, inlineScriptBodies, scriptHash } from '../../scripts/build/security-headers.ts';
import { checkSite } from '../../scripts/build/site-checks.ts';
import { formatProblem, type Problem } from '../../src/lib/problems.ts';
import { themeBootScript } from '../../src/client/theme-boot.ts';
import { repoRoot } from './build-fixture.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function site(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-site-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const text = (problems: Problem[]) => problems.map((problem) => `${formatProblem(problem).split('\n')[0]}`);

const page = (title: string, body = '', head = '') =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="description" content="d"><link rel="canonical" href="https://example.org/">${head}</head><body><main>${body}</main></body></html>`;

describe('links, titles, descriptions, canonical URLs, other origins', () => {
  it('passes a good site', () => {
    const dir = site({
      'index.html': page('Home', '<h2 id="a">A</h2><a href="/b/#b">b</a>'),
      'b/index.html': page('B', '<h2 id="b">B</h2><a href="/#a">a</a>'),
    });
    expect(checkSite(dir, '/').problems).toEqual([]);
  });

  it('finds broken links and anchors, and names the article source line', () => {
    const dir = site({
      'index.html': page('Home', '<a href="/nowhere/">x</a>'),
      'b/index.html': page('B', '<h2 id="real">R</h2><a href="/#gone">y</a>'),
    });
    const source = { file: path.join(dir, 'src.md'), links: [{ href: '/#gone', line: 2, column: 1 }] };
    const { problems } = checkSite(dir, '/', new Map([['/b/', source]]));
    expect(problems).toHaveLength(2);
    expect(text(problems)).toEqual(
      expect.arrayContaining([
        '/ — broken link "/nowhere/": there is no page at /nowhere/',
        expect.stringMatching(/src\.md:2:1 — link "\/#gone" points at #gone, which \/ does not have \(on \/b\/\)/),
      ]),
    );
  });

  it('finds duplicate titles, missing descriptions and canonical links, and loads from other origins', () => {
    const dir = site({
      'index.html': page('Same'),
      'a/index.html': page('Same'),
      'b/index.html':
        '<!DOCTYPE html><html lang="en"><head><title>B</title></head><body><script src="https://cdn.example.com/x.js"></script></body></html>',
    });
    const { problems } = checkSite(dir, '/');
    expect(problems).toHaveLength(4);
    expect(text(problems)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/(a\/)? — same <title> as \/(a\/)?: "Same"$/),
        '/b/ — no description meta (or an empty one)',
        '/b/ — no canonical link',
        '/b/ — loads https://cdn.example.com/x.js from another origin',
      ]),
    );
  });

  it('checks links against the base path', () => {
    const dir = site({ 'index.html': page('Home', '<a href="/elsewhere/">x</a><a href="/kb/">home</a>') });
    expect(text(checkSite(dir, '/kb/').problems)).toEqual(['/kb/ — link "/elsewhere/" leaves the base path /kb/']);
  });
});

describe('HTML validation with .htmlvalidate.json', () => {
  it('passes valid pages and reports invalid ones with file, line and rule', async () => {
    const dir = site({
      'index.html': page('Home', '<p>ok</p>'),
      'bad/index.html': page('Bad', '<div id="x"></div><span id="x"><div>block in inline</div></span>'),
    });
    const options = {
      configFile: path.join(repoRoot, '.htmlvalidate.json'),
      cacheFile: path.join(dir, 'cache.json'),
      limit: 0,
      base: '/',
    };
    const { problems } = await validateHtml(dir, options);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((problem) => problem.page !== '/bad/' || problem.line !== 1)).toEqual([]);
    expect(problems.map((problem) => problem.rule)).toContain('html/no-dup-id');
  });

  it("inside an article's body only a duplicate id is an error; in the site's templates every rule is", async () => {
    const dir = site({
      'a/index.html': page(
        'A',
        '<span><div>template block in inline</div></span><div class="prose"><span><div>author block in inline</div></span><p id="d">x</p><p id="d">y</p></div>',
      ),
    });
    const options = {
      configFile: path.join(repoRoot, '.htmlvalidate.json'),
      cacheFile: path.join(dir, 'cache.json'),
      limit: 0,
      base: '/',
    };
    const { problems } = await validateHtml(dir, options);
    const summary = problems.map((problem) => [
      problem.rule,
      problem.severity,
      problem.message.startsWith("in the article's HTML"),
    ]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['html/element-permitted-content', 'error', false],
        ['html/element-permitted-content', 'warning', true],
        ['html/no-dup-id', 'error', true],
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('leaves KaTeX internals out, and keeps the rest', () => {
    expect(
      withoutKatexInternals('a<span class="katex"><span>x<span>y</span></span></span>b<span class="katex"></span>c'),
    ).toBe('a<span class="katex">x</span>b<span class="katex">x</span>c');
  });
});

describe('Content-Security-Policy', () => {
  const headers = fs.readFileSync(path.join(repoRoot, 'public/_headers'), 'utf8');

  it('public/_headers allows the theme boot script by its hash, and no inline script otherwise', () => {
    expect(headers).toContain(scriptHash(themeBootScript));
    const scriptSrc = /Content-Security-Policy:.*?script-src ([^;]*)/.exec(headers)?.[1] ?? '';
    expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(scriptSrc).toContain("'wasm-unsafe-eval'");
  });

  it('allows style attributes (KaTeX, Shiki) but no inline style sheets', () => {
    const policy = /Content-Security-Policy: (.*)/.exec(headers)?.[1] ?? '';
    expect(policy).toMatch(/style-src 'self';/);
    expect(policy).toMatch(/style-src-attr 'unsafe-inline'/);
    const loose = headers.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
    const dir = site({ _headers: loose, 'index.html': page('Home', '', `<script>${themeBootScript}</script>`) });
    expect(checkSecurityHeaders(dir).map((problem) => problem.message)).toEqual([
      expect.stringMatching(/style-src must not allow 'unsafe-inline'/),
    ]);
  });

  it('passes a site whose only inline script is the boot script', () => {
    const dir = site({ _headers: headers, 'index.html': page('Home', '', `<script>${themeBootScript}</script>`) });
    expect(checkSecurityHeaders(dir)).toEqual([]);
  });

  it('fails on an inline script the policy does not allow, with the hash to add', () => {
    const dir = site({ _headers: headers, 'index.html': page('Home', '<script>alert(1)</script>') });
    expect(checkSecurityHeaders(dir).map(formatProblem)).toEqual([
      expect.stringMatching(
        /^\/index\.html — an inline script that the Content-Security-Policy blocks\n\s+fix: .*add 'sha256-[^']+' to script-src in public\/_headers/,
      ),
    ]);
  });

  it('does not mistake markup inside an attribute value for a script', () => {
    expect([
      ...inlineScriptBodies(
        '<meta content="<script>alert(1)</script>"><script src="/a.js"></script><script>x()</script>',
      ),
    ]).toEqual(['x()']);
  });
});
