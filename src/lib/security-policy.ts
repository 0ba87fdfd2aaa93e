/**
 * The Content-Security-Policy of the site: public/_headers (read once per build), with the
 * origins articles load images and embeds from added to img-src and frame-src. Hosts that
 * ignore `_headers` (GitHub Pages, a plain file server) get the same policy from a <meta>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { settings } from '../settings.ts';
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

let base: string | undefined | null = null;

/** The policy of public/_headers as written. */
export function basePolicy(): string | undefined {
  if (base === null) {
    const file = path.join(settings.root, 'public/_headers');
    base = fs.existsSync(file) ? sitePolicy(parseHeadersFile(fs.readFileSync(file, 'utf8'))) : undefined;
  }
  return base;
}

/** The policy for the pages' <meta>, with the site's remote origins. */
export function metaContentSecurityPolicy(origins: { images: string[]; frames: string[] }): string | undefined {
  const policy = basePolicy();
  return policy === undefined ? undefined : metaPolicy(withRemoteOrigins(policy, origins));
}
