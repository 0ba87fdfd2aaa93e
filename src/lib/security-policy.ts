/**
 * The Content-Security-Policy of the site: public/_headers (read once per build), with the
 * origins articles load images and embeds from added to img-src and frame-src. Hosts that
 * ignore `_headers` (GitHub Pages, a plain file server) get the same policy from a <meta>.
 * Article pages with comments on (KB_COMMENTS) also allow the comment widget's frame
 * (src/lib/comments.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { settings } from '../settings.ts';
import { commentsPolicy } from './comments.ts';
import { metaPolicy, parseHeadersFile, sitePolicy } from './headers-file.ts';

/** A policy with extra sources for img-src and frame-src (directives created as needed). */
export function withRemoteOrigins(policy: string, origins: { images: string[]; frames: string[] }): string {
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
  const add = (name: string, sources: string[]) => {
    if (sources.length === 0) return;
    const at = directives.findIndex((directive) => directive.split(/\s+/)[0] === name);
    if (at >= 0) directives[at] = [directives[at], ...sources].join(' ');
    else directives.push([name, ...sources].join(' '));
  };
  add('img-src', origins.images);
  add('frame-src', origins.frames);
  return directives.join('; ');
}

let cached: string | undefined | null = null;

/** The site-wide policy of public/_headers as written, or undefined when there is none. */
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

/** The policy for a page's <meta>, with the site's remote origins (src/sources/remote-origins.ts). */
export function metaContentSecurityPolicy(
  page: 'site' | 'article',
  origins: { images: string[]; frames: string[] },
): string | undefined {
  const policy = page === 'article' ? articlePolicy() : headersFilePolicy();
  return policy === undefined ? undefined : metaPolicy(withRemoteOrigins(policy, origins));
}
