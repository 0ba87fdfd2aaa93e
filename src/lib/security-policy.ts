/**
 * The meta Content-Security-Policy every page carries, from public/_headers (read once per
 * build), so hosts that cannot send headers still enforce the policy. Article pages with
 * comments on (KB_COMMENTS) also allow the comment widget's frame (src/lib/comments.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { settings } from '../settings.ts';
import { commentsPolicy } from './comments.ts';
import { metaPolicy, parseHeadersFile, sitePolicy } from './headers-file.ts';

let cached: string | undefined | null = null;

/** The site-wide policy of public/_headers, or undefined when there is none. */
export function headersFilePolicy(): string | undefined {
  if (cached === null) {
    const file = path.join(settings.root, 'public/_headers');
    cached = fs.existsSync(file) ? sitePolicy(parseHeadersFile(fs.readFileSync(file, 'utf8'))) : undefined;
  }
  return cached;
}

/** The policy of an article page: the site's, plus the comment widget when comments are on. */
export function articlePolicy(): string | undefined {
  const policy = headersFilePolicy();
  return policy !== undefined && settings.comments ? commentsPolicy(policy) : policy;
}

export function metaContentSecurityPolicy(page: 'site' | 'article' = 'site'): string | undefined {
  const policy = page === 'article' ? articlePolicy() : headersFilePolicy();
  return policy === undefined ? undefined : metaPolicy(policy);
}
