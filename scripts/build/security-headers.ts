/**
 * The security headers are a checked-in file, public/_headers, which Astro copies into the
 * build. This checks the built site against it: the file is there with a
 * Content-Security-Policy, and every inline script on every page is allowed by a hash in
 * script-src. A new or changed inline script fails the build with the hash to add (or,
 * better, move the code into a module under src/client/).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { commentsPolicy } from '../../src/lib/comments.ts';
import {
  formatHeadersFile,
  parseHeadersFile,
  sitePolicy,
  withFolderPolicy,
  type HeaderRule,
} from '../../src/lib/headers-file.ts';
import type { Settings } from '../../src/settings.ts';
import type { Problem } from '../../src/lib/problems.ts';
import { htmlFiles } from './pages.ts';

export const scriptHash = (code: string): string =>
  `'sha256-${crypto.createHash('sha256').update(code).digest('base64')}'`;

/**
 * The inline <script> elements of a page, as a browser sees them: a tag scanner that skips
 * quoted attribute values, where a title such as "<script>…" is only text.
 */
export function* inlineScriptBodies(html: string): Generator<string> {
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
    for (let quote: string | null = null; end < html.length; end++) {
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
export function inlineScripts(siteDir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of htmlFiles(siteDir)) {
    for (const body of inlineScriptBodies(fs.readFileSync(file, 'utf8'))) {
      if (!body.trim()) continue;
      const hash = scriptHash(body);
      found.set(hash, [...(found.get(hash) ?? []), path.relative(siteDir, file)]);
    }
  }
  return found;
}

const headersProblem = (message: string, fix: string, root = process.cwd()): Problem => ({
  file: path.join(root, 'public/_headers'),
  severity: 'error',
  rule: 'headers/csp',
  message,
  fix,
});

/** Problems with the built site's security headers; empty when all is well. */
export function checkSecurityHeaders(siteDir: string): Problem[] {
  const file = path.join(siteDir, '_headers');
  if (!fs.existsSync(file))
    return [
      headersProblem(
        '_headers is missing from the build',
        'public/_headers should have been copied into the build: restore it',
      ),
    ];
  const rules = parseHeadersFile(fs.readFileSync(file, 'utf8'));
  const policies = rules.flatMap((rule) =>
    rule.headers.filter(([name]) => name.toLowerCase() === 'content-security-policy').map(([, value]) => value),
  );
  if (policies.length === 0)
    return [headersProblem('public/_headers has no Content-Security-Policy for /*', 'add one under the /* rule')];
  const directiveOf = (policy: string, name: string) =>
    policy
      .split(';')
      .map((directive) => directive.trim())
      .find((directive) => directive.split(/\s+/)[0] === name) ?? '';
  const scriptSources = [...new Set(policies.map((policy) => directiveOf(policy, 'script-src')))];
  const problems: Problem[] = [];
  if (
    policies.some((policy) =>
      /'unsafe-inline'/.test(`${directiveOf(policy, 'style-src')} ${directiveOf(policy, 'style-src-elem')}`),
    )
  ) {
    problems.push(
      headersProblem(
        `style-src must not allow 'unsafe-inline': an article could add a <style> that restyles every page`,
        "keep style-src 'self' and allow only attributes: style-src-attr 'unsafe-inline'",
      ),
    );
  }
  for (const scriptSrc of scriptSources.filter((source) => /'unsafe-inline'|'unsafe-eval'/.test(source))) {
    problems.push(
      headersProblem(
        `script-src must not allow 'unsafe-inline' or 'unsafe-eval' (${scriptSrc})`,
        'remove them; move inline code into a module under src/client/',
      ),
    );
  }
  for (const [hash, pages] of inlineScripts(siteDir)) {
    if (!scriptSources.every((scriptSrc) => scriptSrc.split(/\s+/).includes(hash))) {
      problems.push({
        file: '',
        page: `/${pages[0]!.split(path.sep).join('/')}`,
        severity: 'error',
        rule: 'headers/inline-script',
        message: `an inline script that the Content-Security-Policy blocks${pages.length > 1 ? ` (and on ${pages.length - 1} other page(s))` : ''}`,
        fix: `move it into a module under src/client/, or add ${hash} to script-src in public/_headers`,
      });
    }
  }
  return problems;
}

/** For tools that build with Astro directly: make sure the built site has the headers file. */
export function writeSecurityHeaders(siteDir: string, root: string): void {
  const target = path.join(siteDir, '_headers');
  if (!fs.existsSync(target)) fs.copyFileSync(path.join(root, 'public/_headers'), target);
}

/**
 * With comments on (KB_COMMENTS), article pages allow the comment widget's frame and no
 * other page does: the built site's _headers gets a policy per top-level folder, the
 * articles' one with the widget's origin (src/lib/headers-file.ts says why not two rules).
 */
export function writeCommentsHeaders(siteDir: string, settings: Settings): void {
  const file = path.join(siteDir, '_headers');
  if (!settings.comments || !fs.existsSync(file)) return;
  const rules: HeaderRule[] = parseHeadersFile(fs.readFileSync(file, 'utf8'));
  const site = sitePolicy(rules);
  if (site === undefined) return;
  const entries = fs
    .readdirSync(siteDir, { withFileTypes: true })
    .map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
  const split = withFolderPolicy(rules, entries, settings.base, 'articles', commentsPolicy(site));
  const note = [
    'Written by the build from public/_headers (scripts/build/security-headers.ts): comments are',
    'on (KB_COMMENTS), so article pages allow the comment widget and no other page does.',
  ].join('\n');
  fs.writeFileSync(file, formatHeadersFile(split, note));
}
