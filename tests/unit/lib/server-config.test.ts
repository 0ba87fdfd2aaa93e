import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployFiles } from '../../../scripts/deploy-config.ts';
import { headersFor, parseHeadersFile } from '../../../src/lib/headers-file.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const rules = parseHeadersFile(fs.readFileSync(path.join(repo, 'public/_headers'), 'utf8'));
const PATHS = [
  '/',
  '/articles/rope/',
  '/articles/rope/index.md',
  '/_astro/page.a1b2.js',
  '/_kb/assets/x.png',
  '/_kb/cards/y.png',
  '/404.html',
];
const unquote = (value: string) => value.replace(/^"|"$/g, '').replace(/\\"/g, '"').replace(/\\\\/g, '\\');

/** The headers nginx sends for a path, read from the config by nginx's own rules. */
function nginxHeaders(config: string, urlPath: string): Record<string, string> {
  const server: Record<string, string> = {};
  const locations: { prefix: string; regex: boolean; headers: Record<string, string> }[] = [];
  let current: (typeof locations)[number] | undefined;
  for (const line of config.split('\n').map((text) => text.trim())) {
    const location = /^location (\^~ |~\* )?(\S+) \{$/.exec(line);
    if (location) {
      current = { prefix: location[2]!, regex: location[1] === '~* ', headers: {} };
      locations.push(current);
    } else if (line === '}') current = undefined;
    const header = /^add_header (\S+) (".*") always;$/.exec(line);
    if (header) (current?.headers ?? server)[header[1]!] = unquote(header[2]!);
  }
  // ^~ prefixes win over regexes, regexes over plain prefixes; the longest prefix among them.
  const prefixes = locations
    .filter((l) => !l.regex && urlPath.startsWith(l.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const regex = locations.find((l) => l.regex && new RegExp(l.prefix.replace(/\\\\/g, '\\'), 'i').test(urlPath));
  const chosen =
    prefixes[0] && config.includes(`location ^~ ${prefixes[0].prefix} `) ? prefixes[0] : (regex ?? prefixes[0]);
  // A location with add_header of its own forgets the server's.
  return chosen && Object.keys(chosen.headers).length > 0 ? chosen.headers : server;
}

/** The headers Caddy sends: the site-wide block plus every matching path matcher's. */
function caddyHeaders(config: string, urlPath: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const matchers = new Map<string, string>();
  let block: string | undefined;
  for (const line of config.split('\n').map((text) => text.trim())) {
    const matcher = /^(@\w+) path (\S+)$/.exec(line);
    if (matcher) matchers.set(matcher[1]!, matcher[2]!);
    const open = /^header(?: (@\w+))? \{$/.exec(line);
    if (open) block = open[1] ?? '*';
    else if (line === '}') block = undefined;
    else if (block) {
      const pattern = block === '*' ? '*' : matchers.get(block)!;
      const header = /^(\S+) (".*")$/.exec(line);
      if (header && (pattern === '*' || urlPath.startsWith(pattern.replace(/\*$/, ''))))
        headers[header[1]!] = unquote(header[2]!);
    }
  }
  return headers;
}

describe('deploy configurations generated from public/_headers', () => {
  const files = deployFiles(repo, '/');

  it('are the files in deploy/ (run npm run deploy-config after changing public/_headers)', () => {
    for (const [name, text] of Object.entries(files))
      expect(fs.readFileSync(path.join(repo, name), 'utf8'), name).toBe(text);
  });

  for (const urlPath of PATHS) {
    it(`nginx and Caddy send ${urlPath} the headers _headers gives it`, () => {
      const expected = headersFor(rules, urlPath);
      expect(Object.keys(expected)).toContain('Content-Security-Policy');
      expect(nginxHeaders(files['deploy/nginx.conf']!, urlPath)).toEqual(expected);
      expect(caddyHeaders(files['deploy/Caddyfile']!, urlPath)).toEqual(expected);
    });
  }

  it('hashed files are cached for a year, pages are not', () => {
    expect(nginxHeaders(files['deploy/nginx.conf']!, '/_astro/page.a1b2.js')['Cache-Control']).toMatch(/immutable/);
    expect(nginxHeaders(files['deploy/nginx.conf']!, '/articles/rope/')['Cache-Control']).toBeUndefined();
  });

  it('serve the 404 page and the base path', () => {
    const kb = deployFiles(repo, '/kb/');
    expect(kb['deploy/nginx.conf']).toContain('error_page 404 /kb/404.html;');
    expect(kb['deploy/nginx.conf']).toContain('location ^~ /kb/_astro/ {');
    expect(kb['deploy/Caddyfile']).toContain('rewrite @notFound /kb/404.html');
    expect(caddyHeaders(kb['deploy/Caddyfile']!, '/kb/_kb/cards/a.png')['Cache-Control']).toMatch(/immutable/);
    expect(nginxHeaders(kb['deploy/nginx.conf']!, '/kb/_astro/a.js')).toEqual(headersFor(rules, '/_astro/a.js'));
  });
});
