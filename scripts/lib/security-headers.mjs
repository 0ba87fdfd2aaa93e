// The security headers are a checked-in file, public/_headers, which Astro copies into
// the build. This checks the built site against it: the file is there with a
// Content-Security-Policy, and every inline script on every page is allowed by a hash
// in script-src. A new or changed inline script fails the build with the hash to add
// (or, better, move the code into a module under src/scripts/).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { htmlFiles } from './check-site.mjs';

/** `_headers` in the Netlify/Cloudflare format: path pattern lines, then indented headers. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const [name, value] = line.trim().split(/:\s*(.*)/s);
      if (rules.length && name) rules.at(-1).headers[name] = value ?? '';
    }
  }
  return rules;
}

export const scriptHash = (code) => `'sha256-${crypto.createHash('sha256').update(code).digest('base64')}'`;

/**
 * The inline <script> elements of a page, as a browser sees them: a tag scanner that skips
 * quoted attribute values, where a title such as "<script>…" is only text.
 */
export function* inlineScriptBodies(html) {
  let at = 0;
  while ((at = html.indexOf('<', at)) >= 0) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(at, at + 32))?.[1];
    if (!name) {
      at++;
      continue;
    }
    let end = at + name.length + 1;
    for (let quote = null; end < html.length; end++) {
      const char = html[end];
      if (quote) quote = char === quote ? null : quote;
      else if (char === '"' || char === "'") quote = char;
      else if (char === '>') break;
    }
    const tag = html.slice(at, end + 1);
    if (name.toLowerCase() === 'script') {
      const close = html.indexOf('</script>', end);
      const body = html.slice(end + 1, close < 0 ? html.length : close);
      if (!/\ssrc=/.test(tag) && !/\stype="application\/(ld\+)?json"/.test(tag)) yield body;
      at = close < 0 ? html.length : close + '</script>'.length;
      continue;
    }
    at = end + 1;
  }
}

/** Hash of each inline script → the pages it is on. */
export function inlineScripts(siteDir) {
  const found = new Map();
  for (const file of htmlFiles(siteDir)) {
    const html = fs.readFileSync(file, 'utf8');
    for (const body of inlineScriptBodies(html)) {
      if (!body.trim()) continue;
      const hash = scriptHash(body);
      if (!found.has(hash)) found.set(hash, []);
      found.get(hash).push(path.relative(siteDir, file));
    }
  }
  return found;
}

/** Problems with the built site's security headers; empty when all is well. */
export function checkSecurityHeaders(siteDir) {
  const file = path.join(siteDir, '_headers');
  if (!fs.existsSync(file)) return ['_headers is missing: public/_headers should have been copied into the build'];
  const rule = parseHeadersFile(fs.readFileSync(file, 'utf8')).find((candidate) => candidate.pattern === '/*');
  const policy = rule?.headers['Content-Security-Policy'];
  if (!policy) return ['public/_headers has no Content-Security-Policy for /*'];
  const scriptSrc = policy.split(';').map((directive) => directive.trim()).find((directive) => directive.startsWith('script-src')) ?? '';
  const problems = [];
  if (/'unsafe-inline'|'unsafe-eval'/.test(scriptSrc)) problems.push(`public/_headers: script-src must not allow 'unsafe-inline' or 'unsafe-eval' (${scriptSrc})`);
  for (const [hash, pages] of inlineScripts(siteDir)) {
    if (!scriptSrc.split(/\s+/).includes(hash)) {
      problems.push(`${pages[0]}${pages.length > 1 ? ` and ${pages.length - 1} other page(s)` : ''}: an inline script that the Content-Security-Policy blocks; move it into a module under src/scripts/, or add ${hash} to script-src in public/_headers`);
    }
  }
  return problems;
}

/** For scripts that build with Astro directly: make sure the built site has the headers file. */
export function writeSecurityHeaders(siteDir) {
  const target = path.join(siteDir, '_headers');
  if (!fs.existsSync(target)) fs.copyFileSync(path.resolve('public/_headers'), target);
}
