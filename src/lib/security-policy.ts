/**
 * The Content-Security-Policy lives in one place, public/_headers, which static hosts send
 * as a header. Hosts that ignore the file (GitHub Pages, a plain file server) get it from
 * a <meta> instead; a <meta> cannot carry frame-ancestors (browsers ignore it there and
 * say so on the console), so that directive is left out.
 */
import fs from 'node:fs';
import path from 'node:path';

export function metaPolicyFromHeaders(headersText: string): string | undefined {
  const line = headersText.split('\n').find((text) => /^\s+Content-Security-Policy:/.test(text));
  if (!line) return undefined;
  return line
    .replace(/^\s+Content-Security-Policy:\s*/, '')
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !/^(frame-ancestors|report-uri|report-to|sandbox)\b/.test(directive))
    .join('; ');
}

let cached: string | undefined | null = null;

/** The policy for the <meta>, read once per build from public/_headers. */
export function metaContentSecurityPolicy(): string | undefined {
  if (cached === null) {
    const file = path.resolve('public/_headers');
    cached = fs.existsSync(file) ? metaPolicyFromHeaders(fs.readFileSync(file, 'utf8')) : undefined;
  }
  return cached;
}
